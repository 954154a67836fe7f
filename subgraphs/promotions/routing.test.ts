import { sampleCartRef } from './src/services/routing.ts';
import { testMarketSource } from '../../test/support/markets.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/clock.ts';
import type { Identity } from '../../common/identity.ts';
import { CART_EVALUATION_QUERY, cartRepresentation, fixedProvider, hangingProvider, TEST_PROVIDER_TIMEOUT_MS, throwingProvider } from '../../test/support/promotions.ts';
import { callSubgraph, identities, quietLog, testConfig } from '../../test/support/subgraph.ts';
import { startPromotions, type RunningPromotions } from './server.ts';
import type { PromotionProvider } from './src/services/providers/provider.ts';
import { rolloutBucket } from './src/services/routing.ts';

let svc: RunningPromotions;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
// long enough that the native engine never exceeds it on a busy machine; a hanging engine always does
const TIMEOUT_MS = TEST_PROVIDER_TIMEOUT_MS;
const fixed = fixedProvider('fixed', 100);
const hanging = hangingProvider();
/** Answers like `fixed` once its gate is opened; calls made before wait for it. */
const gate = { open: () => undefined as void, opened: Promise.resolve() };
const gated: PromotionProvider = {
  name: 'gated',
  evaluate: async (cart, ctx) => {
    await gate.opened;
    return fixed.evaluate(cart, ctx);
  },
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => undefined,
};
const invalid: PromotionProvider = {
  name: 'invalid',
  evaluate: async () => ({ discounts: [{ campaignId: 'x', name: 'x', amountMinor: -5 }], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] }),
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => undefined,
};

beforeAll(async () => {
  svc = await startPromotions({
    config: testConfig('promotions'),
    clock,
    log: quietLog,
    providerTimeoutMs: TIMEOUT_MS,
    redemptionTimeoutMs: TIMEOUT_MS,
    markets: testMarketSource(),
    providers: [hanging, throwingProvider(), fixed, invalid, gated],
  });
});
afterAll(async () => {
  await svc.stop();
  await svc.db.close();
});

const SET = `mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) {
  routing { market provider shadowProvider rollout { provider percent } } userErrors { code field message } } }`;
const REPORT = `query($m: String!) { promotionShadowReport(market: $m) { market primaryProvider shadowProvider evaluations mismatches
  samples { cartId primaryTotal { amount currencyCode } shadowTotal { amount currencyCode } differences at } } }`;

