import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { bucket, OverrideDecider, parseLabelSettings } from '../gateway/executor/overrides.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';

/**
 * Progressive override: two fixture subgraphs resolve Quote.engine differently; the "next" one
 * takes the field over with @override(label: "percent(50)"). The gateway decides per request,
 * sticky per cart (cartId variable) or session (x-session-id), and configuration can switch the label.
 */
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])';
const CURRENT = `${FED}
  type Query { quote(cartId: ID!): Quote }
  type Quote @key(fields: "cartId") { cartId: ID!  engine: String }`;
const NEXT = `${FED}
  type Quote @key(fields: "cartId") { cartId: ID!  engine: String @override(from: "current", label: "percent(50)") }`;

const servers: ApolloServer[] = [];
let supergraphFile = '';
const gateways: RunningGateway[] = [];
let calls = { current: 0, next: 0 };

async function serve(sdl: string, engine: 'current' | 'next'): Promise<string> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(sdl),
      resolvers: {
        ...(engine === 'current' ? { Query: { quote: (_: unknown, { cartId }: { cartId: string }) => ({ cartId }) } } : {}),
        Quote: {
          __resolveReference: (ref: { cartId: string }) => ref,
          engine: () => {
            calls[engine]++;
            return engine;
          },
        },
      } as any,
    }),
  });
  servers.push(server);
  return (await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } })).url;
}

async function gateway(overrideLabels: Record<string, boolean | number> = {}): Promise<RunningGateway> {
  const g = await startGateway(gatewayConfigSchema.parse({
    port: 0, host: '127.0.0.1', supergraphFile, subgraphUrls: {}, subgraphTimeouts: {}, subgraphTimeoutMs: 5000, maxSocketsPerSubgraph: 4,
    identitySecret: TEST_SECRET, demoKeys: true, production: false, maxBodyBytes: 1_000_000, logLevel: 'silent', overrideLabels,
    usage: { enabled: false, flushIntervalMs: 60_000 },
  }), { log: quietLog });
  gateways.push(g);
  return g;
}

const QUERY = 'query Quote($cartId: ID!) { quote(cartId: $cartId) { cartId engine } }';

async function engineFor(g: RunningGateway, cartId: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-web-key', ...headers },
    body: JSON.stringify({ query: QUERY, variables: { cartId } }),
  });
  const body = (await res.json()) as { data?: { quote: { cartId: string; engine: string } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(body.data!.quote.cartId).toBe(cartId);
  return body.data!.quote.engine;
}

beforeAll(async () => {
  const current = await serve(CURRENT, 'current');
  const next = await serve(NEXT, 'next');
  const composed = composeServices([
    { name: 'current', url: current, typeDefs: parse(CURRENT) },
    { name: 'next', url: next, typeDefs: parse(NEXT) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  expect(composed.supergraphSdl).toContain('overrideLabel: "percent(50)"');
  supergraphFile = join(mkdtempSync(join(tmpdir(), 'override-')), 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
});
afterAll(async () => {
  for (const g of gateways) await g.stop();
  for (const s of servers) await s.stop();
});

describe('progressive override through the gateway', () => {
  it('moves the field to the overriding subgraph for about half of the carts, each cart always on one side', async () => {
    const g = await gateway();
    const carts = Array.from({ length: 120 }, (_, i) => `cart-${i}`);
    calls = { current: 0, next: 0 };
    const first = new Map<string, string>();
    for (const cartId of carts) first.set(cartId, await engineFor(g, cartId));
    const onNext = [...first.values()].filter((e) => e === 'next').length;
    // the split: both sides seen, close to half (the hash is fixed, so this count is too)
    expect(onNext).toBeGreaterThan(36);
    expect(onNext).toBeLessThan(84);
    // each side's subgraph resolved the field for its carts
    expect(calls.next).toBe(onNext);
    expect(calls.current).toBe(carts.length - onNext);
    // sticky: the same cart gets the same side again
    for (const cartId of carts.slice(0, 30)) expect(await engineFor(g, cartId)).toBe(first.get(cartId));
    // the decision is the published hash rule, so other gateway replicas agree
    for (const cartId of carts) expect(first.get(cartId)).toBe(bucket(`c:${cartId}`, 'percent(50)') < 50 ? 'next' : 'current');
  });

  it('a session header decides instead of the cart when present', async () => {
    const g = await gateway();
    const sides = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const session = `session-${i}`;
      const side = await engineFor(g, `cart-${i}`, { 'x-session-id': session });
      sides.add(side);
      // another cart in the same session: same side
      expect(await engineFor(g, `other-cart-${i}`, { 'x-session-id': session })).toBe(side);
    }
    expect(sides).toEqual(new Set(['current', 'next']));
  });

  it('configuration switches the label on or off, or changes its percentage', async () => {
    const on = await gateway({ 'percent(50)': true });
    const off = await gateway({ 'percent(50)': false });
    const none = await gateway({ 'percent(50)': 0 });
    const all = await gateway({ 'percent(50)': 100 });
    for (let i = 0; i < 15; i++) {
      expect(await engineFor(on, `cart-${i}`)).toBe('next');
      expect(await engineFor(all, `cart-${i}`)).toBe('next');
      expect(await engineFor(off, `cart-${i}`)).toBe('current');
      expect(await engineFor(none, `cart-${i}`)).toBe('current');
    }
  });
});

describe('override decisions', () => {
  it('reads OVERRIDE_LABELS and refuses values that are not on, off or a percentage', () => {
    expect(parseLabelSettings('percent(10)=on, beta=off,percent(25)=50')).toEqual({ 'percent(10)': true, beta: false, 'percent(25)': 50 });
    expect(parseLabelSettings(undefined)).toEqual({});
    expect(() => parseLabelSettings('percent(10)=maybe')).toThrow(/on, off or a percentage/);
    expect(() => parseLabelSettings('percent(10)=150')).toThrow();
  });

  it('draws at random without a session, and keys the plan cache on the labels', () => {
    const decider = new OverrideDecider(['other', 'percent(30)']);
    expect(decider.decide(undefined, () => 0.1)).toEqual({ conditions: new Map([['other', false], ['percent(30)', true]]), key: '01' });
    expect(decider.decide(undefined, () => 0.5).key).toBe('00');
    const share = Array.from({ length: 2000 }, (_, i) => decider.decide(`s:${i}`).conditions.get('percent(30)')).filter(Boolean).length / 2000;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});
