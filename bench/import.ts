/**
 * npm run bench:import [-- --quick] — bulk import of prices on SQLite: 1,000,000 price rows (200,000
 * SKUs × 5 markets) from CSV into a fresh catalog database, through the same path as
 * `npm run import -- prices FILE` (row checks, rejects, checkpoints). Target: ≤ 60 s.
 * Then the same file again (every row an update). Writes bench/results/import.json.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../common/clock.ts';
import { runImport, tuneForImport } from '../common/import/runner.ts';
import { DEMO_SEED_DIR } from '../common/import/seed.ts';
import { openDatabase } from '../common/storage/index.ts';
import { CatalogRepository } from '../subgraphs/catalog/src/data/catalogRepository.ts';
import { migrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { FamilyRepository } from '../subgraphs/catalog/src/data/familyRepository.ts';
import { marketImporter, priceImporter } from '../subgraphs/catalog/src/import/importers.ts';
import { variantImporter } from '../subgraphs/catalog/src/import/variants.ts';

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

const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
try {
  const db = await openDatabase({ service: 'catalog', file: join(dir, 'catalog.sqlite'), migrations });
  await tuneForImport(db);
  const repo = new CatalogRepository(db);
  const quiet = { rejectsFile: join(dir, 'r.ndjson'), stateFile: join(dir, 's.json') };
  await runImport(marketImporter(repo, systemClock), join(DEMO_SEED_DIR, 'markets.ndjson'), quiet);
  const products = join(dir, 'products.csv');
  await writeLines(products, 'sku,title,description', SKUS, (i) => `B-${i},Bench product ${i},"A product, number ${i}."`);
  const productStart = performance.now();
  const families = new FamilyRepository(db);
  await families.search.ensure();
  const productResult = await runImport(variantImporter(families, systemClock), products, quiet);
  const productSeconds = (performance.now() - productStart) / 1000;

  const prices = join(dir, 'prices.csv');
  const rows = SKUS * MARKETS.length;
  await writeLines(prices, 'sku,market,amount', rows, (i) => {
    const market = MARKETS[i % MARKETS.length];
    const sku = Math.floor(i / MARKETS.length);
    return `B-${sku},${market},${market === 'JP' ? 1000 + (sku % 9000) : `${10 + (sku % 90)}.${String(sku % 100).padStart(2, '0')}`}`;
  });
  const runs: { run: string; rows: number; accepted: number; rejected: number; seconds: number; cpuSeconds: number; rowsPerSecond: number }[] = [];
  for (const run of ['insert', 'update']) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await runImport(priceImporter(repo), prices, { ...quiet, restart: true });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = Number(((used.user + used.system) / 1e6).toFixed(2));
    runs.push({ run, rows: result.rows, accepted: result.accepted, rejected: result.rejected, seconds: Number(seconds.toFixed(2)), cpuSeconds, rowsPerSecond: Math.round(result.rows / seconds) });
    console.log(`prices ${run}: ${result.rows} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds)} rows/s; ${cpuSeconds} s of CPU), ${result.rejected} rejected`);
  }
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM prices');
  await db.close();
  const ok = runs.every((r) => r.seconds <= TARGET_S && r.rejected === 0) && Number(count?.n) === rows;
  const report = {
    benchmark: 'import',
    at: new Date().toISOString(),
    quick,
    store: 'sqlite',
    /** the machine's load while measuring (a shared machine: wall time includes waiting for a core) */
    loadAverage: (await import('node:os')).loadavg().map((n) => Number(n.toFixed(2))),
    target: `${rows.toLocaleString('en')} price rows in ≤ ${TARGET_S} s`,
    products: { rows: productResult.rows, seconds: Number(productSeconds.toFixed(2)) },
    prices: runs,
    pricesStored: Number(count?.n),
    ok,
  };
  if (!quick) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/import.json', `${JSON.stringify(report, null, 2)}\n`);
  }
  console.log(ok ? `ok: within ${TARGET_S} s` : `NOT OK: target ${TARGET_S} s`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
