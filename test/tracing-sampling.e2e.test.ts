import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlwaysOffSampler, AlwaysOnSampler } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracingOf } from '../common/tracing.ts';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Sampling is the gateway's decision: a request it does not sample is traced nowhere — no service
 * starts a trace of its own for it, and nothing reaches the collector.
 */
let receiver: Server;
let g: TestGraph;
let posts = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    posts++;
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  const url = await new Promise<string>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`)));
  // the services would sample everything they start themselves; the gateway samples nothing
  g = await startTestGraph({
    tracing: { enabled: true, url, exportDelayMs: 20, sampler: new AlwaysOnSampler() },
    gatewayOverrides: { tracing: { enabled: true, url, exportDelayMs: 20, sampler: new AlwaysOffSampler() } },
  });
});
afterAll(async () => {
  await g?.stop();
  await new Promise((r) => receiver?.close(r));
});

describe('sampling', () => {
  it('an unsampled placeOrder leaves no span anywhere, and its answer carries no trace id', async () => {
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await (await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-web-key' }, body: JSON.stringify({ query, variables }) })).json()) as any;
    const created = await gql('mutation { createCart(input: { market: "DE" }) { cart { id version } } }');
    const { id, version } = created.data.createCart.cart;
    const added = await gql('mutation($id: ID!, $v: Int!) { addCartLines(cartId: $id, expectedVersion: $v, lines: [{ sku: "SKU-1003", quantity: 1 }]) { cart { totals { total { amount currencyCode } } } } }', { id, v: version });
    const placed = await gql('mutation($id: ID!, $total: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "unsampled-1", payment: { reference: "psp-2", amount: $total }) { order { id } userErrors { code } } }', { id, total: added.data.addCartLines.cart.totals.total });
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    // everything buffered is sent now: nothing was buffered
    for (const name of ['gateway', 'orders', 'cart', 'promotions', 'inventory', 'catalog']) await tracingOf(name)?.forceFlush();
    expect(posts).toBe(0);
    expect(JSON.stringify(placed)).not.toMatch(/traceId/);
  });
});
