import type { Db } from '../../../../common/storage/index.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * The documents of the text index as the database holds them, for the text index in memory
 * (textIndex.ts): on SQLite each variant's FTS5 tokens — ASCII text split here exactly as FTS5's
 * unicode61 tokenizer splits it, any other text tokenized by FTS5 itself in a temporary table with the
 * same tokenizer; on PostgreSQL each variant's stored tsvector (lexemes, positions, weights).
 */
/** The FTS5 tokenizer of the SQLite text index (searchIndex.ts), used here to tokenize text the same way. */
export const FTS_TOKENIZE = 'unicode61 remove_diacritics 2';

/** One document: its terms (ids) with each occurrence's position (PostgreSQL: weight << 14 | position). */
export interface Doc {
  terms: Int32Array;
  pos: Uint16Array;
}

const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex
const CHUNK = 500;
const MAXENTRYPOS = 1 << 14;
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');
/** Rows a page when everything is read: the service answers other requests between pages (tests lower it). */
export const paging = { size: 5_000 };

/**
 * Every row of `select` (a SELECT without WHERE/ORDER, whose `key` column is unique), a page at a time
 * in key order, the event loop free between pages.
 */
export async function* pages<T extends Record<string, unknown>>(db: Db, select: string, key: string, keyOf: (row: T) => string | number, size = paging.size): AsyncGenerator<T[]> {
  let after: string | number | null = null;
  for (;;) {
    const rows: T[] = await db.all<T>(`${select} ${after === null ? '' : `WHERE ${key} > ?`} ORDER BY ${key} LIMIT ${size}`, after === null ? [] : [after]);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Documents one after another in flat arrays: term ids and positions, where each document ends. */
export class Docs {
  ordinal: number[] = [];
  end: number[] = [];
  terms = new Int32Array(1 << 16);
  pos = new Uint16Array(1 << 16);
  size = 0;
  push(term: number, pos: number): void {
    if (this.size === this.terms.length) {
      const terms = new Int32Array(this.size * 2);
      terms.set(this.terms);
      this.terms = terms;
      const p = new Uint16Array(this.size * 2);
      p.set(this.pos);
      this.pos = p;
    }
    this.pos[this.size] = pos;
    this.terms[this.size++] = term;
  }
  close(ordinal: number): void {
    this.ordinal.push(ordinal);
    this.end.push(this.size);
  }
  /** drops the terms pushed since the last close */
  drop(): void {
    this.size = this.end.length ? this.end[this.end.length - 1] : 0;
  }
}

/** Parses a tsvector's text form, 'lexeme':1,5B 'other':2 …, into `out` (false: a lexeme without positions). */
export function parseTsvector(text: string, termId: (t: string) => number, out: Docs): boolean {
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    // 'lexeme' with '' for a quote and \\ for a backslash
    let lexeme = '';
    i++;
    for (;;) {
      const c = text[i++];
      if (c === '\\') lexeme += text[i++];
      else if (c === "'") {
        if (text[i] === "'") {
          lexeme += "'";
          i++;
        } else break;
      } else lexeme += c;
    }
    if (text[i] !== ':') return false;
    i++;
    const id = termId(lexeme);
    for (;;) {
      let p = 0;
      while (text[i] >= '0' && text[i] <= '9') p = p * 10 + (text.charCodeAt(i++) - 48);
      const w = text[i] === 'A' ? 3 : text[i] === 'B' ? 2 : text[i] === 'C' ? 1 : 0;
      if (text[i] === 'A' || text[i] === 'B' || text[i] === 'C' || text[i] === 'D') i++;
      out.push(id, (w << 14) | Math.min(p, MAXENTRYPOS - 1));
      if (text[i] !== ',') break;
      i++;
    }
  }
  return true;
}

/**
 * Reads the documents of these SKUs (null: every document) with their projection ordinals (of a SQLite
 * rowid or a PostgreSQL SKU), their terms as ids; `seen`: the ordinals of the SKUs asked; the texts read
 * go to `vocabulary`. `exact` false: a document held what the index in memory cannot rank (a lexeme
 * without positions), left out.
 */
export async function readDocuments(
  db: Db,
  skus: readonly string[] | null,
  ordinal: (id: number | string) => number | undefined,
  termId: (t: string) => number,
  vocabulary: Vocabulary | null,
): Promise<{ docs: Docs; seen: Set<number>; exact: boolean }> {
  const docs = new Docs();
  const seen = new Set<number>();
  let exact = true;
  const tsvectors = (rows: { id: string; text: string; tsv: string }[]) => {
    for (const r of rows) {
      vocabulary?.add(r.text);
      const o = ordinal(r.id);
      if (o === undefined) continue;
      if (parseTsvector(r.tsv, termId, docs)) docs.close(o);
      else {
        docs.drop();
        exact = false;
      }
    }
  };
  if (skus === null) {
    if (db.dialect === 'sqlite') for await (const rows of pages<{ id: number; text: string }>(db, 'SELECT rowid AS id, text FROM product_search', 'rowid', (r) => r.id)) await tokenizeSqlite(db, rows, ordinal, termId, docs);
    else for await (const rows of pages<{ id: string; text: string; tsv: string }>(db, "SELECT sku AS id, '' AS text, tsv::text AS tsv FROM product_search", 'sku', (r) => r.id)) tsvectors(rows);
    return { docs, seen, exact };
  }
  for (let i = 0; i < skus.length; i += CHUNK) {
    const chunk = skus.slice(i, i + CHUNK);
    if (db.dialect === 'sqlite') {
      const rows = await db.all<{ sku: string; text: string }>(`SELECT p.sku, s.text FROM products p JOIN product_search s ON s.rowid = p.rowid WHERE p.sku IN (${list(chunk.length)})`, chunk);
      for (const r of rows) vocabulary?.add(r.text);
      const byOrdinal = rows.flatMap((r) => {
        const o = ordinal(r.sku);
        return o === undefined ? [] : [{ id: o, text: r.text }];
      });
      await tokenizeSqlite(db, byOrdinal, (o) => o as number, termId, docs);
    } else tsvectors(await db.all<{ id: string; text: string; tsv: string }>(`SELECT sku AS id, text, tsv::text AS tsv FROM product_search WHERE sku IN (${list(chunk.length)})`, chunk));
    for (const s of chunk) {
      const o = ordinal(s);
      if (o !== undefined) seen.add(o);
    }
  }
  return { docs, seen, exact };
}

/** SQLite: each document's tokens as FTS5 gives them (ASCII split here, anything else by FTS5 in a temporary table). */
async function tokenizeSqlite(db: Db, rows: { id: number; text: string }[], ordinal: (id: number | string) => number | undefined, termId: (t: string) => number, out: Docs): Promise<void> {
  const others: { o: number; text: string }[] = [];
  for (const r of rows) {
    const o = ordinal(Number(r.id));
    if (o === undefined) continue;
    const text = r.text;
    if (NON_ASCII.test(text)) {
      others.push({ o, text });
      continue;
    }
    // FTS5's unicode61 on ASCII: letters and digits make tokens, folded to lower case
    const lower = text.toLowerCase();
    let begin = -1;
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 32;
      const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (word && begin < 0) begin = i;
      else if (!word && begin >= 0) {
        out.push(termId(lower.slice(begin, i)), 0);
        begin = -1;
      }
    }
    out.close(o);
  }
  if (others.length === 0) return;
  await db.run(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokenize USING fts5(text, tokenize = '${FTS_TOKENIZE}')`);
  await db.run('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokenize_terms USING fts5vocab(temp, search_tokenize, instance)');
  for (let i = 0; i < others.length; i += CHUNK) {
    const chunk = others.slice(i, i + CHUNK);
    const byDoc = new Map<number, number[]>(chunk.map((c) => [c.o, []]));
    await db.transaction(async (tx) => {
      await tx.run('DELETE FROM temp.search_tokenize');
      for (const c of chunk) await tx.run('INSERT INTO temp.search_tokenize (rowid, text) VALUES (?, ?)', [c.o, c.text]);
      for (const r of await tx.all<{ term: string; doc: number }>('SELECT term, doc FROM temp.search_tokenize_terms')) byDoc.get(Number(r.doc))?.push(termId(r.term));
      await tx.run('DELETE FROM temp.search_tokenize');
    });
    for (const [o, terms] of byDoc) {
      for (const t of terms) out.push(t, 0);
      out.close(o);
    }
  }
}

