import type { Db } from '../../../../common/storage/index.ts';

export interface ProductRow {
  sku: string;
  name: string;
  description: string | null;
  attributes: string;
}

export interface MarketRow {
  code: string;
  name: string;
  currency_code: string;
}

export interface PriceRow {
  sku: string;
  market: string;
  amount_minor: number;
}

/** All SQL of the catalog service. Portable between SQLite and PostgreSQL. */
export class CatalogRepository {
  constructor(private readonly db: Db) {}

  markets(): Promise<MarketRow[]> {
    return this.db.all<MarketRow>('SELECT code, name, currency_code FROM markets ORDER BY code');
  }

  productsBySku(skus: readonly string[]): Promise<ProductRow[]> {
    if (skus.length === 0) return Promise.resolve([]);
    return this.db.all<ProductRow>(
      `SELECT sku, name, description, attributes FROM products WHERE sku IN (${skus.map(() => '?').join(',')})`,
      [...skus],
    );
  }

  /** Current prices (latest valid_from ≤ at) for (sku, market) pairs of one market. */
  async currentPrices(market: string, skus: readonly string[], at: string): Promise<PriceRow[]> {
    if (skus.length === 0) return [];
    return this.db.all<PriceRow>(
      `SELECT p.sku, p.market, p.amount_minor FROM prices p
       WHERE p.market = ? AND p.sku IN (${skus.map(() => '?').join(',')})
         AND p.valid_from = (SELECT MAX(q.valid_from) FROM prices q WHERE q.sku = p.sku AND q.market = p.market AND q.valid_from <= ?)`,
      [market, ...skus, at],
    );
  }

  /** SKUs sold in a market (a price valid at `at`), ordered, after a cursor. */
  async skusInMarket(market: string, at: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ sku: string }>(
      `SELECT DISTINCT sku FROM prices WHERE market = ? AND valid_from <= ? AND sku > ? ORDER BY sku LIMIT ?`,
      [market, at, after ?? '', limit],
    );
    return rows.map((r) => r.sku);
  }

  async countInMarket(market: string, at: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      'SELECT COUNT(DISTINCT sku) AS n FROM prices WHERE market = ? AND valid_from <= ?',
      [market, at],
    );
    return Number(row?.n ?? 0);
  }

  async insertPrice(sku: string, market: string, amountMinor: number, validFrom: string): Promise<void> {
    await this.db.run(
      `INSERT INTO prices (sku, market, amount_minor, valid_from) VALUES (?, ?, ?, ?)
       ON CONFLICT (sku, market, valid_from) DO UPDATE SET amount_minor = excluded.amount_minor`,
      [sku, market, amountMinor, validFrom],
    );
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM markets');
    return Number(row?.n ?? 0) === 0;
  }

  async seed(markets: MarketRow[], products: ProductRow[], prices: (PriceRow & { valid_from: string })[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const m of markets) await tx.run('INSERT INTO markets (code, name, currency_code) VALUES (?, ?, ?)', [m.code, m.name, m.currency_code]);
      for (const p of products) {
        await tx.run('INSERT INTO products (sku, name, description, attributes) VALUES (?, ?, ?, ?)', [p.sku, p.name, p.description, p.attributes]);
      }
      for (const p of prices) {
        await tx.run('INSERT INTO prices (sku, market, amount_minor, valid_from) VALUES (?, ?, ?, ?)', [p.sku, p.market, p.amount_minor, p.valid_from]);
      }
    });
  }
}
