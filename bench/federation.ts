/**
 * npm run bench:federation [-- --quick]: the public federation gateway benchmark (TestQuery over the
 * accounts/inventory/products/reviews subgraphs, data in bench/federation/data/), run side
 * by side in one run, same subgraphs, same load generator and settings, CPU pinned with taskset:
 *   - our gateway (gateway/main.ts, production mode, with its features: API key, limits, guards,
 *     metrics, usage recording),
 *   - our gateway with GATEWAY_EXECUTOR=stock (@apollo/gateway's executor inside our server),
 *   - stock @apollo/server + @apollo/gateway as in the public benchmark,
 *   - @graphql-hive/gateway (Node) on the same supergraph.
 * Gateways on core 0, subgraphs and load generator on core 1. With `--workers`, also ours with
 * GATEWAY_WORKERS=2 on both cores (sharing core 1 with the subgraphs and the load generator: on a
 * 2-core machine this is not a measure of scaling onto a free core). Warm-up, then rounds interleaved
 * across the gateways (noise from other processes hits all of them alike); medians reported.
 * Writes bench/results/federation.json and prints a table.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchQuery, benchSupergraph } from './federation/subgraphs.ts';
import type { LoadResult } from './load.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/nodeFlags.ts';
import { freePort, GATEWAY_CORE, gatewayProcess, LOAD_CORE, load, median, peakMemoryMiB, pinned, stopAll, tsx } from './support.ts';

/** one load generator is one client: buckets that never refuse it (the limit is still checked) */
const BENCH_RATE_LIMIT = { client: { perSecond: 1e6, burst: 1e6 }, key: { perSecond: 1e6, burst: 1e6 } };
const quick = process.argv.includes('--quick');
const withWorkers = process.argv.includes('--workers');
const TWO_WORKERS = 'ours (GATEWAY_WORKERS=2, cores 0 and 1)';
const SETTINGS = quick
  ? { warmupSeconds: 4, rounds: 3, roundSeconds: 4, connections: 50 }
  : { warmupSeconds: 10, rounds: 5, roundSeconds: 20, connections: 50 };
const BENCH_KEY = randomBytes(16).toString('hex');
const HIVE_RUST = '@graphql-hive/gateway + router-runtime (Rust planner)';
const FLOOR = 'floor (subgraph calls, parse, serialise only)';
const dir = mkdtempSync(join(tmpdir(), 'fed-bench-'));

