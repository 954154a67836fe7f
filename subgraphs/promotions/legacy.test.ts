import { sampleCartRef } from './src/services/routing.ts';
import { testMarketSource } from '../../test/support/markets.ts';
import { MarketDirectory } from '../../common/markets.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/clock.ts';
import { UserErrorException } from '../../common/errors.ts';
import { openDatabase, type Db } from '../../common/storage/index.ts';
import { CART_EVALUATION_QUERY, cartRepresentation, TEST_PROVIDER_TIMEOUT_MS } from '../../test/support/promotions.ts';
import { callSubgraph, identities, quietLog, testConfig } from '../../test/support/subgraph.ts';
import { startPromotions, type RunningPromotions } from './server.ts';
import { LegacyRepository } from './src/data/legacyRepository.ts';
import { seedLegacyDiscounts } from './src/data/legacySeed.ts';
import { migrations } from './src/data/migrations.ts';
import { seedPromotions } from './src/data/seed.ts';
import type { CartInput } from './src/services/cart.ts';
import { discountTotal } from './src/services/evaluation.ts';
import { LegacyDiscountService } from './src/services/legacy/service.ts';
import { LegacyProvider } from './src/services/providers/legacy.ts';
import { NativeProvider } from './src/services/providers/native.ts';

const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
const ctx = { now: clock.now(), signal: new AbortController().signal, log: quietLog };

async function userErrors(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserErrorException) return e.errors.map((x) => [x.code, x.field]);
    throw e;
  }
  throw new Error('expected a user error');
}

const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'c1',
  market: 'DE',
  channel: 'web',
  currencyCode: 'EUR',
  discountCodes: [],
  lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 6000 }],
  ...over,
});

