import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, identities, testConfig, quietLog } from '../../test/support/subgraph.ts';
import type { RunningService } from '../../common/service.ts';
import { ManualClock } from '../../common/clock.ts';
import { startCatalog } from './server.ts';

let svc: RunningService;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));

beforeAll(async () => {
  svc = await startCatalog({ config: testConfig('catalog'), clock, log: quietLog });
});
afterAll(async () => {
  await svc.stop();
  await svc.db.close();
});

describe('catalog subgraph contract', () => {
  it('refuses requests without a signed identity', async () => {
    const res = await callSubgraph(svc.url, '{ markets { code } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves its SDL through _service', async () => {
    const res = await callSubgraph(svc.url, '{ _service { sdl } }');
    expect(res.data._service.sdl).toContain('type Product');
  });

  it('resolves Product entities with prices per market', async () => {
    const res = await callSubgraph(
      svc.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name price(market: "JP") { amount currencyCode } } } }`,
      { r: [{ __typename: 'Product', sku: 'SKU-1001' }, { __typename: 'Product', sku: 'NOPE' }] },
    );
    expect(res.data._entities[0]).toMatchObject({ sku: 'SKU-1001', price: { currencyCode: 'JPY' } });
    expect(res.data._entities[0].price.amount).toMatch(/^\d+$/);
    expect(res.data._entities[1]).toBeNull();
  });
});

describe('products', () => {
  it('paginates with cursors over every product of the market', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await callSubgraph(svc.url, `query($a: String) { products(market: "DE", first: 25, after: $a) { edges { node { sku } } pageInfo { hasNextPage endCursor } totalCount } }`, { a: after });
      const p = res.data.products;
      seen.push(...p.edges.map((e: any) => e.node.sku));
      expect(p.totalCount).toBe(60);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('returns an empty page for an unknown market', async () => {
    const res = await callSubgraph(svc.url, '{ products(market: "XX") { edges { cursor } totalCount } }');
    expect(res.data.products).toEqual({ edges: [], totalCount: 0 });
  });
});

describe('setPrice', () => {
  it('needs the catalog:write scope', async () => {
    const res = await callSubgraph(svc.url, 'mutation { setPrice(input: { sku: "SKU-1002", market: "DE", amount: "1.00" }) { userErrors { code } } }', {}, identities.web);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('changes the current price and refuses bad amounts with a coded error', async () => {
    const set = `mutation($a: String!) { setPrice(input: { sku: "SKU-1002", market: "DE", amount: $a }) { product { price(market: "DE") { amount } } userErrors { code field } } }`;
    clock.advance(1000);
    const ok = await callSubgraph(svc.url, set, { a: '12.34' }, identities.marketing);
    expect(ok.data.setPrice).toEqual({ product: { price: { amount: '12.34' } }, userErrors: [] });
    const bad = await callSubgraph(svc.url, set, { a: '12.345' }, identities.marketing);
    expect(bad.data.setPrice).toEqual({ product: null, userErrors: [{ code: 'INVALID_AMOUNT', field: 'amount' }] });
  });
});
