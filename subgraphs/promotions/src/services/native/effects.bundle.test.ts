import { describe, expect, it } from 'vitest';
import { evaluateNative } from './engine.ts';
import { effectPercent, validateRule } from './catalogue.ts';
import { bundlePrice } from './effects/bundlePrice.ts';
import { buyXGetY } from './effects/buyXGetY.ts';
import { applyById, full, ruleCart } from './testCarts.ts';
import type { CampaignRecord } from '../campaign.ts';

const asObject = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, v]) => v !== 0));
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const EUR = { currencyCode: 'EUR' };
const JPY = { currencyCode: 'JPY' };

describe('bundlePrice', () => {
  const bundle = (args: object) => bundlePrice.args.parse(args);

  it('prices one bundle, most expensive units first, prorated exactly over the lines', () => {
    // 3 units for 50.00 out of A 25.00 ×2, B 10.00 ×1, C 19.99 ×1: chosen A, A, C = 69.99 → saves 19.99
    const cart = ruleCart([['A', 2, 2500], ['B', 1, 1000], ['C', 1, 1999], ['X', 1, 9999]]);
    const parts = applyById(bundlePrice, bundle({ skus: ['A', 'B', 'C'], quantity: 3, price: '50.00' }), cart, full(cart));
    expect(sum(parts)).toBe(1999);
    // weights 5000 / 1999 → 1999×5000/6999 = 1428.06…, 1999×1999/6999 = 570.94… → 1428 + 571
    expect(asObject(parts)).toEqual({ L1: 1428, L3: 571 });
  });

  it('applies as many complete bundles as the cart allows', () => {
    // 5 units of A at 10.00 + 2 of B at 7.50, bundles of 2 for 15.00: A+A, A+A, A+B (B 7.50 is the 6th unit), 7th left out
    const cart = ruleCart([['B', 2, 750], ['A', 5, 1000]]);
    const parts = applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 2, price: '15.00' }), cart, full(cart));
    // savings: 5.00 + 5.00 + 2.50 = 12.50; weights A 5000, B 750
    expect(sum(parts)).toBe(1250);
    expect(asObject(parts)).toEqual({ L1: 163, L2: 1087 }); // 1250×750/5750 = 163.04, 1250×5000/5750 = 1086.96 → 1087
  });

  it('forms no bundle that would cost more than its units, and never a negative discount', () => {
    const cart = ruleCart([['A', 1, 1000], ['B', 1, 400], ['B', 2, 300]]);
    // pairs for 12.00: A+B(4.00) = 14.00 → saves 2.00; B+B (3.00 ×2) = 6.00 → no saving, stops
    const parts = applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 2, price: '12.00' }), cart, full(cart));
    expect(asObject(parts)).toEqual({ L1: 143, L2: 57 }); // 200×1000/1400 = 142.86, 200×400/1400 = 57.14
    const dear = applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 2, price: '99.00' }), cart, full(cart));
    expect(sum(dear)).toBe(0);
  });

  it('gives a cent left over on a remainder tie to the dearer line, whatever the cart order', () => {
    // saving 4.00 - 3.98 = 0.02 over weights 3.00 and 1.00: 0.015 and 0.005, equal remainders
    const cart = ruleCart([['A', 1, 100], ['B', 1, 300]]);
    expect(asObject(applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 2, price: '3.98' }), cart, full(cart)))).toEqual({ L2: 2 });
  });

  it('needs a complete bundle', () => {
    const cart = ruleCart([['A', 2, 1000], ['Z', 5, 1000]]);
    expect(sum(applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 3, price: '1.00' }), cart, full(cart)))).toBe(0);
  });

  it('works in JPY (no minor digits)', () => {
    const cart = ruleCart([['A', 1, 3333], ['B', 2, 1667]], { currencyCode: 'JPY' });
    // 3 units (3333 + 1667 + 1667 = 6667) for ¥5000 → saves ¥1667
    const parts = applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 3, price: '5000' }), cart, full(cart));
    expect(sum(parts)).toBe(1667);
    expect(asObject(parts)).toEqual({ L1: 833, L2: 834 }); // 1667×3333/6667 = 833.37, 1667×3334/6667 = 833.63 → +1
    expect(validateRule('effect', { type: 'bundlePrice', args: { skus: ['A', 'B'], quantity: 3, price: '5000.5' } }, 'effect', JPY)[0]).toMatchObject({
      code: 'INVALID_RULE_ARGS',
      field: 'effect.args.price',
    });
  });

  it('never takes more than earlier campaigns left', () => {
    const cart = ruleCart([['A', 1, 1000], ['B', 1, 1000]]);
    const parts = applyById(bundlePrice, bundle({ skus: ['A', 'B'], quantity: 2, price: '5.00' }), cart, new Map([['L1', 200], ['L2', 1000]]));
    // saves 15.00, but only 2.00 + 10.00 remain of the lines
    expect(asObject(parts)).toEqual({ L1: 200, L2: 1000 });
  });

  it('validates its args, naming the field', () => {
    const v = (args: unknown) => validateRule('effect', { type: 'bundlePrice', args }, 'effect', EUR).map((e) => e.field);
    expect(v({ skus: ['A', 'B'], quantity: 2, price: '10.00' })).toEqual([]);
    expect(v({ skus: ['A', 'B'], quantity: 2, price: '0' })).toEqual([]);
    expect(v({ skus: ['A'], quantity: 2, price: '10.00' })).toEqual(['effect.args.skus']);
    expect(v({ skus: ['A', 'B'], quantity: 1, price: '10.00' })).toEqual(['effect.args.quantity']);
    expect(v({ skus: ['A', 'B'], quantity: 2.5, price: '10.00' })).toEqual(['effect.args.quantity']);
    expect(v({ skus: ['A', 'B'], quantity: 2, price: 10 })).toEqual(['effect.args.price']);
    expect(v({ skus: ['A', 'B'], quantity: 2, price: '10.001' })).toEqual(['effect.args.price']);
    expect(v({ skus: ['A', 'B'], quantity: 2, price: '10.00', extra: 1 })).toEqual(['effect.args.extra']);
    expect(effectPercent({ type: 'bundlePrice', args: { skus: ['A', 'B'], quantity: 2, price: '10.00' } })).toBeNull();
  });
});

