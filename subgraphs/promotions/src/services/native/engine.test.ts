import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../common/clock.ts';
import { formatMinor } from '../../../../../common/money.ts';
import type { CampaignRecord } from '../campaign.ts';
import type { CartInput } from '../cart.ts';
import { codeStatuses, presentPromotion, presentTotals, settle } from '../evaluation.ts';
import { evaluateNative, sortInEvaluationOrder } from './engine.ts';
import { byEvaluationOrder } from '../campaign.ts';

const NOW = new Date('2026-11-01T10:00:00.000Z');
let seq = 0;

function campaign(over: Partial<CampaignRecord> & { codes?: string[] } = {}): CampaignRecord & { codes: string[] } {
  seq++;
  return {
    id: over.id ?? `c${String(seq).padStart(3, '0')}`,
    market: 'DE',
    name: over.name ?? `Campaign ${seq}`,
    channels: [],
    priority: 0,
    stacking: 'STACKABLE',
    validFrom: '2020-01-01T00:00:00.000Z',
    validUntil: null,
    couponRequired: (over.codes?.length ?? 0) > 0,
    paused: false,
    conditions: [],
    effect: { type: 'percentOffCart', args: { percent: 10 } },
    maxRedemptions: null,
    maxRedemptionsPerCustomer: null,
    redemptions: 0,
    createdAt: `2026-01-01T00:00:00.${String(seq).padStart(3, '0')}Z`,
    updatedAt: '2026-01-01T00:00:00.000Z',
    codes: [],
    ...over,
  };
}

type L = [sku: string, quantity: number, unitPriceMinor: number];
function cart(lines: L[], over: Partial<CartInput> = {}): CartInput {
  return {
    id: 'cart-1',
    market: 'DE',
    channel: 'web',
    currencyCode: 'EUR',
    discountCodes: [],
    lines: lines.map(([sku, quantity, unitPriceMinor], i) => ({ id: `L${i + 1}`, sku, quantity, unitPriceMinor })),
    ...over,
  };
}

function run(c: CartInput, campaigns: (CampaignRecord & { codes: string[] })[], now = NOW) {
  const codeOwners = new Map<string, string>();
  for (const x of campaigns) for (const code of x.codes) codeOwners.set(code.toUpperCase(), x.id);
  const result = evaluateNative({ cart: c, now, campaigns, codeOwners });
  const settled = settle(c, 'native', result.evaluation);
  const totals = presentTotals(settled);
  return { ...result, settled, totals, promotion: presentPromotion(settled), statuses: Object.fromEntries(codeStatuses(c, result.evaluation)) };
}

interface Scenario {
  name: string;
  cart: CartInput;
  campaigns: (CampaignRecord & { codes: string[] })[];
  /** expected discount and total as decimal strings */
  discount: string;
  total: string;
  codes?: Record<string, string>;
}

const pct = (percent: number) => ({ type: 'percentOffCart', args: { percent } });
const off = (amount: string) => ({ type: 'amountOffCart', args: { amount } });

