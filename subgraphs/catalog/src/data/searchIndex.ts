import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { SearchProjection } from './searchProjection.ts';
import { FTS_TOKENIZE } from './textDocuments.ts';
import { editDistance, terms, tolerance } from './vocabulary.ts';

/**
 * The storefront's text index over variants: one document per SKU with its family's titles in every
 * locale, its brand, its name and option values. SQLite: an FTS5 table (rowid = the products row);
 * PostgreSQL: a tsvector with a GIN index. Both keep a vocabulary of terms (a B-tree) for typo tolerance: a query
 * term that matches nothing is replaced by the indexed terms within a small edit distance.
 */
export interface SearchCandidate {
  sku: string;
  family_id: string | null;
  name: string;
  options: string;
  brand: string | null;
  path: string | null;
  amount_minor: number;
  /** lower is more relevant */
  rank: number;
}

export { editDistance, terms, tolerance } from './vocabulary.ts';

/** SQL condition: the price row is valid at an instant (two parameters). */
const VALID = (t: string) => `${t}.valid_from <= ? AND (${t}.valid_until IS NULL OR ${t}.valid_until > ?)`;

export class SearchIndex {
  /** what search filters, counts and sorts by, in memory (searchProjection.ts) */
  readonly projection: SearchProjection;

  constructor(private readonly db: Db) {
    this.projection = new SearchProjection(db);
  }

  /** Creates the index's tables (dialect-specific, hence not a migration) and fills it when empty. */
  async ensure(): Promise<void> {
    if (this.db.dialect === 'sqlite') {
      await this.db.run(`CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(text, tokenize = '${FTS_TOKENIZE}')`);
    } else {
      await this.db.run('CREATE TABLE IF NOT EXISTS product_search (sku TEXT PRIMARY KEY, text TEXT NOT NULL, tsv tsvector NOT NULL)');
      await this.db.run('CREATE INDEX IF NOT EXISTS product_search_tsv ON product_search USING GIN (tsv)');
    }
    // the vocabulary for prefixes and typos, a B-tree either way (FTS5's own vocabulary table scans)
    await this.db.run('CREATE TABLE IF NOT EXISTS product_search_terms (term TEXT PRIMARY KEY)');
    const indexed = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM product_search');
    const products = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM products');
    if (Number(indexed?.n) === 0 && Number(products?.n) > 0) {
      const skus = (await this.db.all<{ sku: string }>('SELECT sku FROM products')).map((r) => r.sku);
      for (let i = 0; i < skus.length; i += 5000) await this.db.transaction((tx) => this.index(tx, skus.slice(i, i + 5000)));
    }
  }

  /** (Re)indexes these SKUs inside the caller's transaction. */
  async index(tx: Queryable, skus: readonly string[]): Promise<void> {
    for (let i = 0; i < skus.length; i += 1000) await this.indexChunk(tx, skus.slice(i, i + 1000));
  }

  private async indexChunk(tx: Queryable, skus: readonly string[]): Promise<void> {
    if (skus.length === 0) return;
    const rows = await tx.all<{ sku: string; name: string; options: string; titles: string | null; brand: string | null }>(
      `SELECT p.sku, p.name, p.options, f.titles, f.brand FROM products p LEFT JOIN product_families f ON f.id = p.family_id
       WHERE p.sku IN (${skus.map(() => '?').join(',')})`,
      [...skus],
    );
    const vocabulary = new Set<string>();
    for (const r of rows) {
      const titles = r.titles ? Object.values(JSON.parse(r.titles) as Record<string, string>) : [];
      const options = (JSON.parse(r.options) as { value: string }[]).map((o) => o.value);
      const text = [r.name, ...titles, r.brand ?? '', ...options].join(' ');
      if (this.db.dialect === 'sqlite') {
        await tx.run('INSERT OR REPLACE INTO product_search (rowid, text) VALUES ((SELECT rowid FROM products WHERE sku = ?), ?)', [r.sku, text]);
      } else {
        await tx.run(
          `INSERT INTO product_search (sku, text, tsv) VALUES (?, ?, to_tsvector('simple', ?))
           ON CONFLICT (sku) DO UPDATE SET text = excluded.text, tsv = excluded.tsv`,
          [r.sku, text, text],
        );
      }
      for (const t of terms(text)) vocabulary.add(t);
    }
    const words = [...vocabulary];
    for (let i = 0; i < words.length; i += 200) {
      const chunk = words.slice(i, i + 200);
      await tx.run(`INSERT INTO product_search_terms (term) VALUES ${chunk.map(() => '(?)').join(', ')} ON CONFLICT (term) DO NOTHING`, chunk);
    }
  }

  /** Terms compared in byte order (SQLite's default; PostgreSQL's "C" collation), as the vocabulary in memory compares them. */
  private get bytes(): string {
    return this.db.dialect === 'postgres' ? ' COLLATE "C"' : '';
  }

