import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInto, type ImportCommand } from '../scripts/import.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { testConfig } from './support/subgraph.ts';

/**
 * A merchant brings their business from files: three markets (one new), a category tree, a catalog of
 * 250 products with 1,000 variants, prices, two stores and stock, each file with bad rows planted.
 * The good rows go in, the rejects files list exactly the planted rows, and the new market sells
 * through the gateway: found by text (with a typo) and by facet, a variant bought and ordered.
 */
let g: TestGraph;
const dir = mkdtempSync(join(tmpdir(), 'merchant-'));
const COLOURS = ['red', 'blue', 'green', 'grey'];
const FAMILIES = ['Alpine Tent', 'Ridge Sleeping Bag', 'Summit Stove', 'Canyon Backpack', 'Glacier Jacket'];

async function importFile(kind: ImportCommand['kind'], name: string, content: string) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const owner = ['locations', 'stock'].includes(kind) ? 'inventory' : 'catalog';
  const config = testConfig(owner, { urls: { catalog: g.services.catalog.url } });
  const result = await importInto(g.services[owner].db, config, { kind, file, restart: false });
  const rejects = result.rejected ? readFileSync(result.rejectsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string }) : [];
  return { result, rejects };
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('bringing a business from files', () => {
  it('imports markets: NL is new, DE is updated, an unknown currency is rejected', async () => {
    const { result, rejects } = await importFile('markets', 'markets.ndjson', [
      JSON.stringify({ code: 'NL', name: 'Netherlands', currencyCode: 'EUR', pricesIncludeTax: true, defaultLocale: 'nl-NL', channels: ['web', 'pos'] }),
      JSON.stringify({ code: 'DE', name: 'Germany', currencyCode: 'EUR', pricesIncludeTax: true, defaultLocale: 'de-DE', channels: ['web', 'pos', 'kiosk', 'in-game'] }),
      JSON.stringify({ code: 'XQ', name: 'Nowhere', currencyCode: 'XYZ', pricesIncludeTax: false, defaultLocale: 'en', channels: ['web'] }),
    ].join('\n'));
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('CURRENCY_UNKNOWN') })]);
  });

  it('imports the category tree; a cycle is rejected', async () => {
    const { result, rejects } = await importFile('categories', 'categories.csv', 'code,parent,name\noutdoor,,Outdoor\ncamping,outdoor,Camping\ntents,camping,Tents\nclothing,outdoor,Clothing\nstoves,nowhere,Stoves\n');
    expect(result).toMatchObject({ accepted: 4, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ line: 6, reason: expect.stringContaining('CATEGORY_UNKNOWN') })]);
    // moving a category under its own subcategory would make a cycle
    const moved = await importFile('categories', 'move.csv', 'code,parent,name\noutdoor,tents,Outdoor\n');
    expect(moved.result).toMatchObject({ accepted: 0, rejected: 1 });
    expect(moved.rejects).toEqual([expect.objectContaining({ line: 2, reason: expect.stringContaining('CATEGORY_CYCLE') })]);
  });

  it('imports 250 products with 1,000 variants; a variant without its product, a repeated SKU and broken quoting are rejected', async () => {
    const lines = ['sku,product,title.en,title.nl,brand,category,options'];
    for (let f = 0; f < 250; f++) {
      const family = FAMILIES[f % FAMILIES.length];
      const category = family.includes('Tent') || family.includes('Sleeping') ? 'tents' : family.includes('Jacket') ? 'clothing' : 'camping';
      COLOURS.forEach((colour, v) => {
        const head = v === 0 ? `"${family} ${f}","${family} ${f} NL",${f % 2 ? 'Fjell' : 'Hoek'},${category}` : ',,,';
        lines.push(`M-${f}-${colour},p-${f},${head},size=${['S', 'M', 'L', 'XL'][v]}|color=${colour}`);
      });
    }
    lines.push('M-X-1,p-unknown,,,,,color=red'); // line 1002: a variant without its product
    lines.push('M-0-red,p-0,,,,,color=red'); // line 1003: the same SKU again
    lines.push('M-Y-1,p-0,"broken"quote,,,,color=red'); // line 1004: broken quoting
    const { result, rejects } = await importFile('products', 'products.csv', `${lines.join('\n')}\n`);
    expect(result).toMatchObject({ accepted: 1000, rejected: 3 });
    expect(rejects.map((r) => [r.line, r.reason.split(/[ :]/)[0]])).toEqual([
      [1002, 'VARIANT_WITHOUT_PRODUCT'],
      [1003, 'M-0-red'],
      [1004, 'the'],
    ]);
    expect(rejects[1].reason).toContain('given twice in this file (first on line 2)');
    expect(rejects[2].reason).toContain('not valid CSV');
  });

  it('imports prices in NL and DE; an unknown market and a negative amount are rejected', async () => {
    const lines = ['sku,market,amount,validFrom'];
    for (let f = 0; f < 250; f++) for (const c of COLOURS) lines.push(`M-${f}-${c},NL,${20 + (f % 50)}.00,`, `M-${f}-${c},DE,${21 + (f % 50)}.00,`);
    lines.push('M-1-red,ZZ,10.00,', 'M-2-red,NL,-5.00,2030-01-01T00:00:00Z');
    const { result, rejects } = await importFile('prices', 'prices.csv', `${lines.join('\n')}\n`);
    expect(result).toMatchObject({ accepted: 2000, rejected: 2 });
    expect(rejects.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([[2002, 'MARKET_UNKNOWN'], [2003, 'INVALID_AMOUNT']]);
  });

  it('imports two stores and a warehouse serving NL; a store of an unknown market is rejected', async () => {
    const store = (code: string, city: string, markets: string[]) =>
      JSON.stringify({ code, name: `Store ${city}`, kind: 'STORE', markets, channels: ['pos'], address: { type: 'address/v1', data: { city, country: 'NL' } } });
    const { result, rejects } = await importFile('locations', 'locations.ndjson', [
      store('store-ams-1', 'Amsterdam', ['NL']),
      store('store-rtm-1', 'Rotterdam', ['NL']),
      JSON.stringify({ code: 'wh-eu', markets: ['DE', 'FR', 'GB', 'NL'] }),
      store('store-xx-1', 'Nowhere', ['QQ']),
    ].join('\n'));
    expect(result).toMatchObject({ accepted: 3, rejected: 1 });
    expect(rejects).toEqual([expect.objectContaining({ line: 4, reason: expect.stringContaining('MARKET_UNKNOWN') })]);
  });

  it('imports stock; negative stock is rejected', async () => {
    const lines = ['sku,location,onHand'];
    for (let f = 0; f < 250; f++) for (const c of COLOURS) lines.push(`M-${f}-${c},wh-eu,${f % 7 === 0 ? 0 : 10}`);
    lines.push('M-0-red,store-ams-1,3', 'M-0-blue,store-ams-1,-2');
    const { result, rejects } = await importFile('stock', 'stock.csv', `${lines.join('\n')}\n`);
    expect(result).toMatchObject({ accepted: 1001, rejected: 1 });
    expect(rejects.map((r) => [r.line, r.reason.split(' ')[0]])).toEqual([[1003, 'NEGATIVE_STOCK']]);
  });

  it('finds products in NL by text, with a typo, and by facet', async () => {
    const SEARCH = `query($f: ProductFilter, $s: ProductSort) { products(market: "NL", first: 5, filter: $f, sort: $s) {
      totalCount edges { node { sku title(locale: "nl") price(market: "NL") { amount currencyCode } } }
      facets { categories { value count } brands { value count } options { name values { value count } } priceBands { min { amount } max { amount } count } } } }`;
    const text = await g.gql(SEARCH, { f: { text: 'sleeping' } });
    expect(text.errors).toBeUndefined();
    expect(text.data.products.totalCount).toBe(200); // 50 sleeping bags × 4 variants
    expect(text.data.products.edges[0].node.title).toMatch(/^Ridge Sleeping Bag \d+ NL$/);
    const typo = await g.gql(SEARCH, { f: { text: 'sleping bga' } });
    expect(typo.data.products.totalCount).toBe(200);
    const facets = text.data.products.facets;
    expect(facets.categories).toEqual(expect.arrayContaining([{ value: 'tents', count: 200 }, { value: 'outdoor', count: 200 }]));
    expect(facets.brands.map((b: { count: number }) => b.count).reduce((a: number, b: number) => a + b, 0)).toBe(200);
    expect(facets.options.find((o: { name: string }) => o.name === 'color').values).toContainEqual({ value: 'red', count: 50 });
    const faceted = await g.gql(SEARCH, { f: { category: 'camping', options: [{ name: 'color', values: ['red'] }], priceRange: { max: '30.00' } }, s: 'PRICE_ASC' });
    expect(faceted.errors).toBeUndefined();
    const nodes = faceted.data.products.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.sku.endsWith('-red') && Number(n.price.amount) <= 30)).toBe(true);
    expect(nodes.map((n: any) => Number(n.price.amount))).toEqual([...nodes.map((n: any) => Number(n.price.amount))].sort((a, b) => a - b));
    // in stock: every seventh product has none in the warehouse serving NL
    const stocked = await g.gql(`{ products(market: "NL", first: 1, filter: { text: "sleeping", inStock: true }) { totalCount } }`);
    expect(stocked.errors, JSON.stringify(stocked.errors)).toBeUndefined();
    expect(stocked.data.products.totalCount).toBe(200 - 4 * Array.from({ length: 250 }, (_, f) => f).filter((f) => f % 5 === 1 && f % 7 === 0).length);
    // market isolation: the demo catalog has no price in NL, the imported one none in JP
    const jp = await g.gql(`{ products(market: "JP", filter: { text: "sleeping" }) { totalCount } }`);
    expect(jp.data.products.totalCount).toBe(0);
  });

  it('buys a variant in NL through the gateway; cart and order lines reach its product and options', async () => {
    const created = await g.gql(
      `mutation { createCart(input: { market: "NL", lines: [{ sku: "M-3-green", quantity: 2 }] }) {
        cart { id currencyCode lines { sku product { sku options { name value } family { id title(locale: "nl") category { code ancestors { code } } } } } totals { total { amount currencyCode } } }
        userErrors { code } } }`,
    );
    expect(created.data.createCart.userErrors).toEqual([]);
    const cart = created.data.createCart.cart;
    expect(cart.lines[0].product).toEqual({
      sku: 'M-3-green',
      options: [{ name: 'size', value: 'L' }, { name: 'color', value: 'green' }],
      family: { id: 'p-3', title: 'Canyon Backpack 3 NL', category: { code: 'camping', ancestors: [{ code: 'outdoor' }, { code: 'camping' }] } },
    });
    expect(cart.totals.total).toEqual({ amount: '46.00', currencyCode: 'EUR' });
    const placed = await g.gql(
      `mutation($c: ID!) { placeOrder(cartId: $c, idempotencyKey: "merchant-nl-1", payment: { reference: "psp-1", amount: { amount: "46.00", currencyCode: "EUR" } }) {
        order { market lines { sku product { family { id } options { value } } } } userErrors { code } } }`,
      { c: cart.id },
    );
    expect(placed.data.placeOrder).toEqual({ order: { market: 'NL', lines: [{ sku: 'M-3-green', product: { family: { id: 'p-3' }, options: [{ value: 'L' }, { value: 'green' }] } }] }, userErrors: [] });
    const stock = await g.gql(`{ product(sku: "M-3-green") { stockLevel(location: "wh-eu") { onHand } } }`, {}, KEYS.operations);
    expect(stock.data.product.stockLevel.onHand).toBe(8);
  });
});