describe('legacy cart discounts (service, seed, provider)', () => {
  let db: Db;
  let service: LegacyDiscountService;
  beforeAll(async () => {
    db = await openDatabase({ service: 'promotions', file: ':memory:', migrations });
    await seedPromotions(db);
    await seedLegacyDiscounts(db, clock);
    service = new LegacyDiscountService(db, clock, new MarketDirectory(testMarketSource()));
  });
  afterAll(() => db.close());

  it('validates input, naming the field', async () => {
    const base = { market: 'GB', name: 'x', sortOrder: '0.5', value: { type: 'relative', percent: 10 }, target: { type: 'cart' } } as const;
    expect(await userErrors(service.createCartDiscount({ ...base, predicate: 'totalPrice >= 50' }))).toEqual([['INVALID_PREDICATE', 'predicate']]);
    expect(await userErrors(service.createCartDiscount({ ...base, predicate: 'totalPrice >= "50.00 EUR"' }))).toEqual([['INVALID_PREDICATE', 'predicate']]);
    expect(await userErrors(service.createCartDiscount({ ...base, sortOrder: '1.5' }))).toEqual([['INVALID_INPUT', 'sortOrder']]);
    expect(await userErrors(service.createCartDiscount({ ...base, sortOrder: '0.50' }))).toEqual([['INVALID_INPUT', 'sortOrder']]);
    expect(await userErrors(service.createCartDiscount({ ...base, value: { type: 'relative', percent: 0 } }))).toEqual([['INVALID_INPUT', 'value.percent']]);
    expect(await userErrors(service.createCartDiscount({ ...base, market: 'JP', value: { type: 'absolute', amount: '5.50' } }))).toEqual([['INVALID_INPUT', 'value.amount']]);
    expect(await userErrors(service.createCartDiscount({ ...base, market: 'XX' }))).toEqual([['MARKET_UNKNOWN', 'market']]);
    await service.createCartDiscount({ ...base, predicate: 'totalPrice >= "50.00 GBP" and lineItemExists(sku in ("SKU-1001"))' });
    expect(await userErrors(service.createCartDiscount(base))).toEqual([['DUPLICATE_SORT_ORDER', 'sortOrder']]);
    expect(await userErrors(service.createDiscountCode({ market: 'GB', code: 'NOPE1', cartDiscountIds: ['missing'] }))).toEqual([['NOT_FOUND', 'cartDiscountIds[0]']]);
  });

  it('refuses the 101st active automatic cart discount of a market', async () => {
    const mk = (i: number, over: object = {}) =>
      service.createCartDiscount({ market: 'US', name: `auto ${i}`, sortOrder: `0.${String(i).padStart(3, '0')}1`, value: { type: 'relative', percent: 1 }, target: { type: 'cart' }, ...over });
    for (let i = 0; i < 100; i++) await mk(i);
    const errors = await userErrors(mk(100));
    expect(errors).toEqual([['LEGACY_CART_DISCOUNT_LIMIT_REACHED', 'isActive']]);
    await expect(mk(100)).rejects.toThrow(/at most 100/);
    // not counted: inactive ones, ones needing a code, other markets
    const inactive = await mk(101, { isActive: false });
    await mk(102, { requiresDiscountCode: true });
    await service.createCartDiscount({ market: 'GB', name: 'gb', sortOrder: '0.77', value: { type: 'relative', percent: 1 }, target: { type: 'cart' } });
    // activating one is refused too; after deactivating another it goes through
    expect(await userErrors(service.setActive(inactive.id, true))).toEqual([['LEGACY_CART_DISCOUNT_LIMIT_REACHED', 'isActive']]);
    const first = (await service.cartDiscounts('US')).find((d) => d.name === 'auto 0')!;
    await service.setActive(first.id, false);
    expect((await service.setActive(inactive.id, true)).isActive).toBe(true);
    expect(await new LegacyRepository(db).countActiveAutomatic('US', clock.now().toISOString())).toBe(100);
  });

  it('the seed mirrors the native demo campaigns for DE and FR (except FR SUMMER5 min 25.00)', async () => {
    const native = new NativeProvider(db);
    const legacy = new LegacyProvider(db);
    const carts: CartInput[] = [
      cart({ discountCodes: ['WELCOME10'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 2, unitPriceMinor: 3333 }, { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 99 }] }),
      cart({ discountCodes: ['WELCOME10'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 4999 }] }),
      cart({ discountCodes: ['FUTURE20', 'welcome10'] }),
      cart({ discountCodes: ['WELCOME10'], lines: [] }),
      cart({ market: 'FR', discountCodes: ['SUMMER5'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1001 }] }),
      cart({ market: 'FR', discountCodes: ['SUMMER5', 'WELCOME10'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 2000 }] }),
    ];
    for (const c of carts) {
      const [n, l] = [await native.evaluate(c, ctx), await legacy.evaluate(c, ctx)];
      expect({ total: discountTotal(l), codes: l.nonApplicableDiscountCodes.map((x) => [x.code, x.reason]) }).toEqual({
        total: discountTotal(n),
        codes: n.nonApplicableDiscountCodes.map((x) => [x.code, x.reason]),
      });
    }
    // the deliberate difference: 27.00 in FR with SUMMER5
    const diff = cart({ market: 'FR', discountCodes: ['SUMMER5'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 2700 }] });
    expect(discountTotal(await legacy.evaluate(diff, ctx))).toBe(500);
    expect((await native.evaluate(diff, ctx)).nonApplicableDiscountCodes).toEqual([expect.objectContaining({ reason: 'MIN_SUBTOTAL_NOT_REACHED' })]);
  });

  it('redeem and release are idempotent per order and respect maxApplications', async () => {
    await service.createCartDiscount({
      id: 'lcd-once', market: 'GB', name: 'Once', sortOrder: '0.11', requiresDiscountCode: true,
      value: { type: 'absolute', amount: '3.00' }, target: { type: 'cart' },
    });
    await service.createDiscountCode({ market: 'GB', code: 'once', cartDiscountIds: ['lcd-once'], maxApplications: 1 });
    const legacy = new LegacyProvider(db);
    const repo = new LegacyRepository(db);
    const gb = cart({ market: 'GB', currencyCode: 'GBP', discountCodes: ['ONCE'] });
    expect(await legacy.redeem('o1', gb, null, ctx)).toEqual({ ok: true, userErrors: [] });
    expect(await legacy.redeem('o1', gb, null, ctx)).toEqual({ ok: true, userErrors: [] });
    expect(await repo.applications('GB', 'ONCE')).toBe(1);
    expect((await legacy.evaluate(gb, ctx)).nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'ONCE', reason: 'USAGE_LIMIT_REACHED' })]);
    expect(await legacy.redeem('o2', gb, null, ctx)).toMatchObject({ ok: false, userErrors: [expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })] });
    await legacy.release('o1', ctx);
    await legacy.release('o1', ctx);
    expect(await repo.applications('GB', 'ONCE')).toBe(0);
    expect(await legacy.redeem('o2', gb, null, ctx)).toEqual({ ok: true, userErrors: [] });
    expect(await repo.applications('GB', 'ONCE')).toBe(1);
  });
});

