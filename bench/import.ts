/**
 * npm run bench:import [-- --quick] [--postgres] — bulk import through the same path as
 * `npm run import` (row checks, rejects, checkpoints, change events, search log): 200,000 products
 * (one variant each), then 1,000,000 price rows (200,000 SKUs × 5 markets) from CSV into a fresh
 * catalog database — target ≤ 60 s — and the same file again (every row an update); then 200,000
 * stock counts at one location into a fresh inventory database, and a recount of each (every row a
 * change). SQLite by default; `--postgres` on a throwaway local PostgreSQL cluster
 * (scripts/pg-cluster.sh, Debian's postgresql), or on the one BENCH_DATABASE_URL (postgres://…) names.
 * Each run has its wall time, the CPU time of this process (on PostgreSQL the server's is not in it)
 * and the load average before and after (a shared machine: wall time includes waiting for a core).
 * Writes bench/results/import.json, one entry per store (a run on one store keeps the other's entry);
 * --quick (20,000 SKUs) writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../common/clock.ts';
import { runImport, tuneForImport, type Importer, type ImportResult } from '../common/import/runner.ts';
import { DEMO_SEED_DIR } from '../common/import/seed.ts';
import { openDatabase } from '../common/storage/index.ts';
import { CatalogRepository } from '../subgraphs/catalog/src/data/catalogRepository.ts';
import { migrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { FamilyRepository } from '../subgraphs/catalog/src/data/familyRepository.ts';
import { marketImporter, priceImporter } from '../subgraphs/catalog/src/import/importers.ts';
import { variantImporter } from '../subgraphs/catalog/src/import/variants.ts';
import { InventoryRepository } from '../subgraphs/inventory/src/data/inventoryRepository.ts';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/data/migrations.ts';
import { locationImporter, stockImporter } from '../subgraphs/inventory/src/import/importers.ts';

const quick = process.argv.includes('--quick');
const SKUS = quick ? 20_000 : 200_000;
const MARKETS = ['DE', 'FR', 'GB', 'US', 'JP'];
const TARGET_S = 60;

async function writeLines(file: string, header: string | null, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  if (header) out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const load = () => loadavg().map((n) => Number(n.toFixed(2)));

interface Run {
  kind: string;
  run: string;
  rows: number;
  accepted: number;
  rejected: number;
  seconds: number;
  cpuSeconds: number;
  rowsPerSecond: number;
  loadBefore: number[];
  loadAfter: number[];
}

const runs: Run[] = [];

async function measure(kind: string, run: string, importer: Importer<unknown>, file: string, options: { rejectsFile: string; stateFile: string }): Promise<ImportResult> {
  const loadBefore = load();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await runImport(importer, file, { ...options, restart: true });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = Number(((used.user + used.system) / 1e6).toFixed(2));
  runs.push({ kind, run, rows: result.rows, accepted: result.accepted, rejected: result.rejected, seconds: Number(seconds.toFixed(2)), cpuSeconds, rowsPerSecond: Math.round(result.rows / seconds), loadBefore, loadAfter: load() });
  console.log(`${kind} ${run}: ${result.rows} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds)} rows/s; ${cpuSeconds} s of CPU; load ${loadBefore[0]} → ${load()[0]}), ${result.rejected} rejected`);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const PG_CLUSTER = { ...process.env, PG_PORT: process.env.PG_PORT ?? '55735', PG_DIR: process.env.PG_DIR ?? join(tmpdir(), 'commerce-graph-pg-bench-import') };
const ownCluster = process.argv.includes('--postgres') && !process.env.BENCH_DATABASE_URL;
const url = ownCluster ? execFileSync('scripts/pg-cluster.sh', ['start'], { env: PG_CLUSTER, encoding: 'utf8' }).trim() : process.env.BENCH_DATABASE_URL;
try {
  const stamp = Date.now();
  const db = await openDatabase({ service: 'catalog', file: join(dir, 'catalog.sqlite'), url, schema: url ? `bench_import_${stamp}` : undefined, migrations });
  await tuneForImport(db);
  const repo = new CatalogRepository(db);
  const quiet = { rejectsFile: join(dir, 'r.ndjson'), stateFile: join(dir, 's.json') };
  await runImport(marketImporter(repo, systemClock), join(DEMO_SEED_DIR, 'markets.ndjson'), quiet);
  const products = join(dir, 'products.csv');
  await writeLines(products, 'sku,title,description', SKUS, (i) => `B-${i},Bench product ${i},"A product, number ${i}."`);
  const families = new FamilyRepository(db);
  await families.search.ensure();
  await measure('products', 'insert', variantImporter(families, systemClock) as Importer<unknown>, products, quiet);

  const prices = join(dir, 'prices.csv');
  const rows = SKUS * MARKETS.length;
  await writeLines(prices, 'sku,market,amount', rows, (i) => {
    const market = MARKETS[i % MARKETS.length];
    const sku = Math.floor(i / MARKETS.length);
    return `B-${sku},${market},${market === 'JP' ? 1000 + (sku % 9000) : `${10 + (sku % 90)}.${String(sku % 100).padStart(2, '0')}`}`;
  });
  for (const run of ['insert', 'update']) await measure('prices', run, priceImporter(repo) as Importer<unknown>, prices, quiet);
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM prices');
  await db.close();

  // stock counts: the inventory's own database
  const inventoryDb = await openDatabase({ service: 'inventory', file: join(dir, 'inventory.sqlite'), url, schema: url ? `bench_import_inventory_${stamp}` : undefined, migrations: inventoryMigrations });
  await tuneForImport(inventoryDb);
  const inventory = InventoryRepository.open(inventoryDb);
  await runImport(locationImporter(inventory, systemClock, async () => true), join(DEMO_SEED_DIR, 'locations.ndjson'), quiet);
  for (const run of ['insert', 'update']) {
    const stock = join(dir, `stock-${run}.csv`);
    await writeLines(stock, 'sku,location,onHand', SKUS, (i) => `B-${i},wh-eu,${(i % 50) + (run === 'update' ? 1 : 0)}`);
    await measure('stock', run, stockImporter(inventory, systemClock) as Importer<unknown>, stock, quiet);
  }
  const stockRows = await inventoryDb.get<{ n: number }>('SELECT COUNT(*) AS n FROM stock');
  const movements = await inventoryDb.get<{ n: number }>('SELECT COUNT(*) AS n FROM stock_movements');
  await inventoryDb.close();

  const priceRuns = runs.filter((r) => r.kind === 'prices');
  const ok = runs.every((r) => r.rejected === 0) && priceRuns.every((r) => r.seconds <= TARGET_S) && Number(count?.n) === rows && Number(stockRows?.n) === SKUS;
  const report = {
    benchmark: 'import',
    at: new Date().toISOString(),
    quick,
    store: url ? 'postgres' : 'sqlite',
    target: `${rows.toLocaleString('en')} price rows in ≤ ${TARGET_S} s`,
    /** wall time includes waiting for a core on a shared machine: see each run's load average before and after */
    runs,
    pricesStored: Number(count?.n),
    stockRows: Number(stockRows?.n),
    /** ledger entries: one per row that changed the quantity (insert: all but onHand 0; update: all) */
    stockMovements: Number(movements?.n),
    ok,
  };
  if (!quick) {
    mkdirSync('bench/results', { recursive: true });
    const out = 'bench/results/import.json';
    const before = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
    const kept = typeof before.sqlite === 'object' || typeof before.postgres === 'object' ? before : {};
    writeFileSync(out, `${JSON.stringify({ ...kept, [report.store]: report }, null, 2)}\n`);
  }
  console.log(ok ? `ok: prices within ${TARGET_S} s` : `NOT OK: target ${TARGET_S} s for the prices, every row in`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (ownCluster) execFileSync('scripts/pg-cluster.sh', ['stop'], { env: PG_CLUSTER });
}
