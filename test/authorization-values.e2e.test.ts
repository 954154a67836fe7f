import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { callSubgraph, identities } from './support/subgraph.ts';

/**
 * Scopes, markets, locations and contracts are checked on values, not only on the document: an
 * argument given as a variable (or inside an input object) is refused exactly like the same literal,
 * at the gateway before any subgraph is called, and again by the service.
 */
let g: TestGraph;
let subgraphRequests = 0;

beforeAll(async () => {
  g = await startTestGraph();
  for (const s of Object.values(g.services)) s.server.on('request', () => subgraphRequests++);
});
afterAll(async () => {
  await g?.stop();
});

async function refusedBeforeSubgraphs(query: string, variables: Record<string, unknown>, key: string, status: number, code: string) {
  const before = subgraphRequests;
  const res = await g.gql(query, variables, key);
  expect(res.status).toBe(status);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.map((e) => e.extensions.code)).toEqual([code]);
  expect(subgraphRequests).toBe(before);
  return res;
}

describe('channel contracts check variable values', () => {
  it('in-game: a customerId inside $input is refused like the literal', async () => {
    const literal = `mutation { createCart(input: { market: "DE", customerId: "victim-cust-42" }) { cart { id } } }`;
    await refusedBeforeSubgraphs(literal, {}, KEYS.inGame, 400, 'OUTSIDE_CHANNEL_CONTRACT');
    const viaVariables = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } } }`;
    const res = await refusedBeforeSubgraphs(viaVariables, { input: { market: 'DE', customerId: 'victim-cust-42' } }, KEYS.inGame, 400, 'OUTSIDE_CHANNEL_CONTRACT');
    expect(res.errors?.[0].message).toMatch(/customerId/);
    // the same operation without it is within the contract
    const ok = await g.gql(viaVariables, { input: { market: 'DE' } }, KEYS.inGame);
    expect(ok.data.createCart.cart.id).toBeTruthy();
  });

  it('still answers variables that are wrong for the whole API as bad input', async () => {
    const res = await g.gql(`mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } } }`, { input: { market: 5 } }, KEYS.inGame);
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('locations', () => {
  const CREATE = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id location } userErrors { code field } } }`;

  it('a web key cannot sell from a store: refused at the gateway, literal or variable', async () => {
    await refusedBeforeSubgraphs(`mutation { createCart(input: { market: "JP", location: "store-berlin-1" }) { cart { id } } }`, {}, KEYS.web, 403, 'FORBIDDEN');
    await refusedBeforeSubgraphs(CREATE, { input: { market: 'JP', location: 'store-berlin-1' } }, KEYS.web, 403, 'FORBIDDEN');
  });

  it('and again by the cart service', async () => {
    const res = await callSubgraph(g.services.cart.url, CREATE, { input: { market: 'DE', location: 'store-berlin-1' } }, identities.web);
    expect(res.data.createCart).toEqual({ cart: null, userErrors: [{ code: 'LOCATION_FORBIDDEN', field: 'location' }] });
  });

  it('a store sells only in the markets it serves', async () => {
    const res = await g.gql(CREATE, { input: { market: 'JP', location: 'store-berlin-1' } }, KEYS.pos);
    expect(res.data.createCart).toEqual({ cart: null, userErrors: [{ code: 'LOCATION_WRONG_MARKET', field: 'location' }] });
    const ok = await g.gql(CREATE, { input: { market: 'DE', location: 'store-berlin-1' } }, KEYS.pos);
    expect(ok.data.createCart.cart.location).toBe('store-berlin-1');
  });
});

describe('markets', () => {
  it('a DE marketer names no other market, literal or variable, input object or argument', async () => {
    await refusedBeforeSubgraphs(`{ promotionShadowReport(market: "FR") { evaluations } }`, {}, KEYS.marketingDE, 403, 'FORBIDDEN');
    await refusedBeforeSubgraphs(`query($m: String!) { promotionShadowReport(market: $m) { evaluations } }`, { m: 'FR' }, KEYS.marketingDE, 403, 'FORBIDDEN');
    await refusedBeforeSubgraphs(`mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } } }`,
      { i: { name: 'x', market: 'FR', effect: { type: 'percentOffCart', args: { percent: 5 } } } }, KEYS.marketingDE, 403, 'FORBIDDEN');
    const own = await g.gql(`query($m: String!) { promotionShadowReport(market: $m) { market } }`, { m: 'DE' }, KEYS.marketingDE);
    expect(own.errors).toBeUndefined();
  });

  it('a price key sets prices in its own markets only (checked by the catalog too)', async () => {
    const dePrices = { keyId: 'k-prices-de', channel: 'marketing', scopes: ['catalog:write'], markets: ['DE'] };
    const SET = `mutation($i: SetPriceInput!) { setPrice(input: $i) { product { sku } userErrors { code field } } }`;
    const fr = await callSubgraph(g.services.catalog.url, SET, { i: { sku: 'SKU-1001', market: 'FR', amount: '1.00' } }, dePrices);
    expect(fr.data.setPrice).toEqual({ product: null, userErrors: [{ code: 'FORBIDDEN_MARKET', field: 'input.market' }] });
    const de = await callSubgraph(g.services.catalog.url, SET, { i: { sku: 'SKU-1001', market: 'DE', amount: '9.99' } }, dePrices);
    expect(de.data.setPrice.userErrors).toEqual([]);
  });
});
