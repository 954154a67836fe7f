import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { formatOf, readRowBatches, DEFAULT_MAX_ROW_BYTES, type ImportFormat, type ReadCounter } from './reader.ts';
import { noProgress, type Progress } from './progress.ts';
import type { Db } from '../storage/index.ts';

/**
 * Bulk import: a file of rows (NDJSON or CSV) upserted by natural key, validated row by row. A bad
 * row never half-applies: it goes to the rejects file with its line number and reason, and the rest
 * goes in. Rows are written in batches, each batch in one transaction; a batch the store refuses is
 * retried row by row, so only the rows at fault are rejected. After every batch a checkpoint records
 * how far the file went: an interrupted import (Ctrl-C, a crash) resumes there when run again on the
 * same, unchanged file. A key given twice in one file is refused on its second line.
 */
export interface Importer<T> {
  /** what is imported (markets, prices …), for messages */
  kind: string;
  /** the row's natural key (SKU, code, sku|market|validFrom …); null when the row has none (its check refuses it) */
  key(row: Record<string, unknown>): string | null;
  /** checks a batch of rows: a value to write or the reason it is refused, per row, in order */
  check(rows: Record<string, unknown>[]): Promise<(T | Refused)[]>;
  /** upserts the values in one transaction (all or none) */
  write(values: T[]): Promise<void>;
}

export interface Refused {
  refused: string;
}

export const refuse = (reason: string): Refused => ({ refused: reason });
const isRefused = (v: unknown): v is Refused => typeof v === 'object' && v !== null && 'refused' in v;

export interface ImportOptions {
  /** where refused rows go (NDJSON: { line, reason, row }); default FILE.rejects.ndjson */
  rejectsFile?: string;
  /** where progress is kept between runs; default FILE.import-state.json */
  stateFile?: string;
  /** rows per transaction (default 5000) */
  batchSize?: number;
  maxRowBytes?: number;
  progress?: Progress;
  /** set to stop after the current batch (Ctrl-C) */
  signal?: AbortSignal;
  /** ignore a checkpoint and start the file over */
  restart?: boolean;
}

export interface ImportResult {
  kind: string;
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  /** rows skipped because an earlier, interrupted run already imported them */
  resumedAfterLine: number;
  /** false when stopped before the end (resumable) */
  complete: boolean;
  rejectsFile: string;
}

export class ImportError extends Error {}

/**
 * SQLite settings for a bulk import: a bigger page cache (the default 2 MB makes a million-row import
 * wait on the disk), fewer checkpoints (each one syncs the database file; the default comes every
 * 4 MB of log, a few hundred times in a million-row import: now every 64 MB), and temporary files in
 * memory: each statement of a transaction that may fail half-way (a multi-row upsert) keeps the pages
 * it changes in a statement journal, a temporary file past 64 KiB — a million-row import wrote three
 * times as much there as into the database. Durability is unchanged: `synchronous` stays NORMAL (a
 * commit survives a crash of the process; a power cut may lose the last commits, never corrupt), and
 * an interrupted import resumes from its last checkpoint either way.
 */
export async function tuneForImport(db: Db): Promise<void> {
  if (db.dialect !== 'sqlite') return;
  await db.run('PRAGMA cache_size = -262144');
  await db.run('PRAGMA wal_autocheckpoint = 16384');
  await db.run('PRAGMA temp_store = MEMORY');
}

interface State {
  kind: string;
  fingerprint: string;
  /** rows (read records, accepted or rejected) fully handled */
  rows: number;
  line: number;
  accepted: number;
  rejected: number;
}

/** The file as it is: size, modification time and a hash of its first 64 KiB. */
function fingerprint(file: string): string {
  const st = statSync(file);
  const head = readFileSync(file).subarray(0, 65536);
  return `${st.size}:${Math.floor(st.mtimeMs)}:${createHash('sha256').update(head).digest('hex').slice(0, 16)}`;
}

function saveState(stateFile: string, state: State): void {
  writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
  renameSync(`${stateFile}.tmp`, stateFile);
}

interface Pending<T> {
  line: number;
  row: Record<string, unknown>;
  value: T;
}

