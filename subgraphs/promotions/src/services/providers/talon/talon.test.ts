/**
 * The `talon` adapter driven through the official talon_one SDK against the local Talon.One simulator
 * (test/fixtures/talon-simulator.ts). Where each simulated shape comes from (Talon.One documentation):
 * - Update customer session V2, PUT /v2/customer_sessions/{customerSessionId}, `dry` query parameter,
 *   IntegrationRequest / NewCustomerSessionV2 / CartItem bodies and the IntegrationStateV2 answer:
 *   https://docs.talon.one/integration-api#tag/Customer-sessions/operation/updateCustomerSessionV2 and the
 *   SDK's model docs https://github.com/talon-one/talon_one.js (docs/IntegrationRequest.md,
 *   docs/NewCustomerSessionV2.md, docs/CartItem.md, docs/IntegrationStateV2.md)
 * - Authorization header `ApiKey-v1 <key>`: https://www.npmjs.com/package/talon_one (README, Integration API example)
 * - Effects and their props (setDiscount, setDiscountPerItem with `position`, acceptCoupon, rejectCoupon with
 *   `rejectionReason`): https://docs.talon.one/docs/dev/integration-api/api-effects and talon_one.js
 *   docs/SetDiscountEffectProps.md, docs/SetDiscountPerItemEffectProps.md, docs/RejectCouponEffectProps.md
 * - Rejection reasons (CouponNotFound … CouponPartOfNotTriggeredCampaign, ProfileRequired):
 *   talon_one.js docs/RejectCouponEffectProps.md and docs/CouponRejectionReason.md
 * - Session states open → closed → cancelled (closing redeems coupons, cancelling gives them back; session
 *   ids such as order numbers): https://docs.talon.one/docs/dev/concepts/entities/customer-sessions
 * - Error bodies: talon_one.js docs/ErrorResponseWithStatus.md ({ message, errors, statusCode });
 *   429 with Retry-After as in RFC 9110 §10.2.3 (the simulator's choice: no Talon.One page shows a 429 body).
 * - Session identifiers (NewCustomerSessionV2.identifiers): "If you create a unique identifier budget for
 *   your campaign, ensure the session contains an identifier by the time you close it" (talon_one.js
 *   docs/NewCustomerSessionV2.md, current version)
 * - States open → closed, open → cancelled, closed → cancelled, closed → partially_returned (only via
 *   Return cart items), partially_returned → cancelled: talon_one.js docs/CustomerSessionV2.md and
 *   https://docs.talon.one/docs/dev/concepts/entities/customer-sessions
 * - Return cart items: POST /v2/customer_sessions/{customerSessionId}/returns, ReturnIntegrationRequest
 *   { return: NewReturn { returnedCartItems: [ReturnedCartItem { position, quantity }] } } (quantity only
 *   with cart item flattening, else the item is returned whole): talon_one.js docs/ReturnIntegrationRequest.md,
 *   docs/NewReturn.md, docs/ReturnedCartItem.md
 * Simulator assumptions: closing an already closed session again answers its state (a retried close);
 * a campaign with a unique identifier budget cannot apply its coupon to a session closed without an
 * identifier (rejectCoupon EffectCouldNotBeApplied).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../../common/log.ts';
import { createMetrics } from '../../../../../../common/metrics.ts';
import { openDatabase, type Db } from '../../../../../../common/storage/index.ts';
import { until } from '../../../../../../test/fixtures/simulator.ts';
import TalonOne from 'talon_one';
import type { z } from 'zod';
import { cartItem, integrationRequest, newCustomerSessionV2 } from '../../../../../../test/fixtures/talon-schemas.ts';
import { TalonSimulator } from '../../../../../../test/fixtures/talon-simulator.ts';
import { quietLog } from '../../../../../../test/support/subgraph.ts';
import { remoteMigrations, RemoteRedemptionRepository } from '../../../data/remoteRepository.ts';
import type { CartInput } from '../../cart.ts';
import { settle } from '../../evaluation.ts';
import { RemoteCallError } from '../remote/call.ts';
import { parseRemoteProviders } from '../remote/config.ts';
import { remoteMetrics } from '../remote/metrics.ts';
import { withTimeBudget } from '../timeBudget.ts';
import { TalonClients } from './client.ts';
import { mapEffects, TALON_REJECTION_REASONS } from './effects.ts';
import { TalonProvider } from './provider.ts';

/** SQLite in memory, or a fresh PostgreSQL schema when TEST_DATABASE_URL is set (npm run test:postgres) */
const testDatabase = (prefix: string) => {
  const url = process.env.TEST_DATABASE_URL;
  return url
    ? { service: 'promotions', url, schema: `t_${prefix}_${randomBytes(6).toString('hex')}`, migrations: remoteMigrations }
    : { service: 'promotions', file: ':memory:', migrations: remoteMigrations };
};
const sim = new TalonSimulator();
let db: Db;
let talon: TalonProvider;
let metrics: ReturnType<typeof createMetrics>;
let counters: ReturnType<typeof remoteMetrics>;
const FR_KEY = 'fr-application-key-0001';
const JP_KEY = 'jp-application-key-0001';
const ctx = (ms = 2000) => ({ now: new Date('2026-11-01T10:00:00Z'), signal: AbortSignal.timeout(ms), log: quietLog });
const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'c1',
  market: 'FR',
  channel: 'web',
  currencyCode: 'EUR',
  discountCodes: [],
  lines: [
    { id: 'L1', sku: 'SKU-1001', quantity: 2, unitPriceMinor: 1999 },
    { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 },
  ],
  ...over,
});

