import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';

/**
 * Rows of an import file, one at a time, with the line they start on: NDJSON (one JSON object a
 * line) or CSV (a header line naming the columns, RFC 4180 quoting). A row that cannot be read is
 * yielded with its reason, and reading goes on with the next one: invalid UTF-8, broken JSON or CSV
 * quoting, a row longer than `maxRowBytes`, a wrong number of columns.
 */
export type ImportFormat = 'ndjson' | 'csv';

export interface ReadRow {
  /** line the row starts on (1-based; CSV: its last line for a quoted value spanning lines) */
  line: number;
  /** the row's fields by name (values are strings in CSV, any JSON in NDJSON) */
  value?: Record<string, unknown>;
  /** why the row cannot be read */
  error?: string;
}

export const DEFAULT_MAX_ROW_BYTES = 1_000_000;

/** Bytes of the file read so far (for progress). */
export interface ReadCounter {
  bytes: number;
}

export function formatOf(file: string): ImportFormat | null {
  if (/\.(nd)?jsonl?$/i.test(file) || /\.ndjson$/i.test(file)) return 'ndjson';
  if (/\.csv$/i.test(file)) return 'csv';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** NDJSON rows: blank lines are skipped; every other line must be one JSON object. */
export async function* readNdjson(file: string, maxRowBytes = DEFAULT_MAX_ROW_BYTES, read: ReadCounter = { bytes: 0 }): AsyncGenerator<ReadRow> {
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const finish = (): ReadRow | null => {
    line++;
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    size = 0;
    if (tooLong) {
      tooLong = false;
      return { line, error: `the row is longer than ${maxRowBytes} bytes` };
    }
    let text: string;
    try {
      text = utf8.decode(buf);
    } catch {
      return { line, error: 'the row is not valid UTF-8' };
    }
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) return null;
    try {
      const value: unknown = JSON.parse(text);
      if (!isRecord(value)) return { line, error: 'the row is not a JSON object' };
      return { line, value };
    } catch (e) {
      return { line, error: `the row is not valid JSON (${(e as Error).message.slice(0, 120)})` };
    }
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    read.bytes += chunk.length;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        size += end - start;
        if (size > maxRowBytes) {
          tooLong = true;
          parts = [];
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
        }
      }
      if (nl === -1) break;
      const row = finish();
      if (row) yield row;
      start = nl + 1;
    }
  }
  if (parts.length || tooLong) {
    const row = finish();
    if (row) yield row;
  }
}

const TOO_LONG = '\u0000row-too-long\u0000';

/**
 * Replaces every physical line longer than `maxBytes` with a marker line (the CSV parser stops for
 * good at its own size limit; this way one huge line is one rejected row and the rest is read).
 */
function capLines(maxBytes: number): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  let dropping = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out: Buffer[] = [];
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl === -1 ? chunk.length : nl;
        if (!dropping) {
          size += end - start;
          if (size > maxBytes) {
            dropping = true;
            parts = [];
            out.push(Buffer.from(TOO_LONG));
          } else {
            parts.push(chunk.subarray(start, end));
          }
        }
        if (nl === -1) break;
        if (!dropping) out.push(...parts);
        out.push(Buffer.from('\n'));
        parts = [];
        size = 0;
        dropping = false;
        start = nl + 1;
      }
      done(null, Buffer.concat(out));
    },
    flush(done) {
      done(null, dropping ? null : Buffer.concat(parts));
    },
  });
}

/**
 * Whether a CSV file is plain: no quote character, one kind of line end (LF or CRLF) and no other CR,
 * valid UTF-8, no line longer than `maxRowBytes`, and every non-empty line with as many commas as the
 * first (the header). Such a file has no row the full parser could refuse, and splitting its lines at
 * commas gives the very rows the parser gives: readPlainCsv does that, several times faster (a bulk
 * import of a million prices spends most of its reading time in the parser otherwise).
 */
export async function isPlainCsv(file: string, maxRowBytes = DEFAULT_MAX_ROW_BYTES): Promise<boolean> {
  const check = new TextDecoder('utf-8', { fatal: true });
  let headerCommas = -1;
  let commas = 0;
  let length = 0;
  /** 0: not known yet, 1: LF, 2: CRLF */
  let ends = 0;
  let afterCr = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    try {
      check.decode(chunk, { stream: true });
    } catch {
      return false;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (afterCr && c !== 0x0a) return false;
      if (c === 0x0a) {
        const crlf = afterCr ? 2 : 1;
        if (ends === 0) ends = crlf;
        else if (ends !== crlf) return false;
        afterCr = false;
        if (length > 0) {
          if (headerCommas === -1) headerCommas = commas;
          else if (commas !== headerCommas) return false;
        }
        commas = 0;
        length = 0;
        continue;
      }
      if (c === 0x22) return false;
      if (c === 0x0d) {
        afterCr = true;
        continue;
      }
      if (c === 0x2c) commas++;
      if (++length > maxRowBytes) return false;
    }
  }
  try {
    check.decode();
  } catch {
    return false;
  }
  if (afterCr) return false;
  if (length > 0 && headerCommas !== -1 && commas !== headerCommas) return false;
  return true;
}