describe('single edits through the graph: the import checks, with user errors', () => {
  const PRODUCT = `mutation($i: ProductInput!) { upsertProduct(input: $i) { product { sku name options { name value } family { id title(locale: "nl") category { code } } } userErrors { code field } } }`;
  const CATEGORY = `mutation($i: CategoryInput!) { upsertCategory(input: $i) { category { code ancestors { code } } userErrors { code field } } }`;

  it('creates a category and refuses a cycle', async () => {
    const made = await g.gql(CATEGORY, { i: { code: 'stoves', parent: 'camping', name: 'Stoves' } }, KEYS.marketing);
    expect(made.data.upsertCategory).toEqual({ category: { code: 'stoves', ancestors: [{ code: 'outdoor' }, { code: 'camping' }, { code: 'stoves' }] }, userErrors: [] });
    const cycle = await g.gql(CATEGORY, { i: { code: 'camping', parent: 'stoves', name: 'Camping' } }, KEYS.marketing);
    expect(cycle.data.upsertCategory).toEqual({ category: null, userErrors: [{ code: 'CATEGORY_CYCLE', field: 'input.parent' }] });
  });

  it('creates a product with its family, refuses a variant without its product, and needs catalog:write', async () => {
    const made = await g.gql(PRODUCT, {
      i: { sku: 'STOVE-1', product: 'pocket-stove', title: [{ locale: 'en', text: 'Pocket Stove' }, { locale: 'nl', text: 'Zakbrander' }], category: 'stoves', options: [{ name: 'fuel', value: 'gas' }] },
    }, KEYS.marketing);
    expect(made.data.upsertProduct).toEqual({
      product: { sku: 'STOVE-1', name: 'Pocket Stove (gas)', options: [{ name: 'fuel', value: 'gas' }], family: { id: 'pocket-stove', title: 'Zakbrander', category: { code: 'stoves' } } },
      userErrors: [],
    });
    const orphan = await g.gql(PRODUCT, { i: { sku: 'STOVE-2', product: 'no-such-stove', options: [{ name: 'fuel', value: 'wood' }] } }, KEYS.marketing);
    expect(orphan.data.upsertProduct).toEqual({ product: null, userErrors: [{ code: 'VARIANT_WITHOUT_PRODUCT', field: 'input.product' }] });
    const web = await g.gql(PRODUCT, { i: { sku: 'STOVE-3', title: [{ locale: 'en', text: 'x' }] } }, KEYS.web);
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