async function waitReady(url: string, headers: Record<string, string>, timeoutMs = 180_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: benchQuery() }) });
      last = await res.text();
      if (res.ok && !last.includes('"errors"')) return last;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not ready: ${last.slice(0, 300)}`);
}

interface Gateway { name: string; url: string; headers: Record<string, string>; proc: ChildProcess; rounds: (LoadResult & { cpuMsPerRequest?: number; machineCpuMsPerRequest?: number })[] }

/**
 * What two workers can reach on this machine: all its cores divided by the CPU one request costs
 * the whole machine (the gateway's own and the subgraphs' and load generator's), as a multiple of
 * one worker's req/s, at most 2. On 2 cores shared with the subgraphs and the load generator this
 * is the bound the ratio to one worker is to be read against.
 */
function workersBound(rounds: Gateway['rounds'], oneWorkerRps: number, cores: number): number {
  const machine = median(rounds.map((r) => r.machineCpuMsPerRequest ?? NaN));
  return Number(Math.min(2, (cores * 1000) / machine / oneWorkerRps).toFixed(2));
}

async function main() {
  const subgraphPort = await freePort();
  pinned(LOAD_CORE, tsx('bench/federation/subgraphs.ts', '--port', String(subgraphPort)));
  const supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, benchSupergraph(`http://127.0.0.1:${subgraphPort}`));
  const prod = { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' };
  /** our gateway's environment: production mode, an API key with the benchmark's rate limit, its own usage file */
  const oursEnv = (usageFile: string, extra: Record<string, string> = {}) => ({
    ...prod, ...extra, IDENTITY_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'warn', DATA_DIR: dir, USAGE_DATABASE_FILE: join(dir, usageFile),
    API_KEYS: JSON.stringify([{ id: 'bench', key: BENCH_KEY, channel: 'bench', scopes: ['storefront'], rateLimit: BENCH_RATE_LIMIT }]),
  });

  const specs: { name: string; start: (port: number) => ChildProcess; headers: Record<string, string> }[] = [
    {
      name: 'ours',
      headers: { authorization: `Bearer ${BENCH_KEY}` },
      start: (port) => pinned(GATEWAY_CORE, gatewayProcess('gateway/main.ts', '--supergraph', supergraphFile, '--port', String(port)), oursEnv('usage-ours.sqlite')),
    },
    {
      name: 'ours (stock executor)',
      headers: { authorization: `Bearer ${BENCH_KEY}` },
      start: (port) => pinned(GATEWAY_CORE, gatewayProcess('gateway/main.ts', '--supergraph', supergraphFile, '--port', String(port)), oursEnv('usage-stock.sqlite', { GATEWAY_EXECUTOR: 'stock' })),
    },
    { name: '@apollo/gateway (stock)', headers: {}, start: (port) => pinned(GATEWAY_CORE, tsx('bench/federation/stock-gateway.ts', supergraphFile, String(port)), prod) },
    {
      name: '@graphql-hive/gateway',
      headers: {},
      start: (port) => pinned(GATEWAY_CORE, ['node_modules/.bin/hive-gateway', 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1', '--fork', '1'], prod),
    },
    {
      name: HIVE_RUST,
      headers: {},
      start: (port) => pinned(GATEWAY_CORE, ['node_modules/.bin/hive-gateway', 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1', '--fork', '1', '--hive-router-runtime'], prod),
    },
    { name: FLOOR, headers: {}, start: (port) => pinned(GATEWAY_CORE, gatewayProcess('bench/federation/floor.ts', supergraphFile, String(port)), prod) },
  ];
  if (withWorkers) {
    specs.splice(1, 0, {
      name: TWO_WORKERS,
      headers: { authorization: `Bearer ${BENCH_KEY}` },
      start: (port) => pinned(`${GATEWAY_CORE},${LOAD_CORE}`, gatewayProcess('gateway/main.ts', '--supergraph', supergraphFile, '--port', String(port)), oursEnv('usage-workers.sqlite', { GATEWAY_WORKERS: '2' })),
    });
  }
  // BENCH_COMPARE_WITH=DIR[,DIR…]: also the gateway of another checkout (e.g. `git archive` of an earlier
  // commit, with node_modules linked), for before/after figures of one change in one run
  for (const other of process.env.BENCH_COMPARE_WITH?.split(',').filter(Boolean) ?? []) {
    specs.splice(1, 0, {
      name: `ours @ ${other}`,
      headers: { authorization: `Bearer ${BENCH_KEY}` },
      // BENCH_COMPARE_NODE_FLAGS: that checkout's own Node flags (default: ours), e.g. '' for one started without any
      start: (port) => pinned(GATEWAY_CORE, [process.execPath, ...(process.env.BENCH_COMPARE_NODE_FLAGS?.split(' ').filter(Boolean) ?? GATEWAY_NODE_FLAGS), '--import', 'tsx', join(other, 'gateway/main.ts'), '--supergraph', supergraphFile, '--port', String(port)], oursEnv(`usage-${specs.length}.sqlite`)),
    });
  }
  const only = process.env.BENCH_GATEWAYS?.split(',');
  const gateways: Gateway[] = [];
  const answers: Record<string, string> = {};
  const chosen = specs.filter((s) => !only || only.some((o) => s.name.startsWith(o)));
  const started = await Promise.all(chosen.map(async (spec) => {
    const port = await freePort();
    return { spec, port, proc: spec.start(port) };
  }));
  for (const { spec, port, proc } of started) {
    const url = `http://127.0.0.1:${port}/graphql`;
    answers[spec.name] = await waitReady(url, spec.headers);
    gateways.push({ name: spec.name, url, headers: spec.headers, proc, rounds: [] });
  }
  const minBytes = Math.min(...Object.values(answers).map((a) => a.length));
  const body = JSON.stringify({ query: benchQuery() });
  const conditions = { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageBefore: loadavg().map((l) => Number(l.toFixed(2))) };
  console.log(`federation benchmark${quick ? ' (quick)' : ''}: ${gateways.length} gateways, warm-up ${SETTINGS.warmupSeconds}s, ${SETTINGS.rounds} rounds × ${SETTINGS.roundSeconds}s, ${SETTINGS.connections} connections; load average ${conditions.loadAverageBefore.join(' ')}`);
  for (const g of gateways) await load({ url: g.url, seconds: SETTINGS.warmupSeconds, connections: SETTINGS.connections, headers: g.headers, body, minBytes });
  for (let r = 0; r < SETTINGS.rounds; r++) {
    for (const g of gateways) {
      const res = await load({ url: g.url, seconds: SETTINGS.roundSeconds, connections: SETTINGS.connections, headers: g.headers, body, minBytes }, g.proc.pid);
      g.rounds.push(res);
      process.stdout.write(`  round ${r + 1} ${g.name}: ${res.rps} req/s, p99 ${res.p99} ms, errors ${res.errors}, gateway CPU ${res.cpuMsPerRequest} ms/request\n`);
    }
  }
  const medianRps = (name: string) => {
    const g = gateways.find((x) => x.name === name);
    return g ? median(g.rounds.map((x) => x.rps)) : NaN;
  };
  const stockRps = medianRps('@apollo/gateway (stock)');
  const rustRps = medianRps(HIVE_RUST);
  const floorRps = medianRps(FLOOR);
  const oursRps = medianRps('ours');
  const rows = gateways.map((g) => {
    const rps = median(g.rounds.map((x) => x.rps));
    return {
      gateway: g.name,
      rps,
      p50Ms: median(g.rounds.map((x) => x.p50)),
      p95Ms: median(g.rounds.map((x) => x.p95)),
      p99Ms: median(g.rounds.map((x) => x.p99)),
      errors: g.rounds.reduce((n, x) => n + x.errors, 0),
      cpuMsPerRequest: median(g.rounds.map((x) => x.cpuMsPerRequest ?? NaN)),
      peakMemoryMiB: peakMemoryMiB(g.proc.pid!),
      ratioToStock: Number((rps / stockRps).toFixed(2)),
      ratioToHiveRust: Number((rps / rustRps).toFixed(2)),
      fractionOfFloor: Number((rps / floorRps).toFixed(2)),
      machineCpuMsPerRequest: median(g.rounds.map((x) => x.machineCpuMsPerRequest ?? NaN)),
      ...(g.name === TWO_WORKERS ? { ratioToOneWorker: Number((rps / oursRps).toFixed(2)), boundOnThisMachine: workersBound(g.rounds, oursRps, cpus().length) } : {}),
      rounds: g.rounds,
    };
  });
  const result = {
    benchmark: 'federation TestQuery (public federation gateway benchmark workload)',
    date: new Date().toISOString(),
    quick,
    settings: { ...SETTINGS, pinning: { gateway: `core ${GATEWAY_CORE}`, subgraphsAndLoad: `core ${LOAD_CORE}` }, loadGenerator: 'autocannon', nodeEnv: 'production' },
    conditions: { ...conditions, loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))), note: 'other processes may share the cores; compare ratios within one run' },
    responseBytes: answers,
    results: rows,
  };
  result.responseBytes = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.length])) as never;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(withWorkers ? 'bench/results/federation-workers.json' : 'bench/results/federation.json', JSON.stringify(result, null, 2) + '\n');
  console.log('\n| gateway | req/s | p50 ms | p95 ms | p99 ms | errors | peak MiB | CPU ms/req | × stock | × Hive (Rust planner) | of floor |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.gateway} | ${r.rps} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.errors} | ${r.peakMemoryMiB} | ${r.cpuMsPerRequest} | ${r.ratioToStock} | ${r.ratioToHiveRust} | ${r.fractionOfFloor} |`);
  const two = rows.find((r) => r.gateway === TWO_WORKERS);
  if (two) {
    console.log(`\nGATEWAY_WORKERS=2: ${two.ratioToOneWorker}× one worker. The second core also runs the subgraphs and the load generator: each request cost the machine ${two.machineCpuMsPerRequest} ms of CPU (the gateway's ${two.cpuMsPerRequest}), so ${cpus().length} cores allow at most ${two.boundOnThisMachine}× one worker here`);
  }
  console.log(`\nbench/results/${withWorkers ? 'federation-workers' : 'federation'}.json written`);
}

try {
  await main();
} finally {
  await stopAll();
}