beforeAll(async () => {
  await sim.start();
  db = await openDatabase(testDatabase('talon'));
});
afterAll(async () => {
  await talon?.close();
  await sim.stop();
  await db.close();
});
beforeEach(() => {
  sim.applications.length = 0;
  sim.sessions.clear();
  sim.requests.length = 0;
  sim.server.clearFaults();
  sim.server.delayMs = 0;
  sim.addApplication({
    id: 1,
    apiKey: FR_KEY,
    currency: 'EUR',
    campaigns: [
      { id: 11, name: '10% off SKU-1001', skus: ['SKU-1001'], effect: { type: 'percentOffItems', percent: 10 } },
      { id: 12, name: 'Summer 5', coupon: { code: 'SUMMER5' }, minSubtotal: 30, effect: { type: 'amountOffCart', amount: 5 } },
      { id: 13, name: 'Big spender', coupon: { code: 'BIG' }, minSubtotal: 500, effect: { type: 'amountOffCart', amount: 50 } },
      { id: 14, name: 'Shoes', coupon: { code: 'SHOES' }, skus: ['SKU-1040'], effect: { type: 'percentOffItems', percent: 20 } },
      { id: 15, name: 'Once', coupon: { code: 'ONCE', limit: 1, used: 0 }, effect: { type: 'percentOffCart', percent: 10 } },
      { id: 16, name: 'Old', coupon: { code: 'OLD', expiryDate: '2026-01-01T00:00:00Z' }, effect: { type: 'amountOffCart', amount: 1 } },
      { id: 17, name: 'Later', coupon: { code: 'LATER', startDate: '2030-01-01T00:00:00Z' }, effect: { type: 'amountOffCart', amount: 1 } },
    ],
  });
  sim.addApplication({ id: 2, apiKey: JP_KEY, currency: 'JPY', campaigns: [{ id: 21, name: '3% off', effect: { type: 'percentOffCart', percent: 3 } }] });
  const config = parseRemoteProviders({
    talon: { baseUrl: sim.server.url, applications: { FR: { apiKey: FR_KEY }, JP: { apiKey: JP_KEY } }, categories: { 'SKU-1001': 'shoes' }, timeoutMs: 1000, retryBaseMs: 5 },
  }).talon!;
  metrics = createMetrics('promotions');
  counters = remoteMetrics(metrics);
  talon = new TalonProvider(config, new TalonClients(config), { redemptions: new RemoteRedemptionRepository(db), metrics: counters, log: quietLog });
});
afterEach(async () => {
  await talon.close();
});

