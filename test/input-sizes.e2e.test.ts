import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { callSubgraph, identities } from './support/subgraph.ts';

/**
 * Every input has a size. A violation is BAD_USER_INPUT (or a coded user error, or RATE_LIMITED)
 * naming the limit — never SUBGRAPH_UNAVAILABLE, never a stack overflow or an SQL error inside.
 */
let g: TestGraph;
let subgraphRequests = 0;

beforeAll(async () => {
  g = await startTestGraph({ cartOptions: { limits: { cartsPerClientPerHour: 40 } } });
  for (const s of Object.values(g.services)) s.server.on('request', () => subgraphRequests++);
});
afterAll(async () => {
  await g?.stop();
});

const deep = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

function expectBadInput(res: { errors?: any[] }, limit: RegExp) {
  expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0].message).toMatch(limit);
}

describe('at the gateway, before any subgraph', () => {
  it('a 5,000-deep JSON value', async () => {
    const before = subgraphRequests;
    // written as text: the test's own JSON.stringify would not get through 5,000 levels either
    const data = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const query = JSON.stringify('mutation($id: ID!, $a: TypedValueInput!) { setShippingAddress(cartId: $id, expectedVersion: 1, address: $a) { cart { id } } }');
    const http = await fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.web}` },
      body: `{"query":${query},"variables":{"id":"x","a":{"type":"address/v1","data":${data}}}}`,
    });
    const res = (await http.json()) as { errors?: any[] };
    expect(http.status).toBe(400);
    expectBadInput(res, /nested at most 32 levels/);
    expect(subgraphRequests).toBe(before);
  });

  it('a 900 KB string (payment reference, search pattern, attribute)', async () => {
    const big = 'x'.repeat(900_000);
    const before = subgraphRequests;
    expectBadInput(await g.gql(`mutation($r: String!) { placeOrder(cartId: "c", idempotencyKey: "k", payment: { reference: $r, amount: { amount: "1.00", currencyCode: "EUR" } }) { order { id } } }`, { r: big }), /at most 16384 characters/);
    expectBadInput(await g.gql(`query($t: String!) { campaigns(filter: { text: $t }) { totalCount } }`, { t: '%'.repeat(900_000) }, KEYS.marketing), /at most 16384 characters/);
    expectBadInput(await g.gql(`mutation($l: [CartLineInput!]!) { createCart(input: { market: "DE", lines: $l }) { cart { id } } }`, { l: [{ sku: 'SKU-1001', quantity: 1, attributes: [{ type: 'engraving/v1', data: { text: big } }] }] }), /at most 16384 characters/);
    expect(subgraphRequests).toBe(before);
  });
});

describe('in the services', () => {
  it('40,000 discount codes', async () => {
    const res = await g.gql(`mutation($c: [String!]!) { createCart(input: { market: "DE", discountCodes: $c }) { cart { id } } }`, { c: Array.from({ length: 40_000 }, (_, i) => `C${i}`) });
    expectBadInput(res, /At most 10 discount codes per request/);
  });

  it('a long payment reference and a long search pattern', async () => {
    const ref = await g.gql(`mutation($r: String!) { placeOrder(cartId: "c", idempotencyKey: "k", payment: { reference: $r, amount: { amount: "1.00", currencyCode: "EUR" } }) { order { id } } }`, { r: 'r'.repeat(5000) });
    expectBadInput(ref, /at most 200 characters/);
    const search = await g.gql(`query($t: String!) { campaigns(filter: { text: $t }) { totalCount } }`, { t: '%_'.repeat(2000) }, KEYS.marketing);
    expectBadInput(search, /at most 100 characters/);
  });

  it('line attributes: count and data size', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ type: 'gift/v1', data: { i } }));
    const wide = [{ type: 'engraving/v1', data: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'xxxxxxxxxx'])) }];
    const CREATE = `mutation($l: [CartLineInput!]!) { createCart(input: { market: "DE", lines: $l }) { cart { id } userErrors { code field message } } }`;
    const a = await g.gql(CREATE, { l: [{ sku: 'SKU-1001', quantity: 1, attributes: many }] });
    expect(a.data.createCart.userErrors).toEqual([{ code: 'INVALID_ATTRIBUTES', field: 'lines[0].attributes', message: 'At most 10 attributes per line.' }]);
    const b = await g.gql(CREATE, { l: [{ sku: 'SKU-1001', quantity: 1, attributes: wide }] });
    expect(b.data.createCart.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ATTRIBUTES', field: 'lines[0].attributes[0].data' })]);
    expect(b.data.createCart.userErrors[0].message).toMatch(/at most 2048 bytes/);
  });

  it('lines per request', async () => {
    const lines = Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${1001 + (i % 60)}`, quantity: 1 }));
    const res = await g.gql(`mutation($l: [CartLineInput!]!) { createCart(input: { market: "DE", lines: $l }) { cart { id } } }`, { l: lines });
    expectBadInput(res, /At most 100 lines per request/);
  });

  it('a JSON value too deep for the service, sent to it directly', async () => {
    const res = await callSubgraph(g.services.cart.url, `mutation($a: TypedValueInput!) { setShippingAddress(cartId: "x", expectedVersion: 1, address: $a) { cart { id } } }`,
      { a: { type: 'address/v1', data: deep(40) } }, identities.web);
    expect(res.errors?.[0].message).toMatch(/nested at most 32 levels/);
  });

  it('carts per client per hour', async () => {
    const CREATE = `mutation { createCart(input: { market: "DE" }) { cart { id } userErrors { code message } } }`;
    let limited: { code: string; message: string } | undefined;
    for (let i = 0; i < 45 && !limited; i++) {
      const res = await g.gql(CREATE, {}, i % 2 ? KEYS.web : KEYS.kiosk);
      limited = res.data.createCart.userErrors[0];
    }
    expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited!.message).toMatch(/At most 40 carts per client per hour\. Retry after \d+ seconds/);
  });
});
