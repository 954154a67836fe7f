import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient } from '../common/graphClient.ts';
import { IDENTITY_HEADER, signIdentity, verifyIdentity, type Identity } from '../common/identity.ts';
import { startTestGraph, type TestGraph } from './support/graph.ts';
import { callSubgraph, TEST_SECRET } from './support/subgraph.ts';

/**
 * What one service forwards to another is no skeleton key: it is addressed to the called service,
 * good for the root fields of that call only, and valid for seconds; the `service` scope it carries
 * grants internal fields only, never another scope or market.
 */
let g: TestGraph;
let capture: Server;
let captureUrl: string;
const captured: string[] = [];
const WEB: Identity = { keyId: 'demo:web', channel: 'web', scopes: ['storefront'], markets: [], requestId: 'req-1' };

beforeAll(async () => {
  g = await startTestGraph();
  // stands where a log or a proxy between two services would: it sees the forwarded header
  capture = createServer((req, res) => {
    captured.push(String(req.headers[IDENTITY_HEADER]));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { markets: [] } }));
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await g?.stop();
  await new Promise((resolve) => capture?.close(resolve));
});

async function replay(url: string, header: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: header }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/** The header the cart service sends the catalog when it asks for the markets on a web shopper's behalf. */
async function forwardedByCart(): Promise<string> {
  const client = new GraphClient({ caller: 'cart', secret: TEST_SECRET, timeoutMs: 2000 });
  try {
    await client.call('catalog', captureUrl, '{ markets { code currencyCode } }', {}, { identity: WEB, requestId: 'req-1' });
  } finally {
    await client.close();
  }
  return captured.at(-1)!;
}

describe('a forwarded identity', () => {
  it('answers nothing on the other subgraphs (campaigns, dead letters, quarantined orders)', async () => {
    const header = await forwardedByCart();
    const campaigns = await replay(g.services.promotions.url, header, '{ campaigns { edges { node { id market } } } }');
    expect(campaigns.body.data?.campaigns ?? null).toBeNull();
    expect(campaigns.status).toBe(401);
    const deadLetters = await replay(g.services.orders.url, header, '{ deadLetters { edges { node { id } } } }');
    expect(deadLetters.body.data?.deadLetters ?? null).toBeNull();
    const quarantine = await replay(g.services.orders.url, header, '{ quarantinedOrders { edges { node { id payload } } } }');
    expect(quarantine.body.data?.quarantinedOrders ?? null).toBeNull();
  });

  it('is good on the service it was addressed to for the fields of that call only', async () => {
    const header = await forwardedByCart();
    const same = await replay(g.services.catalog.url, header, '{ markets { code } }');
    expect(same.status).toBe(200);
    expect(same.body.data.markets.map((m: { code: string }) => m.code)).toContain('DE');
    const other = await replay(g.services.catalog.url, header, '{ markets { code } products(market: "DE", first: 1) { edges { node { sku } } } }');
    expect(other.body.data ?? null).toBeNull();
    expect(other.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('expires within seconds and names the request it belongs to', async () => {
    const header = await forwardedByCart();
    const now = Date.now();
    const seen = verifyIdentity(header, TEST_SECRET, { audience: 'catalog', now });
    expect(seen).toMatchObject({ keyId: 'demo:web', channel: 'web', via: 'cart', aud: 'catalog', requestId: 'req-1', fields: ['markets'] });
    expect(verifyIdentity(header, TEST_SECRET, { audience: 'catalog', now: now + 60_000 })).toBeNull();
    expect(verifyIdentity(header, TEST_SECRET, { audience: 'promotions', now })).toBeNull();
  });

  it('the service scope grants no other scope or market', async () => {
    // even a correctly signed, narrowed service token for `campaigns` does not make a marketer
    const service: Identity = { keyId: 'service:cart', channel: 'service', scopes: ['service'], markets: [], via: 'cart' };
    const res = await callSubgraph(g.services.promotions.url, '{ campaigns { edges { node { id } } } }', {}, service);
    expect(res.data?.campaigns ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // a token with the service scope that is not narrowed to a call is refused outright
    const wide = signIdentity({ keyId: 'service:cart', channel: 'service', scopes: ['service'], markets: ['*'] }, TEST_SECRET);
    const refused = await replay(g.services.promotions.url, wide, '{ campaigns { edges { node { id } } } }');
    expect(refused.status).toBe(401);
  });
});
