import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServiceDatabase } from '../../../../common/service.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { testConfig } from '../../../../test/support/subgraph.ts';
import { CatalogRepository, type PriceSchedule } from '../data/catalogRepository.ts';
import { FamilyRepository, type CategoryRow, type FamilyRow, type VariantRow } from '../data/familyRepository.ts';
import { migrations } from '../data/migrations.ts';
import { paging } from '../data/textDocuments.ts';
import { TextIndex } from '../data/textIndex.ts';
import { ProductSearch, smallest, type ProductFilter, type ProductSort } from './search.ts';

/**
 * Differential test of storefront search: the projection-backed search against the straightforward
 * reference query, on a random catalog (the same one every run), through two connections to one
 * database as two replicas have (SQLite file, or a PostgreSQL schema with TEST_DATABASE_URL): writes
 * through one are searched through the other, and time passes a scheduled price.
 */
const AT = '2026-11-01T10:00:00.000Z';
const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString();

function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}
const next = random(18);
const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)];

const WORDS = ['alpine', 'merino', 'trail', 'canvas', 'jacket', 'shirt', 'boot', 'tent', 'river', 'storm', 'linen', 'glacier'];
const BRANDS = ['Northpeak', 'Woolfold', 'Fjell', 'Hoek', ''];
const SIZES = ['S', 'M', 'L'];
const COLOURS = ['black', 'navy', 'sand'];
const CATEGORIES: CategoryRow[] = [
  { code: 'apparel', parent: null, name: 'Apparel', path: 'apparel', updated_at: AT },
  { code: 'tops', parent: 'apparel', name: 'Tops', path: 'apparel/tops', updated_at: AT },
  { code: 'outer', parent: 'apparel', name: 'Outer', path: 'apparel/outer', updated_at: AT },
  { code: 'gear', parent: null, name: 'Gear', path: 'gear', updated_at: AT },
  { code: 'camping', parent: 'gear', name: 'Camping', path: 'gear/camping', updated_at: AT },
];

function catalog(families: number, prefix: string): { families: FamilyRow[]; variants: VariantRow[] } {
  const fs: FamilyRow[] = [];
  const vs: VariantRow[] = [];
  for (let f = 0; f < families; f++) {
    const id = `${prefix}f${f}`;
    const title = `${pick(WORDS)} ${pick(WORDS)} ${f}`;
    const brand = next(6) === 0 ? null : pick(BRANDS);
    fs.push({ id, titles: JSON.stringify({ en: title, de: `${title} de` }), descriptions: '{}', brand, category: next(5) === 0 ? null : pick(CATEGORIES).code, attributes: '[]', images: '[]', updated_at: AT });
    for (let v = 0; v < 1 + next(4); v++) {
      const options = next(8) === 0 ? [] : [{ name: 'size', value: pick(SIZES) }, ...(next(2) ? [{ name: 'color', value: pick(COLOURS) }] : [])];
      vs.push({ sku: `${prefix}${f}-${v}`, name: `${title} ${options.map((o) => o.value).join(' ')}`.trim(), description: null, attributes: '[]', family_id: id, options: JSON.stringify(options) });
    }
  }
  // products of one SKU, without a family
  for (let s = 0; s < 20; s++) vs.push({ sku: `${prefix}solo-${s}`, name: `${pick(WORDS)} solo ${s}`, description: null, attributes: '[]', family_id: null, options: '[]' });
  return { families: fs, variants: vs };
}

/** Prices in DE and JP: standing, expired, scheduled to start or to end within two hours, or none. */
function prices(skus: readonly string[]): PriceSchedule[] {
  const out: PriceSchedule[] = [];
  for (const sku of skus) {
    for (const [market, scale] of [['DE', 1], ['JP', 100]] as const) {
      const kind = next(6);
      const amount = () => (500 + next(20_000)) * scale;
      if (kind === 0) continue;
      out.push({ sku, market, amount_minor: amount(), valid_from: '1970-01-01T00:00:00.000Z', valid_until: kind === 1 ? later(-HOUR) : kind === 2 ? later(HOUR) : null });
      if (kind === 3) out.push({ sku, market, amount_minor: amount(), valid_from: later(HOUR), valid_until: null });
      if (kind === 4) out.push({ sku, market, amount_minor: amount(), valid_from: later(-HOUR), valid_until: later(2 * HOUR) });
    }
  }
  return out;
}

function randomFilter(): ProductFilter {
  const f: ProductFilter = {};
  if (next(3)) f.text = [pick(WORDS), next(2) ? pick(WORDS) : '', next(4) === 0 ? 'jakcet' : ''].filter(Boolean).join(' ');
  if (next(4) === 0) f.category = pick([...CATEGORIES.map((c) => c.code), 'nothing']);
  if (next(4) === 0) f.brands = [pick(BRANDS), pick(BRANDS)];
  if (next(4) === 0) f.options = [{ name: 'size', values: [pick(SIZES), pick(SIZES)] }, ...(next(2) ? [{ name: 'color', values: [pick(COLOURS)] }] : [])];
  if (next(4) === 0) f.priceRange = { min: next(2) ? '20.00' : null, max: next(2) ? '120.00' : null };
  if (next(6) === 0) f.inStock = true;
  return f;
}