const scenarios: Scenario[] = [
  { name: 'no campaign', cart: cart([['A', 2, 1999]]), campaigns: [], discount: '0.00', total: '39.98' },
  {
    name: 'percent rounding half-even per line, then summed',
    cart: cart([['A', 1, 5], ['B', 1, 5], ['C', 1, 5], ['D', 1, 1000]]),
    campaigns: [campaign({ effect: pct(10) })],
    discount: '1.00',
    total: '9.15',
  },
  {
    name: 'stacking: priority 10 percent first, then amount on the rest',
    cart: cart([['A', 1, 10000]]),
    campaigns: [campaign({ priority: 10, effect: pct(10) }), campaign({ priority: 5, effect: off('5.00') })],
    discount: '15.00',
    total: '85.00',
  },
  {
    name: 'stacking: the other priority order gives the percent of what is left',
    cart: cart([['A', 1, 10000]]),
    campaigns: [campaign({ priority: 5, effect: pct(10) }), campaign({ priority: 10, effect: off('5.00') })],
    discount: '14.50',
    total: '85.50',
  },
  {
    name: 'same priority: older campaign first',
    cart: cart([['A', 1, 10000]]),
    campaigns: [campaign({ createdAt: '2026-02-01T00:00:00.000Z', effect: pct(10) }), campaign({ createdAt: '2026-01-01T00:00:00.000Z', effect: off('5.00') })],
    discount: '14.50',
    total: '85.50',
  },
  {
    name: 'EXCLUSIVE first: applies alone and ends the evaluation',
    cart: cart([['A', 1, 10000]]),
    campaigns: [campaign({ priority: 10, stacking: 'EXCLUSIVE', effect: pct(20) }), campaign({ priority: 5, effect: pct(10) })],
    discount: '20.00',
    total: '80.00',
  },
  {
    name: 'EXCLUSIVE after something applied: does not apply, its code is NOT_COMBINABLE',
    cart: cart([['A', 1, 10000]], { discountCodes: ['EXCL'] }),
    campaigns: [campaign({ priority: 10, effect: pct(10) }), campaign({ priority: 5, stacking: 'EXCLUSIVE', effect: pct(50), codes: ['EXCL'] })],
    discount: '10.00',
    total: '90.00',
    codes: { EXCL: 'NOT_COMBINABLE' },
  },
  {
    name: 'a code after an EXCLUSIVE one is NOT_COMBINABLE',
    cart: cart([['A', 1, 10000]], { discountCodes: ['LATER'] }),
    campaigns: [campaign({ priority: 10, stacking: 'EXCLUSIVE', effect: pct(20) }), campaign({ priority: 5, effect: off('1.00'), codes: ['LATER'] })],
    discount: '20.00',
    total: '80.00',
    codes: { LATER: 'NOT_COMBINABLE' },
  },
  {
    name: 'amount off prorated: the later percent works on the prorated remainders',
    // 10.00 off 30.00 + 70.00 → 3.00 / 7.00 off; 50% of SKU B's 63.00 = 31.50
    cart: cart([['A', 1, 3000], ['B', 1, 7000]]),
    campaigns: [campaign({ priority: 10, effect: off('10.00') }), campaign({ priority: 5, effect: { type: 'percentOffSkus', args: { percent: 50, skus: ['B'] } } })],
    discount: '41.50',
    total: '58.50',
  },
  {
    name: 'no line below zero: 100% off one line, then a big amount off the cart',
    cart: cart([['A', 1, 2000], ['B', 1, 500]]),
    campaigns: [
      campaign({ priority: 10, effect: { type: 'percentOffSkus', args: { percent: 100, skus: ['A'] } } }),
      campaign({ priority: 5, effect: off('1000.00') }),
    ],
    discount: '25.00',
    total: '0.00',
  },
  {
    name: 'amount off capped at the subtotal',
    cart: cart([['A', 1, 1234]]),
    campaigns: [campaign({ effect: off('50.00') })],
    discount: '12.34',
    total: '0.00',
  },
  {
    name: 'JPY: whole yen, percent per line half-even',
    // 1999 × 3 = 5997; 15% = 899.55 → 900
    cart: cart([['A', 3, 1999]], { currencyCode: 'JPY', market: 'JP' }),
    campaigns: [campaign({ market: 'JP', effect: { type: 'percentOffSkus', args: { percent: 15, skus: ['A'] } } })],
    discount: '900',
    total: '5097',
  },
  {
    name: 'JPY amount off with a code and a minimum subtotal',
    cart: cart([['A', 1, 5000], ['B', 1, 2500]], { currencyCode: 'JPY', market: 'JP', discountCodes: ['jpsale'] }),
    campaigns: [campaign({ market: 'JP', codes: ['JPSALE'], conditions: [{ type: 'minSubtotal', args: { amount: '5000' } }], effect: off('500') })],
    discount: '500',
    total: '7000',
    codes: { JPSALE: 'APPLIED' },
  },
  {
    name: 'campaign of another market never applies',
    cart: cart([['A', 1, 10000]]),
    campaigns: [campaign({ market: 'FR', effect: pct(10) })],
    discount: '0.00',
    total: '100.00',
  },
];

