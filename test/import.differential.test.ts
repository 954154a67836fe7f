import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../common/clock.ts';
import { runImport, tuneForImport, type Importer } from '../common/import/runner.ts';
import { DEMO_SEED_DIR } from '../common/import/seed.ts';
import { openDatabase, type Db } from '../common/storage/index.ts';
import { CatalogRepository } from '../subgraphs/catalog/src/data/catalogRepository.ts';
import { FamilyRepository } from '../subgraphs/catalog/src/data/familyRepository.ts';
import { migrations as catalogMigrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { marketImporter, priceImporter } from '../subgraphs/catalog/src/import/importers.ts';
import { categoryImporter, variantImporter } from '../subgraphs/catalog/src/import/variants.ts';
import { InventoryRepository } from '../subgraphs/inventory/src/data/inventoryRepository.ts';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/data/migrations.ts';
import { locationImporter, stockImporter } from '../subgraphs/inventory/src/import/importers.ts';

/**
 * The bulk import's batched writes against the same import one row per transaction, on a random
 * catalog (the same every run) with bad rows planted among the good: products, prices (then the file
 * again with other amounts and schedules) and stock counts (then a recount). Every way gives the same
 * rows, ledger, change events (per SKU, but for their ids and times), logged search changes and
 * rejects. With TEST_DATABASE_URL (npm run test:postgres) the batches on PostgreSQL are compared too.
 */
const AT = new Date('2026-11-01T10:00:00.000Z');
const clock = fixedClock(AT, false);
const dir = mkdtempSync(join(tmpdir(), 'import-differential-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

/** The files, with the lines of the planted bad rows. */
function files() {
  const next = random(1818);
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)];
  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    return join(dir, name);
  };
  const planted: Record<string, number[]> = { products: [], prices: [], prices2: [], stock: [], stock2: [] };
  const plant = (kind: string, lines: string[], line: string) => {
    lines.push(line);
    planted[kind].push(lines.length);
  };
  const categories = write('categories.csv', ['code,parent,name', 'outdoor,,Outdoor', 'camping,outdoor,Camping', 'clothing,outdoor,Clothing']);

  const products = ['sku,product,title,brand,category,options'];
  const skus: string[] = [];
  for (let f = 0; f < 150; f++) {
    const variants = 1 + next(4);
    for (let v = 0; v < variants; v++) {
      const sku = `D-${f}-${v}`;
      skus.push(sku);
      const head = v === 0 ? `"${pick(['Alpine', 'Ridge', 'Summit'])} ${pick(['Tent', 'Jacket', 'Stove'])} ${f}",${pick(['Fjell', 'Hoek'])},${pick(['camping', 'clothing', ''])}` : ',,';
      products.push(`${sku},p-${f},${head},size=${['S', 'M', 'L', 'XL'][v]}`);
      if (next(40) === 0) plant('products', products, `D-X-${f},p-none-${f},,,,size=S`); // a variant without its product
      if (next(40) === 0) plant('products', products, `${sku},p-${f},,,,size=M`); // the same SKU again
      if (next(50) === 0) plant('products', products, `D-Y-${f},p-${f},,,,Size=M`); // an option name not in lower case
    }
  }
  plant('products', products, `D-Z-1,p-z,Zeta,Fjell,nowhere,size=S`); // an unknown category
  plant('products', products, `bad sku,,Bad,,,`);

  const productsFile = write('products.csv', products);

  const priceFile = (name: string, kind: string, shift: number) => {
    const lines = ['sku,market,amount,validFrom,validUntil'];
    for (const sku of skus) {
      for (const market of ['DE', 'FR', 'GB', 'US', 'JP']) {
        if (next(5) === 0) continue;
        const amount = market === 'JP' ? String(1000 + next(9000) + shift) : `${10 + next(90) + shift}.${String(next(100)).padStart(2, '0')}`;
        lines.push(`${sku},${market},${amount},,`);
        if (next(6) === 0) lines.push(`${sku},${market},${amount.replace(/^\d/, '9')},2027-0${1 + next(9)}-01T00:00:00Z,${next(2) ? '2028-01-01T00:00:00Z' : ''}`);
        if (next(60) === 0) plant(kind, lines, `${sku},XX,10.00,,`); // a market that does not exist
        if (next(60) === 0) plant(kind, lines, `${sku},JP,10.50,2029-01-01T00:00:00Z,`); // decimals JPY does not have
        if (next(60) === 0) plant(kind, lines, `${sku},${market},-1.00,2029-02-01T00:00:00Z,`); // negative
        if (next(60) === 0) plant(kind, lines, `${sku},${market},${amount},,`); // the same key again
        if (next(80) === 0) plant(kind, lines, `${sku},${market},5.00,2029-03-01T00:00:00Z,2029-01-01T00:00:00Z`); // ends before it starts
      }
      if (next(70) === 0) plant(kind, lines, `NOPE-${sku},DE,1.00,,`); // no such product
    }
    return write(name, lines);
  };
  const prices = priceFile('prices.csv', 'prices', 0);
  const prices2 = priceFile('prices2.csv', 'prices2', 1);

  const stockFile = (name: string, kind: string) => {
    const lines = ['sku,location,onHand'];
    for (const sku of skus) {
      for (const location of ['wh-eu', 'wh-us', 'store-berlin-1']) {
        if (next(3) === 0) continue;
        lines.push(`${sku},${location},${next(4) === 0 ? 0 : next(30)}`);
        if (next(50) === 0) plant(kind, lines, `${sku},${location},${next(9)}`); // the same key again
      }
      if (next(60) === 0) plant(kind, lines, `${sku},wh-eu,-3`.replace(sku, `${sku}N`)); // negative
      if (next(60) === 0) plant(kind, lines, `${sku},nowhere,3`); // an unknown location
      if (next(60) === 0) plant(kind, lines, `${sku}Q,wh-us,2.5`); // not a whole number
    }
    return write(name, lines);
  };
  return { categories, products: productsFile, prices, prices2, stock: stockFile('stock.csv', 'stock'), stock2: stockFile('stock2.csv', 'stock2'), planted };
}

