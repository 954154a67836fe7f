/**
 * npm run bench:catalog [-- --quick] — storefront search: 100,000 products with 400,000 variants (imported
 * through the import path into a fresh catalog database), then text + facet queries in one market
 * through the catalog's search service: words, two-word phrases, typos, with and without a category
 * or option filter, facets always counted. Target: p95 ≤ 50 ms. SQLite by default; `--postgres` on a
 * throwaway local PostgreSQL cluster (scripts/pg-cluster.sh, Debian's postgresql), or on the one
 * BENCH_DATABASE_URL (postgres://…) names (BENCH_SCHEMA: a schema an earlier run imported, measured
 * again without importing). Writes bench/results/catalog.json (catalog-quick.json with
 * --quick: 10,000 products), one entry per store: a run on one store keeps the other's entry.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../common/clock.ts';
import { runImport, tuneForImport } from '../common/import/runner.ts';
import { DEMO_SEED_DIR } from '../common/import/seed.ts';
import { currencyDigits } from '../common/money.ts';
import { openDatabase } from '../common/storage/index.ts';
import { CatalogRepository } from '../subgraphs/catalog/src/data/catalogRepository.ts';
import { FamilyRepository } from '../subgraphs/catalog/src/data/familyRepository.ts';
import { migrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { marketImporter, priceImporter } from '../subgraphs/catalog/src/import/importers.ts';
import { categoryImporter, variantImporter } from '../subgraphs/catalog/src/import/variants.ts';
import { ProductSearch, type ProductFilter } from '../subgraphs/catalog/src/services/search.ts';

const quick = process.argv.includes('--quick');
const FAMILIES = quick ? 10_000 : 100_000;
const TARGET_P95_MS = 50;
const ADJECTIVES = ['alpine', 'coastal', 'urban', 'classic', 'rugged', 'light', 'thermal', 'summit', 'river', 'forest', 'desert', 'polar', 'trail', 'storm', 'meadow', 'canyon', 'harbor', 'glacier', 'prairie', 'island'];
const MATERIALS = ['merino', 'cotton', 'linen', 'nylon', 'canvas', 'leather', 'fleece', 'down', 'hemp', 'denim'];
const NOUNS = ['jacket', 'shirt', 'trousers', 'beanie', 'backpack', 'sock', 'hoodie', 'vest', 'boot', 'shoe', 'glove', 'scarf', 'tent', 'stove', 'bottle', 'mug', 'cap', 'shorts', 'parka', 'sandal'];
const BRANDS = ['Northpeak', 'Woolfold', 'Carryall', 'Fjell', 'Hoek', 'Sierra', 'Kestrel', 'Lumen'];
const COLOURS = ['black', 'navy', 'forest', 'sand'];
const SIZES = ['S', 'M', 'L', 'XL'];
const CATEGORIES = ['apparel', 'footwear', 'gear'];
const SUB: Record<string, string[]> = { apparel: ['tops', 'outerwear', 'bottoms', 'headwear'], footwear: ['boots', 'shoes'], gear: ['bags', 'camping', 'drinkware'] };
const nounCategory = (noun: string) =>
  ({ jacket: 'outerwear', parka: 'outerwear', vest: 'outerwear', shirt: 'tops', hoodie: 'tops', trousers: 'bottoms', shorts: 'bottoms', beanie: 'headwear', cap: 'headwear', scarf: 'headwear', glove: 'headwear', sock: 'bottoms', boot: 'boots', shoe: 'shoes', sandal: 'shoes', backpack: 'bags', tent: 'camping', stove: 'camping', bottle: 'drinkware', mug: 'drinkware' })[noun]!;

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* productLines(): Generator<string> {
  yield 'sku,product,title,brand,category,options';
  for (let f = 0; f < FAMILIES; f++) {
    const noun = NOUNS[f % NOUNS.length];
    const title = `${ADJECTIVES[Math.floor(f / NOUNS.length) % ADJECTIVES.length]} ${MATERIALS[Math.floor(f / 400) % MATERIALS.length]} ${noun} ${f}`;
    for (let v = 0; v < 4; v++) {
      const head = v === 0 ? `${title},${BRANDS[f % BRANDS.length]},${nounCategory(noun)}` : ',,';
      yield `P${f}-${v},p${f},${head},size=${SIZES[v]}|color=${COLOURS[(f + v) % COLOURS.length]}`;
    }
  }
}

function* priceLines(): Generator<string> {
  yield 'sku,market,amount';
  for (let f = 0; f < FAMILIES; f++) for (let v = 0; v < 4; v++) yield `P${f}-${v},DE,${9 + ((f * 7 + v) % 240)}.99`;
}

const QUERIES: ProductFilter[] = [
  { text: 'jacket' }, { text: 'merino' }, { text: 'alpine tent' }, { text: 'merino jacket' }, { text: 'trail shoe' },
  { text: 'jakcet' }, { text: 'fleese hoodie' }, { text: 'backpak' }, { text: 'Northpeak' }, { text: 'glacier parka' },
  { text: 'linen shirt', category: 'tops' }, { text: 'boot', options: [{ name: 'size', values: ['M', 'L'] }] },
  { text: 'canvas', priceRange: { min: '20.00', max: '80.00' } }, { text: 'stove', category: 'gear' }, { text: 'thermal sock', options: [{ name: 'color', values: ['navy'] }] },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
const PG_CLUSTER = { ...process.env, PG_PORT: process.env.PG_PORT ?? '55734', PG_DIR: process.env.PG_DIR ?? join(tmpdir(), 'commerce-graph-pg-bench') };
const ownCluster = process.argv.includes('--postgres') && !process.env.BENCH_DATABASE_URL;
const url = ownCluster ? execFileSync('scripts/pg-cluster.sh', ['start'], { env: PG_CLUSTER, encoding: 'utf8' }).trim() : process.env.BENCH_DATABASE_URL;
try {
  // PostgreSQL: each run imports into a schema of its own and leaves it; BENCH_SCHEMA names one an earlier run filled, to measure again without importing
  const reuse = url ? process.env.BENCH_SCHEMA : undefined;
  const db = await openDatabase({ service: 'catalog', file: join(dir, 'catalog.sqlite'), url, schema: url ? (reuse ?? `bench_catalog_${Date.now()}`) : undefined, migrations });
  await tuneForImport(db);
  const repo = new CatalogRepository(db);
  const families = new FamilyRepository(db);
  await families.search.ensure();
  const imported = Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM products'))?.n ?? 0);
  const products = { accepted: imported };
  let importSeconds: number | null = null;
  if (imported < FAMILIES * 4) {
    const quiet = { rejectsFile: join(dir, 'r.ndjson'), stateFile: join(dir, 's.json') };
    await runImport(marketImporter(repo, systemClock), join(DEMO_SEED_DIR, 'markets.ndjson'), quiet);
    await writeLines(join(dir, 'categories.csv'), ['code,parent,name', ...CATEGORIES.map((c) => `${c},,${c}`), ...CATEGORIES.flatMap((c) => SUB[c].map((s) => `${s},${c},${s}`))]);
    await runImport(categoryImporter(families, systemClock), join(dir, 'categories.csv'), quiet);
    await writeLines(join(dir, 'products.csv'), productLines());
    const importStart = performance.now();
    products.accepted = (await runImport(variantImporter(families, systemClock), join(dir, 'products.csv'), quiet)).accepted;
    importSeconds = (performance.now() - importStart) / 1000;
    await writeLines(join(dir, 'prices.csv'), priceLines());
    const prices = await runImport(priceImporter(repo), join(dir, 'prices.csv'), quiet);
    console.log(`imported ${products.accepted} variants in ${importSeconds.toFixed(1)} s and ${prices.accepted} prices`);
  } else console.log(`${imported} variants already imported (schema ${reuse})`);

  const search = new ProductSearch(families.search);
  const market = { code: 'DE', currencyCode: 'EUR' };
  const digits = currencyDigits('EUR');
  const at = new Date().toISOString();
  const rounds = quick ? 4 : 10;
  // the first search builds the search projection (what a service does once after start or a big import)
  const buildStart = performance.now();
  const buildCpu = process.cpuUsage();
  await search.search(market, at, {}, 'RELEVANCE', 0, 20, digits);
  const built = process.cpuUsage(buildCpu);
  const projection = { wallMs: Math.round(performance.now() - buildStart), cpuMs: Math.round((built.user + built.system) / 1000) };
  console.log(`search projection built in ${projection.wallMs} ms (${projection.cpuMs} ms of CPU)`);
  // each text's first search: its matches come from the text index (later ones from the recently searched texts)
  const cold: { ms: number; cpuMs: number }[] = [];
  for (const q of QUERIES) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await search.search(market, at, q, 'RELEVANCE', 0, 20, digits);
    const used = process.cpuUsage(cpu);
    cold.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 });
  }
  const times: number[] = [];
  /** CPU time of each query: what it costs on a core of its own (the machine may be shared) */
  const cpuTimes: number[] = [];
  const perQuery: Record<string, { ms: number[]; cpu: number[]; totalCount: number }> = {};
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const page = await search.search(market, at, q, 'RELEVANCE', 0, 20, digits);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
      const key = JSON.stringify(q);
      const entry = (perQuery[key] ??= { ms: [], cpu: [], totalCount: page.totalCount });
      entry.ms.push(ms);
      entry.cpu.push((used.user + used.system) / 1000);
    }
  }
  await db.close();
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const report = {
    benchmark: 'catalog search (text + facets)',
    at: new Date().toISOString(),
    store: url ? 'postgres' : 'sqlite',
    quick,
    products: FAMILIES,
    variants: products.accepted,
    queries: times.length,
    /** the machine's load while measuring (a shared machine: latency includes waiting for a core) */
    loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
    latencyMs: { p50: Number(percentile(times, 50).toFixed(2)), p95: Number(p95.toFixed(2)), p99: Number(percentile(times, 99).toFixed(2)), max: Number(times.at(-1)!.toFixed(2)) },
    cpuMs: { p50: Number(percentile(cpuTimes, 50).toFixed(2)), p95: Number(percentile(cpuTimes, 95).toFixed(2)), p99: Number(percentile(cpuTimes, 99).toFixed(2)) },
    perQuery: Object.entries(perQuery).map(([q, v]) => ({
      filter: JSON.parse(q),
      matches: v.totalCount,
      medianMs: Number(v.ms.sort((a, b) => a - b)[Math.floor(v.ms.length / 2)].toFixed(2)),
      medianCpuMs: Number(v.cpu.sort((a, b) => a - b)[Math.floor(v.cpu.length / 2)].toFixed(2)),
    })),
    projection,
    /** the first search of each text (nothing of it kept yet): all 15, worst first */
    firstSearchOfEachText: {
      maxMs: Number(Math.max(...cold.map((c) => c.ms)).toFixed(2)),
      maxCpuMs: Number(Math.max(...cold.map((c) => c.cpuMs)).toFixed(2)),
      medianMs: Number(cold.map((c) => c.ms).sort((a, b) => a - b)[Math.floor(cold.length / 2)].toFixed(2)),
      medianCpuMs: Number(cold.map((c) => c.cpuMs).sort((a, b) => a - b)[Math.floor(cold.length / 2)].toFixed(2)),
    },
    /** the variants' import through the import path (null: measured on a schema an earlier run imported) */
    importSeconds: importSeconds === null ? null : Number(importSeconds.toFixed(1)),
    targetP95Ms: TARGET_P95_MS,
    ok: p95 <= TARGET_P95_MS,
  };
  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/catalog${quick ? '-quick' : ''}.json`;
  const before = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  const runs = { ...(typeof before.sqlite === 'object' || typeof before.postgres === 'object' ? before : {}), [report.store]: report };
  writeFileSync(out, `${JSON.stringify(runs, null, 2)}\n`);
  console.log(`search p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms (target ${TARGET_P95_MS} ms; CPU p95 ${report.cpuMs.p95} ms; load ${report.loadAverage[0]}) ${report.ok ? 'ok' : 'NOT OK'}`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (ownCluster) execFileSync('scripts/pg-cluster.sh', ['stop'], { env: PG_CLUSTER });
}
