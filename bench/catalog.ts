/**
 * npm run bench:catalog [-- --quick] — storefront search: 100,000 products with 400,000 variants (imported
 * through the import path into a fresh catalog database), then text + facet queries in one market
 * through the catalog's search service: words, two-word phrases, typos, with and without a category
 * or option filter, facets always counted. Target: p95 ≤ 50 ms. SQLite by default; `--postgres` on a
 * throwaway local PostgreSQL cluster (scripts/pg-cluster.sh, Debian's postgresql), or on the one
 * BENCH_DATABASE_URL (postgres://…) names (BENCH_SCHEMA: a schema an earlier run imported, measured
 * again without importing); BENCH_SQLITE names a SQLite file to keep (and measure again without
 * importing). Each round searches the 15 texts below and 10 texts never searched before (a text's first
 * search: nothing of it kept), all in the percentiles. Writes bench/results/catalog.json
 * (catalog-quick.json with --quick: 10,000 products), one entry per store: a run on one store keeps the other's entry.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

/** Texts searched for the first time, FRESH_PER_ROUND a round: single words (20,000–50,000 matches each), typos, prefixes, pairs. */
const FRESH_PER_ROUND = 10;
function freshTexts(n: number): ProductFilter[] {
  const used = new Set(QUERIES.map((q) => q.text?.toLowerCase()));
  const swap = (w: string) => `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`;
  const kinds = [
    [...ADJECTIVES, ...MATERIALS, ...NOUNS, ...BRANDS.map((b) => b.toLowerCase())],
    [...NOUNS, ...ADJECTIVES].filter((w) => w.length >= 5).map(swap),
    [...ADJECTIVES, ...MATERIALS].map((w) => w.slice(0, 4)),
    ADJECTIVES.flatMap((_, i) => NOUNS.map((noun, j) => `${ADJECTIVES[(i + j) % ADJECTIVES.length]} ${noun}`)),
  ].map((k) => [...new Set(k)].filter((t) => !used.has(t)));
  // per round: 4 single words, 2 typos, 2 prefixes, 2 pairs
  const take = [4, 2, 2, 2];
  const out: ProductFilter[] = [];
  const at = [0, 0, 0, 0];
  while (out.length < n) {
    take.forEach((count, k) => {
      for (let c = 0; c < count && out.length < n; c++) out.push({ text: kinds[k][at[k]++ % kinds[k].length] });
    });
  }
  return out;
}
/** Interleaving of a round: the fresh texts spread among the fixed ones. */
function order(mix: { q: ProductFilter; first: boolean }[], x: { q: ProductFilter }): number {
  const fixed = QUERIES.indexOf(x.q);
  return fixed >= 0 ? fixed * 2 : (mix.indexOf(x as (typeof mix)[number]) - QUERIES.length) * 3 + 1;
}

