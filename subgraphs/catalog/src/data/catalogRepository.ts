import { recordChanges } from '../../../../common/events/outbox.ts';
import { formatMinor } from '../../../../common/money.ts';
import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { recordSearchChange } from './searchProjection.ts';

export interface ProductRow {
  sku: string;
  name: string;
  description: string | null;
  attributes: string;
  /** the product family the SKU is a variant of (null: a product of one SKU) */
  family_id?: string | null;
  /** JSON array of { name, value } */
  options?: string;
}

export interface MarketRow {
  code: string;
  name: string;
  currency_code: string;
  /** 1 when the market's prices include tax */
  prices_include_tax: number;
  default_locale: string;
  /** JSON array of channel codes */
  channels: string;
  updated_at: string | null;
}

const MARKET_COLUMNS = 'code, name, currency_code, prices_include_tax, default_locale, channels, updated_at';

export interface PriceRow {
  sku: string;
  market: string;
  amount_minor: number;
}

/** A price row with its validity window: valid_from ≤ t < valid_until (no end when null). */
export interface PriceSchedule extends PriceRow {
  valid_from: string;
  valid_until: string | null;
}

/** A price as PriceChanged reports it. */
interface PriceChange {
  market: string;
  amount: string;
  currencyCode: string;
  validFrom: string;
  validUntil: string | null;
}

/** Folds newer price changes of a SKU into the waiting event: one entry per (market, validFrom), the newer wins. */
function mergePrices(waiting: { sku: string; prices: PriceChange[] }, next: { sku: string; prices: PriceChange[] }) {
  const byKey = new Map<string, PriceChange>();
  for (const p of [...(waiting.prices ?? []), ...next.prices]) byKey.set(`${p.market}|${p.validFrom}`, p);
  return { sku: next.sku, prices: [...byKey.values()] };
}

/** SQL condition "this row is valid at the instant" (two parameters: at, at). */
const VALID_AT = (t: string) => `${t}.valid_from <= ? AND (${t}.valid_until IS NULL OR ${t}.valid_until > ?)`;

/** All SQL of the catalog service. Portable between SQLite and PostgreSQL. */
export class CatalogRepository {
  constructor(private readonly db: Db) {}

  markets(): Promise<MarketRow[]> {
    return this.db.all<MarketRow>(`SELECT ${MARKET_COLUMNS} FROM markets ORDER BY code`);
  }

  market(code: string, q: Queryable = this.db): Promise<MarketRow | undefined> {
    return q.get<MarketRow>(`SELECT ${MARKET_COLUMNS} FROM markets WHERE code = ?`, [code]);
  }

  /** The change counter of a kind of data (`markets`): it moves on every write, so readers know when to reload. */
  async changeCounter(name: string): Promise<number> {
    const row = await this.db.get<{ value: number }>('SELECT value FROM change_counters WHERE name = ?', [name]);
    return Number(row?.value ?? 0);
  }

  /** Whether any price was ever set in a market (its currency is then fixed). */
  async marketHasPrices(code: string, q: Queryable = this.db): Promise<boolean> {
    return (await q.get('SELECT 1 AS x FROM prices WHERE market = ? LIMIT 1', [code])) !== undefined;
  }

