import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServiceDatabase } from '../../../../common/service.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { testConfig } from '../../../../test/support/subgraph.ts';
import { ProductSearch } from '../services/search.ts';
import { CatalogRepository } from './catalogRepository.ts';
import { FamilyRepository, type CategoryRow } from './familyRepository.ts';
import { migrations } from './migrations.ts';
import { pages } from './textDocuments.ts';

/**
 * The search projection's life: built ahead of searches (a search arriving meanwhile waits for that
 * build, no second one), and read again in the background once writes pause, through a second
 * connection as another replica has.
 */
const AT = '2026-11-01T10:00:00.000Z';
const MARKET = { code: 'DE', currencyCode: 'EUR' };
const CATEGORIES: CategoryRow[] = [
  { code: 'gear', parent: null, name: 'Gear', path: 'gear', updated_at: AT },
  { code: 'tents', parent: 'gear', name: 'Tents', path: 'gear/tents', updated_at: AT },
];

let writer: Db;
let reader: Db;
beforeAll(async () => {
  const config = testConfig('catalog');
  writer = await openServiceDatabase(config, migrations);
  reader = await openServiceDatabase(config, migrations);
});
afterAll(async () => {
  await writer.close();
  await reader.close();
});

async function addProducts(families: FamilyRepository, repo: CatalogRepository, from: number, n: number, word: string): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => from + i);
  await families.upsertVariants(
    ids.map((i) => ({ id: `f${i}`, titles: JSON.stringify({ en: `${word} tent ${i}` }), descriptions: '{}', brand: 'Fjell', category: 'tents', attributes: '[]', images: '[]', updated_at: AT })),
    ids.map((i) => ({ sku: `S${i}`, name: `${word} tent ${i}`, description: null, attributes: '[]', family_id: `f${i}`, options: '[]' })),
  );
  await repo.insertPrices(ids.map((i) => ({ sku: `S${i}`, market: 'DE', amount_minor: 1000 + i, valid_from: '1970-01-01T00:00:00.000Z', valid_until: null })), AT);
}

/** Waits until `check` holds (a deadline, not a sleep). */
async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const counter = async () => Number((await writer.get<{ value: number | string }>("SELECT value FROM change_counters WHERE name = 'search'"))?.value);

describe('search projection: built ahead, re-read in the background', () => {
  it('a search arriving during the build waits for it (one build), and writes are read again once they pause, without a search', async () => {
    const repo = new CatalogRepository(writer);
    const families = new FamilyRepository(writer);
    await families.search.ensure();
    await repo.upsertMarkets([{ code: 'DE', name: 'DE', currency_code: 'EUR', prices_include_tax: 1, default_locale: 'en', channels: '["web"]', updated_at: AT }]);
    await families.upsertCategories(CATEGORIES);
    await addProducts(families, repo, 0, 300, 'alpine');

    const replica = new FamilyRepository(reader);
    const projection = replica.search.projection;
    const search = new ProductSearch(replica.search);
    expect(projection.version).toBe(-1);
    const building = projection.warm();
    const page = await search.search(MARKET, AT, { text: 'alpine tent' }, 'RELEVANCE', 0, 5, 2);
    await building;
    expect(page.totalCount).toBe(300);
    expect(projection.builds).toBe(1);
    expect(projection.version).toBe(await counter());
    expect(projection.memory().variants).toBe(300);

    // writes through the other replica, then a pause: the watcher catches up with no search asking
    projection.watch(20, (err) => {
      throw err;
    });
    try {
      await addProducts(families, repo, 300, 50, 'coastal');
      await families.upsertCategories([{ code: 'tents', parent: null, name: 'Tents', path: 'tents', updated_at: AT }]);
      const target = await counter();
      await until(() => projection.version === target);
      expect(projection.builds).toBe(2); // a category moved: everything read again
      expect(projection.memory().variants).toBe(350);
      const after = await search.search(MARKET, AT, { text: 'coastal', category: 'tents' }, 'RELEVANCE', 0, 5, 2);
      expect(after).toEqual(await search.reference(MARKET, AT, { text: 'coastal', category: 'tents' }, 'RELEVANCE', 0, 5, 2));
      expect(after.totalCount).toBe(50);
      expect(after.facets.categories).toEqual([{ value: 'tents', count: 50 }]);
    } finally {
      await projection.stop();
    }
  }, 60_000);
});

describe('pages', () => {
  it('reads every row once, in key order, a page at a time', async () => {
    const all = (await reader.all<{ sku: string }>('SELECT sku FROM products')).map((r) => r.sku).sort();
    expect(all.length).toBeGreaterThan(300);
    const seen: string[] = [];
    let count = 0;
    for await (const rows of pages<{ sku: string; name: string }>(reader, 'SELECT sku, name FROM products', 'sku', (r) => r.sku, 7)) {
      expect(rows.length).toBeLessThanOrEqual(7);
      seen.push(...rows.map((r) => r.sku));
      count++;
    }
    expect(count).toBe(Math.ceil(all.length / 7));
    expect([...seen].sort()).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
  });
});

