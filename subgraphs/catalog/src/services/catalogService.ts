import DataLoader from 'dataloader';
import { currencyDigits, formatMinor, MoneyError, parseMinor, type Money } from '../../../../common/money.ts';
import { UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import type { Clock } from '../../../../common/clock.ts';
import { schedulesOf, type CatalogRepository, type MarketRow, type PriceSchedule } from '../data/catalogRepository.ts';
import type { Identity } from '../../../../common/identity.ts';
import { priceAuditEntries, recordAudit } from './audit.ts';
import { toMarketView, type MarketView } from './markets.ts';
import { priceChangesBetween } from './priceSchedule.ts';
import type { ProductFilter, ProductSearch, ProductSort, SearchFacets } from './search.ts';

export interface TypedValue {
  type: string;
  data: unknown;
}

export interface ProductRecord {
  sku: string;
  name: string;
  description: string | null;
  attributes: TypedValue[];
  familyId: string | null;
  options: { name: string; value: string }[];
}

export interface ProductPage {
  items: ProductRecord[];
  /** the cursor of each item */
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  /** facet counts over every match (computed when asked for) */
  facets: () => Promise<SearchFacets>;
}

/** The connection as resolvers build it: facets are counted only when a query selects them. */
export interface ProductConnectionRecord {
  edges: { cursor: string; node: ProductRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  facets: () => Promise<SearchFacets>;
}

/** Search pages are by position: a cursor "#n" starts after the n-th match. */
const OFFSET_CURSOR = '#';

const MAX_PAGE = 100;
const MAX_PRICES_PER_CALL = 1000;

/** A preview diff as catalog knows it: its key. */
export interface PreviewDiffRef {
  market: string;
  at: string;
}

export interface PriceChangeView {
  sku: string;
  at: string;
  before: Money | null;
  after: Money | null;
}

export interface PriceInput {
  sku: string;
  market: string;
  amount: string;
  validFrom?: string | null;
  validUntil?: string | null;
}

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
      const bySku = new Map(
        rows.map((r) => [
          r.sku,
          { sku: r.sku, name: r.name, description: r.description, attributes: JSON.parse(r.attributes) as TypedValue[], familyId: r.family_id ?? null, options: JSON.parse(r.options ?? '[]') as { name: string; value: string }[] },
        ]),
      );
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
    private readonly search: ProductSearch,
  ) {}

  markets(): Promise<MarketView[]> {
    return this.loaders.markets.load('all').then((m) => [...m.values()].map(toMarketView));
  }

  async market(code: string): Promise<MarketView | null> {
    const row = (await this.loaders.markets.load('all')).get(code);
    return row ? toMarketView(row) : null;
  }

  /** Moves whenever a market is created or changed (services reload their copy when it does). */
  marketsVersion(): Promise<number> {
    return this.repo.changeCounter('markets');
  }

  product(sku: string): Promise<ProductRecord | null> {
    return this.loaders.product.load(sku);
  }

  /** A product read again after a write in this request. */
  productFresh(sku: string): Promise<ProductRecord | null> {
    this.loaders.product.clear(sku);
    return this.loaders.product.load(sku);
  }

  async price(sku: string, market: string): Promise<Money | null> {
    const markets = await this.loaders.markets.load('all');
    const m = markets.get(market);
    if (!m) return null;
    const minor = await this.loaders.price.load(`${market}|${sku}`);
    return minor === null ? null : { amount: formatMinor(minor, m.currency_code), currencyCode: m.currency_code };
  }

  async products(
    market: string,
    first: number | null | undefined,
    after: string | null | undefined,
    filter?: ProductFilter | null,
    sort?: ProductSort | null,
  ): Promise<ProductPage> {
    const limit = Math.min(Math.max(first ?? 20, 0), MAX_PAGE);
    const markets = await this.loaders.markets.load('all');
    const m = markets.get(market);
    const empty = { categories: [], brands: [], options: [], priceBands: [] };
    if (!m) return { items: [], cursors: [], hasNextPage: false, endCursor: null, totalCount: 0, facets: async () => empty };
    const at = this.clock.now().toISOString();
    const cursor = decodeCursor(after);
    const market$ = { code: m.code, currencyCode: m.currency_code };
    const digits = currencyDigits(m.currency_code);
    const searching = !!filter || !!sort || cursor?.startsWith(OFFSET_CURSOR);
    if (!searching) {
      // the plain listing by SKU (keyset pages); facets only when asked for
      const skus = await this.repo.skusInMarket(market, at, cursor, limit + 1);
      const page = skus.slice(0, limit);
      const items = (await Promise.all(page.map((s) => this.loaders.product.load(s)))).filter((p): p is ProductRecord => p !== null);
      return {
        items,
        cursors: items.map((p) => encodeCursor(p.sku)),
        hasNextPage: skus.length > limit,
        endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
        totalCount: await this.repo.countInMarket(market, at),
        facets: async () => (await this.search.search(market$, at, {}, 'SKU', 0, 0, digits)).facets,
      };
    }
    const offset = cursor?.startsWith(OFFSET_CURSOR) ? Number(cursor.slice(OFFSET_CURSOR.length)) || 0 : 0;
    const result = await this.search.search(market$, at, filter ?? {}, sort ?? 'RELEVANCE', Math.max(offset, 0), limit, digits);
    const items = (await Promise.all(result.skus.map((s) => this.loaders.product.load(s)))).filter((p): p is ProductRecord => p !== null);
    const cursors = items.map((_, i) => encodeCursor(`${OFFSET_CURSOR}${offset + i + 1}`));
    return { items, cursors, hasNextPage: result.next !== null, endCursor: cursors.at(-1) ?? null, totalCount: result.totalCount, facets: async () => result.facets };
  }

  /** Sets a price (effective now or at validFrom, until validUntil), audited as made by `actor`. */
  async setPrice(input: PriceInput, actor: Pick<Identity, 'keyId'>): Promise<ProductRecord> {
    const [product] = await this.setPrices([input], actor, (field) => field);
    return product;
  }

  /**
   * Schedules several prices at once, all or nothing: every entry is checked first and all errors are
   * reported together (`input[i].field`); nothing is written when any is wrong.
   */
  async setPrices(inputs: readonly PriceInput[], actor: Pick<Identity, 'keyId'>, fieldOf: (field: string, i: number) => string = (f, i) => `input[${i}].${f}`): Promise<ProductRecord[]> {
    if (inputs.length === 0) throw new UserErrorException(userError('NO_PRICES', 'Give at least one price.', 'input'));
    if (inputs.length > MAX_PRICES_PER_CALL) throw new UserErrorException(userError('TOO_MANY_PRICES', `At most ${MAX_PRICES_PER_CALL} prices per call.`, 'input'));
    const markets = await this.loaders.markets.load('all');
    const products = await Promise.all(inputs.map((p) => this.loaders.product.load(p.sku)));
    const now = this.clock.now().toISOString();
    const errors: UserError[] = [];
    const rows: PriceSchedule[] = [];
    inputs.forEach((input, i) => {
      const m = markets.get(input.market);
      if (!m) return void errors.push(userError('MARKET_UNKNOWN', `Unknown market ${input.market}.`, fieldOf('market', i)));
      if (!products[i]) return void errors.push(userError('PRODUCT_NOT_FOUND', `Unknown SKU ${input.sku}.`, fieldOf('sku', i)));
      let minor: number;
      try {
        minor = parseMinor(input.amount, m.currency_code);
      } catch (e) {
        return void errors.push(userError('INVALID_AMOUNT', (e as MoneyError).message, fieldOf('amount', i)));
      }
      if (minor < 0) return void errors.push(userError('INVALID_AMOUNT', 'A price cannot be negative.', fieldOf('amount', i)));
      const validFrom = input.validFrom ?? now;
      const validUntil = input.validUntil ?? null;
      if (validUntil !== null && validUntil <= validFrom) {
        return void errors.push(userError('INVALID_VALIDITY', 'validUntil must be later than validFrom.', fieldOf('validUntil', i)));
      }
      if (validUntil !== null && validUntil <= now) {
        return void errors.push(userError('INVALID_VALIDITY', 'validUntil is already past: the price would never apply.', fieldOf('validUntil', i)));
      }
      rows.push({ sku: input.sku, market: input.market, amount_minor: minor, valid_from: validFrom, valid_until: validUntil });
    });
    if (errors.length) throw new UserErrorException(errors);
    // each price in the audit trail, with the one in effect at its start before it, in the same transaction
    const currencies = new Map([...markets].map(([code, m]) => [code, m.currency_code]));
    await this.repo.insertPrices(rows, now, async (tx, prices) => {
      const byMarket = new Map<string, string[]>();
      for (const p of prices) byMarket.set(p.market, [...(byMarket.get(p.market) ?? []), p.sku]);
      const schedules: PriceSchedule[] = [];
      for (const [market, skus] of byMarket) schedules.push(...(await schedulesOf(tx, market, [...new Set(skus)])));
      await recordAudit(tx, actor, now, priceAuditEntries(prices, schedules, currencies, now));
    });
    for (const r of rows) this.loaders.price.clear(`${r.market}|${r.sku}`);
    return products as ProductRecord[];
  }

  /** Prices of a market that start or end in (now, at], with the price before and after each change. */
  async priceChanges(market: string, at: string): Promise<PriceChangeView[]> {
    const m = (await this.loaders.markets.load('all')).get(market);
    const now = this.clock.now().toISOString();
    if (!m || at <= now) return [];
    const skus = await this.repo.skusChangingBetween(market, now, at);
    const changes = priceChangesBetween(await this.repo.schedules(market, skus), now, at);
    const asMoney = (minor: number | null) => (minor === null ? null : { amount: formatMinor(minor, m.currency_code), currencyCode: m.currency_code });
    return changes.map((c) => ({ sku: c.sku, at: c.at, before: asMoney(c.beforeMinor), after: asMoney(c.afterMinor) }));
  }
}