  /** Whether some indexed term starts with `term`. */
  async hasPrefix(term: string): Promise<boolean> {
    return (await this.db.get(`SELECT term FROM product_search_terms WHERE term${this.bytes} >= ? AND term${this.bytes} < ? LIMIT 1`, [term, `${term}\uffff`])) !== undefined;
  }

  /** Indexed terms close to `term` (same first letter, within its tolerance), best first (then in byte order). */
  async similarTerms(term: string): Promise<string[]> {
    const max = tolerance(term);
    if (max === 0) return [];
    const first = term[0];
    const next = String.fromCodePoint(first.codePointAt(0)! + 1);
    const rows = await this.db.all<{ term: string }>(`SELECT term FROM product_search_terms WHERE term${this.bytes} >= ? AND term${this.bytes} < ? AND length(term) BETWEEN ? AND ? ORDER BY term${this.bytes}`, [
      first, next, term.length - max, term.length + max,
    ]);
    return rows
      .map((r) => ({ term: r.term, d: editDistance(term, r.term, max) }))
      .filter((x) => x.d <= max)
      .sort((a, b) => a.d - b.d)
      .slice(0, 8)
      .map((x) => x.term);
  }

  /** The text query of the term groups: FTS5 MATCH expression on SQLite, tsquery on PostgreSQL. */
  private expression(groups: string[][]): string {
    if (this.db.dialect === 'sqlite') {
      const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
      return groups.map((g) => `(${g.map((t, i) => (i === 0 ? `${quote(t)}*` : quote(t))).join(' OR ')})`).join(' AND ');
    }
    return groups.map((g) => `(${g.map((t, i) => (i === 0 ? `${t}:*` : t)).join(' | ')})`).join(' & ');
  }

  /**
   * Every variant whose text has every query term (as a prefix, or a close spelling when the term itself
   * matches nothing): the rowid on SQLite, the SKU on PostgreSQL (not ranked: see `ranked`).
   */
  async matches(groups: string[][]): Promise<(number | string)[]> {
    const expr = this.expression(groups);
    const rows =
      this.db.dialect === 'sqlite'
        ? await this.db.all<{ id: number }>('SELECT rowid AS id FROM product_search WHERE product_search MATCH ?', [expr])
        : await this.db.all<{ id: string }>("SELECT sku AS id FROM product_search WHERE tsv @@ to_tsquery('simple', ?)", [expr]);
    return rows.map((r) => r.id);
  }

  /** Every match with its rank (lower is more relevant): the rowid on SQLite, the SKU on PostgreSQL. */
  ranked(groups: string[][]): Promise<{ id: number | string; rank: number }[]> {
    const expr = this.expression(groups);
    if (this.db.dialect === 'sqlite') return this.db.all('SELECT rowid AS id, rank FROM product_search WHERE product_search MATCH ?', [expr]);
    return this.db.all("SELECT sku AS id, -ts_rank(tsv, to_tsquery('simple', ?)) AS rank FROM product_search WHERE tsv @@ to_tsquery('simple', ?)", [expr, expr]);
  }

  /**
   * Variants sold in the market (a price valid at `at`) whose text has every query term (as a prefix,
   * or a close spelling when the term itself matches nothing), with what filters and facets need.
   */
  async candidates(market: string, at: string, groups: string[][]): Promise<SearchCandidate[]> {
    const sqlite = this.db.dialect === 'sqlite';
    let textJoin = '';
    const params: (string | number)[] = [];
    if (groups.length) {
      const expr = this.expression(groups);
      if (sqlite) {
        textJoin = 'JOIN (SELECT rowid AS id, bm25(product_search) AS rank FROM product_search WHERE product_search MATCH ?) m ON m.id = p.rowid';
        params.push(expr);
      } else {
        textJoin = "JOIN (SELECT sku AS id, -ts_rank(tsv, to_tsquery('simple', ?)) AS rank FROM product_search WHERE tsv @@ to_tsquery('simple', ?)) m ON m.id = p.sku";
        params.push(expr, expr);
      }
    }
    // the price in effect now, looked up per matching SKU through the prices key (sku, market, valid_from)
    const price = `(SELECT q.amount_minor FROM prices q WHERE q.sku = p.sku AND q.market = ? AND ${VALID('q')} ORDER BY q.valid_from DESC LIMIT 1)`;
    const rows = await this.db.all<SearchCandidate>(
      `SELECT * FROM (
         SELECT p.sku, p.family_id, p.name, p.options, f.brand, c.path, ${price} AS amount_minor, ${groups.length ? 'm.rank' : '0'} AS rank
         FROM products p ${textJoin}
         LEFT JOIN product_families f ON f.id = p.family_id
         LEFT JOIN categories c ON c.code = f.category
       ) x WHERE x.amount_minor IS NOT NULL`,
      [market, at, at, ...params],
    );
    return rows;
  }
}