export async function runImport<T>(importer: Importer<T>, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const format: ImportFormat | null = formatOf(file);
  if (!format) throw new ImportError(`${file}: unknown format (name it .ndjson, .jsonl or .csv)`);
  if (!existsSync(file)) throw new ImportError(`${file}: no such file`);
  const totalBytes = statSync(file).size;
  if (totalBytes === 0) throw new ImportError(`${file}: the file is empty`);
  const rejectsFile = options.rejectsFile ?? `${file}.rejects.ndjson`;
  const stateFile = options.stateFile ?? `${file}.import-state.json`;
  const batchSize = options.batchSize ?? 5000;
  const progress = options.progress ?? noProgress;
  const print = fingerprint(file);

  let state: State = { kind: importer.kind, fingerprint: print, rows: 0, line: 0, accepted: 0, rejected: 0 };
  if (!options.restart && existsSync(stateFile)) {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
    if (saved.kind === importer.kind && saved.fingerprint === print) state = saved;
  }
  const resumedAfterLine = state.line;
  if (state.rows === 0) writeFileSync(rejectsFile, '');

  /** key → line of its first occurrence in this file */
  const firstLine = new Map<string, number>();
  const read: ReadCounter = { bytes: 0 };
  let seen = 0;
  let batch: Pending<T>[] = [];
  let rejects: { line: number; text: string }[] = [];
  let unread: { line: number; row: Record<string, unknown> }[] = [];

  const reject = (line: number, reason: string, row: unknown) => {
    rejects.push({ line, text: JSON.stringify({ line, reason, row }) });
    state.rejected++;
  };
  const report = () => ({ rows: state.accepted + state.rejected, accepted: state.accepted, rejected: state.rejected, bytes: read.bytes, totalBytes });

  const flush = async (lastLine: number, rowsHandled: number) => {
    // check the rows read since the last flush, then write the good ones
    if (unread.length) {
      const checked = await importer.check(unread.map((u) => u.row));
      unread.forEach((u, i) => {
        const v = checked[i];
        if (isRefused(v)) reject(u.line, v.refused, u.row);
        else batch.push({ line: u.line, row: u.row, value: v });
      });
      unread = [];
    }
    if (batch.length) {
      try {
        await importer.write(batch.map((b) => b.value));
        state.accepted += batch.length;
      } catch {
        // the store refused the batch: row by row, so that only the rows at fault are rejected
        for (const b of batch) {
          try {
            await importer.write([b.value]);
            state.accepted++;
          } catch (e) {
            reject(b.line, `refused by the store: ${String((e as Error).message).slice(0, 200)}`, b.row);
          }
        }
      }
      batch = [];
    }
    if (rejects.length) {
      rejects.sort((a, b) => a.line - b.line);
      appendFileSync(rejectsFile, `${rejects.map((r) => r.text).join('\n')}\n`);
      rejects = [];
    }
    state.rows = rowsHandled;
    state.line = lastLine;
    saveState(stateFile, state);
    progress.update(report());
  };

  let lastLine = 0;
  let stopped = false;
  let any = false;
  reading: for await (const rows of readRowBatches(file, format, options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES, read)) {
    for (const r of rows) {
      any = true;
      seen++;
      lastLine = r.line;
      const key = r.value ? importer.key(r.value) : null;
      const earlier = key !== null ? firstLine.get(key) : undefined;
      if (key !== null && earlier === undefined) firstLine.set(key, r.line);
      if (seen <= state.rows) continue; // imported by an earlier run of this file
      if (r.error || !r.value) reject(r.line, r.error ?? 'unreadable row', null);
      else if (earlier !== undefined) reject(r.line, `${key} is given twice in this file (first on line ${earlier})`, r.value);
      else unread.push({ line: r.line, row: r.value });
      if (unread.length >= batchSize) await flush(lastLine, seen);
      if (options.signal?.aborted) {
        stopped = true;
        break reading;
      }
    }
  }
  if (!any) throw new ImportError(`${file}: the file has no rows`);
  await flush(lastLine, seen);
  progress.stop(report());
  if (!stopped) rmSync(stateFile, { force: true });
  if (state.rejected === 0) rmSync(rejectsFile, { force: true });
  return {
    kind: importer.kind,
    file,
    rows: state.accepted + state.rejected,
    accepted: state.accepted,
    rejected: state.rejected,
    resumedAfterLine,
    complete: !stopped,
    rejectsFile,
  };
}
