/**
 * npm run bench:commerce [-- --quick]: the storefront mix through our gateway on the seeded demo
 * data (bench/commerce/scenario.ts: 70% cart reads with promotions and availability, 20% line
 * additions, 10% orders), and what the gateway's own features cost: the same gateway with
 * usage recording, limits or authentication (API key, scopes, channel contracts) turned off
 * (GATEWAY_BENCHMARK_DISABLE), and with OpenTelemetry tracing at 1% sampling (OTLP to a sink in this
 * process), all in one run against the same subgraphs, rounds interleaved.
 * Gateways on core 0; the five subgraphs (one process) and the load generator on core 1.
 * Writes bench/results/commerce.json and prints a table.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { LoadResult } from './load.ts';
import { freePort, GATEWAY_CORE, gatewayProcess, LOAD_CORE, load, median, pinned, stopAll, tsx, until } from './support.ts';

const quick = process.argv.includes('--quick');
/** --tracing: only what tracing costs (the gateway with all features, with and without tracing at 1%) → bench/results/commerce-tracing.json */
const tracingOnly = process.argv.includes('--tracing');
const SETTINGS = quick
  ? { warmupSeconds: 3, rounds: 3, roundSeconds: 4, connections: 20 }
  : { warmupSeconds: 10, rounds: 5, roundSeconds: 15, connections: 20 };
const dir = mkdtempSync(join(tmpdir(), 'commerce-bench-'));
const secret = randomBytes(24).toString('hex');
const key = randomBytes(16).toString('hex');
const opsKey = randomBytes(16).toString('hex');
/** The SKUs the mix buys (bench/commerce/scenario.ts), and the stock counted for each before the run. */
const SKUS = Array.from({ length: 50 }, (_, i) => `SKU-${1001 + i}`);
const STOCK = 10_000_000;

const BENCH_RATE_LIMIT = { client: { perSecond: 1e6, burst: 1e6 }, key: { perSecond: 1e6, burst: 1e6 } };

const VARIANTS: { name: string; disable: string[]; tracing?: boolean }[] = [
  { name: 'all features', disable: [] },
  { name: 'without usage recording', disable: ['usage'] },
  { name: 'without limits', disable: ['limits'] },
  { name: 'without auth', disable: ['auth'] },
  { name: 'without auth, limits, usage', disable: ['auth', 'limits', 'usage'] },
  // OpenTelemetry on, 1% of requests sampled, exported over OTLP/HTTP to a sink in this process
  { name: 'all features, tracing 1%', disable: [], tracing: true },
];

/** An OTLP/HTTP receiver that takes the spans and drops them (what a collector costs the gateway: the export). */
async function otlpSink(): Promise<{ url: string; spans: () => number; close: () => void }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.on('data', (c: Buffer) => (received += c.length));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return { url: `http://127.0.0.1:${port}/v1/traces`, spans: () => received, close: () => server.close() };
}

