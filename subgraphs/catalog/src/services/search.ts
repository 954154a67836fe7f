import { userError, UserErrorException } from '../../../../common/errors.ts';
import { formatMinor, MoneyError, parseMinor, type Money } from '../../../../common/money.ts';
import type { SearchCandidate, SearchIndex } from '../data/searchIndex.ts';
import { terms } from '../data/searchIndex.ts';

/**
 * Storefront search over variants (SKUs) sold in one market: text (typo-tolerant, on titles in every
 * locale, brand and option values), category (with its subcategories), brand, option values and a
 * price range; facet counts over the filtered result (categories, brands, option values, price bands).
 * Market-isolated: only SKUs with a price valid in the market now are ever found.
 */
export interface ProductFilter {
  text?: string | null;
  category?: string | null;
  brands?: readonly string[] | null;
  options?: readonly { name: string; values: readonly string[] }[] | null;
  priceRange?: { min?: string | null; max?: string | null } | null;
  inStock?: boolean | null;
}

/** Which of these SKUs can be bought now in the market (inventory's availability, through the graph). */
export type StockLookup = (market: string, skus: string[]) => Promise<Set<string>>;

export type ProductSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME' | 'SKU';

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  categories: FacetCount[];
  brands: FacetCount[];
  options: { name: string; values: FacetCount[] }[];
  priceBands: { min: Money | null; max: Money | null; count: number }[];
}

export interface SearchPage {
  skus: string[];
  /** offset of the first result after this page, or null at the end */
  next: number | null;
  totalCount: number;
  facets: SearchFacets;
}

const MAX_TERMS = 8;
const MAX_TEXT = 200;

const sorted = (m: Map<string, number>): FacetCount[] =>
  [...m].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));

/** Price bands with round bounds in the currency's major unit: about five bands over the result's range. */
export function priceBands(amounts: number[], currency: string, digits: number): SearchFacets['priceBands'] {
  if (amounts.length === 0) return [];
  const unit = 10 ** digits;
  let max = 0;
  for (const a of amounts) if (a > max) max = a;
  const rough = max / 5 / unit;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = ([1, 2, 5, 10].find((f) => f * magnitude >= rough) ?? 10) * magnitude * unit;
  const bands = new Map<number, number>();
  for (const a of amounts) {
    const b = Math.floor(a / step);
    bands.set(b, (bands.get(b) ?? 0) + 1);
  }
  return [...bands]
    .sort((a, b) => a[0] - b[0])
    .map(([b, n]) => ({ min: { amount: formatMinor(b * step, currency), currencyCode: currency }, max: { amount: formatMinor((b + 1) * step, currency), currencyCode: currency }, count: n }));
}

export class ProductSearch {
  constructor(
    private readonly index: SearchIndex,
    private readonly inStock?: StockLookup,
  ) {}

  /** Query term groups: each term with its close spellings when the term itself matches nothing. */
  private async termGroups(text: string | null | undefined): Promise<string[][]> {
    if (!text) return [];
    if (text.length > MAX_TEXT) throw new UserErrorException(userError('INVALID_FILTER', `The search text has at most ${MAX_TEXT} characters.`, 'filter.text'));
    const words = terms(text).slice(0, MAX_TERMS);
    return Promise.all(words.map(async (t) => ((await this.index.hasPrefix(t)) ? [t] : [t, ...(await this.index.similarTerms(t))])));
  }

  async search(market: { code: string; currencyCode: string }, at: string, filter: ProductFilter, sort: ProductSort, offset: number, limit: number, digits: number): Promise<SearchPage> {
    const currency = market.currencyCode;
    const price = (v: string | null | undefined, field: string) => {
      if (v === null || v === undefined || v === '') return null;
      try {
        return parseMinor(v, currency);
      } catch (e) {
        throw new UserErrorException(userError('INVALID_FILTER', (e as MoneyError).message, field));
      }
    };
    const min = price(filter.priceRange?.min, 'filter.priceRange.min');
    const max = price(filter.priceRange?.max, 'filter.priceRange.max');
    const groups = await this.termGroups(filter.text?.trim());
    if (filter.text?.trim() && groups.length === 0) return { skus: [], next: null, totalCount: 0, facets: { categories: [], brands: [], options: [], priceBands: [] } };
    const category = filter.category ?? null;
    const brands = filter.brands?.length ? new Set(filter.brands) : null;
    const wanted = (filter.options ?? []).filter((o) => o.values.length);
    const categoryNeedle = category === null ? null : `/${category}/`;
    // one pass: keep the matches, parsing only what the filters and facets need
    let found: (SearchCandidate & { opts: { name: string; value: string }[] })[] = [];
    for (const raw of await this.index.candidates(market.code, at, groups)) {
      const amount = Number(raw.amount_minor);
      if ((min !== null && amount < min) || (max !== null && amount > max)) continue;
      if (brands !== null && (raw.brand === null || !brands.has(raw.brand))) continue;
      if (categoryNeedle !== null && (raw.path === null || !`/${raw.path}/`.includes(categoryNeedle))) continue;
      const opts = JSON.parse(raw.options) as { name: string; value: string }[];
      if (!wanted.every((w) => opts.some((o) => o.name === w.name && w.values.includes(o.value)))) continue;
      const c = raw as SearchCandidate & { opts: { name: string; value: string }[] };
      c.amount_minor = amount;
      c.rank = Number(raw.rank);
      c.opts = opts;
      found.push(c);
    }
    if (filter.inStock) {
      if (!this.inStock) throw new UserErrorException(userError('INVALID_FILTER', 'Stock cannot be asked here.', 'filter.inStock'));
      const available = await this.inStock(market.code, found.map((c) => c.sku));
      found = found.filter((c) => available.has(c.sku));
    }
    const byName = (a: SearchCandidate, b: SearchCandidate) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.sku < b.sku ? -1 : 1);
    const bySku = (a: SearchCandidate, b: SearchCandidate) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
    const order: Record<ProductSort, (a: SearchCandidate, b: SearchCandidate) => number> = {
      RELEVANCE: (a, b) => a.rank - b.rank || bySku(a, b),
      PRICE_ASC: (a, b) => a.amount_minor - b.amount_minor || bySku(a, b),
      PRICE_DESC: (a, b) => b.amount_minor - a.amount_minor || bySku(a, b),
      NAME: byName,
      SKU: bySku,
    };
    found.sort(order[sort === 'RELEVANCE' && groups.length === 0 ? 'SKU' : sort]);
    // facets in one pass over the matches
    const categories = new Map<string, number>();
    const brandCounts = new Map<string, number>();
    const optionCounts = new Map<string, Map<string, number>>();
    const amounts: number[] = [];
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const c of found) {
      if (c.path) for (const code of c.path.split('/')) bump(categories, code);
      if (c.brand) bump(brandCounts, c.brand);
      for (const o of c.opts) {
        let values = optionCounts.get(o.name);
        if (!values) optionCounts.set(o.name, (values = new Map()));
        bump(values, o.value);
      }
      amounts.push(c.amount_minor);
    }
    const facets: SearchFacets = {
      categories: sorted(categories),
      brands: sorted(brandCounts),
      options: [...optionCounts.keys()].sort().map((name) => ({ name, values: sorted(optionCounts.get(name)!) })),
      priceBands: priceBands(amounts, currency, digits),
    };
    const page = found.slice(offset, offset + limit);
    return { skus: page.map((c) => c.sku), next: offset + limit < found.length ? offset + limit : null, totalCount: found.length, facets };
  }
}
