import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { DEFAULT_RATE_LIMIT, gatewayConfigSchema } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { freePort } from './support/processes.ts';
import { redisAvailable, TestRedis } from './support/redis.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';
import { waitFor } from './support/wait.ts';

/**
 * The general request rate limit at the gateway: token buckets per client and per key, HTTP 429 with
 * Retry-After and RATE_LIMITED, before anything else is done. `{ __typename }` needs no subgraph, so
 * these gateways run without any.
 */
const KEYS = [
  { id: 'web-public', key: 'public-web-key-123', channel: 'web', scopes: ['storefront'] },
  { id: 'pos-store', key: 'pos-store-key-123', channel: 'pos', scopes: ['storefront'], rateLimit: { client: { perSecond: 0.001, burst: 6 } } },
  { id: 'tiny', key: 'tiny-key-12345', channel: 'web', scopes: ['storefront'], rateLimit: { key: { perSecond: 0.001, burst: 2 } } },
];
const SLOW = { perSecond: 0.001, burst: 3 };
let gateway: RunningGateway | undefined;

async function start(overrides: Record<string, unknown> = {}) {
  gateway = await startGateway(gatewayConfigSchema.parse({
    port: 0, host: '127.0.0.1', supergraphFile: 'schema/supergraph.graphql', subgraphUrls: {}, subgraphTimeouts: {},
    subgraphTimeoutMs: 1000, maxSocketsPerSubgraph: 4, identitySecret: TEST_SECRET, demoKeys: false, production: true,
    maxBodyBytes: 1_000_000, logLevel: 'silent', keysJson: JSON.stringify(KEYS), usage: { enabled: false, flushIntervalMs: 1000 },
    rateLimit: { enabled: true, client: SLOW, key: { perSecond: 1000, burst: 1000 } },
    ...overrides,
  }), { log: quietLog });
  return gateway;
}

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