describe('talon evaluate', () => {
  it('sends a dry session update with the cart items and codes, and maps the effects', async () => {
    const c = cart({ discountCodes: ['summer5', 'BIG', 'NOPE'] });
    const e = await talon.evaluate(c, ctx());
    const req = sim.requests.at(-1)!;
    expect(req.method).toBe('PUT');
    expect(req.path).toBe('/v2/customer_sessions/cart-c1');
    expect(req.query.get('dry')).toBe('true');
    expect(req.headers.authorization).toBe(`ApiKey-v1 ${FR_KEY}`);
    expect(req.body.customerSession).toEqual({
      profileId: '',
      identifiers: ['cart:c1'],
      couponCodes: ['summer5', 'BIG', 'NOPE'],
      cartItems: [
        { name: 'SKU-1001', sku: 'SKU-1001', quantity: 2, price: 19.99, category: 'shoes' },
        { name: 'SKU-1002', sku: 'SKU-1002', quantity: 1, price: 10 },
      ],
    });
    expect(e.discounts).toEqual([]);
    expect(e.discountCodes).toEqual([{ code: 'summer5', name: 'Summer 5', campaignId: 'talon-12', amountMinor: 500 }]);
    // 10% of 2 × 19.99 = 3.998 → 4.00 (half-even at the cent)
    expect(e.lineItemPromotions).toEqual([{ lineId: 'L1', discounts: [{ campaignId: 'talon-11', name: '10% off SKU-1001 #0', amountMinor: 400 }], discountCodes: [] }]);
    expect(e.nonApplicableDiscountCodes).toEqual([{ code: 'BIG', reason: 'MIN_SUBTOTAL_NOT_REACHED', message: expect.any(String) }]); // NOPE: CouponNotFound → invalid, not listed
    expect(settle(c, 'talon', e).totalMinor).toBe(2 * 1999 + 1000 - 400 - 500);
  });

  it('maps every rejection to our reasons', async () => {
    sim.applications[0].campaigns.find((x) => x.id === 15)!.coupon!.used = 1;
    const e = await talon.evaluate(cart({ discountCodes: ['SHOES', 'ONCE', 'OLD', 'LATER'] }), ctx());
    expect(Object.fromEntries(e.nonApplicableDiscountCodes.map((n) => [n.code, n.reason]))).toEqual({
      SHOES: 'NO_QUALIFYING_ITEMS',
      ONCE: 'USAGE_LIMIT_REACHED',
      OLD: 'EXPIRED',
      LATER: 'NOT_YET_VALID',
    });
    // the table covers every documented reason and only our fixed list
    const documented = ['CouponNotFound', 'CouponPartOfNotRunningCampaign', 'CouponLimitReached', 'CampaignLimitReached', 'ProfileLimitReached', 'CouponRecipientDoesNotMatch', 'CouponExpired', 'CouponStartDateInFuture', 'CouponRejectedByCondition', 'EffectCouldNotBeApplied', 'CouponPartOfNotTriggeredCampaign', 'CouponReservationRequired', 'ProfileRequired'];
    expect(Object.keys(TALON_REJECTION_REASONS).sort()).toEqual([...documented].sort());
    for (const reason of documented) {
      const mapped = mapEffects(cart({ discountCodes: ['X'] }), { effects: [{ campaignId: 1, effectType: 'rejectCoupon', props: { value: 'x', rejectionReason: reason } }] }, () => undefined);
      if (reason === 'CouponNotFound') expect(mapped.unknownCodes).toEqual(['X']);
      else expect(mapped.evaluation.nonApplicableDiscountCodes.map((n) => n.reason)).toEqual([expect.stringMatching(/^(MIN_SUBTOTAL_NOT_REACHED|NO_QUALIFYING_ITEMS|NOT_YET_VALID|EXPIRED|USAGE_LIMIT_REACHED|NOT_COMBINABLE)$/)]);
    }
  });

  it('ignores and counts unknown effect types', async () => {
    sim.applications[0].campaigns.push({ id: 18, name: 'Notify', effect: { type: 'other', effectType: 'showNotification', props: { title: 'hi', body: 'x' } } });
    sim.applications[0].campaigns.push({ id: 19, name: 'Future', effect: { type: 'other', effectType: 'setTeleportDiscount', props: { value: 3 } } });
    const e = await talon.evaluate(cart(), ctx());
    expect(e.lineItemPromotions).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('promotions_remote_unknown_effects_total{provider="talon",effect="showNotification",service="promotions"} 1');
    expect(text).toContain('effect="setTeleportDiscount"');
  });

  it('converts money exactly in JPY (no decimals)', async () => {
    const e = await talon.evaluate(cart({ market: 'JP', currencyCode: 'JPY', lines: [{ id: 'J1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1999 }] }), ctx());
    expect(sim.requests.at(-1)!.body.customerSession.cartItems[0].price).toBe(1999);
    expect(e.discounts).toEqual([{ campaignId: 'talon-21', name: '3% off', amountMinor: 180 }]); // 3% of 5997 = 179.91 → 180
  });

  it('refuses a staff preview of a future instant (Talon.One evaluates at its own now)', async () => {
    await expect(talon.evaluate(cart(), { ...ctx(), preview: true })).rejects.toThrow(/previews/);
    expect(sim.requests).toHaveLength(0);
  });

  it('sends the cart\'s customer as the profile', async () => {
    await talon.evaluate(cart({ customerId: 'cust-42' }), ctx());
    expect(sim.requests.at(-1)!.body.customerSession.profileId).toBe('cust-42');
  });

  it('sends only lines with a quantity; positions index the items sent', async () => {
    const e = await talon.evaluate(cart({ lines: [{ id: 'L0', sku: 'SKU-1009', quantity: 0, unitPriceMinor: 100 }, { id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 1000 }] }), ctx());
    expect(sim.requests.at(-1)!.body.customerSession.cartItems.map((i: { sku: string }) => i.sku)).toEqual(['SKU-1001']);
    expect(e.lineItemPromotions).toEqual([expect.objectContaining({ lineId: 'L1' })]);
  });

  it('reuses one keep-alive connection', async () => {
    const before = sim.server.connections;
    for (let i = 0; i < 5; i++) await talon.evaluate(cart(), ctx());
    expect(sim.server.connections - before).toBe(1);
  });
});

describe('talon errors and retries', () => {
  it('401 fails at once (no retry) without the key in the error', async () => {
    sim.server.fail({ status: 401 });
    const err = await talon.evaluate(cart(), ctx()).catch((e) => e);
    expect(err).toBeInstanceOf(RemoteCallError);
    expect(err.status).toBe(401);
    const lines: string[] = [];
    createLogger('promotions', 'info', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) })).warn({ err }, 'promotion provider failed');
    expect(lines.join('')).toContain('"status":401');
    expect(lines.join('')).not.toContain(FR_KEY);
    expect(sim.requests).toHaveLength(1);
  });

  it('429 waits Retry-After and retries; 5xx retries with backoff', async () => {
    sim.server.fail({ status: 429, retryAfter: '0' });
    sim.server.fail({ status: 503 });
    const e = await talon.evaluate(cart(), ctx());
    expect(e.lineItemPromotions).toHaveLength(1);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(await metrics.registry.metrics()).toContain('promotions_remote_retries_total{provider="talon",status="429",service="promotions"} 1');
  });

  it('gives up after the configured attempts, and when Retry-After exceeds what the budget allows', async () => {
    sim.server.fail({ status: 500, times: 3 });
    expect((await talon.evaluate(cart(), ctx()).catch((e) => e)).status).toBe(500);
    expect(sim.requests).toHaveLength(3);
    sim.requests.length = 0;
    sim.server.fail({ status: 429, retryAfter: '30' });
    expect((await talon.evaluate(cart(), ctx()).catch((e) => e)).status).toBe(429);
    expect(sim.requests).toHaveLength(1);
  });

  it('an answer slower than timeoutMs is abandoned and retried', async () => {
    const quick = parseRemoteProviders({ talon: { baseUrl: sim.server.url, applications: { FR: { apiKey: FR_KEY } }, timeoutMs: 200, retryBaseMs: 5 } }).talon!;
    const fast = new TalonProvider(quick, new TalonClients(quick), { redemptions: new RemoteRedemptionRepository(db), metrics: counters, log: quietLog });
    try {
      sim.server.fail({ status: 0, delayMs: 800 });
      const e = await fast.evaluate(cart(), ctx());
      expect(e.lineItemPromotions).toHaveLength(1);
      expect(sim.requests.map((r) => r.status)).toEqual([undefined, 200]);
      expect(await metrics.registry.metrics()).toContain('promotions_remote_retries_total{provider="talon",status="0",service="promotions"} 1');
    } finally {
      await fast.close();
    }
  });

  it('a slow answer is cut by the time budget, and 404 or an unconfigured market fail', async () => {
    sim.server.delayMs = 500;
    await expect(withTimeBudget(50, (signal) => talon.evaluate(cart(), { ...ctx(), signal }))).rejects.toThrow(/time budget/);
    sim.server.delayMs = 0;
    sim.server.fail({ status: 404 });
    expect((await talon.evaluate(cart(), ctx()).catch((e) => e)).status).toBe(404);
    await expect(talon.evaluate(cart({ market: 'DE' }), ctx())).rejects.toThrow(/no Application is configured for market DE/);
  });
});

describe('talon redeem and release', () => {
  it('closes the order\'s session once (idempotent) and cancels it on release', async () => {
    const c = cart({ discountCodes: ['ONCE'] });
    expect(await talon.redeem('o-1', c, 'customer-7', ctx())).toEqual({ ok: true, userErrors: [] });
    const close = sim.requests.at(-1)!;
    expect(close.path).toBe('/v2/customer_sessions/order-o-1');
    expect(close.query.get('dry')).toBe('false');
    expect(close.body.customerSession).toMatchObject({ state: 'closed', profileId: 'customer-7', couponCodes: ['ONCE'], identifiers: ['customer:customer-7'] });
    expect(sim.applications[0].campaigns.find((x) => x.id === 15)!.coupon!.used).toBe(1);
    const count = sim.requests.length;
    expect(await talon.redeem('o-1', c, 'customer-7', ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.requests).toHaveLength(count);
    // the code is used up for another order
    const second = await talon.redeem('o-2', { ...c, id: 'c2' }, null, ctx());
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })]);
    expect(sim.sessions.get('1:order-o-2')!.state).toBe('cancelled');
    await talon.release('o-1', ctx());
    expect(sim.sessions.get('1:order-o-1')!.state).toBe('cancelled');
    expect(sim.requests.at(-1)!.body).toEqual({ customerSession: { state: 'cancelled' } });
    expect(sim.applications[0].campaigns.find((x) => x.id === 15)!.coupon!.used).toBe(0);
    const after = sim.requests.length;
    await talon.release('o-1', ctx());
    await talon.release('never-redeemed', ctx());
    expect(sim.requests).toHaveLength(after);
  });

  it('a close whose answer was lost is sent again and not redeemed twice', async () => {
    sim.server.fail({ status: 0, delayMs: 300 });
    const c = cart({ discountCodes: ['ONCE'] });
    await expect(withTimeBudget(100, (signal) => talon.redeem('o-3', c, null, { ...ctx(), signal }))).rejects.toThrow();
    await until(() => sim.sessions.get('1:order-o-3')?.state === 'closed'); // Talon.One did close it
    expect(await talon.redeem('o-3', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.applications[0].campaigns.find((x) => x.id === 15)!.coupon!.used).toBe(1);
  });
});

