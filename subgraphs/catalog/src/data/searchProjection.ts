import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { pages } from './textDocuments.ts';
import { TextIndex, type TermGroups, type TextHits } from './textIndex.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * The search projection: what storefront search filters, counts and sorts by, held in memory in
 * compact form — per variant its SKU, name, brand, category path and option set (as small integers
 * into dictionaries), and per market the price in effect (NaN: not sold there). A search then reads
 * only the text index from the database; filters and facets cost a few array reads per match.
 *
 * It follows the database through the `search` change counter: every write of products, prices or
 * categories moves the counter and logs the SKUs it touched (search_changes) in the same transaction.
 * Before each search the counter is read; when it moved, the logged SKUs are read again (or everything,
 * after a category change, a big import or when the log no longer reaches back). Each replica keeps
 * its own projection. A market's prices are taken at an instant and hold until the next validFrom or
 * validUntil of that market; then they are taken again.
 *
 * Text matches (the variants a search text matches, with their rank) come from the text index held in
 * memory (textIndex.ts: the database's own tokens and lexemes, ranked with its formulas), or from the
 * database's index for what that cannot answer; they are kept for the texts searched recently while
 * no variant text changes (the `search-text` counter: product writes move it, price writes do not).
 *
 * `warm` builds the projection ahead of any search (at service start); `watch` re-reads it in the
 * background once writes pause, so that a search after a big import seldom waits for the re-read.
 * A search arriving while a build or re-read is under way waits for that one (never a second).
 */

/** Log entries kept (a replica further behind reads everything again). */
const KEEP_CHANGES = 1000;
/** Text matches kept, counted in variants (each is 12 bytes). */
const MAX_CACHED_HITS = 2_000_000;
/** Above this many changed SKUs, reading everything again is cheaper than reading them one list at a time. */
const MAX_INCREMENTAL = 20_000;
const CHUNK = 500;

/**
 * In a writer's transaction: these SKUs' search data changed ('*': anything may have, e.g. a category
 * moved); `text`: their texts too (the text index changed: cached text matches are dropped).
 */
export async function recordSearchChange(tx: Queryable, skus: readonly string[] | '*', text = false): Promise<void> {
  if (skus !== '*' && skus.length === 0) return;
  if (text) await tx.run("UPDATE change_counters SET value = value + 1 WHERE name = 'search-text'");
  const row = await tx.get<{ value: number | string }>("UPDATE change_counters SET value = value + 1 WHERE name = 'search' RETURNING value");
  const version = Number(row?.value);
  await tx.run('INSERT INTO search_changes (version, skus) VALUES (?, ?)', [version, skus === '*' ? '*' : JSON.stringify(skus)]);
  if (version % 100 === 0) await tx.run('DELETE FROM search_changes WHERE version <= ?', [version - KEEP_CHANGES]);
}

interface DocRow {
  rid: number | null;
  sku: string;
  name: string;
  options: string;
  brand: string | null;
  path: string | null;
}

export interface OptionValue {
  name: string;
  value: string;
}

/** Prices of one market at an instant, valid for searches in [from, until). */
interface MarketPrices {
  from: string;
  until: string | null;
  amount: number[];
}

/** A dictionary of distinct values to small integers. */
class Dictionary<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();
  constructor(private readonly make: (key: string) => T) {}
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(this.make(key));
    }
    return id;
  }
  find(key: string): number | undefined {
    return this.ids.get(key);
  }
}

const VALID = 'valid_from <= ? AND (valid_until IS NULL OR valid_until > ?)';
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');
const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

