import { userError, UserErrorException } from '../../../../common/errors.ts';
import { formatMinor, MoneyError, parseMinor, type Money } from '../../../../common/money.ts';
import type { SearchCandidate, SearchIndex } from '../data/searchIndex.ts';
import type { Vocabulary } from '../data/vocabulary.ts';
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
export function priceBands(amounts: ArrayLike<number> & Iterable<number>, currency: string, digits: number): SearchFacets['priceBands'] {
  if (amounts.length === 0) return [];
  const unit = 10 ** digits;
  let max = 0;
  for (let i = 0; i < amounts.length; i++) if (amounts[i] > max) max = amounts[i];
  const rough = max / 5 / unit;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = ([1, 2, 5, 10].find((f) => f * magnitude >= rough) ?? 10) * magnitude * unit;
  // about five bands: counted in an array by band number
  const counts: number[] = [];
  for (let i = 0; i < amounts.length; i++) {
    const b = Math.floor(amounts[i] / step);
    counts[b] = (counts[b] ?? 0) + 1;
  }
  const bands: [number, number][] = [];
  counts.forEach((n, b) => bands.push([b, n]));
  return bands
    .map(([b, n]) => ({ min: { amount: formatMinor(b * step, currency), currencyCode: currency }, max: { amount: formatMinor((b + 1) * step, currency), currencyCode: currency }, count: n }));
}

export class ProductSearch {
  constructor(
    private readonly index: SearchIndex,
    private readonly inStock?: StockLookup,
  ) {}

  /** Query term groups: each term with its close spellings when the term itself matches nothing (from the vocabulary in memory when given). */
  private async termGroups(text: string | null | undefined, vocabulary: Vocabulary | null): Promise<string[][]> {
    if (!text) return [];
    if (text.length > MAX_TEXT) throw new UserErrorException(userError('INVALID_FILTER', `The search text has at most ${MAX_TEXT} characters.`, 'filter.text'));
    const words = terms(text).slice(0, MAX_TERMS);
    if (vocabulary) return words.map((t) => (vocabulary.hasPrefix(t) ? [t] : [t, ...vocabulary.similar(t)]));
    return Promise.all(words.map(async (t) => ((await this.index.hasPrefix(t)) ? [t] : [t, ...(await this.index.similarTerms(t))])));
  }

  /** What every search needs first: the price bounds in minor units and the text's term groups (null: the text matches nothing). */
  private async prepare(currency: string, filter: ProductFilter, vocabulary: Vocabulary | null = null) {
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
    const groups = await this.termGroups(filter.text?.trim(), vocabulary);
    return { min, max, groups: filter.text?.trim() && groups.length === 0 ? null : groups };
  }