describe('talon identifiers, returns and cancellation', () => {
  const PARIS = { type: 'address/v1', data: { name: 'Camille Martin', street: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' } };
  const limited = () => sim.applications[0].campaigns.find((x) => x.id === 12)!;

  it('a session closed with a coupon carries identifiers, so a unique identifier budget holds', async () => {
    limited().identifierLimit = 1;
    const c = cart({ id: 'c-a', discountCodes: ['SUMMER5'], shippingAddress: PARIS });
    expect(await talon.redeem('o-a', c, null, ctx())).toEqual({ ok: true, userErrors: [] });
    const ids: string[] = sim.requests.at(-1)!.body.customerSession.identifiers;
    expect(ids).toEqual([expect.stringMatching(/^address:[0-9a-f]{32}$/)]);
    expect(JSON.stringify(sim.requests.at(-1)!.body)).not.toMatch(/Rivoli|Camille/); // a fingerprint, not the address
    // the same address (written differently) on another guest's cart: the budget of that identifier is used up
    const same = cart({ id: 'c-b', discountCodes: ['SUMMER5'], shippingAddress: { type: 'address/v1', data: { street: '1  RUE DE RIVOLI', postalCode: '75001', city: 'paris', country: 'fr' } } });
    const evaluated = await talon.evaluate(same, ctx());
    expect(evaluated.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'SUMMER5', reason: 'USAGE_LIMIT_REACHED' })]);
    expect((await talon.redeem('o-b', same, null, ctx())).userErrors).toEqual([expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })]);
    // a guest without an address still carries an identifier: the cart
    expect(await talon.redeem('o-c', cart({ id: 'c-c', discountCodes: ['SUMMER5'] }), null, ctx())).toEqual({ ok: true, userErrors: [] });
    expect(sim.requests.at(-1)!.body.customerSession.identifiers).toEqual(['cart:c-c']);
  });

  it('returned items are reported by position; a cancelled order cancels the (partially returned) session', async () => {
    const c = cart({ id: 'c-r', discountCodes: ['ONCE'], lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 3, unitPriceMinor: 1999 }, { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 }] });
    await talon.redeem('o-r', c, 'cust-9', ctx());
    await talon.returnItems('o-r', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    const first = sim.requests.at(-1)!;
    expect([first.method, first.path]).toEqual(['POST', '/v2/customer_sessions/order-o-r/returns']);
    expect(first.body).toEqual({ return: { returnedCartItems: [{ position: 0, quantity: 1 }] } });
    expect(sim.sessions.get('1:order-o-r')).toMatchObject({ state: 'partially_returned', returned: [1, 0] });
    // the rest of SKU-1001 and all of SKU-1002: whole items go without a quantity; beyond what was ordered is not sent
    await talon.returnItems('o-r', [{ sku: 'SKU-1001', quantity: 5 }, { sku: 'SKU-1002', quantity: 1 }, { sku: 'SKU-7', quantity: 1 }], ctx());
    expect(sim.requests.at(-1)!.body).toEqual({ return: { returnedCartItems: [{ position: 0, quantity: 2 }, { position: 1 }] } });
    expect(sim.sessions.get('1:order-o-r')!.returned).toEqual([3, 1]);
    const count = sim.requests.length;
    await talon.returnItems('o-r', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests).toHaveLength(count);
    // cancelled after returns: partially_returned → cancelled, the coupon usable again
    await talon.release('o-r', ctx());
    expect(sim.sessions.get('1:order-o-r')!.state).toBe('cancelled');
    expect(sim.applications[0].campaigns.find((x) => x.id === 15)!.coupon!.used).toBe(0);
    await talon.returnItems('o-r', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    await talon.returnItems('never-redeemed', [{ sku: 'SKU-1001', quantity: 1 }], ctx());
    expect(sim.requests).toHaveLength(count + 1);
  });

  it('returns are retried on 429 (Retry-After) and 5xx, fail on 4xx, and are cut by the time budget', async () => {
    await talon.redeem('o-f', cart({ id: 'c-f' }), null, ctx());
    sim.requests.length = 0;
    sim.server.fail({ status: 429, retryAfter: '0', path: /returns$/ });
    sim.server.fail({ status: 502, path: /returns$/ });
    await talon.returnItems('o-f', [{ sku: 'SKU-1002', quantity: 1 }], ctx());
    expect(sim.requests.map((r) => r.status)).toEqual([429, 502, 200]);
    expect(sim.sessions.get('1:order-o-f')!.returned).toEqual([0, 1]);
    sim.server.fail({ status: 401, path: /returns$/ });
    await expect(talon.returnItems('o-f', [{ sku: 'SKU-1001', quantity: 1 }], ctx())).rejects.toMatchObject({ status: 401 });
    sim.server.delayMs = 500;
    await expect(withTimeBudget(50, (signal) => talon.returnItems('o-f', [{ sku: 'SKU-1001', quantity: 1 }], { ...ctx(), signal }))).rejects.toThrow(/time budget|aborted/);
  });

  it('the simulator\'s schemas know every field of the SDK\'s models (an older version of the same reference)', () => {
    const sdk = TalonOne as unknown as Record<string, { prototype: object }>;
    const shapes: [string, z.ZodObject][] = [['NewCustomerSessionV2', newCustomerSessionV2], ['CartItem', cartItem], ['IntegrationRequest', integrationRequest]];
    for (const [model, schema] of shapes) {
      const known = Object.keys(schema.shape);
      expect(Object.keys(sdk[model].prototype).filter((f) => !known.includes(f)), model).toEqual([]);
    }
  });

  it('the simulator refuses what the reference does not define', async () => {
    const put = (body: unknown, path = '/v2/customer_sessions/s-1') =>
      fetch(`${sim.server.url}${path}?dry=true`, { method: path.endsWith('returns') ? 'POST' : 'PUT', headers: { authorization: `ApiKey-v1 ${FR_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ customerSession: { profileId: '', cartItems: [{ sku: 'A', quantity: 1, price: 1, colour: 'red' }] } })).status).toBe(400);
    expect((await put({ customerSession: { profileId: '', state: 'finished' } })).status).toBe(400);
    expect((await put({ session: {} })).status).toBe(400);
    expect((await put({ customerSession: { cartItems: [{ quantity: 1 }] } })).status).toBe(400); // sku is required
    expect((await put({ customerSession: { profileId: '', identifiers: ['x'] }, responseContent: ['customerSession'] })).status).toBe(200);
    expect((await put({ return: { returnedCartItems: [{ position: 0, amount: 1 }] } }, '/v2/customer_sessions/s-1/returns')).status).toBe(400);
  });
});

describe('talon code checks', () => {
  it('knows the codes of the market\'s Application (CouponNotFound = unknown)', async () => {
    expect(await talon.knownCodes('FR', ['summer5', 'NOPE', 'OLD'], ctx())).toEqual(new Set(['SUMMER5', 'OLD']));
  });
});