export class SearchProjection {
  /** per variant (ordinal) */
  readonly sku: string[] = [];
  readonly name: string[] = [];
  /** brand id, -1 without */
  readonly brand: number[] = [];
  /** category path id, -1 without */
  readonly path: number[] = [];
  readonly optionSet: number[] = [];
  readonly brands = new Dictionary((b) => b);
  /** category paths: the codes from the root down */
  readonly paths = new Dictionary((p) => p.split('/'));
  /** option sets (the JSON of a variant's options) */
  readonly optionSets = new Dictionary((json) => JSON.parse(json) as OptionValue[]);
  private order = new Int32Array(0);
  private readonly bySku = new Map<string, number>();
  /** SQLite: ordinal + 1 by rowid (0: none), an array while rowids are dense enough, else a map */
  private byRowid = new Int32Array(0);
  private readonly byLargeRowid = new Map<number, number>();
  private markets = new Map<string, MarketPrices>();
  private seenVersion = -1;
  private textVersion = -1;
  /** text matches by query (most recently used last): ordinals and ranks */
  private texts = new Map<string, { ids: Int32Array; ranks: Float64Array }>();
  private cachedHits = 0;
  private lock: Promise<unknown> = Promise.resolve();
  /** the text index in memory (null until built) */
  private text: TextIndex | null = null;
  /** the words of the indexed texts, for a search text's prefixes and close spellings (null until built) */
  vocabulary: Vocabulary | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** how the texts not kept were answered: by the text index in memory, or by the database's */
  readonly textAnswers = { memory: 0, database: 0 };
  /** how often everything was read (at the start, after a category moved, a big import, or a log that no longer reached back) */
  builds = 0;

  constructor(private readonly db: Db) {}

  /** Each variant's place in SKU order (string order, as the reference sorts), for sorting by integers. */
  skuOrder(): Int32Array {
    if (this.order.length !== this.sku.length) {
      // SKUs never change for an ordinal: only new variants make it stale
      const ordinals = Array.from({ length: this.sku.length }, (_, i) => i).sort((a, b) => (this.sku[a] < this.sku[b] ? -1 : this.sku[a] > this.sku[b] ? 1 : 0));
      const order = new Int32Array(this.sku.length);
      ordinals.forEach((o, place) => (order[o] = place));
      this.order = order;
    }
    return this.order;
  }

  /** The variant a text index hit names (a rowid on SQLite, a SKU on PostgreSQL). */
  ordinal(id: number | string): number | undefined {
    if (typeof id !== 'number') return this.bySku.get(id);
    const o = id < this.byRowid.length ? this.byRowid[id] - 1 : -1;
    return o >= 0 ? o : this.byLargeRowid.get(id);
  }

  private setRowid(rowid: number, ordinal: number): void {
    if (rowid >= this.byRowid.length && rowid < Math.max(1024, 4 * (this.sku.length + 1))) {
      const grown = new Int32Array(Math.max(rowid + 1, this.byRowid.length * 2, 1024));
      grown.set(this.byRowid);
      this.byRowid = grown;
    }
    if (rowid < this.byRowid.length) this.byRowid[rowid] = ordinal + 1;
    else this.byLargeRowid.set(rowid, ordinal);
  }

  /** The prices of a market in effect at `at` (index: ordinal; NaN: not sold), the projection brought up to date first. */
  prices(market: string, at: string): Promise<number[]> {
    return this.queue(() => this.refresh(market, at));
  }