async function ask(url: string, key: string | null, headers: Record<string, string> = {}, dispatcher?: Agent) {
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  const res = await undiciFetch(url, { method: 'POST', headers: h, body: JSON.stringify({ query: '{ __typename }' }), dispatcher });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

describe('request rate limit', () => {
  it('a client over its bucket gets 429 with Retry-After and RATE_LIMITED; other clients behind the trusted proxy do not', async () => {
    const g = await start({ trustedProxies: ['127.0.0.1'] });
    const a = { 'x-forwarded-for': '203.0.113.10' };
    for (let i = 0; i < 3; i++) expect((await ask(g.url, 'public-web-key-123', a)).status).toBe(200);
    const refused = await ask(g.url, 'public-web-key-123', a);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(900);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Number(refused.retryAfter) } });
    expect(refused.body.errors?.[0].message).toMatch(/Retry after \d+ seconds/);
    expect(refused.body.data).toBeUndefined();
    // refused before its body is even read: a malformed body gets the 429, not a parse error
    const malformed = await undiciFetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer public-web-key-123', ...a }, body: '{ not json' });
    expect(malformed.status).toBe(429);
    await malformed.body?.cancel();
    // another client of the same key, and the same address with a client-written X-Forwarded-For prefix
    expect((await ask(g.url, 'public-web-key-123', { 'x-forwarded-for': '203.0.113.11' })).status).toBe(200);
    expect((await ask(g.url, 'public-web-key-123', { 'x-forwarded-for': '10.9.9.9, 203.0.113.10' })).status).toBe(429);
    const metrics = await (await undiciFetch(g.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_rate_limited_total\{bucket="client",service="gateway"\} 3/);
    expect(metrics).toMatch(/gateway_rate_limit_backend\{backend="memory",service="gateway"\} 1/);
  });

  it('without trusted proxies X-Forwarded-For is ignored: a client cannot dodge the limit by writing one', async () => {
    const g = await start();
    for (let i = 0; i < 3; i++) expect((await ask(g.url, 'public-web-key-123', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);
    expect((await ask(g.url, 'public-web-key-123', { 'x-forwarded-for': '198.51.100.77' })).status).toBe(429);
  });

  it('a key can carry its own limits, per client and for the key as a whole', async () => {
    const g = await start({ trustedProxies: ['127.0.0.1'] });
    // the store's terminals share one address: the POS key allows 6 at once from it
    for (let i = 0; i < 6; i++) expect((await ask(g.url, 'pos-store-key-123', { 'x-forwarded-for': '192.0.2.5' })).status).toBe(200);
    expect((await ask(g.url, 'pos-store-key-123', { 'x-forwarded-for': '192.0.2.5' })).status).toBe(429);
    // a key with a small bucket of its own: two requests from two clients use it up, a third client is refused
    expect((await ask(g.url, 'tiny-key-12345', { 'x-forwarded-for': '192.0.2.6' })).status).toBe(200);
    expect((await ask(g.url, 'tiny-key-12345', { 'x-forwarded-for': '192.0.2.7' })).status).toBe(200);
    const keyRefused = await ask(g.url, 'tiny-key-12345', { 'x-forwarded-for': '192.0.2.8' });
    expect(keyRefused.status).toBe(429);
    expect(keyRefused.body.errors?.[0].message).toMatch(/with this API key/);
  });

  it('requests without a valid key count against their client too (key guessing), and are still answered 401 while allowed', async () => {
    const g = await start();
    for (let i = 0; i < 3; i++) expect((await ask(g.url, `guess-${i}`)).status).toBe(401);
    expect((await ask(g.url, 'guess-4')).status).toBe(429);
  });

  it('RATE_LIMIT off: no limit at all', async () => {
    const g = await start({ rateLimit: { ...DEFAULT_RATE_LIMIT, enabled: false, client: SLOW } });
    for (let i = 0; i < 8; i++) expect((await ask(g.url, 'public-web-key-123')).status).toBe(200);
  });
});

/** Gateway processes started the way `npm start` does (gateway/main.ts), GATEWAY_WORKERS=2 on one port. */
class Workers {
  private child: ChildProcess | null = null;
  output = '';
  constructor(readonly port: number, private readonly env: Record<string, string>) {}
  get url() {
    return `http://127.0.0.1:${this.port}/graphql`;
  }
  async start() {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--port', String(this.port), '--supergraph', 'schema/supergraph.graphql'], {
      env: { ...process.env, GATEWAY_WORKERS: '2', IDENTITY_SECRET: TEST_SECRET, API_KEYS: JSON.stringify(KEYS), USAGE_RECORDING: 'off',
        RATE_LIMIT_CLIENT_PER_SECOND: '0.001', RATE_LIMIT_CLIENT_BURST: '5', LOG_LEVEL: 'info', NODE_ENV: 'production', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    await waitFor(() => (this.output.match(/"msg":"gateway ready"/g)?.length ?? 0) >= 3, { what: `two gateway workers ready: ${this.output.slice(-500)}`, timeoutMs: 120_000 });
  }
  /** the statuses of n requests, each on a new connection, so that they spread over the workers */
  async burst(n: number) {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const agent = new Agent({ pipelining: 0 });
      statuses.push((await ask(this.url, 'public-web-key-123', { connection: 'close' }, agent)).status);
      await agent.close();
    }
    return statuses;
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const withRedis = redisAvailable();
describe.runIf(withRedis)('two gateway workers', () => {
  let redis: TestRedis | undefined;
  let workers: Workers | undefined;
  afterEach(async () => {
    await workers?.stop();
    workers = undefined;
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('in-process counting: each worker has its own buckets (what Redis is for)', async () => {
    workers = new Workers(await freePort(), {});
    await workers.start();
    const statuses = await workers.burst(12);
    // two workers, five each: more than one bucket's worth got through
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  }, 180_000);

  it('sharing Redis, the limit holds across both workers; with Redis down they keep serving, counting in-process', async () => {
    redis = await TestRedis.start();
    workers = new Workers(await freePort(), { REDIS_URL: redis.url });
    await workers.start();
    await waitFor(async () => {
      const m = await (await undiciFetch(workers!.url.replace('/graphql', '/metrics'))).text();
      return /gateway_rate_limit_backend\{backend="redis",service="gateway"\} 1/.test(m);
    }, { what: 'workers counting in Redis' });
    const statuses = await workers.burst(12);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));

    await redis.stop();
    // answered (by in-process buckets), never a 500; the switch is in the log and in the metrics
    await waitFor(() => /Redis unreachable/.test(workers!.output), { what: 'the fallback logged' });
    const after = await workers.burst(4);
    expect(after.every((s) => s === 200 || s === 429)).toBe(true);
    await waitFor(async () => {
      const m = await (await undiciFetch(workers!.url.replace('/graphql', '/metrics'), { headers: { connection: 'close' } })).text();
      return /gateway_rate_limit_backend\{backend="memory",service="gateway"\} 1/.test(m) && /gateway_rate_limit_fallbacks_total\{service="gateway"\} [1-9]/.test(m);
    }, { what: 'the fallback in the metrics' });
  }, 180_000);
});