const input = files();

interface Store {
  name: string;
  catalog: () => Promise<Db>;
  inventory: () => Promise<Db>;
  batchSize?: number;
}

const sqlite = (name: string, batchSize?: number): Store => ({
  name,
  batchSize,
  catalog: () => openDatabase({ service: 'catalog', file: join(mkdtempSync(join(dir, `${name}-`)), 'catalog.sqlite'), migrations: catalogMigrations }),
  inventory: () => openDatabase({ service: 'inventory', file: join(mkdtempSync(join(dir, `${name}-`)), 'inventory.sqlite'), migrations: inventoryMigrations }),
});
const pgUrl = process.env.TEST_DATABASE_URL;
const schema = (service: string) => `t_import_${service}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
const stores: Store[] = [
  sqlite('sqlite-batches'),
  sqlite('sqlite-one-row-a-batch', 1),
  ...(pgUrl
    ? [{
        name: 'postgres-batches',
        catalog: () => openDatabase({ service: 'catalog', url: pgUrl, schema: schema('catalog'), migrations: catalogMigrations }),
        inventory: () => openDatabase({ service: 'inventory', url: pgUrl, schema: schema('inventory'), migrations: inventoryMigrations }),
      }]
    : []),
];

/** Everything an import leaves, in a comparable form. */
async function importEverything(store: Store) {
  const rejects: Record<string, { line: number; reason: string }[]> = {};
  const run = async (name: string, importer: Importer<unknown>, file: string) => {
    const rejectsFile = join(dir, `${store.name}-${name}.rejects.ndjson`);
    const result = await runImport(importer, file, { rejectsFile, stateFile: join(dir, `${store.name}-${name}.state.json`), batchSize: store.batchSize, restart: true });
    rejects[name] = result.rejected ? readFileSync(rejectsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string }).map(({ line, reason }) => ({ line, reason })) : [];
    return result;
  };
  const events = async (db: Db) =>
    (await db.all<{ type: string; aggregate_id: string; payload: string }>('SELECT type, aggregate_id, payload FROM outbox'))
      .map((e) => {
        const { eventId: _id, occurredAt: _at, ...rest } = JSON.parse(e.payload) as Record<string, unknown>;
        return `${e.type} ${e.aggregate_id} ${JSON.stringify(rest)}`;
      })
      .sort();

  const catalogDb = await store.catalog();
  const inventoryDb = await store.inventory();
  try {
    await tuneForImport(catalogDb);
    const repo = new CatalogRepository(catalogDb);
    const families = new FamilyRepository(catalogDb);
    await families.search.ensure();
    await run('markets', marketImporter(repo, clock) as Importer<unknown>, join(DEMO_SEED_DIR, 'markets.ndjson'));
    await run('categories', categoryImporter(families, clock) as Importer<unknown>, input.categories);
    await run('products', variantImporter(families, clock) as Importer<unknown>, input.products);
    await run('prices', priceImporter(repo) as Importer<unknown>, input.prices);
    await run('prices2', priceImporter(repo) as Importer<unknown>, input.prices2);
    const searched = new Set<string>();
    for (const r of await catalogDb.all<{ skus: string }>('SELECT skus FROM search_changes')) for (const sku of JSON.parse(r.skus) as string[]) searched.add(sku);

    await tuneForImport(inventoryDb);
    const inventory = InventoryRepository.open(inventoryDb);
    await run('locations', locationImporter(inventory, clock, async () => true) as Importer<unknown>, join(DEMO_SEED_DIR, 'locations.ndjson'));
    await run('stock', stockImporter(inventory, clock) as Importer<unknown>, input.stock);
    // some stock held by reservations: a recount below it is refused by the store (its batch is then written row by row)
    await inventoryDb.run('UPDATE stock SET reserved = on_hand WHERE on_hand >= 25');
    await run('stock2', stockImporter(inventory, clock) as Importer<unknown>, input.stock2);
    return {
      rejects,
      families: await catalogDb.all('SELECT id, titles, descriptions, brand, category, attributes, images, updated_at FROM product_families ORDER BY id'),
      products: await catalogDb.all('SELECT sku, name, description, attributes, family_id, options FROM products ORDER BY sku'),
      prices: (await catalogDb.all<Record<string, unknown>>('SELECT sku, market, amount_minor, valid_from, valid_until FROM prices ORDER BY sku, market, valid_from')).map((p) => ({ ...p, amount_minor: Number(p.amount_minor) })),
      catalogEvents: await events(catalogDb),
      searched: [...searched].sort(),
      stock: (await inventoryDb.all<{ sku: string; location: string; on_hand: unknown; reserved: unknown }>('SELECT sku, location, on_hand, reserved FROM stock ORDER BY sku, location')).map((s) => ({ ...s, on_hand: Number(s.on_hand), reserved: Number(s.reserved) })),
      ledger: (await inventoryDb.all<Record<string, unknown>>('SELECT sku, location, delta_on_hand, delta_reserved, kind, reason, actor, at FROM stock_movements ORDER BY sku, location, at, id')).map((m) => ({ ...m, delta_on_hand: Number(m.delta_on_hand), delta_reserved: Number(m.delta_reserved) })),
      inventoryEvents: await events(inventoryDb),
    };
  } finally {
    await catalogDb.close();
    await inventoryDb.close();
  }
}

describe('bulk import: batches against one row at a time', () => {
  it(`gives the same rows, ledger, events, search log and rejects (${stores.map((s) => s.name).join(', ')})`, async () => {
    const [first, ...others] = await Promise.all(stores.map(async (s) => ({ store: s.name, result: await importEverything(s) })));
    const r = first.result;
    // the files are what they should be: every planted row rejected, nothing else
    const held = new Map(r.stock.filter((x) => x.reserved > 0).map((x) => [`${x.sku} ${x.location}`, x.reserved]));
    const undercut = readFileSync(input.stock2, 'utf8').split('\n').flatMap((l, i) => {
      const [sku, location, onHand] = l.split(',');
      const reserved = held.get(`${sku} ${location}`);
      return reserved !== undefined && Number(onHand) < reserved && !input.planted.stock2.includes(i + 1) ? [i + 1] : [];
    });
    expect(undercut.length).toBeGreaterThan(0);
    for (const kind of Object.keys(input.planted)) {
      const expected = kind === 'stock2' ? [...input.planted[kind], ...undercut].sort((a, b) => a - b) : input.planted[kind];
      expect(r.rejects[kind].map((x) => x.line), kind).toEqual(expected);
    }
    for (const line of undercut) expect(r.rejects.stock2.find((x) => x.line === line)?.reason).toMatch(/^refused by the store: .* units are reserved, more than onHand/);
    expect(r.products.length).toBeGreaterThan(300);
    expect(r.prices.length).toBeGreaterThan(1000);
    expect(r.ledger.length).toBeGreaterThan(500);
    expect(r.catalogEvents.some((e) => e.startsWith('PriceChanged'))).toBe(true);
    expect(r.inventoryEvents.some((e) => e.startsWith('StockChanged'))).toBe(true);
    expect(r.searched).toEqual(r.products.map((p) => (p as { sku: string }).sku));
    // compared as JSON: the stores' drivers give rows of different prototypes
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    for (const other of others) {
      for (const key of Object.keys(r)) {
        // the search log keeps the last 1,000 writes: one row a write reaches further back than it holds
        if (key === 'searched' && stores.find((s) => s.name === other.store)?.batchSize === 1) continue;
        expect(plain(other.result[key as keyof typeof r]), `${key}: ${other.store} against ${first.store}`).toEqual(plain(r[key as keyof typeof r]));
      }
    }
  }, 120_000);
});