/** Whether the header line of a plain CSV file names its columns once each (else the full parser decides). */
function plainHeader(file: string, maxRowBytes: number): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(statSync(file).size, maxRowBytes + 65536));
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = new TextDecoder('utf-8').decode(buf.subarray(0, n)).split('\n').map((l) => l.replace(/\r$/, '')).find((l) => l.length > 0);
    if (first === undefined) return false;
    const names = first.split(',').map((h) => h.trim());
    return names.every((h) => h.length > 0) && new Set(names).size === names.length;
  } finally {
    closeSync(fd);
  }
}

/** The rows of a plain CSV file (see isPlainCsv), a chunk of the file at a time: lines split at commas, keyed by the trimmed header names. */
export async function* readPlainCsv(file: string, read: ReadCounter = { bytes: 0 }): AsyncGenerator<ReadRow[]> {
  const decoder = new TextDecoder('utf-8');
  let header: string[] | null = null;
  let rest = '';
  let line = 0;
  const rows = (text: string, last: boolean): ReadRow[] => {
    const lines = text.split('\n');
    rest = last ? '' : lines.pop()!;
    const out: ReadRow[] = [];
    for (let l of lines) {
      line++;
      if (l.endsWith('\r')) l = l.slice(0, -1);
      if (l.length === 0) continue;
      const fields = l.split(',');
      if (header === null) {
        header = fields.map((h) => h.trim());
        continue;
      }
      const value: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) value[header[i]] = fields[i];
      out.push({ line, value });
    }
    return out;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    read.bytes += chunk.length;
    yield rows(rest + decoder.decode(chunk, { stream: true }), false);
  }
  yield rows(rest + decoder.decode(), true);
}

/** CSV rows, keyed by the header line's column names. */
export async function* readCsv(file: string, maxRowBytes = DEFAULT_MAX_ROW_BYTES, read: ReadCounter = { bytes: 0 }): AsyncGenerator<ReadRow> {
  const skipped: ReadRow[] = [];
  let lastSkipped = -1;
  const source = createReadStream(file).on('data', (chunk) => {
    read.bytes += chunk.length;
  });
  const parser = source.pipe(capLines(maxRowBytes)).pipe(
    parseCsv({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // a quoted value spanning lines is bounded too (past this the parser cannot go on)
      max_record_size: maxRowBytes * 4,
      raw: true,
      on_skip: (err: CsvError | undefined, raw: string | undefined) => {
        const line = typeof err?.lines === 'number' ? err.lines : 0;
        if (line === lastSkipped) return undefined; // one reason per row (the parser may stumble twice on it)
        lastSkipped = line;
        if (raw?.includes(TOO_LONG)) skipped.push({ line, error: `the row is longer than ${maxRowBytes} bytes` });
        else skipped.push({ line, error: `the row is not valid CSV (${(err?.message ?? 'unreadable').slice(0, 160)})` });
        return undefined;
      },
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const { record, info } = item;
      if (Object.values(record).some((v) => v.includes(TOO_LONG))) {
        skipped.push({ line: info.lines, error: `the row is longer than ${maxRowBytes} bytes` });
        skipped.sort((a, b) => a.line - b.line);
        continue;
      }
      // the parser reports skipped rows as it reads ahead: give them back in the file's order
      while (skipped.length && skipped[0].line < info.lines) yield skipped.shift()!;
      const bad = Object.values(record).some((v) => typeof v === 'string' && v.includes('\uFFFD'));
      // the CSV decoder replaces invalid UTF-8 with U+FFFD: such a row is refused rather than stored garbled
      if (bad) yield { line: info.lines, error: 'the row is not valid UTF-8' };
      else yield { line: info.lines, value: record };
    }
  } catch (e) {
    // an error the parser cannot skip (a quote never closed): the rest of the file is that one bad row
    while (skipped.length) yield skipped.shift()!;
    const err = e as CsvError;
    yield { line: typeof err.lines === 'number' ? err.lines : 0, error: `the file cannot be read on from here: not valid CSV (${String(err.message).slice(0, 160)})` };
    return;
  }
  while (skipped.length) yield skipped.shift()!;
}

export function readRows(file: string, format: ImportFormat, maxRowBytes = DEFAULT_MAX_ROW_BYTES, read: ReadCounter = { bytes: 0 }): AsyncGenerator<ReadRow> {
  return format === 'csv' ? readCsv(file, maxRowBytes, read) : readNdjson(file, maxRowBytes, read);
}

/**
 * The same rows as readRows, in arrays (one step of the reading loop for many rows: the way a bulk
 * import reads a million rows): a plain CSV file (isPlainCsv) is split without the full parser.
 */
export async function* readRowBatches(file: string, format: ImportFormat, maxRowBytes = DEFAULT_MAX_ROW_BYTES, read: ReadCounter = { bytes: 0 }): AsyncGenerator<ReadRow[]> {
  if (format === 'csv' && (await isPlainCsv(file, maxRowBytes)) && plainHeader(file, maxRowBytes)) {
    yield* readPlainCsv(file, read);
    return;
  }
  let batch: ReadRow[] = [];
  for await (const row of readRows(file, format, maxRowBytes, read)) {
    batch.push(row);
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
