import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlainCsv, readRowBatches, readRows, type ReadRow } from './reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'reader-test-'));

async function both(name: string, text: string | Buffer): Promise<{ parsed: ReadRow[]; batched: ReadRow[]; plain: boolean }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const parsed: ReadRow[] = [];
  for await (const r of readRows(file, 'csv', 200)) parsed.push(r);
  const batched: ReadRow[] = [];
  for await (const b of readRowBatches(file, 'csv', 200)) batched.push(...b);
  return { parsed, batched, plain: await isPlainCsv(file, 200) };
}

/** A small deterministic generator (the same files on every run). */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

describe('reading CSV: plain files split without the parser give the parser’s rows', () => {
  it('random plain files (LF or CRLF, empty lines, a BOM, no final line end, spaces, unicode) read the same both ways', async () => {
    const next = random(7);
    const cells = ['a', 'B-12', ' padded ', '', '19.99', 'größe', 'x y', '日本'];
    for (let f = 0; f < 40; f++) {
      const columns = 1 + next(4);
      const eol = next(2) ? '\r\n' : '\n';
      const lines = [Array.from({ length: columns }, (_, c) => ` col${c} `).join(',')];
      for (let r = 0; r < 1 + next(30); r++) {
        if (next(6) === 0) lines.push('');
        lines.push(Array.from({ length: columns }, () => cells[next(cells.length)]).join(','));
      }
      const text = `${next(4) === 0 ? '\ufeff' : ''}${lines.join(eol)}${next(2) ? eol : ''}`;
      const { parsed, batched, plain } = await both(`plain-${f}.csv`, text);
      expect(plain).toBe(true);
      expect(batched).toEqual(parsed);
    }
  });

  it('a file the splitter cannot read alone goes through the parser, rows and reasons alike', async () => {
    const cases: [string, string | Buffer][] = [
      ['quote.csv', 'id,n\na,1\nc,5"x\nd,"6"\n'],
      ['length.csv', 'id,n\na,1\nd,6,7\ne,8\n'],
      ['mixed-ends.csv', 'id,n\r\na,1\nb,2\r\n'],
      ['lone-cr.csv', 'id,n\ra,1\rb,2\r'],
      ['long.csv', `id,n\na,${'9'.repeat(300)}\nb,2\n`],
      ['utf8.csv', Buffer.concat([Buffer.from('id,n\na,'), Buffer.from([0xc3, 0x28]), Buffer.from('\nb,2\n')])],
      ['same-name.csv', 'id,id\na,1\n'],
      ['empty-name.csv', 'id,\na,1\n'],
    ];
    for (const [name, text] of cases) {
      const { parsed, batched, plain } = await both(name, text);
      expect(batched, name).toEqual(parsed);
      if (!['same-name.csv', 'empty-name.csv'].includes(name)) expect(plain, name).toBe(false);
    }
  });
});