describe('routing: FR on legacy with native as shadow', () => {
  let svc: RunningPromotions;
  beforeAll(async () => {
    svc = await startPromotions({ config: testConfig('promotions'), clock, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS, markets: testMarketSource() });
  });
  afterAll(async () => {
    await svc.stop();
    await svc.db.close();
  });

  it('answers with legacy and counts the deliberate SUMMER5 mismatch in the shadow report', async () => {
    const set = await callSubgraph(
      svc.url,
      `mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) { routing { provider shadowProvider } userErrors { code } } }`,
      { i: { market: 'FR', provider: 'legacy', shadowProvider: 'native' } },
      identities.marketing,
    );
    expect(set.data.setPromotionRouting).toEqual({ routing: { provider: 'legacy', shadowProvider: 'native' }, userErrors: [] });
    const reps = [
      cartRepresentation({ id: 'fr-27', market: 'FR', discountCodes: ['SUMMER5'], lines: [{ sku: 'SKU-1001', price: '27.00' }] }),
      cartRepresentation({ id: 'fr-40', market: 'FR', discountCodes: ['SUMMER5'], lines: [{ sku: 'SKU-1001', price: '40.00' }] }),
      cartRepresentation({ id: 'fr-10', market: 'FR', discountCodes: ['SUMMER5'], lines: [{ sku: 'SKU-1001', price: '10.00' }] }),
    ];
    const res = await callSubgraph(svc.url, CART_EVALUATION_QUERY, { r: reps }, identities.web);
    expect(res.errors).toBeUndefined();
    const [c27, c40, c10] = res.data._entities;
    expect(c27.promotion).toMatchObject({ provider: 'legacy', status: 'EVALUATED', discountCodes: [{ code: 'SUMMER5', amount: { amount: '5.00', currencyCode: 'EUR' } }] });
    expect(c27.totals.total.amount).toBe('22.00');
    expect(c40.totals.total.amount).toBe('35.00');
    expect(c10.promotion.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', reason: 'MIN_SUBTOTAL_NOT_REACHED' })]);

    await svc.idle();
    const report = await callSubgraph(
      svc.url,
      `{ promotionShadowReport(market: "FR") { primaryProvider shadowProvider evaluations mismatches samples { cartId primaryTotal { amount } shadowTotal { amount } differences } } }`,
      {},
      identities.marketing,
    );
    expect(report.data.promotionShadowReport).toMatchObject({
      primaryProvider: 'legacy',
      shadowProvider: 'native',
      evaluations: 3,
      mismatches: 1,
      samples: [{ cartId: sampleCartRef('fr-27'), primaryTotal: { amount: '22.00' }, shadowTotal: { amount: '27.00' } }],
    });
    expect(report.data.promotionShadowReport.samples[0].differences).toContain('code SUMMER5: APPLIED vs MIN_SUBTOTAL_NOT_REACHED');
  });

  it('a code only the legacy engine knows exists for discountCodeChecks', async () => {
    const legacyAdmin = new LegacyDiscountService(svc.db, clock, new MarketDirectory(testMarketSource()));
    await legacyAdmin.createCartDiscount({ id: 'lcd-fr-only', market: 'FR', name: 'FR only', sortOrder: '0.42', requiresDiscountCode: true, value: { type: 'relative', percent: 5 }, target: { type: 'cart' } });
    await legacyAdmin.createDiscountCode({ market: 'FR', code: 'LEGACYONLY', cartDiscountIds: ['lcd-fr-only'] });
    const res = await callSubgraph(svc.url, '{ discountCodeChecks(market: "FR", codes: ["legacyonly", "SUMMER5", "NOPE"]) { code valid } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.discountCodeChecks).toEqual([
      { code: 'legacyonly', valid: true },
      { code: 'SUMMER5', valid: true },
      { code: 'NOPE', valid: false },
    ]);
    const de = await callSubgraph(svc.url, '{ discountCodeChecks(market: "DE", codes: ["LEGACYONLY"]) { code valid } }');
    expect(de.data.discountCodeChecks).toEqual([{ code: 'LEGACYONLY', valid: false }]);
  });
});
