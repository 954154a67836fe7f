import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRemoteProviders } from '../subgraphs/promotions/src/services/providers/remote/config.ts';
import type { RunningPromotions } from '../subgraphs/promotions/server.ts';
import { TalonSimulator } from './fixtures/talon-simulator.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * One evaluation per cart read, on every engine: the cart's warnings and Cart.promotion/totals of a
 * read share one provider evaluation (one remote API call), `cart { id version }` costs at most one
 * too, /metrics shows it (cart_reads_total against promotions_carts_evaluated_total and
 * promotions_evaluation_requests_total), and the shadow report counts each evaluation once.
 */
const talon = new TalonSimulator();
let g: TestGraph;
let countedCalls = 0;
const counting = {
  name: 'counting',
  evaluate: async () => {
    countedCalls += 1;
    return { discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] };
  },
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => {},
};

const metricsOf = async (url: string) => (await fetch(url.replace('/graphql', '/metrics'))).text();

/** The sum of the samples of `name` whose labels include all of `labels`. */
function sum(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

interface Figures {
  reads: number;
  evaluated: number;
  shared: number;
  talonCalls: number;
}

async function figures(market: string): Promise<Figures> {
  const [cart, promotions] = await Promise.all([metricsOf(g.services.cart.url), metricsOf(g.services.promotions.url)]);
  return {
    reads: sum(cart, 'cart_reads_total', { market }),
    evaluated: sum(promotions, 'promotions_carts_evaluated_total', { market }),
    shared: sum(promotions, 'promotions_evaluation_requests_total', { market, source: 'shared' }),
    talonCalls: talon.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/v2/customer_sessions/')).length,
  };
}

const FULL_READ = `query($id: ID!) { cart(id: $id) { id version warnings { code } promotion { provider status discounts { name } }
  totals { total { amount currencyCode } } } }`;

async function createCart(market: string, sku: string): Promise<string> {
  const r = await g.gql(`mutation($m: String!, $s: ID!) { createCart(input: { market: $m, lines: [{ sku: $s, quantity: 2 }] }) { cart { id } userErrors { code } } }`, { m: market, s: sku });
  expect(r.errors).toBeUndefined();
  expect(r.data.createCart.userErrors).toEqual([]);
  return r.data.createCart.cart.id;
}

/** Three full reads and one `cart { id version }`; the change of the figures meanwhile. */
async function readFourTimes(market: string, id: string): Promise<{ before: Figures; after: Figures; provider: string }> {
  const before = await figures(market);
  let provider = '';
  for (let i = 0; i < 3; i++) {
    const r = await g.gql(FULL_READ, { id });
    expect(r.errors).toBeUndefined();
    provider = r.data.cart.promotion.provider;
    expect(r.data.cart.totals.total.amount).toMatch(/^\d+(\.\d+)?$/);
  }
  const minimal = await g.gql('query($id: ID!) { cart(id: $id) { id version } }', { id });
  expect(minimal.data.cart.id).toBe(id);
  return { before, after: await figures(market), provider };
}

beforeAll(async () => {
  await talon.start();
  talon.addApplication({
    id: 9,
    apiKey: 'talon-fr-reads-key',
    currency: 'EUR',
    campaigns: [{ id: 1, name: '5% off SKU-1001', skus: ['SKU-1001'], effect: { type: 'percentOffItems', percent: 5 } }],
  });
  const remoteProviders = parseRemoteProviders({ talon: { baseUrl: talon.server.url, applications: { FR: { apiKey: 'talon-fr-reads-key' } } } });
  g = await startTestGraph({ promotionsOptions: { remoteProviders, providers: [counting], providerTimeoutMs: 3000 } });
  const route = async (input: Record<string, unknown>) => {
    const r = await g.gql('mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) { userErrors { code } } }', { i: input }, KEYS.marketing);
    expect(r.errors).toBeUndefined();
    expect(r.data.setPromotionRouting.userErrors).toEqual([]);
  };
  await route({ market: 'FR', provider: 'talon' });
  await route({ market: 'GB', provider: 'legacy' });
  await route({ market: 'JP', provider: 'native', shadowProvider: 'counting' });
});

afterAll(async () => {
  await g?.stop();
  await talon.stop();
});

describe('one evaluation per cart read', () => {
  for (const [market, sku, engine] of [['DE', 'SKU-1001', 'native'], ['GB', 'SKU-1001', 'legacy'], ['FR', 'SKU-1001', 'talon']] as const) {
    it(`${engine}: at most one provider evaluation per read, shown in /metrics`, async () => {
      const id = await createCart(market, sku);
      const { before, after, provider } = await readFourTimes(market, id);
      expect(provider).toBe(engine);
      expect(after.reads - before.reads).toBe(4);
      // without sharing, every full read evaluates twice (warnings, then promotion/totals): 7
      expect(after.evaluated - before.evaluated).toBeLessThanOrEqual(4);
      // the gateway's promotion/totals of each full read used the cart service's evaluation
      expect(after.shared - before.shared).toBeGreaterThanOrEqual(3);
      if (engine === 'talon') expect(after.talonCalls - before.talonCalls).toBeLessThanOrEqual(4);
    });
  }

  it('a change of the cart is evaluated anew, and its reads share that evaluation', async () => {
    const id = await createCart('DE', 'SKU-1001');
    const read = await g.gql(FULL_READ, { id });
    const changed = await g.gql(
      `mutation($id: ID!, $v: Int!) { addCartLines(cartId: $id, expectedVersion: $v, lines: [{ sku: "SKU-1001", quantity: 1 }]) { cart { version totals { total { amount } } } userErrors { code } } }`,
      { id, v: read.data.cart.version },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.addCartLines.userErrors).toEqual([]);
    const again = await g.gql(FULL_READ, { id });
    expect(again.data.cart.totals.total).toEqual({ ...read.data.cart.totals.total, amount: changed.data.addCartLines.cart.totals.total.amount });
    expect(Number(again.data.cart.totals.total.amount)).toBeGreaterThan(Number(read.data.cart.totals.total.amount));
  });

  it('the shadow report counts each evaluation once', async () => {
    const id = await createCart('JP', 'SKU-1004');
    const promotions = g.services.promotions as RunningPromotions;
    await promotions.idle();
    const report = async () => (await g.gql('{ promotionShadowReport(market: "JP") { evaluations } }', {}, KEYS.marketing)).data.promotionShadowReport.evaluations as number;
    const reportBefore = await report();
    const callsBefore = countedCalls;
    const { before, after } = await readFourTimes('JP', id);
    await promotions.idle();
    const evaluated = after.evaluated - before.evaluated;
    expect(evaluated).toBeLessThanOrEqual(4);
    // one shadow call and one report entry per primary evaluation, never one per request
    expect(countedCalls - callsBefore).toBe(evaluated);
    expect((await report()) - reportBefore).toBe(evaluated);
  });
});
