/**
 * npm run bench:federation-cpu [-- --requests N] [-- --memory N]: the gateway's CPU time per TestQuery,
 * measured in-process (`process.cpuUsage`), which a shared, loaded machine disturbs far less than
 * requests per second. The benchmark's subgraphs run in a child process on the load core; this
 * process runs the gateways (production mode, API key, limits, rate limits, metrics, usage recording
 * on) and a keep-alive client that sends the requests, a few at a time. The client's own work (the
 * same for every gateway: one request, one 87 KB answer) is in every figure alike.
 *
 * Gateways: ours with its own request path (gateway/fastPath.ts), ours with GATEWAY_FAST_PATH=off
 * (Apollo Server's pipeline), and with BENCH_COMPARE_WITH=DIR[,DIR…] the gateway of other checkouts.
 * Rounds are interleaved; medians reported. With `--memory N`, N requests more through ours, with
 * the heap (after a full GC, when run with --expose-gc) and RSS recorded every N/20 requests and the
 * slope of the second half reported. Writes bench/results/federation-cpu.json (with --memory:
 * bench/results/federation-memory.json).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'undici';
import { gatewayConfigSchema, type GatewayConfig } from '../gateway/config.ts';
import type { RunningGateway } from '../gateway/server.ts';
import { createLogger } from '../common/log.ts';
import { benchQuery, benchSupergraph } from './federation/subgraphs.ts';
import { freePort, LOAD_CORE, median, pinned, stopAll, tsx, until } from './support.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('--requests', 1500);
const ROUNDS = 5;
const CONCURRENCY = 8;
const MEMORY = arg('--memory', 0);
const KEY = randomBytes(16).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'fed-cpu-'));

type Start = (config: GatewayConfig, options: { log: ReturnType<typeof createLogger> }) => Promise<RunningGateway>;

async function main() {
  const port = await freePort();
  pinned(LOAD_CORE, tsx('bench/federation/subgraphs.ts', '--port', String(port)));
  const supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, benchSupergraph(`http://127.0.0.1:${port}`));
  const log = createLogger('gateway', 'warn');
  const config = (extra: Record<string, unknown>, n: number) => gatewayConfigSchema.parse({
    port: 0, host: '127.0.0.1', supergraphFile, subgraphUrls: {}, subgraphTimeouts: {}, subgraphTimeoutMs: 30_000, maxSocketsPerSubgraph: 64,
    identitySecret: randomBytes(24).toString('hex'), demoKeys: false, production: true, maxBodyBytes: 1_000_000, logLevel: 'warn',
    keysJson: JSON.stringify([{ id: 'bench', key: KEY, channel: 'bench', scopes: ['storefront'] }]),
    rateLimit: { enabled: true, client: { perSecond: 1e6, burst: 1e6 }, key: { perSecond: 1e6, burst: 1e6 } },
    usage: { enabled: true, file: join(dir, `usage-${n}.sqlite`), flushIntervalMs: 5000 },
    ...extra,
  });
  const ours = (await import('../gateway/server.ts')).startGateway as Start;
  const variants: { name: string; start: () => Promise<RunningGateway> }[] = [
    { name: 'ours (own request path)', start: () => ours(config({ fastPath: true }, 0), { log }) },
    { name: 'ours (Apollo Server pipeline, GATEWAY_FAST_PATH=off)', start: () => ours(config({ fastPath: false }, 1), { log }) },
  ];
  for (const other of process.env.BENCH_COMPARE_WITH?.split(',').filter(Boolean) ?? []) {
    const start = (await import(resolve(other, 'gateway/server.ts'))).startGateway as Start;
    variants.push({ name: `ours @ ${other}`, start: () => start(config({}, variants.length), { log }) });
  }
  const body = JSON.stringify({ query: benchQuery() });
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const gateways: { name: string; gateway: RunningGateway; cpu: number[]; bytes: number }[] = [];
  for (const v of variants) gateways.push({ name: v.name, gateway: await v.start(), cpu: [], bytes: 0 });

  /** `count` requests, CONCURRENCY at a time; every answer 200 without errors */
  const send = async (url: string, count: number): Promise<number> => {
    let next = 0;
    let bytes = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) {
        const res = await request(url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`${url}: ${res.statusCode} ${text.slice(0, 300)}`);
        bytes = text.length;
      }
    }));
    return bytes;
  };
  for (const g of gateways) await until(`${g.name} ready`, () => send(g.gateway.url, 1).then(() => true, () => undefined));
  const conditions = { loadAverageBefore: loadavg().map((l) => Number(l.toFixed(2))) };
  console.log(`federation CPU per request: ${gateways.length} gateways, ${ROUNDS} rounds × ${REQUESTS} requests, ${CONCURRENCY} at a time; load average ${conditions.loadAverageBefore.join(' ')}`);
  for (const g of gateways) await send(g.gateway.url, Math.min(REQUESTS, 500)); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const g of gateways) {
      const before = process.cpuUsage();
      g.bytes = await send(g.gateway.url, REQUESTS);
      const used = process.cpuUsage(before);
      g.cpu.push(Number(((used.user + used.system) / 1000 / REQUESTS).toFixed(3)));
      console.log(`  round ${r + 1} ${g.name}: ${g.cpu.at(-1)} ms CPU/request`);
    }
  }
  const results = gateways.map((g) => ({ gateway: g.name, cpuMsPerRequest: median(g.cpu), rounds: g.cpu, responseBytes: g.bytes }));
  const base = results[1].cpuMsPerRequest;
  console.log('\n| gateway | CPU ms/request (median) | rounds | vs Apollo Server pipeline |\n| --- | ---: | --- | ---: |');
  for (const r of results) console.log(`| ${r.gateway} | ${r.cpuMsPerRequest} | ${r.rounds.join(' / ')} | ${(r.cpuMsPerRequest / base).toFixed(2)} |`);

  let memory: unknown;
  if (MEMORY > 0) {
    const gc = (globalThis as { gc?: () => void }).gc;
    const every = Math.max(1, Math.round(MEMORY / 20));
    const samples: { requests: number; heapMiB: number; rssMiB: number }[] = [];
    const url = gateways[0].gateway.url;
    for (let done = 0; done < MEMORY; done += every) {
      await send(url, every);
      gc?.();
      const m = process.memoryUsage();
      samples.push({ requests: done + every, heapMiB: Number((m.heapUsed / 2 ** 20).toFixed(1)), rssMiB: Number((m.rss / 2 ** 20).toFixed(1)) });
      console.log(`  memory after ${done + every} requests: heap ${samples.at(-1)!.heapMiB} MiB, RSS ${samples.at(-1)!.rssMiB} MiB`);
    }
    const half = samples.slice(Math.floor(samples.length / 2));
    const slope = (key: 'heapMiB' | 'rssMiB') => {
      const xs = half.map((s) => s.requests);
      const ys = half.map((s) => s[key]);
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
      const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      return Number(((num / den) * 10_000).toFixed(3)); // MiB per 10,000 requests
    };
    memory = { gateway: gateways[0].name, requests: MEMORY, gcBeforeEachSample: !!gc, samples, slopeMiBPer10kRequests: { heap: slope('heapMiB'), rss: slope('rssMiB') } };
    console.log(`memory slope over the second half: heap ${slope('heapMiB')} MiB, RSS ${slope('rssMiB')} MiB per 10,000 requests`);
  }
  const result = {
    benchmark: 'federation TestQuery: gateway CPU per request, in-process',
    date: new Date().toISOString(),
    settings: { rounds: ROUNDS, requestsPerRound: REQUESTS, concurrency: CONCURRENCY, subgraphsPinnedTo: `core ${LOAD_CORE}`, nodeEnv: 'production (config)' },
    conditions: { ...conditions, loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))), note: 'other processes may share the cores; compare rows within one run' },
    results,
    ...(memory ? { memory } : {}),
  };
  mkdirSync('bench/results', { recursive: true });
  const file = MEMORY > 0 ? 'bench/results/federation-memory.json' : 'bench/results/federation-cpu.json';
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${file} written`);
  for (const g of gateways) await g.gateway.stop();
  await agent.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => process.exit()));