describe('native engine scenarios', () => {
  it.each(scenarios)('$name', (s) => {
    const r = run(s.cart, s.campaigns);
    expect(r.totals.discount.amount).toBe(s.discount);
    expect(r.totals.total.amount).toBe(s.total);
    expect(formatMinor(r.settled.subtotalMinor - r.settled.discountMinor, s.cart.currencyCode)).toBe(s.total);
    if (s.codes) expect(r.statuses).toEqual(s.codes);
    // every entered code is reported exactly once: applied or non-applicable
    const reported = [
      ...r.evaluation.discountCodes.map((d) => d.code),
      ...new Set(r.evaluation.lineItemPromotions.flatMap((li) => li.discountCodes.map((d) => d.code))),
      ...r.evaluation.nonApplicableDiscountCodes.map((n) => n.code),
    ];
    expect(reported.sort()).toEqual([...s.cart.discountCodes].sort());
  });
});

describe('where discounts are reported', () => {
  it('puts cart effects in discounts (automatic) or discountCodes (through a code), SKU effects per line', () => {
    const auto = campaign({ name: 'Auto 10', effect: pct(10) });
    const coded = campaign({ name: 'Coded 5', codes: ['FIVE'], effect: off('5.00') });
    const lineAuto = campaign({ name: 'Tees 20', effect: { type: 'percentOffSkus', args: { percent: 20, skus: ['TEE'] } } });
    const lineCoded = campaign({ name: 'Caps 1', codes: ['CAP1'], effect: { type: 'amountOffSkus', args: { amount: '1.00', skus: ['CAP'] } } });
    const r = run(cart([['TEE', 1, 2000], ['CAP', 2, 1000]], { discountCodes: ['five', 'CAP1'] }), [auto, coded, lineAuto, lineCoded]);
    expect(r.promotion.discounts).toEqual([{ id: auto.id, name: 'Auto 10', amount: { amount: '4.00', currencyCode: 'EUR' } }]);
    expect(r.promotion.discountCodes).toEqual([{ code: 'five', name: 'Coded 5', amount: { amount: '5.00', currencyCode: 'EUR' } }]);
    // in creation order: TEE 20.00 − 2.00 (10%) − 2.50 (half of 5.00 prorated over 18.00/18.00) = 15.50 → 20% = 3.10
    expect(r.promotion.lineItemPromotions).toEqual([
      { lineId: 'L1', discounts: [{ id: lineAuto.id, name: 'Tees 20', amount: { amount: '3.10', currencyCode: 'EUR' } }], discountCodes: [] },
      { lineId: 'L2', discounts: [], discountCodes: [{ code: 'CAP1', name: 'Caps 1', amount: { amount: '2.00', currencyCode: 'EUR' } }] },
    ]);
    expect(r.totals).toMatchObject({
      subtotal: { amount: '40.00', currencyCode: 'EUR' },
      discount: { amount: '14.10', currencyCode: 'EUR' },
      total: { amount: '25.90', currencyCode: 'EUR' },
    });
  });

  it('reports an automatic campaign through its code when the code is entered', () => {
    const c = campaign({ codes: ['AUTO'], couponRequired: false, effect: pct(10) });
    expect(run(cart([['A', 1, 1000]]), [c]).promotion.discounts).toHaveLength(1);
    const withCode = run(cart([['A', 1, 1000]], { discountCodes: ['AUTO'] }), [c]);
    expect(withCode.promotion.discounts).toHaveLength(0);
    expect(withCode.promotion.discountCodes).toEqual([expect.objectContaining({ code: 'AUTO' })]);
  });

  it('applies a campaign offered twice (as automatic and as the owner of a code) once', () => {
    const c = campaign({ codes: ['AUTO'], couponRequired: false, effect: pct(10) });
    const twice = run(cart([['A', 1, 1000]], { discountCodes: ['AUTO'] }), [c, c]);
    expect(twice.totals.discount.amount).toBe('1.00');
    expect(twice.applied).toHaveLength(1);
    expect(run(cart([['A', 1, 1000]]), [c, { ...c }]).totals.discount.amount).toBe('1.00');
  });
});

