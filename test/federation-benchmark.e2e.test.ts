import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { benchQuery, benchSupergraph, loadBenchData, startBenchSubgraphs, type RunningBenchSubgraphs } from '../bench/federation/subgraphs.ts';
import { startStockGateway } from '../bench/federation/stock-gateway.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';

/**
 * The public federation benchmark's workload (bench:federation): TestQuery through our gateway
 * (its own executor, and the stock executor behind GATEWAY_EXECUTOR=stock) answers exactly what
 * stock @apollo/gateway answers over the same subgraphs, byte for byte once keys are ordered.
 */
let subgraphs: RunningBenchSubgraphs;
let stock: { url: string; stop(): Promise<void> };
const ours: Record<string, RunningGateway> = {};

beforeAll(async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  subgraphs = await startBenchSubgraphs({ memoize: false });
  const dir = mkdtempSync(join(tmpdir(), 'fed-bench-test-'));
  const supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, benchSupergraph(`http://127.0.0.1:${subgraphs.port}`));
  stock = await startStockGateway(benchSupergraph(`http://127.0.0.1:${subgraphs.port}`), 0);
  for (const executor of ['own', 'stock'] as const) {
    ours[executor] = await startGateway(gatewayConfigSchema.parse({
      port: 0, host: '127.0.0.1', supergraphFile, subgraphUrls: {}, subgraphTimeouts: {}, subgraphTimeoutMs: 5000, maxSocketsPerSubgraph: 8,
      identitySecret: TEST_SECRET, demoKeys: true, production: true, maxBodyBytes: 1_000_000, logLevel: 'silent', executor,
      usage: { enabled: true, file: join(dir, `usage-${executor}.sqlite`), flushIntervalMs: 60_000 },
    }), { log: quietLog });
  }
});
afterAll(async () => {
  for (const g of Object.values(ours)) await g.stop();
  await stock?.stop();
  await subgraphs?.stop();
});

/** JSON with every object's keys sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

async function post(url: string, body: unknown, key?: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

describe('TestQuery of the public federation benchmark', () => {
  it('stock @apollo/gateway answers it without errors, following the data files', async () => {
    const res = await post(stock.url, { query: benchQuery() });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.errors).toBeUndefined();
    const data = loadBenchData();
    expect(body.data.users.map((u: { id: string }) => u.id)).toEqual(data.users.map((u) => u.id));
    expect(body.data.topProducts.map((p: { upc: string }) => p.upc)).toEqual(['1', '2', '3', '4', '5']);
    // shippingEstimate @requires(price weight): 0 above 1000, else weight / 2
    expect(body.data.topProducts.map((p: { shippingEstimate: number }) => p.shippingEstimate)).toEqual([50, 0, 10, 50, 0]);
    // Review.author @provides(username): always user 1 as "urigo"; its reviews are the first two
    const author = body.data.topProducts[0].reviews[0].author;
    expect(author).toMatchObject({ id: '1', username: 'urigo', name: 'Uri Goldshtein' });
    expect(author.reviews.map((r: { id: string }) => r.id)).toEqual(['1', '2']);
    expect(res.text.length).toBeGreaterThan(80_000);
  });

  it.each(['own', 'stock'])('our gateway (%s executor) answers byte for byte what stock @apollo/gateway answers', async (executor) => {
    const expected = JSON.parse((await post(stock.url, { query: benchQuery() })).text);
    const res = await post(ours[executor].url, { query: benchQuery() }, 'demo-web-key');
    expect(res.status).toBe(200);
    expect(canonical(JSON.parse(res.text))).toBe(canonical(expected));
  });

  it('our gateway keeps the order of the fields the operation asked for', async () => {
    const expected = (await post(stock.url, { query: benchQuery() })).text;
    const res = await post(ours.own.url, { query: benchQuery() }, 'demo-web-key');
    expect(res.text).toBe(expected);
  });

  it('aliases, __typename, fragments on abstract parents and @skip/@include shape the same way as stock', async () => {
    const query = `query Q($skip: Boolean!, $first: Int) {
      __typename
      top: topProducts(first: $first) { __typename p: price ... on Product { weight shippingEstimate } inStock @skip(if: $skip) reviews @include(if: $skip) { id } }
      me { ... { n: name } reviews { author { username } } }
      user(id: "2") { name }
      nobody: user(id: "404") { id }
    }`;
    for (const variables of [{ skip: true, first: 2 }, { skip: false }]) {
      const expected = (await post(stock.url, { query, variables })).text;
      const res = await post(ours.own.url, { query, variables }, 'demo-web-key');
      expect(JSON.parse(res.text).errors).toBeUndefined();
      expect(canonical(JSON.parse(res.text))).toBe(canonical(JSON.parse(expected)));
    }
  });
});