  private queue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.catch(() => undefined).then(fn);
    this.lock = next;
    return next;
  }

  /** Builds (or brings up to date) the projection now, without a market's prices: at service start, in the background. */
  warm(): Promise<void> {
    return this.queue(async () => {
      await this.refresh(null, '');
    });
  }

  /**
   * Every `ms`, when the database's search counter moved and then stayed put for one interval (writes
   * paused, e.g. an import finished), brings the projection up to date in the background. `onError`
   * hears of a failed re-read (the next search tries again).
   */
  watch(ms: number, onError: (err: unknown) => void): void {
    let seen = -1;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.db
        .get<{ value: number | string }>("SELECT value FROM change_counters WHERE name = 'search'")
        .then(async (row) => {
          const version = Number(row?.value ?? 0);
          if (version !== this.seenVersion && version === seen) await this.warm();
          seen = version;
        })
        .catch(onError)
        .finally(() => (busy = false));
    }, ms);
    this.timer.unref();
  }

  /** Stops watching and waits for a build under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.lock.catch(() => undefined);
  }

  /** The database's search counter the projection last caught up with (-1: not built). */
  get version(): number {
    return this.seenVersion;
  }

  /** Memory held: variants, their text index's lists, prices per market (an estimate in bytes, strings at their length). */
  memory(): { variants: number; textIndexBytes: number; markets: number } {
    return { variants: this.sku.length, textIndexBytes: this.text?.bytes ?? 0, markets: this.markets.size };
  }

  private async refresh(market: string | null, at: string): Promise<number[]> {
    const counters = await this.db.all<{ name: string; value: number | string }>("SELECT name, value FROM change_counters WHERE name IN ('search', 'search-text')");
    const version = Number(counters.find((c) => c.name === 'search')?.value ?? 0);
    const textVersion = Number(counters.find((c) => c.name === 'search-text')?.value ?? 0);
    const textMoved = textVersion !== this.textVersion;
    if (textMoved) {
      this.texts = new Map();
      this.cachedHits = 0;
    }
    if (version !== this.seenVersion) {
      const skus = this.seenVersion < 0 ? null : await this.changedSince(this.seenVersion);
      if (skus === null) this.clear();
      await this.loadDocs(skus);
      if (skus === null) this.builds++;
      if (skus === null || !this.text) {
        const text = new TextIndex(this.db);
        await text.build((id) => this.ordinal(id), this.sku.length);
        this.text = text;
        this.vocabulary = await Vocabulary.load(this.db);
      } else if (textMoved) await this.text.update(skus, (sku) => this.bySku.get(sku), this.sku.length, this.vocabulary);
      for (const [code, m] of [...this.markets]) {
        if (skus === null) this.markets.delete(code);
        else await this.loadPrices(code, m, skus);
      }
      this.seenVersion = version;
    }
    this.textVersion = textVersion;
    if (market === null) return [];
    let m = this.markets.get(market);
    if (!m || at < m.from || (m.until !== null && at >= m.until)) {
      m = { from: at, until: null, amount: [] };
      await this.loadPrices(market, m, null);
      this.markets.set(market, m);
    }
    for (let i = m.amount.length; i < this.sku.length; i++) m.amount.push(NaN);
    return m.amount;
  }

  /** SKUs changed after `version`, or null when everything must be read again. */
  private async changedSince(version: number): Promise<string[] | null> {
    const rows = await this.db.all<{ version: number | string; skus: string }>('SELECT version, skus FROM search_changes WHERE version > ? ORDER BY version', [version]);
    if (rows.length === 0 || Number(rows[0].version) !== version + 1) return null;
    const skus = new Set<string>();
    for (const r of rows) {
      if (r.skus === '*') return null;
      for (const s of JSON.parse(r.skus) as string[]) skus.add(s);
      if (skus.size > MAX_INCREMENTAL) return null;
    }
    return [...skus];
  }

  /** Before reading everything again: a variant keeps its ordinal (variants are never deleted), so a search under way stays right. */
  private clear(): void {
    this.markets = new Map();
    this.texts = new Map();
    this.cachedHits = 0;
  }

  /**
   * The variants (ordinals) a text matches and their ranks, from the recently searched texts or from
   * `load` (the text index). Call after `prices` (which brings the projection and its counters up to date).
   */
  async textMatches(groups: TermGroups, ranked: boolean, load: () => Promise<{ id: number | string; rank: number }[]>): Promise<TextHits> {
    const key = `${ranked ? 'ranked' : 'matched'} ${JSON.stringify(groups)}`;
    const cached = this.texts.get(key);
    if (cached) {
      this.texts.delete(key);
      this.texts.set(key, cached);
      return cached;
    }
    const textVersion = this.textVersion;
    const local = this.text?.query(groups, ranked) ?? null;
    if (local) {
      this.textAnswers.memory++;
      this.keep(key, local);
      return local;
    }
    this.textAnswers.database++;
    const rows = await load();
    const ids = new Int32Array(rows.length);
    const ranks = new Float64Array(rows.length);
    let n = 0;
    for (const r of rows) {
      const i = this.ordinal(r.id);
      if (i === undefined) continue;
      ids[n] = i;
      ranks[n++] = Number(r.rank);
    }
    const hits = { ids: ids.subarray(0, n), ranks: ranks.subarray(0, n) };
    if (textVersion === this.textVersion) this.keep(key, hits);
    return hits;
  }

  /** Keeps a text's matches, the least recently used dropped beyond MAX_CACHED_HITS. */
  private keep(key: string, hits: TextHits): void {
    if (hits.ids.length > MAX_CACHED_HITS) return;
    this.texts.set(key, hits);
    this.cachedHits += hits.ids.length;
    for (const [k, v] of this.texts) {
      if (this.cachedHits <= MAX_CACHED_HITS) break;
      this.texts.delete(k);
      this.cachedHits -= v.ids.length;
    }
  }

  /** Reads variants (all, or these SKUs) into the projection. */
  private async loadDocs(skus: string[] | null): Promise<void> {
    const select = `SELECT ${this.db.dialect === 'sqlite' ? 'p.rowid' : 'NULL'} AS rid, p.sku, p.name, p.options, f.brand, c.path
      FROM products p LEFT JOIN product_families f ON f.id = p.family_id LEFT JOIN categories c ON c.code = f.category`;
    const put = (r: DocRow) => {
      let i = this.bySku.get(r.sku);
      if (i === undefined) {
        i = this.sku.length;
        this.sku.push(r.sku);
        this.name.push('');
        this.brand.push(-1);
        this.path.push(-1);
        this.optionSet.push(0);
        this.bySku.set(r.sku, i);
      }
      if (r.rid !== null) this.setRowid(Number(r.rid), i);
      this.name[i] = r.name;
      this.brand[i] = r.brand === null ? -1 : this.brands.id(r.brand);
      this.path[i] = r.path === null ? -1 : this.paths.id(r.path);
      this.optionSet[i] = this.optionSets.id(r.options);
    };
    if (skus === null) for await (const rows of pages<DocRow & Record<string, unknown>>(this.db, `SELECT * FROM (${select}) x`, this.db.dialect === 'sqlite' ? 'rid' : 'sku', (r) => (this.db.dialect === 'sqlite' ? Number(r.rid) : r.sku))) for (const r of rows) put(r);
    else for (let i = 0; i < skus.length; i += CHUNK) for (const r of await this.db.all<DocRow>(`${select} WHERE p.sku IN (${list(Math.min(CHUNK, skus.length - i))})`, skus.slice(i, i + CHUNK))) put(r);
  }

  /** Reads a market's prices in effect at m.from (all, or of these SKUs) and the instant they hold until. */
  private async loadPrices(market: string, m: MarketPrices, skus: string[] | null): Promise<void> {
    for (let i = m.amount.length; i < this.sku.length; i++) m.amount.push(NaN);
    const at = m.from;
    const apply = (rows: { sku: string; amount_minor: number | string; valid_from: string }[]) => {
      const from = new Map<number, string>();
      for (const r of rows) {
        const i = this.bySku.get(r.sku);
        if (i === undefined) continue;
        const seen = from.get(i);
        if (seen !== undefined && seen >= r.valid_from) continue; // the one that starts last
        from.set(i, r.valid_from);
        m.amount[i] = Number(r.amount_minor);
      }
    };
    const boundary = async (where: string, params: string[]) => {
      const a = await this.db.get<{ t: string | null }>(`SELECT MIN(valid_from) AS t FROM prices WHERE market = ? AND valid_from > ?${where}`, [market, at, ...params]);
      const b = await this.db.get<{ t: string | null }>(`SELECT MIN(valid_until) AS t FROM prices WHERE market = ? AND valid_until > ?${where}`, [market, at, ...params]);
      m.until = minOf(m.until, minOf(a?.t ?? null, b?.t ?? null));
    };
    if (skus === null) {
      apply(await this.db.all(`SELECT sku, amount_minor, valid_from FROM prices WHERE market = ? AND ${VALID}`, [market, at, at]));
      await boundary('', []);
      return;
    }
    for (let i = 0; i < skus.length; i += CHUNK) {
      const chunk = skus.slice(i, i + CHUNK);
      for (const s of chunk) {
        const o = this.bySku.get(s);
        if (o !== undefined) m.amount[o] = NaN;
      }
      apply(await this.db.all(`SELECT sku, amount_minor, valid_from FROM prices WHERE market = ? AND ${VALID} AND sku IN (${list(chunk.length)})`, [market, at, at, ...chunk]));
      await boundary(` AND sku IN (${list(chunk.length)})`, chunk);
    }
  }
}