describe('entered codes', () => {
  const welcome = () => campaign({ name: 'Welcome 10%', codes: ['WELCOME10'], conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }], effect: pct(10) });

  it('applies a code case-insensitively and reports it as entered', () => {
    const r = run(cart([['A', 1, 6000]], { discountCodes: ['welcome10'] }), [welcome()]);
    expect(r.promotion.discountCodes).toEqual([{ code: 'welcome10', name: 'Welcome 10%', amount: { amount: '6.00', currencyCode: 'EUR' } }]);
    expect(r.applied).toEqual([expect.objectContaining({ code: 'WELCOME10', amountMinor: 600 })]);
  });

  it.each([
    ['MIN_SUBTOTAL_NOT_REACHED below the minimum', cart([['A', 1, 4000]], { discountCodes: ['WELCOME10'] }), () => [welcome()], 'MIN_SUBTOTAL_NOT_REACHED'],
    ['MIN_SUBTOTAL_NOT_REACHED on an empty cart', cart([], { discountCodes: ['WELCOME10'] }), () => [welcome()], 'MIN_SUBTOTAL_NOT_REACHED'],
    ['NO_QUALIFYING_ITEMS on an empty cart without conditions', cart([], { discountCodes: ['X10'] }), () => [campaign({ codes: ['X10'] })], 'NO_QUALIFYING_ITEMS'],
    [
      'NO_QUALIFYING_ITEMS when the SKU effect matches no line',
      cart([['A', 1, 1000]], { discountCodes: ['TEE'] }),
      () => [campaign({ codes: ['TEE'], effect: { type: 'percentOffSkus', args: { percent: 10, skus: ['TEE'] } } })],
      'NO_QUALIFYING_ITEMS',
    ],
    [
      'NO_QUALIFYING_ITEMS when skusInCart fails',
      cart([['A', 1, 1000]], { discountCodes: ['SKU'] }),
      () => [campaign({ codes: ['SKU'], conditions: [{ type: 'skusInCart', args: { skus: ['B'] } }] })],
      'NO_QUALIFYING_ITEMS',
    ],
    ['NOT_YET_VALID before validFrom', cart([['A', 1, 1000]], { discountCodes: ['F20'] }), () => [campaign({ codes: ['F20'], validFrom: '2030-01-01T00:00:00.000Z' })], 'NOT_YET_VALID'],
    ['EXPIRED after validUntil', cart([['A', 1, 1000]], { discountCodes: ['OLD'] }), () => [campaign({ codes: ['OLD'], validUntil: '2026-01-01T00:00:00.000Z' })], 'EXPIRED'],
    ['EXPIRED when paused', cart([['A', 1, 1000]], { discountCodes: ['P'] }), () => [campaign({ codes: ['P'], paused: true })], 'EXPIRED'],
    ['USAGE_LIMIT_REACHED when the budget is used up', cart([['A', 1, 1000]], { discountCodes: ['B1'] }), () => [campaign({ codes: ['B1'], maxRedemptions: 3, redemptions: 3 })], 'USAGE_LIMIT_REACHED'],
    ['WRONG_CHANNEL for a campaign of other channels', cart([['A', 1, 1000]], { discountCodes: ['POS'] }), () => [campaign({ codes: ['POS'], channels: ['pos'] })], 'WRONG_CHANNEL'],
    [
      'WRONG_CHANNEL from a channel condition',
      cart([['A', 1, 1000]], { discountCodes: ['K'] }),
      () => [campaign({ codes: ['K'], conditions: [{ type: 'channel', args: { channels: ['kiosk'] } }] })],
      'WRONG_CHANNEL',
    ],
    ['EXPIRED "no longer valid" for a code no campaign owns', cart([['A', 1, 1000]], { discountCodes: ['GONE'] }), () => [], 'EXPIRED'],
  ])('%s', (_, c, campaigns, reason) => {
    const r = run(c, campaigns());
    expect(r.evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: c.discountCodes[0], reason })]);
    expect(r.evaluation.nonApplicableDiscountCodes[0].message.length).toBeGreaterThan(10);
    expect(r.totals.discount.amount).toBe('0.00');
  });

  it('says a deleted campaign\'s code is no longer valid', () => {
    expect(run(cart([], { discountCodes: ['GONE'] }), []).evaluation.nonApplicableDiscountCodes).toEqual([
      { code: 'GONE', reason: 'EXPIRED', message: 'This code is no longer valid.' },
    ]);
  });

  it('expires exactly at validUntil (ManualClock at the boundary instant)', () => {
    const clock = new ManualClock(new Date('2026-11-30T23:59:59.999Z'));
    const c = campaign({ codes: ['NOV'], validFrom: '2026-11-01T00:00:00.000Z', validUntil: '2026-12-01T00:00:00.000Z' });
    const entered = cart([['A', 1, 1000]], { discountCodes: ['NOV'] });
    expect(run(entered, [c], clock.now()).statuses).toEqual({ NOV: 'APPLIED' });
    clock.advance(1);
    expect(run(entered, [c], clock.now()).statuses).toEqual({ NOV: 'EXPIRED' });
    clock.set('2026-10-31T23:59:59.999Z');
    expect(run(entered, [c], clock.now()).statuses).toEqual({ NOV: 'NOT_YET_VALID' });
    clock.set('2026-11-01T00:00:00.000Z');
    expect(run(entered, [c], clock.now()).statuses).toEqual({ NOV: 'APPLIED' });
  });

  it('applies one code per campaign; a second code of the same campaign is NOT_COMBINABLE', () => {
    const c = campaign({ codes: ['ONE', 'TWO'], effect: off('1.00') });
    const r = run(cart([['A', 1, 1000]], { discountCodes: ['ONE', 'TWO'] }), [c]);
    expect(r.statuses).toEqual({ ONE: 'APPLIED', TWO: 'NOT_COMBINABLE' });
    expect(r.totals.discount.amount).toBe('1.00');
  });

  it('never applies a coupon campaign without its code', () => {
    expect(run(cart([['A', 1, 10000]]), [welcome()]).totals.discount.amount).toBe('0.00');
  });

  it('ignores an automatic campaign whose budget is exhausted', () => {
    expect(run(cart([['A', 1, 10000]]), [campaign({ maxRedemptions: 1, redemptions: 1 })]).totals.discount.amount).toBe('0.00');
  });

  it('treats a campaign with a broken stored rule as not applicable', () => {
    const r = run(cart([['A', 1, 1000]], { discountCodes: ['BROKEN'] }), [campaign({ codes: ['BROKEN'], effect: { type: 'nope', args: {} } })]);
    expect(r.statuses).toEqual({ BROKEN: 'EXPIRED' });
  });
});

