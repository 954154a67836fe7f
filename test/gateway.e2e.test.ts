import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * The gateway's edge: every (key × contract operation) cell is allowed or FORBIDDEN before any
 * subgraph is called; limits and malformed requests get coded errors and call no subgraph.
 */
let g: TestGraph;

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

/** Posts to the gateway; `subgraphCalls` are the subgraph requests the gateway made for this request (by its x-request-id). */
async function post(body: unknown, key: string | null = KEYS.web, contentType = 'application/json') {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'content-type': contentType, 'x-request-id': requestId };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(g.url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: json, subgraphCalls: () => g.subgraphCalls(requestId) };
}

const operations = readdirSync('clients')
  .filter((f) => f.endsWith('.graphql'))
  .flatMap((file) => {
    const source = readFileSync(`clients/${file}`, 'utf8');
    return parse(source)
      .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => ({ file, name: (d as { name: { value: string } }).name.value, source }));
  });

/** Which scopes each contract operation needs (any one of them). */
const NEEDS: Record<string, string[]> = {
  CreateCampaign: ['marketing'], SearchCampaigns: ['marketing'], GenerateCouponCodes: ['marketing'], SetPromotionRouting: ['marketing'],
  PromotionShadowReport: ['marketing'], QuarantinedOrders: ['operations'], RecordStocktake: ['operations', 'pos'],
  ImportOfflineOrders: ['pos'], Cart: ['storefront', 'pos'], Order: ['storefront', 'pos'],
  StoreOrder: ['storefront', 'pos'], HandOverOrderLines: ['pos', 'operations'], ReturnOrderLines: ['pos', 'operations'],
  CancelStoreOrder: ['storefront', 'pos', 'operations'], CancelOrder: ['storefront', 'pos', 'operations'],
};
const STOREFRONT_MUTATIONS = /^(CreateCart|AddCartLines|UpdateCartLine|RemoveCartLine|ApplyDiscountCode|RemoveDiscountCode|AcknowledgeCartWarnings|SetShippingAddress|PlaceOrder|CreateStoreCart|KioskCart|KioskAddLines|KioskCheckout|InGameBuy|InGameAdd)$/;
const KEY_SCOPES: Record<string, string[]> = {
  [KEYS.web]: ['storefront'], [KEYS.pos]: ['storefront', 'pos'], [KEYS.kiosk]: ['storefront'], [KEYS.inGame]: ['storefront'],
  [KEYS.marketing]: ['marketing', 'catalog:write'], [KEYS.marketingDE]: ['marketing'], [KEYS.operations]: ['operations', 'marketing', 'catalog:write', 'pos', 'preview'],
};

function allowed(op: string, key: string): boolean {
  const needs = NEEDS[op] ?? (STOREFRONT_MUTATIONS.test(op) ? ['storefront', 'pos'] : null);
  return !needs || needs.some((s) => KEY_SCOPES[key].includes(s));
}

describe('key × operation matrix over the contract', () => {
  const cells = operations.flatMap((op) => Object.values(KEYS).map((key) => ({ ...op, key })));

  it.each(cells.map((c) => [c.name, c.key, c] as const))('%s with %s', async (_name, _key, cell) => {
    const res = await post({ query: cell.source, operationName: cell.name, variables: {} }, cell.key);
    const codes = (res.body?.errors ?? []).map((e: any) => e.extensions?.code);
    if (allowed(cell.name, cell.key)) {
      expect(codes).not.toContain('FORBIDDEN');
    } else {
      expect(res.status).toBe(403);
      expect(codes).toEqual(['FORBIDDEN']);
      expect(res.body.data).toBeUndefined();
      expect(res.subgraphCalls()).toBe(0);
    }
  });

  it('knows every contract operation (the matrix is not vacuous)', () => {
    expect(operations.length).toBe(35);
    const forbiddenCells = cells.filter((c) => !allowed(c.name, c.key));
    expect(forbiddenCells.length).toBeGreaterThan(40);
  });
});

describe('bad input gets coded errors and calls no subgraph', () => {
  const cases: [string, () => Promise<{ status: number; body: any; subgraphCalls(): number }>, number, string][] = [
    ['syntax error', () => post({ query: '{ products(market: "DE" { edges }' }), 400, 'GRAPHQL_PARSE_FAILED'],
    ['unknown field', () => post({ query: '{ productz { sku } }' }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['alias bomb', () => post({ query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: markets { code }`).join(' ')} }` }), 400, 'TOO_MANY_ALIASES'],
    ['too many tokens', () => post({ query: `{ markets { ${'code '.repeat(6000)} } }` }), 400, 'TOO_MANY_TOKENS'],
    ['invalid JSON', () => post('{"query": ', KEYS.web), 400, 'BAD_REQUEST'],
    ['batched request', () => post([{ query: '{ markets { code } }' }, { query: '{ markets { code } }' }]), 400, ''],
    ['oversized body', () => post({ query: `{ markets { code } }`, variables: { x: 'x'.repeat(2_000_000) } }), 413, 'PAYLOAD_TOO_LARGE'],
    ['several operations without a name', () => post({ query: 'query A { markets { code } } query B { markets { code } }' }), 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['unknown operation name', () => post({ query: 'query A { markets { code } }', operationName: 'B' }), 400, 'OPERATION_RESOLUTION_FAILURE'],
    ['no key', () => post({ query: '{ markets { code } }' }, null), 401, 'UNAUTHENTICATED'],
    ['wrong variable type', () => post({ query: 'query($m: String!) { products(market: $m) { totalCount } }', variables: { m: 5 } }), 400, 'BAD_USER_INPUT'],
  ];
  it.each(cases.filter((c) => c[3] !== ''))('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions.code).toBe(code);
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    expect(res.subgraphCalls()).toBe(0);
  });

  it('refuses queries nested deeper than the limit', async () => {
    const deep = `{ cart(id: "x") { lines { product { sku } } } }`;
    const ok = await post({ query: deep });
    expect(ok.body.errors?.[0]?.extensions?.code).not.toBe('QUERY_TOO_DEEP');
    const nested = `query { __type(name: "Cart") ${'{ fields { type { ofType '.repeat(8)}{ name }${' } } }'.repeat(8)} }`;
    const res = await post({ query: nested }, KEYS.operations);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toContain('QUERY_TOO_DEEP');
    expect(res.subgraphCalls()).toBe(0);
  });

  it('refuses batched requests', async () => {
    const res = await post([{ query: '{ markets { code } }' }, { query: '{ markets { code } }' }]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('production mode', () => {
  let prod: TestGraph;
  beforeAll(async () => {
    prod = await startTestGraph({ gatewayOverrides: { production: true } });
  });
  afterAll(async () => {
    await prod?.stop();
  });

  it('gives no field suggestions', async () => {
    const res = await prod.gql('{ product(sku: "SKU-1001") { nam } }');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/);
  });

  it('allows introspection to operations keys only', async () => {
    const web = await prod.gql('{ __schema { queryType { name } } }');
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const ops = await prod.gql('{ __schema { queryType { name } } }', {}, KEYS.operations);
    expect(ops.data.__schema.queryType.name).toBe('Query');
  });
});