  /**
   * The search: matches from the text index, everything else from the in-memory search projection
   * (prices of the market, brand, category path, option set per variant), facets counted per distinct
   * brand, path and option set and spread over their values afterwards, the page picked without
   * sorting every match. Gives what `reference` gives.
   */
  async search(market: { code: string; currencyCode: string }, at: string, filter: ProductFilter, sort: ProductSort, offset: number, limit: number, digits: number): Promise<SearchPage> {
    const currency = market.currencyCode;
    const p = this.index.projection;
    const amount = await p.prices(market.code, at);
    const { min, max, groups } = await this.prepare(currency, filter, p.vocabulary);
    if (groups === null) return { skus: [], next: null, totalCount: 0, facets: { categories: [], brands: [], options: [], priceBands: [] } };
    // ranked only when the page is by relevance (ranking costs more per match than matching)
    const relevance = sort === 'RELEVANCE' && groups.length > 0;
    const text = groups.length
      ? await p.textMatches(groups, relevance, async () => (relevance ? this.index.ranked(groups) : (await this.index.matches(groups)).map((id) => ({ id, rank: 0 }))))
      : null;
    // per dictionary entry: does it pass the filters (undefined: no such filter)
    const brands = filter.brands?.length ? new Set(filter.brands) : null;
    const brandOk = brands && p.brands.values.map((b) => brands.has(b));
    const category = filter.category ?? null;
    const needle = `/${category}/`;
    const pathOk = category === null ? null : p.paths.values.map((codes) => `/${codes.join('/')}/`.includes(needle));
    const wanted = (filter.options ?? []).filter((o) => o.values.length);
    const optionsOk = wanted.length ? p.optionSets.values.map((opts) => wanted.every((w) => opts.some((o) => o.name === w.name && w.values.includes(o.value)))) : null;
    // one pass over the matches (ordinals), the filters as array reads
    const { brand, path, optionSet } = p;
    const total = text ? text.ids.length : p.sku.length;
    let found = new Int32Array(total);
    let rank = new Float64Array(relevance ? total : 0);
    let n = 0;
    for (let h = 0; h < total; h++) {
      const i = text ? text.ids[h] : h;
      const a = amount[i];
      // NaN: not sold in the market; undefined: a variant newer than these prices (another search read it meanwhile)
      if (!(a >= 0) || (min !== null && a < min) || (max !== null && a > max)) continue;
      if (brandOk && (brand[i] < 0 || !brandOk[brand[i]])) continue;
      if (pathOk && (path[i] < 0 || !pathOk[path[i]])) continue;
      if (optionsOk && !optionsOk[optionSet[i]]) continue;
      if (relevance) rank[n] = text!.ranks[h];
      found[n++] = i;
    }
    found = found.subarray(0, n);
    rank = rank.subarray(0, relevance ? n : 0);
    if (filter.inStock) {
      if (!this.inStock) throw new UserErrorException(userError('INVALID_FILTER', 'Stock cannot be asked here.', 'filter.inStock'));
      const available = await this.inStock(market.code, Array.from(found, (i) => p.sku[i]));
      let kept = 0;
      for (let k = 0; k < found.length; k++) {
        if (!available.has(p.sku[found[k]])) continue;
        if (relevance) rank[kept] = rank[k];
        found[kept++] = found[k];
      }
      found = found.subarray(0, kept);
      rank = rank.subarray(0, relevance ? kept : 0);
    }
    // facets: counts per brand, path and option set, then per value
    const byBrand = new Int32Array(p.brands.values.length);
    const byPath = new Int32Array(p.paths.values.length);
    const bySet = new Int32Array(p.optionSets.values.length);
    const amounts = new Float64Array(found.length);
    for (let k = 0; k < found.length; k++) {
      const i = found[k];
      if (brand[i] >= 0) byBrand[brand[i]]++;
      if (path[i] >= 0) byPath[path[i]]++;
      bySet[optionSet[i]]++;
      amounts[k] = amount[i];
    }
    const categories = new Map<string, number>();
    const brandCounts = new Map<string, number>();
    const optionCounts = new Map<string, Map<string, number>>();
    const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    byPath.forEach((n, id) => {
      const codes = p.paths.values[id];
      if (n && !(codes.length === 1 && codes[0] === '')) for (const code of codes) add(categories, code, n);
    });
    byBrand.forEach((n, id) => {
      if (n && p.brands.values[id]) add(brandCounts, p.brands.values[id], n);
    });
    bySet.forEach((n, id) => {
      if (!n) return;
      for (const o of p.optionSets.values[id]) {
        let values = optionCounts.get(o.name);
        if (!values) optionCounts.set(o.name, (values = new Map()));
        add(values, o.value, n);
      }
    });
    const facets: SearchFacets = {
      categories: sorted(categories),
      brands: sorted(brandCounts),
      options: [...optionCounts.keys()].sort().map((name) => ({ name, values: sorted(optionCounts.get(name)!) })),
      priceBands: priceBands(amounts, currency, digits),
    };
    const page = this.first(found, relevance ? rank : null, amounts, sort, offset + limit);
    return { skus: page.slice(offset).map((i) => p.sku[i]), next: offset + limit < found.length ? offset + limit : null, totalCount: found.length, facets };
  }

  /** The first k of the matches (ordinals) in the order asked (then by SKU); relevance needs the matches' ranks. */
  private first(found: Int32Array, rank: Float64Array | null, amounts: Float64Array, sort: ProductSort, k: number): number[] {
    const p = this.index.projection;
    const skuOrder = p.skuOrder();
    const bySku = (a: number, b: number) => skuOrder[found[a]] - skuOrder[found[b]];
    const order: Record<ProductSort, (a: number, b: number) => number> = {
      RELEVANCE: rank ? (a, b) => rank[a] - rank[b] || bySku(a, b) : bySku,
      PRICE_ASC: (a, b) => amounts[a] - amounts[b] || bySku(a, b),
      PRICE_DESC: (a, b) => amounts[b] - amounts[a] || bySku(a, b),
      NAME: (a, b) => (p.name[found[a]] < p.name[found[b]] ? -1 : p.name[found[a]] > p.name[found[b]] ? 1 : bySku(a, b)),
      SKU: bySku,
    };
    return smallest(found.length, k, order[sort]).map((x) => found[x]);
  }

  /**
   * The straightforward search, kept as the reference the projection is tested against: every match
   * read from the database with its price, brand, path and options, parsed, filtered, counted and sorted.
   */
  async reference(market: { code: string; currencyCode: string }, at: string, filter: ProductFilter, sort: ProductSort, offset: number, limit: number, digits: number): Promise<SearchPage> {
    const currency = market.currencyCode;
    const { min, max, groups } = await this.prepare(currency, filter);
    if (groups === null) return { skus: [], next: null, totalCount: 0, facets: { categories: [], brands: [], options: [], priceBands: [] } };
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

/** Positions 0..n-1, the first `k` of them in the order of `compare` (a bounded heap: n log k, not a sort of everything). */
export function smallest(n: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort(compare);
  if (k <= 0) return [];
  // a max-heap of the k best so far: its root is the worst of them
  const heap: number[] = [];
  const up = (j: number) => {
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (compare(heap[j], heap[parent]) <= 0) return;
      [heap[j], heap[parent]] = [heap[parent], heap[j]];
      j = parent;
    }
  };
  const down = (j: number) => {
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let top = j;
      if (l < heap.length && compare(heap[l], heap[top]) > 0) top = l;
      if (r < heap.length && compare(heap[r], heap[top]) > 0) top = r;
      if (top === j) return;
      [heap[j], heap[top]] = [heap[top], heap[j]];
      j = top;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (compare(i, heap[0]) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(compare);
}