async function route(i: Record<string, unknown>, identity: Identity = identities.marketing) {
  const res = await callSubgraph(svc.url, SET, { i }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.setPromotionRouting;
}

async function evaluate(reps: object[]) {
  const res = await callSubgraph(svc.url, CART_EVALUATION_QUERY, { r: reps }, identities.web);
  expect(res.errors).toBeUndefined();
  return res.data._entities;
}

async function report(market: string) {
  await svc.idle();
  return (await callSubgraph(svc.url, REPORT, { m: market }, identities.marketing)).data.promotionShadowReport;
}

describe('setPromotionRouting', () => {
  it('lists the providers and answers the default routing', async () => {
    const res = await callSubgraph(svc.url, '{ promotionProviders promotionRouting(market: "DE") { provider shadowProvider rollout { percent } } }', {}, identities.marketing);
    expect(res.data).toEqual({
      promotionProviders: ['fixed', 'gated', 'hanging', 'invalid', 'legacy', 'native', 'throwing'],
      promotionRouting: { provider: 'native', shadowProvider: null, rollout: null },
    });
  });

  it('refuses unknown providers, bad percents and markets the key does not manage', async () => {
    const bad = await route({ market: 'DE', provider: 'retired', shadowProvider: 'talon', rollout: { provider: 'nope', percent: 101 } });
    expect(bad.routing).toBeNull();
    expect(bad.userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['UNKNOWN_PROVIDER', 'provider'],
      ['UNKNOWN_PROVIDER', 'shadowProvider'],
      ['UNKNOWN_PROVIDER', 'rollout.provider'],
      ['INVALID_PERCENT', 'rollout.percent'],
    ]);
    expect((await route({ market: 'DE', provider: 'native', rollout: { provider: 'fixed', percent: -1 } })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_PERCENT', field: 'rollout.percent' }),
    ]);
    expect((await route({ market: 'FR', provider: 'fixed' }, identities.marketingDE)).userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN_MARKET', field: 'market' })]);
    expect((await route({ market: 'XX', provider: 'native' })).userErrors).toEqual([expect.objectContaining({ code: 'MARKET_UNKNOWN', field: 'market' })]);
    const fr = await callSubgraph(svc.url, '{ promotionRouting(market: "FR") { provider } }', {}, identities.marketingDE);
    expect(fr.data.promotionRouting).toBeNull();
  });
});

describe('a provider that fails never breaks the cart', () => {
  const rep = (id: string) =>
    cartRepresentation({ id, market: 'DE', discountCodes: ['WELCOME10'], lines: [{ sku: 'SKU-1001', quantity: 2, price: '40.00' }, { sku: 'SKU-1002', price: '0.99' }] });

  it.each(['hanging', 'throwing', 'invalid', 'retired'])('%s → UNAVAILABLE with base totals', async (provider) => {
    if (provider === 'retired') {
      // routed to an engine this deployment does not have (e.g. stored by a newer version)
      await svc.db.run(`UPDATE promotion_routing SET provider = 'retired' WHERE market = 'DE'`);
    } else {
      expect((await route({ market: 'DE', provider })).userErrors).toEqual([]);
    }
    try {
      const hangingCalls = hanging.calls;
      const [cart] = await evaluate([rep(`cart-${provider}`)]);
      // a hanging engine never answers: the cart was answered because its time budget ran out and the call was given up
      if (provider === 'hanging') expect({ calls: hanging.calls - hangingCalls, pending: hanging.pending }).toEqual({ calls: 1, pending: 0 });
      expect(cart.promotion).toEqual({
        provider,
        status: 'UNAVAILABLE',
        discounts: [],
        discountCodes: [],
        lineItemPromotions: [],
        nonApplicableDiscountCodes: [],
      });
      expect(cart.totals).toEqual({
        subtotal: { amount: '80.99', currencyCode: 'EUR' },
        discount: { amount: '0.00', currencyCode: 'EUR' },
        total: { amount: '80.99', currencyCode: 'EUR' },
      });
    } finally {
      await route({ market: 'DE', provider: 'native' });
    }
    const [healthy] = await evaluate([rep(`cart-${provider}-after`)]);
    expect(healthy.promotion).toMatchObject({ provider: 'native', status: 'EVALUATED' });
    expect(healthy.totals.discount.amount).toBe('8.10');
  });

  it('refuses a redemption (retryable) when the provider fails, and keeps the order on that provider', async () => {
    await route({ market: 'DE', provider: 'throwing' });
    try {
      const res = await callSubgraph(svc.url, 'mutation($c: JSON!) { redeemPromotions(orderId: "o-fail", cart: $c) { ok userErrors { code } } }', { c: rep('c-fail') });
      expect(res.data.redeemPromotions).toEqual({ ok: false, userErrors: [{ code: 'PROMOTIONS_UNAVAILABLE' }] });
      const rel = await callSubgraph(svc.url, 'mutation { releaseRedemptions(orderId: "o-fail") }');
      expect(rel.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await route({ market: 'DE', provider: 'native' });
    }
  });
});

describe('rollout', () => {
  it('sends a sticky share of carts to the rollout provider', async () => {
    expect((await route({ market: 'FR', provider: 'native', rollout: { provider: 'fixed', percent: 30 } })).routing).toEqual({
      market: 'FR',
      provider: 'native',
      shadowProvider: null,
      rollout: { provider: 'fixed', percent: 30 },
    });
    try {
      const ids = Array.from({ length: 200 }, (_, i) => `rollout-cart-${i}`);
      const first = await evaluate(ids.map((id) => cartRepresentation({ id, market: 'FR', lines: [{ sku: 'SKU-1001', price: '10.00' }] })));
      const providers = first.map((c: any) => c.promotion.provider);
      expect(providers).toEqual(ids.map((id) => (rolloutBucket(id) < 30 ? 'fixed' : 'native')));
      const share = providers.filter((p: string) => p === 'fixed').length / ids.length;
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.45);
      // the same carts with other content, in another request and order: same providers
      const again = await evaluate([...ids].reverse().map((id) => cartRepresentation({ id, market: 'FR', lines: [{ sku: 'SKU-1002', quantity: 3, price: '5.00' }] })));
      expect(again.map((c: any) => c.promotion.provider).reverse()).toEqual(providers);

      await route({ market: 'FR', provider: 'native', rollout: { provider: 'fixed', percent: 100 } });
      expect((await evaluate(ids.slice(0, 20).map((id) => cartRepresentation({ id, market: 'FR' })))).every((c: any) => c.promotion.provider === 'fixed')).toBe(true);
      await route({ market: 'FR', provider: 'native', rollout: { provider: 'fixed', percent: 0 } });
      expect((await evaluate(ids.slice(0, 20).map((id) => cartRepresentation({ id, market: 'FR' })))).every((c: any) => c.promotion.provider === 'native')).toBe(true);
    } finally {
      await route({ market: 'FR', provider: 'native' });
    }
  });
});

describe('shadow provider', () => {
  it('is compared in the background and the report counts mismatches with samples', async () => {
    expect((await route({ market: 'GB', provider: 'native', shadowProvider: 'fixed' })).userErrors).toEqual([]);
    const [differs, same] = await evaluate([
      cartRepresentation({ id: 'shadow-1', market: 'GB', lines: [{ sku: 'SKU-1050', quantity: 2, price: '10.00' }] }),
      cartRepresentation({ id: 'shadow-2', market: 'GB', lines: [] }),
    ]);
    // the answer is the primary's, never the shadow's
    expect(differs.promotion.provider).toBe('native');
    expect(differs.totals.total.amount).toBe('20.00');
    expect(same.totals.total.amount).toBe('0.00');
    const r = await report('GB');
    expect(r).toMatchObject({ market: 'GB', primaryProvider: 'native', shadowProvider: 'fixed', evaluations: 2, mismatches: 1 });
    expect(r.samples).toEqual([
      {
        cartId: sampleCartRef('shadow-1'),
        primaryTotal: { amount: '20.00', currencyCode: 'GBP' },
        shadowTotal: { amount: '19.00', currencyCode: 'GBP' },
        differences: expect.arrayContaining(['total: 20.00 vs 19.00', 'cart discounts: 0.00 vs 1.00']),
        at: '2026-11-01T10:00:00.000Z',
      },
    ]);
  });

  it('keeps the last 20 samples and starts over when the compared providers change', async () => {
    await evaluate(Array.from({ length: 25 }, (_, i) => cartRepresentation({ id: `many-${i}`, market: 'GB', lines: [{ sku: 'SKU-1050', price: '3.00' }] })));
    const r = await report('GB');
    expect(r.evaluations).toBe(27);
    expect(r.mismatches).toBe(26);
    expect(r.samples).toHaveLength(20);
    // the 20 most recently recorded (concurrent recordings may commit in any order)
    const many = new Set(Array.from({ length: 200 }, (_, i) => sampleCartRef(`many-${i}`)));
    expect(r.samples.every((s: any) => many.has(s.cartId))).toBe(true);
    expect(new Set(r.samples.map((s: any) => s.cartId)).size).toBe(20);
    await route({ market: 'GB', provider: 'native', shadowProvider: 'throwing' });
    expect(await report('GB')).toMatchObject({ shadowProvider: 'throwing', evaluations: 0, mismatches: 0, samples: [] });
  });

  it('starts over on request: counts from the reset, and an evaluation made before it is not counted', async () => {
    const RESET = `mutation($m: String!) { resetPromotionShadowReport(market: $m) {
      report { market evaluations mismatches samples { cartId } since } userErrors { code field } } }`;
    const reset = async (market: string, identity: Identity = identities.marketing) => {
      const res = await callSubgraph(svc.url, RESET, { m: market }, identity);
      expect(res.errors).toBeUndefined();
      return res.data.resetPromotionShadowReport;
    };
    const started = clock.now();
    const gb = (id: string) => cartRepresentation({ id, market: 'GB', lines: [{ sku: 'SKU-1050', price: '3.00' }] });
    try {
      await route({ market: 'GB', provider: 'native', shadowProvider: 'gated' });
      gate.opened = new Promise<void>((resolve) => (gate.open = resolve));
      await evaluate([gb('in-flight')]); // answered; its comparison waits for the gate
      clock.advance(1000);
      expect(await reset('GB')).toEqual({
        report: { market: 'GB', evaluations: 0, mismatches: 0, samples: [], since: '2026-11-01T10:00:01.000Z' },
        userErrors: [],
      });
      gate.open();
      expect(await report('GB')).toMatchObject({ evaluations: 0, mismatches: 0, samples: [] });

      await evaluate([gb('after-reset')]);
      expect(await report('GB')).toMatchObject({ evaluations: 1, mismatches: 1, samples: [{ cartId: sampleCartRef('after-reset') }] });

      expect(await reset('FR', identities.marketingDE)).toEqual({ report: null, userErrors: [{ code: 'FORBIDDEN_MARKET', field: 'market' }] });
      expect(await reset('XX')).toEqual({ report: null, userErrors: [{ code: 'MARKET_UNKNOWN', field: 'market' }] });
      expect(await report('GB')).toMatchObject({ evaluations: 1 });
    } finally {
      gate.open();
      clock.set(started);
    }
  });

  it('never blocks or breaks the answer when the shadow hangs or fails', async () => {
    await route({ market: 'GB', provider: 'native', shadowProvider: 'hanging' });
    const [cart] = await evaluate([cartRepresentation({ id: 'shadow-hang', market: 'GB', lines: [{ sku: 'SKU-1001', price: '10.00' }] })]);
    // answered while the shadow evaluation was still running (it is given up only at its time budget)
    expect(hanging.pending).toBe(1);
    expect(cart.promotion).toMatchObject({ provider: 'native', status: 'EVALUATED' });
    expect(cart.totals.total.amount).toBe('8.50');
    const r = await report('GB');
    expect(r).toMatchObject({ evaluations: 1, mismatches: 1 });
    expect(r.samples[0].differences).toContain('status: EVALUATED (native) vs UNAVAILABLE (hanging)');
  });

  it('records nothing for previews', async () => {
    await route({ market: 'GB', provider: 'native', shadowProvider: 'fixed' });
    const preview = { ...identities.operations, previewAt: '2027-01-01T00:00:00.000Z' };
    const res = await callSubgraph(svc.url, CART_EVALUATION_QUERY, { r: [cartRepresentation({ market: 'GB', lines: [{ sku: 'SKU-1050', price: '3.00' }] })] }, preview);
    expect(res.data._entities[0].promotion.status).toBe('EVALUATED');
    expect(await report('GB')).toMatchObject({ evaluations: 0 });
  });
});
