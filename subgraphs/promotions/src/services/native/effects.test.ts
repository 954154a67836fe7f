import { describe, expect, it } from 'vitest';
import { effectPercent, validateRule } from './catalogue.ts';
import { amountOffCart } from './effects/amountOffCart.ts';
import { amountOffSkus } from './effects/amountOffSkus.ts';
import { percentOffCart } from './effects/percentOffCart.ts';
import { percentOffSkus } from './effects/percentOffSkus.ts';
import { applyById, full, ruleCart } from './testCarts.ts';

const EUR = { currencyCode: 'EUR' };

describe('percentOffCart', () => {
  it('rounds half-even per line', () => {
    // 0.05 → 0.005 → 0 (half-even) three times; 10.00 → 1.00. Whole-cart rounding would give 1.02.
    const cart = ruleCart([['A', 1, 5], ['B', 1, 5], ['C', 1, 5], ['D', 1, 1000]]);
    const parts = applyById(percentOffCart, percentOffCart.args.parse({ percent: 10 }), cart, full(cart));
    expect([...parts.values()]).toEqual([0, 0, 0, 100]);
    // 0.15 → 1.5 → 2; 0.25 → 2.5 → 2
    const cart2 = ruleCart([['A', 1, 15], ['B', 1, 25]]);
    expect([...applyById(percentOffCart, { percent: 10 }, cart2, full(cart2)).values()]).toEqual([2, 2]);
  });

  it('works on what earlier campaigns left', () => {
    const cart = ruleCart([['A', 1, 1000]]);
    expect(applyById(percentOffCart, { percent: 50 }, cart, new Map([['L1', 300]])).get('L1')).toBe(150);
  });

  it('needs 0 < percent ≤ 100 and reports it for compliance', () => {
    expect(validateRule('effect', { type: 'percentOffCart', args: { percent: 0 } }, 'effect', EUR)[0]).toMatchObject({
      code: 'INVALID_RULE_ARGS',
      field: 'effect.args.percent',
    });
    expect(validateRule('effect', { type: 'percentOffCart', args: { percent: 100.5 } }, 'effect', EUR)).toHaveLength(1);
    expect(validateRule('effect', { type: 'percentOffCart', args: { percent: '10' } }, 'effect', EUR)).toHaveLength(1);
    expect(validateRule('effect', { type: 'percentOffCart', args: { percent: 100 } }, 'effect', EUR)).toEqual([]);
    expect(effectPercent({ type: 'percentOffCart', args: { percent: 12.5 } })).toBe(12.5);
  });
});

describe('amountOffCart', () => {
  it('prorates over lines so the parts add up exactly', () => {
    const cart = ruleCart([['A', 1, 333], ['B', 1, 333], ['C', 1, 334]]);
    const parts = applyById(amountOffCart, amountOffCart.args.parse({ amount: '1.00' }), cart, full(cart));
    expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(100);
    expect([...parts.values()]).toEqual([33, 33, 34]);
  });

  it('is capped at the remaining subtotal', () => {
    const cart = ruleCart([['A', 2, 500]]);
    expect(applyById(amountOffCart, { amount: '25.00' }, cart, full(cart)).get('L1')).toBe(1000);
    expect(applyById(amountOffCart, { amount: '25.00' }, cart, new Map([['L1', 0]])).get('L1')).toBe(0);
  });

  it('needs a positive amount in the currency', () => {
    expect(validateRule('effect', { type: 'amountOffCart', args: { amount: '0' } }, 'effect', EUR)[0]).toMatchObject({ field: 'effect.args.amount' });
    expect(validateRule('effect', { type: 'amountOffCart', args: { amount: '5.001' } }, 'effect', EUR)[0]).toMatchObject({ field: 'effect.args.amount' });
    expect(validateRule('effect', { type: 'amountOffCart', args: { amount: '5.5' } }, 'effect', { currencyCode: 'JPY' })).toHaveLength(1);
    expect(effectPercent({ type: 'amountOffCart', args: { amount: '5.00' } })).toBeNull();
  });
});

describe('percentOffSkus', () => {
  it('discounts only the named SKUs, half-even per line', () => {
    const cart = ruleCart([['A', 3, 333], ['B', 1, 1000]]);
    const parts = applyById(percentOffSkus, percentOffSkus.args.parse({ percent: 15, skus: ['A'] }), cart, full(cart));
    expect(parts.get('L1')).toBe(150); // 9.99 × 15% = 1.4985 → 1.50
    expect(parts.get('L2')).toBe(0);
  });

  it('validates percent and skus', () => {
    const errors = validateRule('effect', { type: 'percentOffSkus', args: { percent: 120, skus: [] } }, 'effect', EUR);
    expect(errors.map((e) => e.field).sort()).toEqual(['effect.args.percent', 'effect.args.skus']);
  });
});

describe('amountOffSkus', () => {
  it('takes the amount off every unit, never more than the line', () => {
    const cart = ruleCart([['A', 3, 400], ['B', 1, 150], ['C', 1, 1000]]);
    const parts = applyById(amountOffSkus, amountOffSkus.args.parse({ amount: '2.00', skus: ['A', 'B'] }), cart, full(cart));
    expect(parts.get('L1')).toBe(600);
    expect(parts.get('L2')).toBe(150);
    expect(parts.get('L3')).toBe(0);
  });

  it('validates amount and skus', () => {
    expect(validateRule('effect', { type: 'amountOffSkus', args: { amount: '-1', skus: ['A'] } }, 'effect', EUR)[0]).toMatchObject({ field: 'effect.args.amount' });
    expect(validateRule('effect', { type: 'amountOffSkus', args: { amount: '1.00' } }, 'effect', EUR)[0]).toMatchObject({ field: 'effect.args.skus' });
  });
});
