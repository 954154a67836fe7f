import DataLoader from 'dataloader';
import { formatMinor, MoneyError, parseMinor, type Money } from '../../../../common/money.ts';
import { UserErrorException, userError } from '../../../../common/errors.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { CatalogRepository, MarketRow } from '../data/catalogRepository.ts';

export interface TypedValue {
  type: string;
  data: unknown;
}

export interface ProductRecord {
  sku: string;
  name: string;
  description: string | null;
  attributes: TypedValue[];
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

const MAX_PAGE = 100;

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** Per-request loaders: products by SKU, prices by (market, sku), markets. */
export function createCatalogLoaders(repo: CatalogRepository, clock: Clock) {
  const at = () => clock.now().toISOString();
  return {
    product: new DataLoader<string, ProductRecord | null>(async (skus) => {
      const rows = await repo.productsBySku(skus);
      const bySku = new Map(rows.map((r) => [r.sku, { ...r, attributes: JSON.parse(r.attributes) as TypedValue[] }]));
      return skus.map((s) => bySku.get(s) ?? null);
    }),
    price: new DataLoader<string, number | null>(async (keys) => {
      // key = market|sku; group by market
      const byMarket = new Map<string, string[]>();
      for (const k of keys) {
        const [market, sku] = k.split('|');
        byMarket.set(market, [...(byMarket.get(market) ?? []), sku]);
      }
      const found = new Map<string, number>();
      for (const [market, skus] of byMarket) {
        for (const row of await repo.currentPrices(market, skus, at())) found.set(`${market}|${row.sku}`, Number(row.amount_minor));
      }
      return keys.map((k) => found.get(k) ?? null);
    }),
    markets: new DataLoader<'all', Map<string, MarketRow>>(async (keys) => {
      const rows = await repo.markets();
      const map = new Map(rows.map((m) => [m.code, m]));
      return keys.map(() => map);
    }),
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

export class CatalogService {
  constructor(
    private readonly repo: CatalogRepository,
    private readonly loaders: CatalogLoaders,
    private readonly clock: Clock,
  ) {}

  markets() {
    return this.loaders.markets.load('all').then((m) => [...m.values()].map((r) => ({ code: r.code, name: r.name, currencyCode: r.currency_code })));
  }

  product(sku: string): Promise<ProductRecord | null> {
    return this.loaders.product.load(sku);
  }

  async price(sku: string, market: string): Promise<Money | null> {
    const markets = await this.loaders.markets.load('all');
    const m = markets.get(market);
    if (!m) return null;
    const minor = await this.loaders.price.load(`${market}|${sku}`);
    return minor === null ? null : { amount: formatMinor(minor, m.currency_code), currencyCode: m.currency_code };
  }

  async products(market: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<ProductRecord>> {
    const limit = Math.min(Math.max(first ?? 20, 0), MAX_PAGE);
    const markets = await this.loaders.markets.load('all');
    if (!markets.has(market)) return { items: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    const at = this.clock.now().toISOString();
    const skus = await this.repo.skusInMarket(market, at, decodeCursor(after), limit + 1);
    const page = skus.slice(0, limit);
    const items = (await Promise.all(page.map((s) => this.loaders.product.load(s)))).filter((p): p is ProductRecord => p !== null);
    return {
      items,
      hasNextPage: skus.length > limit,
      endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
      totalCount: await this.repo.countInMarket(market, at),
    };
  }

  /** Sets a price (effective now or at validFrom). */
  async setPrice(input: { sku: string; market: string; amount: string; validFrom?: string | null }): Promise<ProductRecord> {
    const markets = await this.loaders.markets.load('all');
    const m = markets.get(input.market);
    if (!m) throw new UserErrorException(userError('MARKET_UNKNOWN', `Unknown market ${input.market}.`, 'market'));
    const product = await this.loaders.product.load(input.sku);
    if (!product) throw new UserErrorException(userError('PRODUCT_NOT_FOUND', `Unknown SKU ${input.sku}.`, 'sku'));
    let minor: number;
    try {
      minor = parseMinor(input.amount, m.currency_code);
    } catch (e) {
      throw new UserErrorException(userError('INVALID_AMOUNT', (e as MoneyError).message, 'amount'));
    }
    if (minor < 0) throw new UserErrorException(userError('INVALID_AMOUNT', 'A price cannot be negative.', 'amount'));
    const validFrom = input.validFrom ?? this.clock.now().toISOString();
    await this.repo.insertPrice(input.sku, input.market, minor, validFrom);
    this.loaders.price.clear(`${input.market}|${input.sku}`);
    return product;
  }
}