  /**
   * Inserts or updates markets in one transaction and moves the markets change counter once.
   * `check` runs inside the transaction with the stored row (or undefined) and may throw to refuse.
   */
  async upsertMarkets(rows: readonly MarketRow[], check?: (row: MarketRow, before: MarketRow | undefined, tx: Queryable) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const m of rows) {
        if (check) await check(m, await this.market(m.code, tx), tx);
        await tx.run(
          `INSERT INTO markets (${MARKET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, currency_code = excluded.currency_code,
             prices_include_tax = excluded.prices_include_tax, default_locale = excluded.default_locale,
             channels = excluded.channels, updated_at = excluded.updated_at`,
          [m.code, m.name, m.currency_code, m.prices_include_tax, m.default_locale, m.channels, m.updated_at],
        );
      }
      await tx.run(
        `INSERT INTO change_counters (name, value) VALUES ('markets', 1)
         ON CONFLICT (name) DO UPDATE SET value = change_counters.value + 1`,
      );
    });
  }

  productsBySku(skus: readonly string[]): Promise<ProductRow[]> {
    if (skus.length === 0) return Promise.resolve([]);
    return this.db.all<ProductRow>(
      `SELECT sku, name, description, attributes, family_id, options FROM products WHERE sku IN (${skus.map(() => '?').join(',')})`,
      [...skus],
    );
  }

  /**
   * Prices in effect at `at` for SKUs of one market: among the rows valid at that instant
   * (valid_from ≤ at < valid_until), the one that starts last.
   */
  async currentPrices(market: string, skus: readonly string[], at: string): Promise<PriceRow[]> {
    if (skus.length === 0) return [];
    return this.db.all<PriceRow>(
      `SELECT p.sku, p.market, p.amount_minor FROM prices p
       WHERE p.market = ? AND p.sku IN (${skus.map(() => '?').join(',')}) AND ${VALID_AT('p')}
         AND p.valid_from = (SELECT MAX(q.valid_from) FROM prices q WHERE q.sku = p.sku AND q.market = p.market AND ${VALID_AT('q')})`,
      [market, ...skus, at, at, at, at],
    );
  }

  /** SKUs sold in a market (a price valid at `at`), ordered, after a cursor. */
  async skusInMarket(market: string, at: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ sku: string }>(
      `SELECT DISTINCT sku FROM prices p WHERE market = ? AND ${VALID_AT('p')} AND sku > ? ORDER BY sku LIMIT ?`,
      [market, at, at, after ?? '', limit],
    );
    return rows.map((r) => r.sku);
  }

  async countInMarket(market: string, at: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(`SELECT COUNT(DISTINCT sku) AS n FROM prices p WHERE market = ? AND ${VALID_AT('p')}`, [market, at, at]);
    return Number(row?.n ?? 0);
  }

  /** Writes scheduled prices; the same (sku, market, validFrom) again replaces amount and end. All or nothing. */
  /** `beforeWrite`: runs first in the transaction (e.g. the audit records of these prices, read against the schedules before them). */
  async insertPrices(input: readonly PriceSchedule[], at: string = new Date().toISOString(), beforeWrite?: (tx: Queryable, prices: readonly PriceSchedule[]) => Promise<void>): Promise<void> {
    let prices = input;
    // several rows per statement (bulk imports write millions); one (sku, market, validFrom) at most once per call
    const CHUNK = 200;
    const last = new Map<string, PriceSchedule>();
    for (const p of prices) last.set(`${p.sku}\u0000${p.market}\u0000${p.valid_from}`, p); // the same key again: the later one wins
    if (last.size !== prices.length) prices = [...last.values()];
    await this.db.transaction(async (tx) => {
      await beforeWrite?.(tx, prices);
      for (let i = 0; i < prices.length; i += CHUNK) {
        const chunk = prices.slice(i, i + CHUNK);
        await tx.run(
          `INSERT INTO prices (sku, market, amount_minor, valid_from, valid_until) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (sku, market, valid_from) DO UPDATE SET amount_minor = excluded.amount_minor, valid_until = excluded.valid_until`,
          chunk.flatMap((p) => [p.sku, p.market, p.amount_minor, p.valid_from, p.valid_until]),
        );
      }
      // PriceChanged, one per SKU (coalesced with the one still waiting for the relay), in the same transaction
      const currency = new Map((await tx.all<{ code: string; currency_code: string }>('SELECT code, currency_code FROM markets')).map((m) => [m.code, m.currency_code]));
      const bySku = new Map<string, PriceChange[]>();
      for (const p of prices) {
        const c = currency.get(p.market) ?? '';
        const change = { market: p.market, amount: c ? formatMinor(p.amount_minor, c) : String(p.amount_minor), currencyCode: c, validFrom: p.valid_from, validUntil: p.valid_until };
        const list = bySku.get(p.sku);
        if (list) list.push(change);
        else bySku.set(p.sku, [change]);
      }
      const changes = [...bySku].map(([sku, list]) => ({ aggregateId: sku, data: { sku, prices: list } }));
      await recordChanges(tx, 'PriceChanged', at, changes, mergePrices);
      await recordSearchChange(tx, [...bySku.keys()]);
    });
  }

  /** Which of these SKUs exist. */
  async existingSkus(skus: readonly string[]): Promise<Set<string>> {
    if (skus.length === 0) return new Set();
    const rows = await this.db.all<{ sku: string }>(`SELECT sku FROM products WHERE sku IN (${skus.map(() => '?').join(',')})`, [...skus]);
    return new Set(rows.map((r) => r.sku));
  }

  /** SKUs of a market with a price that starts or ends in (from, to]. */
  async skusChangingBetween(market: string, from: string, to: string): Promise<string[]> {
    const rows = await this.db.all<{ sku: string }>(
      `SELECT DISTINCT sku FROM prices WHERE market = ?
         AND ((valid_from > ? AND valid_from <= ?) OR (valid_until IS NOT NULL AND valid_until > ? AND valid_until <= ?))
       ORDER BY sku`,
      [market, from, to, from, to],
    );
    return rows.map((r) => r.sku);
  }

  /** Every price row of these SKUs in a market (their whole schedule). */
  schedules(market: string, skus: readonly string[]): Promise<PriceSchedule[]> {
    return schedulesOf(this.db, market, skus);
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM markets');
    return Number(row?.n ?? 0) === 0;
  }
}

/** Every price row of these SKUs in a market (their whole schedule), on a database or in a transaction. */
export function schedulesOf(q: Queryable, market: string, skus: readonly string[]): Promise<PriceSchedule[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return q.all<PriceSchedule>(
    `SELECT sku, market, amount_minor, valid_from, valid_until FROM prices WHERE market = ? AND sku IN (${skus.map(() => '?').join(',')})`,
    [market, ...skus],
  );
}