const gc = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
const PG_CLUSTER = { ...process.env, PG_PORT: process.env.PG_PORT ?? '55734', PG_DIR: process.env.PG_DIR ?? join(tmpdir(), 'commerce-graph-pg-bench') };
const ownCluster = process.argv.includes('--postgres') && !process.env.BENCH_DATABASE_URL;
const url = ownCluster ? execFileSync('scripts/pg-cluster.sh', ['start'], { env: PG_CLUSTER, encoding: 'utf8' }).trim() : process.env.BENCH_DATABASE_URL;
try {
  // PostgreSQL: each run imports into a schema of its own and leaves it; BENCH_SCHEMA names one an earlier run filled, to measure again without importing
  const reuse = url ? process.env.BENCH_SCHEMA : undefined;
  const db = await openDatabase({ service: 'catalog', file: process.env.BENCH_SQLITE ?? join(dir, 'catalog.sqlite'), url, schema: url ? (reuse ?? `bench_catalog_${Date.now()}`) : undefined, migrations });
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
  } else console.log(`${imported} variants already imported (${url ? `schema ${reuse}` : process.env.BENCH_SQLITE})`);

  const search = new ProductSearch(families.search);
  const projection = families.search.projection;
  const market = { code: 'DE', currencyCode: 'EUR' };
  const digits = currencyDigits('EUR');
  const at = new Date().toISOString();
  const rounds = quick ? 4 : 10;
  // the projection's build, as the service does it at start (in the background), and its memory
  const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const buildCpu = process.cpuUsage();
  await projection.warm();
  const built = process.cpuUsage(buildCpu);
  const buildMs = performance.now() - buildStart;
  // a market's prices are read by its first search: part of the build here
  const pricesStart = performance.now();
  const pricesCpu = process.cpuUsage();
  await search.search(market, at, {}, 'SKU', 0, 20, digits);
  const pricesUsed = process.cpuUsage(pricesCpu);
  gc?.();
  const build = {
    wallMs: Math.round(buildMs),
    cpuMs: Math.round((built.user + built.system) / 1000),
    marketPricesWallMs: Math.round(performance.now() - pricesStart),
    marketPricesCpuMs: Math.round((pricesUsed.user + pricesUsed.system) / 1000),
    /** heap held by the projection with one market's prices (after a full collection when the bench runs with --expose-gc) */
    heapMB: Number(((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)),
    /** of which the text index's term lists and per-variant arrays */
    textIndexMB: Number((projection.memory().textIndexBytes / 2 ** 20).toFixed(1)),
    gcExposed: gc !== undefined,
  };
  console.log(`search projection built in ${build.wallMs} ms (${build.cpuMs} ms of CPU), ${build.heapMB} MB of heap`);
  // the workload: each round the 15 texts above (searched before from the second round on) and
  // FRESH_PER_ROUND texts never searched before (nothing of them kept), in one list, all counted in the p95
  const fresh = freshTexts(rounds * FRESH_PER_ROUND);
  const times: number[] = [];
  /** CPU time of each query: what it costs on a core of its own (the machine may be shared) */
  const cpuTimes: number[] = [];
  const firstTimes: { ms: number; cpuMs: number }[] = [];
  const all: { text: string; first: boolean; ms: number; cpuMs: number; matches: number }[] = [];
  const perQuery: Record<string, { ms: number[]; cpu: number[]; totalCount: number }> = {};
  const answers = { ...projection.textAnswers };
  for (let r = 0; r < rounds; r++) {
    const mix = [...QUERIES.map((q) => ({ q, first: r === 0 })), ...fresh.slice(r * FRESH_PER_ROUND, (r + 1) * FRESH_PER_ROUND).map((q) => ({ q, first: true }))];
    // interleaved: a fresh text after every second one of the 15
    mix.sort((a, b) => order(mix, a) - order(mix, b));
    for (const { q, first } of mix) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const page = await search.search(market, at, q, 'RELEVANCE', 0, 20, digits);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      times.push(ms);
      cpuTimes.push(cpuMs);
      if (first) firstTimes.push({ ms, cpuMs });
      all.push({ text: q.text ?? '', first, ms, cpuMs, matches: page.totalCount });
      if (!QUERIES.includes(q)) continue;
      const key = JSON.stringify(q);
      const entry = (perQuery[key] ??= { ms: [], cpu: [], totalCount: page.totalCount });
      entry.ms.push(ms);
      entry.cpu.push(cpuMs);
    }
  }
  const textAnswers = { memory: projection.textAnswers.memory - answers.memory, database: projection.textAnswers.database - answers.database };
  await db.close();
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const firstMs = firstTimes.map((c) => c.ms).sort((a, b) => a - b);
  const firstCpu = firstTimes.map((c) => c.cpuMs).sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const round2 = (n: number) => Number(n.toFixed(2));
  const report = {
    benchmark: 'catalog search (text + facets)',
    at: new Date().toISOString(),
    store: url ? 'postgres' : 'sqlite',
    quick,
    products: FAMILIES,
    variants: products.accepted,
    queries: times.length,
    /** share of the queries that are a text's first search (nothing of it kept), counted in the percentiles */
    firstSearchShare: round2(firstTimes.length / times.length),
    /** the machine's load before and after measuring (a shared machine: latency includes waiting for a core) */
    loadAverage: { before: loadBefore, after: loadavg().map((n) => round2(n)) },
    latencyMs: { p50: round2(percentile(times, 50)), p95: round2(p95), p99: round2(percentile(times, 99)), max: round2(times.at(-1)!) },
    cpuMs: { p50: round2(percentile(cpuTimes, 50)), p95: round2(percentile(cpuTimes, 95)), p99: round2(percentile(cpuTimes, 99)) },
    /** the first search of each text (the 15 in round one and every fresh text), also counted above */
    firstSearchOfEachText: {
      count: firstTimes.length,
      p50Ms: round2(percentile(firstMs, 50)),
      p95Ms: round2(percentile(firstMs, 95)),
      maxMs: round2(firstMs.at(-1)!),
      p50CpuMs: round2(percentile(firstCpu, 50)),
      p95CpuMs: round2(percentile(firstCpu, 95)),
      maxCpuMs: round2(firstCpu.at(-1)!),
    },
    /** the ten slowest queries (wall) */
    slowest: all
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((x) => ({ ...x, ms: round2(x.ms), cpuMs: round2(x.cpuMs) })),
    /** how the texts not kept were answered: the text index in memory, or the database's */
    textAnswers,
    perQuery: Object.entries(perQuery).map(([q, v]) => ({
      filter: JSON.parse(q),
      matches: v.totalCount,
      medianMs: round2(v.ms.sort((a, b) => a - b)[Math.floor(v.ms.length / 2)]),
      medianCpuMs: round2(v.cpu.sort((a, b) => a - b)[Math.floor(v.cpu.length / 2)]),
    })),
    projection: build,
    /** the variants' import through the import path (null: measured on a database an earlier run imported) */
    importSeconds: importSeconds === null ? null : Number(importSeconds.toFixed(1)),
    targetP95Ms: TARGET_P95_MS,
    ok: p95 <= TARGET_P95_MS,
  };
  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/catalog${quick ? '-quick' : ''}.json`;
  const before = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  const runs = { ...(typeof before.sqlite === 'object' || typeof before.postgres === 'object' ? before : {}), [report.store]: report };
  writeFileSync(out, `${JSON.stringify(runs, null, 2)}\n`);
  console.log(`search p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms (target ${TARGET_P95_MS} ms; CPU p95 ${report.cpuMs.p95} ms; first searches ${(report.firstSearchShare * 100).toFixed(0)}%, their p95 ${report.firstSearchOfEachText.p95Ms} ms; load ${report.loadAverage.before[0]} → ${report.loadAverage.after[0]}; text answers ${JSON.stringify(textAnswers)}) ${report.ok ? 'ok' : 'NOT OK'}`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (ownCluster) execFileSync('scripts/pg-cluster.sh', ['stop'], { env: PG_CLUSTER });
}