const SORTS: ProductSort[] = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NAME', 'SKU'];
const MARKETS = [{ code: 'DE', currencyCode: 'EUR', digits: 2 }, { code: 'JP', currencyCode: 'JPY', digits: 0 }];
/** a stock answer that depends only on the SKU */
const inStock = async (_market: string, skus: string[]) => new Set(skus.filter((s) => s.length % 3 !== 0));

let one: Db;
let two: Db;
beforeAll(async () => {
  const config = testConfig('catalog');
  one = await openServiceDatabase(config, migrations);
  two = await openServiceDatabase(config, migrations);
});
afterAll(async () => {
  await one.close();
  await two.close();
});

/** The markets, the categories and a generated catalog with its prices, written through the first replica. */
async function seed(first: { families: FamilyRow[]; variants: VariantRow[] }) {
  const repo = new CatalogRepository(one);
  const families = new FamilyRepository(one);
  await families.search.ensure();
  await repo.upsertMarkets(MARKETS.map((m) => ({ code: m.code, name: m.code, currency_code: m.currencyCode, prices_include_tax: 1, default_locale: 'en', channels: '["web"]', updated_at: AT })));
  await families.upsertCategories(CATEGORIES);
  await families.upsertVariants(first.families, first.variants);
  await repo.insertPrices(prices(first.variants.map((v) => v.sku)), AT);
  return { repo, families, first };
}

/** Many random searches: the projection's answer equals the reference's, page, total and facets. */
async function compare(search: ProductSearch, at: string, rounds: number): Promise<number> {
  let found = 0;
  for (let r = 0; r < rounds; r++) {
    const m = pick(MARKETS);
    const filter = r === 0 ? {} : randomFilter();
    const sort = pick(SORTS);
    const offset = pick([0, 0, 3, 40]);
    const limit = pick([0, 5, 20, 1000]);
    const args = [{ code: m.code, currencyCode: m.currencyCode }, at, filter, sort, offset, limit, m.digits] as const;
    const expected = await search.reference(...args);
    expect(await search.search(...args), JSON.stringify({ m: m.code, filter, sort, offset, limit })).toEqual(expected);
    found += expected.totalCount;
  }
  return found;
}

describe('storefront search: the projection gives what the reference query gives', () => {
  it('on a random catalog, after writes through another replica, and as scheduled prices start and end', async () => {
    const { repo, families, first } = await seed(catalog(150, 'A'));

    const other = new FamilyRepository(two);
    const search = new ProductSearch(other.search, inStock);
    expect(await compare(search, AT, 150)).toBeGreaterThan(1000);

    // writes through the first replica: new variants and prices, changed prices, a family's brand and category, a category moved
    const second = catalog(30, 'B');
    await families.upsertVariants(second.families, second.variants);
    await repo.insertPrices(prices([...second.variants.map((v) => v.sku), ...first.variants.slice(0, 60).map((v) => v.sku)]), AT);
    await families.upsertVariants([{ ...first.families[0], brand: 'Renamed', category: 'camping' }], first.variants.filter((v) => v.family_id === first.families[0].id).map((v) => ({ ...v, name: `${v.name} renamed` })));
    await compare(search, AT, 60);
    await families.upsertCategories([{ code: 'camping', parent: 'apparel', name: 'Camping', path: 'apparel/camping', updated_at: AT }]);
    await compare(search, AT, 60);

    // time passes the scheduled starts and ends (one and two hours on)
    await compare(search, later(HOUR + 1), 60);
    await compare(search, later(3 * HOUR), 60);
  }, 120_000);
});

/** Texts of the second catalog: repeated words, words that share prefixes, letters beyond ASCII (FTS5 folds their diacritics). */
const TEXT_WORDS = ['jacket', 'jackets', 'jack', 'glacier', 'glaciers', 'trail', 'trailrunner', 'Jäcke', 'café', 'cafe', 'Öko', 'naïve', 'x1', '2024'];
const TEXTS = ['jacket', 'jakcet', 'jackt', 'ja', 'j', 'gl', 'glacier trail', 'trail glacier', 'jack trail', 'jacket jakcet', 'glaicer', 'glaicers jacket', 'trailrunner', 'trial', 'cafe', 'café', 'jäcke', 'oko', 'öko', 'naive', 'x1', '20', '2024 jack', 'c j t', 'jackety', 'jackety30 glacier'];