async function main() {
  const variants = tracingOnly ? VARIANTS.filter((v) => v.disable.length === 0) : VARIANTS;
  const services = pinned(LOAD_CORE, tsx('bench/commerce/services.ts', join(dir, 'services'), secret));
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    services.stdout!.on('data', (d) => {
      out += d;
      const m = /ready (\{.*\})/.exec(out);
      if (m) resolve(JSON.parse(m[1]) as Record<string, string>);
    });
    services.on('exit', (code) => reject(new Error(`services exited ${code}`)));
  });
  const sink = await otlpSink();
  const subgraphEnv = Object.fromEntries(Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u]));
  const gateways = await Promise.all(variants.map(async (v, i) => {
    const port = await freePort();
    const proc: ChildProcess = pinned(GATEWAY_CORE, gatewayProcess('bench/commerce/gateway.ts', '--port', String(port)), {
      ...subgraphEnv, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true', IDENTITY_SECRET: secret, LOG_LEVEL: 'error',
      DATA_DIR: dir, USAGE_DATABASE_FILE: join(dir, `usage-${i}.sqlite`), BENCH_DISABLE: v.disable.join(','),
      // one load generator is one client: its buckets are large enough never to refuse, and still checked
      API_KEYS: JSON.stringify([
        { id: 'bench-web', key, channel: 'web', scopes: ['storefront'], rateLimit: BENCH_RATE_LIMIT },
        { id: 'bench-ops', key: opsKey, channel: 'operations', scopes: ['operations'], markets: ['*'], locations: ['*'], rateLimit: BENCH_RATE_LIMIT },
      ]),
      ...(v.tracing ? { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.01' } : {}),
    });
    return { ...v, url: `http://127.0.0.1:${port}/graphql`, proc, rounds: [] as (LoadResult & { cpuMsPerRequest?: number })[] };
  }));
  const headers = { authorization: `Bearer ${key}`, 'apollographql-client-name': 'bench-storefront', 'apollographql-client-version': '1.0' };
  for (const g of gateways) {
    await until(g.name, async () => {
      const res = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ markets { code } }' }) });
      return res.ok ? true : undefined;
    });
  }
  // the stock the whole run buys from: counted high at every location serving DE, so the mix stays
  // what it says until the end (the demo seed's few thousand units would run out part-way)
  await stockUp(gateways[0].url);
  const conditions = { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageBefore: loadavg().map((l) => Number(l.toFixed(2))) };
  console.log(`commerce benchmark${quick ? ' (quick)' : ''}: ${gateways.length} gateway variants, warm-up ${SETTINGS.warmupSeconds}s, ${SETTINGS.rounds} rounds × ${SETTINGS.roundSeconds}s, ${SETTINGS.connections} connections; load average ${conditions.loadAverageBefore.join(' ')}`);
  const run = (g: (typeof gateways)[number], seconds: number) =>
    load({ url: g.url, seconds, connections: SETTINGS.connections, headers, scenario: 'bench/commerce/scenario.ts' }, g.proc.pid);
  for (const g of gateways) await run(g, SETTINGS.warmupSeconds);
  for (let r = 0; r < SETTINGS.rounds; r++) {
    // a different order each round, so no variant always runs right after another
    for (const g of [...gateways.slice(r % gateways.length), ...gateways.slice(0, r % gateways.length)]) {
      const res = await run(g, SETTINGS.roundSeconds);
      g.rounds.push(res);
      console.log(`  round ${r + 1} ${g.name}: ${res.rps} req/s, p99 ${res.p99} ms, errors ${res.errors}, gateway CPU ${res.cpuMsPerRequest} ms/request`);
    }
  }
  const rows = gateways.map((g) => ({
    variant: g.name,
    disabled: g.disable,
    rps: median(g.rounds.map((x) => x.rps)),
    p50Ms: median(g.rounds.map((x) => x.p50)),
    p99Ms: median(g.rounds.map((x) => x.p99)),
    errors: g.rounds.reduce((n, x) => n + x.errors, 0),
    cpuMsPerRequest: median(g.rounds.map((x) => x.cpuMsPerRequest ?? NaN)),
    rounds: g.rounds,
  }));
  // per round (the variants ran next to each other), then the median over rounds: the machine's load
  // drifts between rounds far more than within one
  const variant = (name: string) => gateways.find((g) => g.name === name);
  const all = variant('all features')!;
  /** what `a` costs more than `b`, in percent */
  const compare = (a: (typeof gateways)[number], b: (typeof gateways)[number]) => {
    const ratios = (pick: (x: LoadResult & { cpuMsPerRequest?: number }) => number) =>
      median(a.rounds.map((x, i) => 100 * (pick(x) / pick(b.rounds[i]) - 1)));
    return { p99Percent: Number(ratios((x) => x.p99).toFixed(1)), cpuPercent: Number(ratios((x) => x.cpuMsPerRequest ?? NaN).toFixed(1)) };
  };
  const featureCost: Record<string, { p99Percent: number; cpuPercent: number; exportedBytes?: number }> = {};
  for (const [key, name] of [['allFeatures', 'without auth, limits, usage'], ['usageRecording', 'without usage recording'], ['limits', 'without limits'], ['auth', 'without auth']] as const) {
    const without = variant(name);
    if (without) featureCost[key] = compare(all, without);
  }
  // tracing: the same gateway, with tracing at 1% against without
  featureCost.tracing1Percent = { ...compare(variant('all features, tracing 1%')!, all), exportedBytes: sink.spans() };
  sink.close();
  const result = {
    benchmark: 'storefront mix through our gateway (70% cart reads, 20% line additions, 10% orders)',
    date: new Date().toISOString(),
    quick,
    settings: { ...SETTINGS, pinning: { gateway: `core ${GATEWAY_CORE}`, subgraphsAndLoad: `core ${LOAD_CORE}` }, loadGenerator: 'autocannon', nodeEnv: 'production' },
    conditions: { ...conditions, loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))), note: 'other processes may share the cores; compare within one run' },
    featureCost,
    results: rows,
  };
  const kinds = failuresByKind(gateways.flatMap((g) => g.rounds));
  Object.assign(result, { requestsByKind: kinds });
  mkdirSync('bench/results', { recursive: true });
  const out = tracingOnly ? 'bench/results/commerce-tracing.json' : 'bench/results/commerce.json';
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log('\n| variant | req/s | p50 ms | p99 ms | errors | gateway CPU ms/req |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.variant} | ${r.rps} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.cpuMsPerRequest} |`);
  console.log('\nwhat the features add (all features vs. without; tracing: with vs. without; median of the rounds\' ratios): ' + Object.entries(featureCost).map(([k, v]) => `${k} p99 ${v.p99Percent}% CPU ${v.cpuPercent}%`).join('; '));
  console.log('requests by kind over every round: ' + Object.entries(kinds).map(([k, v]) => `${k} ${v.ok} ok, ${v.failed} failed${v.failed ? ` (${Object.entries(v.reasons).map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}`).join('; '));
  console.log(`${out} written`);
  // every kind of the mix is meant to succeed: one failure fails the benchmark
  if (Object.values(kinds).some((k) => k.failed > 0)) {
    console.error('bench:commerce FAILED: requests meant to succeed failed (see above)');
    process.exitCode = 1;
  }
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${opsKey}` }, body: JSON.stringify({ query, variables }) });
  const answer = (await res.json()) as { data?: any; errors?: unknown[] };
  if (!res.ok || answer.errors?.length) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(answer.errors ?? res.status)}`);
  return answer.data;
}

async function stockUp(url: string): Promise<void> {
  const { locations } = await graphql(url, '{ locations { id markets } }');
  for (const location of (locations as { id: string; markets: string[] }[]).filter((l) => l.markets.includes('DE'))) {
    const { recordStocktake } = await graphql(url, 'mutation($l: ID!, $c: [StockCountInput!]!) { recordStocktake(location: $l, counts: $c) { userErrors { code message } } }', {
      l: location.id,
      c: SKUS.map((sku) => ({ sku, counted: STOCK })),
    });
    if (recordStocktake.userErrors.length) throw new Error(`stocktake at ${location.id}: ${JSON.stringify(recordStocktake.userErrors)}`);
  }
}

function failuresByKind(rounds: LoadResult[]): NonNullable<LoadResult['kinds']> {
  const total: NonNullable<LoadResult['kinds']> = {};
  for (const round of rounds) {
    for (const [kind, k] of Object.entries(round.kinds ?? {})) {
      const t = (total[kind] ??= { ok: 0, failed: 0, reasons: {} });
      t.ok += k.ok;
      t.failed += k.failed;
      for (const [r, n] of Object.entries(k.reasons)) t.reasons[r] = (t.reasons[r] ?? 0) + n;
    }
  }
  return total;
}

try {
  await main();
} finally {
  await stopAll();
}