describe('firstOrder scenarios (totals to the cent)', () => {
  const first = () => campaign({ name: 'First order 15%', codes: ['HELLO15'], conditions: [{ type: 'firstOrder', args: null }], effect: pct(15), priority: 5 });
  const auto = () => campaign({ name: 'Everyone 5.00 off', effect: off('5.00') });
  const withHistory = (c: CartInput, campaigns: (CampaignRecord & { codes: string[] })[], customerHasOrders: boolean | null) => {
    const codeOwners = new Map<string, string>();
    for (const x of campaigns) for (const code of x.codes) codeOwners.set(code.toUpperCase(), x.id);
    const result = evaluateNative({ cart: c, now: NOW, campaigns, codeOwners, customerHasOrders });
    return { ...result, totals: presentTotals(settle(c, 'native', result.evaluation)) };
  };
  const lines: L[] = [['A', 2, 1999], ['B', 1, 4550]];

  it('a new customer gets the first-order code, stacked before the automatic amount', () => {
    const r = withHistory(cart(lines, { discountCodes: ['hello15'], customerId: 'cus-1' }), [first(), auto()], false);
    // 15% half-even per line: 39.98 → 5.997 → 6.00, 45.50 → 6.825 → 6.82 (to even); then 5.00 off → 17.82 in all
    expect(r.totals).toMatchObject({ subtotal: { amount: '85.48' }, discount: { amount: '17.82' }, total: { amount: '67.66' } });
  });

  it('a returning customer keeps the automatic discount only; the code says why', () => {
    const r = withHistory(cart(lines, { discountCodes: ['hello15'], customerId: 'cus-1' }), [first(), auto()], true);
    expect(r.totals).toMatchObject({ discount: { amount: '5.00' }, total: { amount: '80.48' } });
    expect(r.evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'hello15', reason: 'USAGE_LIMIT_REACHED' })]);
    // a customer limit, like a per-customer budget: a redemption that finds it so refuses the order
    // (orders send only the codes that applied when the order was priced)
    expect(r.exhaustedCodes).toEqual([{ code: 'hello15', perCustomer: true }]);
  });

  it('a per-customer budget used up by this customer refuses the code for them only', () => {
    const once = campaign({ name: 'Once', codes: ['ONCE'], effect: off('3.00'), maxRedemptionsPerCustomer: 1 });
    const c = cart(lines, { discountCodes: ['ONCE'], customerId: 'cus-1' });
    const used = evaluateNative({ cart: c, now: NOW, campaigns: [once], codeOwners: new Map([['ONCE', once.id]]), customerRedemptions: new Map([[once.id, 1]]) });
    expect(used.evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'ONCE', reason: 'USAGE_LIMIT_REACHED' })]);
    expect(used.exhaustedCodes).toEqual([{ code: 'ONCE', perCustomer: true }]);
    const fresh = evaluateNative({ cart: c, now: NOW, campaigns: [once], codeOwners: new Map([['ONCE', once.id]]) });
    expect(presentTotals(settle(c, 'native', fresh.evaluation)).total.amount).toBe('82.48');
  });

  it('a guest cart never qualifies, whatever history is passed', () => {
    const r = withHistory(cart(lines, { discountCodes: ['hello15'] }), [first()], false);
    expect(r.totals).toMatchObject({ discount: { amount: '0.00' }, total: { amount: '85.48' } });
    expect(r.evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'hello15', reason: 'NO_QUALIFYING_ITEMS' })]);
  });
});

describe('evaluation order', () => {
  it('sorts any input as byEvaluationOrder does: sorted, sorted with a few entries after, or shuffled', () => {
    let seed = 11;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const pool = Array.from({ length: 60 }, (_, i) => campaign({ id: `o${String(i).padStart(2, '0')}`, priority: next(5), createdAt: `2026-01-0${1 + next(3)}T00:00:00.000Z` }));
    const expected = [...pool].sort(byEvaluationOrder).map((c) => c.id);
    for (let run = 0; run < 200; run++) {
      const sorted = [...pool].sort(byEvaluationOrder);
      const extra = sorted.splice(0, run % 12).reverse(); // 0 … 11 entries moved to the end, in the wrong order
      const input = run % 5 === 4 ? [...pool].sort(() => next(3) - 1) : [...sorted, ...extra];
      sortInEvaluationOrder(input);
      expect(input.map((c) => c.id)).toEqual(expected);
    }
  });
});
