import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { text } from './fields.ts';
import { refuse, runImport, type Importer } from './runner.ts';

/** An importer into a Map: key `id`, value `n` (a whole number ≥ 0); `fail` makes the store refuse a row. */
function mapImporter(store = new Map<string, number>()) {
  const writes: number[] = [];
  const importer: Importer<{ id: string; n: number; fail: boolean }> = {
    kind: 'things',
    key: (row) => text(row, 'id') ?? null,
    check: async (rows) =>
      rows.map((row) => {
        const id = text(row, 'id');
        const n = Number(text(row, 'n'));
        if (!id) return refuse('MISSING_FIELD id.');
        if (!Number.isInteger(n) || n < 0) return refuse('NEGATIVE n.');
        return { id, n, fail: text(row, 'fail') === 'yes' };
      }),
    write: async (values) => {
      if (values.some((v) => v.fail)) throw new Error('constraint failed');
      writes.push(values.length);
      for (const v of values) store.set(v.id, v.n);
    },
  };
  return { importer, store, writes };
}

const dir = () => mkdtempSync(join(tmpdir(), 'import-test-'));
const rejectsOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { line: number; reason: string });

describe('runImport', () => {
  it('imports the good rows, rejects the bad ones with line and reason, and is idempotent', async () => {
    const d = dir();
    const file = join(d, 'things.csv');
    writeFileSync(file, 'id,n\na,1\nb,-1\n,3\na,4\nc,5"x\nd,6,7\ne,8\n');
    const { importer, store } = mapImporter();
    const result = await runImport(importer, file);
    expect(result).toMatchObject({ rows: 7, accepted: 2, rejected: 5, complete: true });
    expect(Object.fromEntries(store)).toEqual({ a: 1, e: 8 });
    const rejects = rejectsOf(result.rejectsFile);
    expect(rejects.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    expect(rejects[0].reason).toMatch(/NEGATIVE/);
    expect(rejects[1].reason).toMatch(/MISSING_FIELD/);
    expect(rejects[2].reason).toMatch(/given twice in this file \(first on line 2\)/);
    expect(rejects[3].reason).toMatch(/not valid CSV \(Invalid Opening Quote/);
    expect(rejects[4].reason).toMatch(/not valid CSV \(Invalid Record Length/);
    // again: the same result, nothing new
    const again = await runImport(importer, file);
    expect(again).toMatchObject({ accepted: 2, rejected: 5 });
    expect(store.size).toBe(2);
  });

  it('a quote never closed makes the rest of the file one rejected row; what came before goes in', async () => {
    const d = dir();
    const file = join(d, 'things.csv');
    writeFileSync(file, 'id,n\na,1\nb,"2\nc,3\n');
    const { importer, store } = mapImporter();
    const result = await runImport(importer, file);
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect([...store.keys()]).toEqual(['a']);
    expect(rejectsOf(result.rejectsFile)[0].reason).toMatch(/Quote Not Closed/);
  });

  it('NDJSON: invalid UTF-8, broken JSON, a non-object and an over-long line are rejected rows, not a stop', async () => {
    const d = dir();
    const file = join(d, 'things.ndjson');
    const long = `{"id":"x","n":"${'9'.repeat(2000)}"}`;
    writeFileSync(file, Buffer.concat([Buffer.from('{"id":"a","n":1}\n{"id":"b","n":'), Buffer.from([0xff, 0xfe]), Buffer.from(`}\n{oops\n[1]\n${long}\n\n{"id":"c","n":2}`)]));
    const { importer, store } = mapImporter();
    const result = await runImport(importer, file, { maxRowBytes: 1000 });
    expect(result).toMatchObject({ accepted: 2, rejected: 4 });
    expect(Object.fromEntries(store)).toEqual({ a: 1, c: 2 });
    expect(rejectsOf(result.rejectsFile).map((r) => `${r.line} ${r.reason.split(' (')[0]}`)).toEqual([
      '2 the row is not valid UTF-8',
      '3 the row is not valid JSON',
      '4 the row is not a JSON object',
      '5 the row is longer than 1000 bytes',
    ]);
  });

  it('a batch the store refuses is retried row by row: only the row at fault is rejected', async () => {
    const d = dir();
    const file = join(d, 'things.csv');
    writeFileSync(file, 'id,n,fail\na,1,\nb,2,yes\nc,3,\n');
    const { importer, store } = mapImporter();
    const result = await runImport(importer, file);
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect([...store.keys()]).toEqual(['a', 'c']);
    expect(rejectsOf(result.rejectsFile)).toEqual([{ line: 3, reason: 'refused by the store: constraint failed', row: { id: 'b', n: '2', fail: 'yes' } }]);
  });

  it('stops after the current batch when aborted and resumes there, finding duplicates across the two runs', async () => {
    const d = dir();
    const file = join(d, 'things.csv');
    const lines = Array.from({ length: 50 }, (_, i) => `k${i},${i}`);
    lines.push('k3,99'); // the same key as line 5, seen by the first run only
    writeFileSync(file, `id,n\n${lines.join('\n')}\n`);
    const { importer, store, writes } = mapImporter();
    const stop = new AbortController();
    const counting: Importer<{ id: string; n: number; fail: boolean }> = {
      ...importer,
      write: async (values) => {
        await importer.write(values);
        if (store.size >= 20) stop.abort();
      },
    };
    const first = await runImport(counting, file, { batchSize: 10, signal: stop.signal });
    expect(first.complete).toBe(false);
    expect(store.size).toBe(20);
    expect(existsSync(`${file}.import-state.json`)).toBe(true);
    const second = await runImport(importer, file, { batchSize: 10 });
    expect(second).toMatchObject({ complete: true, resumedAfterLine: 21, accepted: 50, rejected: 1 });
    expect(writes.reduce((a, b) => a + b, 0)).toBe(50); // no row written twice
    expect(store.get('k3')).toBe(3);
    expect(rejectsOf(second.rejectsFile)).toEqual([expect.objectContaining({ line: 52, reason: expect.stringContaining('first on line 5') })]);
    expect(existsSync(`${file}.import-state.json`)).toBe(false);
  });

  it('a changed file starts over instead of resuming', async () => {
    const d = dir();
    const file = join(d, 'things.csv');
    writeFileSync(file, 'id,n\na,1\nb,2\n');
    writeFileSync(`${file}.import-state.json`, JSON.stringify({ kind: 'things', fingerprint: 'another file', rows: 2, line: 3, accepted: 2, rejected: 0 }));
    const { importer, store } = mapImporter();
    expect(await runImport(importer, file)).toMatchObject({ resumedAfterLine: 0, accepted: 2 });
    expect(store.size).toBe(2);
  });

  it('refuses an empty file, a file without rows and an unknown format', async () => {
    const d = dir();
    const { importer } = mapImporter();
    writeFileSync(join(d, 'empty.csv'), '');
    writeFileSync(join(d, 'header.csv'), 'id,n\n');
    writeFileSync(join(d, 'x.xml'), '<x/>');
    await expect(runImport(importer, join(d, 'empty.csv'))).rejects.toThrow('the file is empty');
    await expect(runImport(importer, join(d, 'header.csv'))).rejects.toThrow('the file has no rows');
    await expect(runImport(importer, join(d, 'x.xml'))).rejects.toThrow('unknown format');
  });
});