describe('buyXGetY', () => {
  const bxgy = (args: object) => buyXGetY.args.parse(args);

  it('buy 1 get 1: in each pair (descending price) the cheaper unit is free', () => {
    const cart = ruleCart([['A', 1, 10000], ['B', 1, 9000], ['C', 1, 1000], ['D', 1, 500]]);
    expect(asObject(applyById(buyXGetY, bxgy({ buy: 1, get: 1 }), cart, full(cart)))).toEqual({ L2: 9000, L4: 500 });
  });

  it('buy 2 get 1 at 50% on some SKUs, whole groups only, half-even per line', () => {
    // qualifying: A 3 × 9.99, B 2 × 4.99 (C excluded) → units 9.99 9.99 9.99 4.99 4.99 → one group of 3: third unit 9.99 at 50%
    const cart = ruleCart([['A', 3, 999], ['B', 2, 499], ['C', 4, 100]]);
    const parts = applyById(buyXGetY, bxgy({ buy: 2, get: 1, skus: ['A', 'B'], percent: 50 }), cart, full(cart));
    expect(asObject(parts)).toEqual({ L1: 500 }); // 4.995 → 5.00 (half-even: 499.5 → 500)
    // 6 units → two groups: [9.99 9.99 | 9.99] [4.99 4.99 | 1.00]
    const cart2 = ruleCart([['A', 3, 999], ['B', 2, 499], ['C', 1, 100]]);
    expect(asObject(applyById(buyXGetY, bxgy({ buy: 2, get: 1, skus: ['A', 'B', 'C'] }), cart2, full(cart2)))).toEqual({ L1: 999, L3: 100 });
  });

  it('several free units on one line are discounted together, capped at what remains', () => {
    const cart = ruleCart([['A', 4, 1250]]);
    expect(asObject(applyById(buyXGetY, bxgy({ buy: 1, get: 1, percent: 33 }), cart, full(cart)))).toEqual({ L1: 825 }); // 33% of 25.00
    expect(applyById(buyXGetY, bxgy({ buy: 1, get: 1 }), cart, new Map([['L1', 700]])).get('L1')).toBe(700);
  });

  it('works in JPY', () => {
    const cart = ruleCart([['A', 1, 1200], ['B', 1, 999]], { currencyCode: 'JPY' });
    expect(asObject(applyById(buyXGetY, bxgy({ buy: 1, get: 1, percent: 15 }), cart, full(cart)))).toEqual({ L2: 150 }); // 149.85 → 150
  });

  it('validates its args and reports its percent for compliance', () => {
    const v = (args: unknown) => validateRule('effect', { type: 'buyXGetY', args }, 'effect', EUR).map((e) => e.field);
    expect(v({ buy: 2, get: 1 })).toEqual([]);
    expect(v({ buy: 0, get: 1 })).toEqual(['effect.args.buy']);
    expect(v({ buy: 1, get: 0 })).toEqual(['effect.args.get']);
    expect(v({ buy: 1, get: 1, skus: [] })).toEqual(['effect.args.skus']);
    expect(v({ buy: 1, get: 1, percent: 101 })).toEqual(['effect.args.percent']);
    expect(effectPercent({ type: 'buyXGetY', args: { buy: 1, get: 1 } })).toBe(100);
    expect(effectPercent({ type: 'buyXGetY', args: { buy: 1, get: 1, percent: 30 } })).toBe(30);
  });
});

describe('in the engine', () => {
  const campaign = (effect: CampaignRecord['effect']): CampaignRecord => ({
    id: 'b1', market: 'DE', name: 'Bundle', channels: [], priority: 0, stacking: 'STACKABLE', validFrom: null, validUntil: null,
    couponRequired: false, paused: false, conditions: [], effect, maxRedemptions: null, maxRedemptionsPerCustomer: null,
    redemptions: 0, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z',
  });

  it('reports a bundle per line in lineItemPromotions', () => {
    const cart = {
      id: 'c', market: 'DE', channel: 'web', currencyCode: 'EUR', discountCodes: [],
      lines: [{ id: 'L1', sku: 'A', quantity: 1, unitPriceMinor: 3000 }, { id: 'L2', sku: 'B', quantity: 1, unitPriceMinor: 2000 }],
    };
    const { evaluation } = evaluateNative({
      cart, now: new Date('2026-01-01T00:00:00Z'), codeOwners: new Map(),
      campaigns: [campaign({ type: 'bundlePrice', args: { skus: ['A', 'B'], quantity: 2, price: '40.00' } })],
    });
    expect(evaluation.discounts).toEqual([]);
    expect(evaluation.lineItemPromotions).toEqual([
      { lineId: 'L1', discounts: [{ campaignId: 'b1', name: 'Bundle', amountMinor: 600 }], discountCodes: [] },
      { lineId: 'L2', discounts: [{ campaignId: 'b1', name: 'Bundle', amountMinor: 400 }], discountCodes: [] },
    ]);
  });
});