/** Random families whose titles repeat words and share prefixes, many with identical texts (ties of rank). */
function textCatalog(families: number, prefix: string): { families: FamilyRow[]; variants: VariantRow[] } {
  const fs: FamilyRow[] = [];
  const vs: VariantRow[] = [];
  for (let f = 0; f < families; f++) {
    const id = `${prefix}t${f}`;
    // a third share one of four titles (the same text, the same rank)
    const title = next(3) === 0 ? ['jacket', 'glacier trail', 'jack jack jacket', 'café Jäcke'][next(4)] : Array.from({ length: 1 + next(5) }, () => pick(TEXT_WORDS)).join(' ');
    fs.push({ id, titles: JSON.stringify({ en: title }), descriptions: '{}', brand: next(3) ? pick(BRANDS) || null : null, category: pick(CATEGORIES).code, attributes: '[]', images: '[]', updated_at: AT });
    for (let v = 0; v < 1 + next(3); v++) {
      const options = next(3) === 0 ? [] : [{ name: 'size', value: pick(SIZES) }];
      vs.push({ sku: `${prefix}t${f}-${v}`, name: `${title} ${options.map((o) => o.value).join(' ')}`.trim(), description: null, attributes: '[]', family_id: id, options: JSON.stringify(options) });
    }
  }
  return { families: fs, variants: vs };
}

/** Text searches by relevance (and now and then another order), compared with the reference. */
async function compareTexts(search: ProductSearch, rounds: number): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    const m = pick(MARKETS);
    const filter: ProductFilter = { text: pick(TEXTS), ...(next(5) === 0 ? { category: pick(CATEGORIES).code } : {}) };
    const sort = next(5) === 0 ? pick(SORTS) : 'RELEVANCE';
    const args = [{ code: m.code, currencyCode: m.currencyCode }, AT, filter, sort, pick([0, 0, 7]), pick([5, 20, 1000]), m.digits] as const;
    const expected = await search.reference(...args);
    expect(await search.search(...args), JSON.stringify({ m: m.code, filter, sort })).toEqual(expected);
  }
}

describe('storefront search: text matches and ranks from the text index in memory', () => {
  it('ranks as the database does: repeated words, prefixes, typos, ties, letters beyond ASCII, texts changed through another replica', async () => {
    const { repo, families, first } = await seed(textCatalog(200, 'T'));

    const other = new FamilyRepository(two);
    const projection = other.search.projection;
    const search = new ProductSearch(other.search, inStock);
    const before = { ...projection.textAnswers };
    // everything read in pages of 50 rows
    const size = paging.size;
    paging.size = 50;
    try {
      await projection.warm();
    } finally {
      paging.size = size;
    }
    await compareTexts(search, 150);
    // plain ASCII texts were answered in memory; texts with other letters by the database
    expect(projection.textAnswers.memory - before.memory).toBeGreaterThan(20);
    expect(projection.textAnswers.database - before.database).toBeGreaterThan(0);

    // the vocabulary in memory answers as the table does: prefixes, and the first 8 close spellings in byte order
    const crowd = { id: 'Tcrowd', titles: JSON.stringify({ en: 'bad bag ban bar bas baa bab bac bae bat batt café cafés çava' }), descriptions: '{}', brand: null, category: null, attributes: '[]', images: '[]', updated_at: AT };
    await families.upsertVariants([crowd], [{ sku: 'Tcrowd-0', name: 'crowd', description: null, attributes: '[]', family_id: 'Tcrowd', options: '[]' }]);
    await search.search({ code: 'DE', currencyCode: 'EUR' }, AT, { text: 'bax' }, 'RELEVANCE', 0, 5, 2);
    for (const probe of ['bax', 'ba', 'baq', 'batx', 'cafe', 'caf', 'cafèz', 'cava', 'çav', 'jackte', 'glaicer', 'zz', '']) {
      expect(projection.vocabulary!.hasPrefix(probe), probe).toBe(await other.search.hasPrefix(probe));
      expect(projection.vocabulary!.similar(probe), probe).toEqual(await other.search.similarTerms(probe));
    }
    expect(projection.vocabulary!.similar('bax')).toHaveLength(8);

    // texts changed through the first replica: held apart, then folded into the term lists
    const saved = TextIndex.maxOverlay;
    TextIndex.maxOverlay = 40;
    try {
      for (const n of [10, 30, 80]) {
        const changed = first.families.slice(n, n + n).map((f) => ({ ...f, titles: JSON.stringify({ en: `${pick(TEXT_WORDS)} jackety${n} ${pick(TEXT_WORDS)} jacket` }) }));
        const ids = new Set(changed.map((f) => f.id));
        await families.upsertVariants(changed, first.variants.filter((v) => ids.has(v.family_id!)).map((v) => ({ ...v, name: `${v.name} ${pick(TEXT_WORDS)}` })));
        const more = textCatalog(n, `U${n}`);
        await families.upsertVariants(more.families, more.variants);
        await repo.insertPrices(prices(more.variants.map((v) => v.sku)), AT);
        await compareTexts(search, 40);
      }
    } finally {
      TextIndex.maxOverlay = saved;
    }
  }, 120_000);
});

describe('smallest', () => {
  it('gives the first k positions in order, as a full sort would', () => {
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: next(60) }, () => next(20));
      const compareAt = (a: number, b: number) => values[a] - values[b] || a - b;
      const k = next(70);
      const all = Array.from({ length: values.length }, (_, i) => i).sort(compareAt);
      expect(smallest(values.length, k, compareAt)).toEqual(all.slice(0, k));
    }
  });
});
