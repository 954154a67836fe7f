import { describe, expect, it } from 'vitest';
import { validateRule } from './catalogue.ts';
import { channel } from './conditions/channel.ts';
import { firstOrder } from './conditions/firstOrder.ts';
import { minQuantity } from './conditions/minQuantity.ts';
import { minSubtotal } from './conditions/minSubtotal.ts';
import { skusInCart } from './conditions/skusInCart.ts';
import type { RuleCart } from './rule.ts';
import { ruleCart as cartOf } from './testCarts.ts';

const ruleCart = (lines: { sku: string; quantity: number; unitPriceMinor: number }[], over: Partial<RuleCart> = {}) =>
  cartOf(lines.map((l): [string, number, number] => [l.sku, l.quantity, l.unitPriceMinor]), over);

const EUR = { currencyCode: 'EUR' };

describe('minSubtotal', () => {
  it('holds from the amount on, and says how much is missing', () => {
    const args = minSubtotal.args.parse({ amount: '50.00' });
    expect(minSubtotal.evaluate(args, ruleCart([{ sku: 'A', quantity: 2, unitPriceMinor: 2500 }]))).toEqual({ ok: true });
    const short = minSubtotal.evaluate(args, ruleCart([{ sku: 'A', quantity: 1, unitPriceMinor: 4999 }]));
    expect(short).toMatchObject({ ok: false, reason: 'MIN_SUBTOTAL_NOT_REACHED' });
    expect(short.ok === false && short.message).toContain('0.01 EUR');
    expect(minSubtotal.evaluate(args, ruleCart([]))).toMatchObject({ ok: false, reason: 'MIN_SUBTOTAL_NOT_REACHED' });
  });

  it('works in JPY (no decimals) and refuses cents there when saved', () => {
    const args = minSubtotal.args.parse({ amount: '5000' });
    expect(minSubtotal.evaluate(args, ruleCart([{ sku: 'A', quantity: 1, unitPriceMinor: 5000 }], { currencyCode: 'JPY' }))).toEqual({ ok: true });
    expect(validateRule('condition', { type: 'minSubtotal', args: { amount: '49.5' } }, 'conditions[0]', { currencyCode: 'JPY' })).toEqual([
      expect.objectContaining({ code: 'INVALID_RULE_ARGS', field: 'conditions[0].args.amount' }),
    ]);
  });

  it('validates its args', () => {
    expect(validateRule('condition', { type: 'minSubtotal', args: { amount: 50 } }, 'conditions[0]', EUR)[0]).toMatchObject({
      code: 'INVALID_RULE_ARGS',
      field: 'conditions[0].args.amount',
    });
    expect(validateRule('condition', { type: 'minSubtotal', args: { amount: '1.00', extra: 1 } }, 'conditions[2]', EUR)[0]).toMatchObject({
      field: 'conditions[2].args.extra',
    });
    expect(validateRule('condition', { type: 'minSubtotal', args: null }, 'conditions[0]', EUR)[0]).toMatchObject({ field: 'conditions[0].args' });
    expect(validateRule('condition', { type: 'minSubtotal', args: { amount: '0.00' } }, 'conditions[0]', EUR)).toEqual([]);
  });
});

describe('minQuantity', () => {
  it('counts units across lines', () => {
    const args = minQuantity.args.parse({ quantity: 3 });
    expect(minQuantity.evaluate(args, ruleCart([{ sku: 'A', quantity: 2, unitPriceMinor: 100 }, { sku: 'B', quantity: 1, unitPriceMinor: 100 }]))).toEqual({ ok: true });
    expect(minQuantity.evaluate(args, ruleCart([{ sku: 'A', quantity: 2, unitPriceMinor: 100 }]))).toMatchObject({
      ok: false,
      reason: 'MIN_SUBTOTAL_NOT_REACHED',
      message: expect.stringContaining('1 more item'),
    });
  });

  it('refuses a quantity below 1', () => {
    expect(validateRule('condition', { type: 'minQuantity', args: { quantity: 0 } }, 'conditions[1]', EUR)[0]).toMatchObject({
      field: 'conditions[1].args.quantity',
    });
    expect(validateRule('condition', { type: 'minQuantity', args: { quantity: 1.5 } }, 'conditions[1]', EUR)).toHaveLength(1);
  });
});

describe('skusInCart', () => {
  const cart = ruleCart([{ sku: 'A', quantity: 1, unitPriceMinor: 100 }, { sku: 'B', quantity: 1, unitPriceMinor: 100 }]);
  it('matches any SKU by default', () => {
    expect(skusInCart.evaluate(skusInCart.args.parse({ skus: ['X', 'B'] }), cart)).toEqual({ ok: true });
    expect(skusInCart.evaluate(skusInCart.args.parse({ skus: ['X'] }), cart)).toMatchObject({ ok: false, reason: 'NO_QUALIFYING_ITEMS' });
  });
  it('matches all SKUs with match: all', () => {
    expect(skusInCart.evaluate(skusInCart.args.parse({ skus: ['A', 'B'], match: 'all' }), cart)).toEqual({ ok: true });
    expect(skusInCart.evaluate(skusInCart.args.parse({ skus: ['A', 'X'], match: 'all' }), cart)).toMatchObject({ ok: false, reason: 'NO_QUALIFYING_ITEMS' });
  });
  it('needs at least one non-empty SKU', () => {
    expect(validateRule('condition', { type: 'skusInCart', args: { skus: [] } }, 'conditions[0]', EUR)[0]).toMatchObject({ field: 'conditions[0].args.skus' });
    expect(validateRule('condition', { type: 'skusInCart', args: { skus: ['A', ''] } }, 'conditions[0]', EUR)[0]).toMatchObject({
      field: 'conditions[0].args.skus[1]',
    });
  });
});

describe('channel', () => {
  it('holds for the listed channels only', () => {
    const args = channel.args.parse({ channels: ['pos', 'kiosk'] });
    expect(channel.evaluate(args, ruleCart([], { channel: 'pos' }))).toEqual({ ok: true });
    expect(channel.evaluate(args, ruleCart([], { channel: 'web' }))).toMatchObject({ ok: false, reason: 'WRONG_CHANNEL' });
  });
  it('needs at least one channel', () => {
    expect(validateRule('condition', { type: 'channel', args: { channels: [] } }, 'conditions[0]', EUR)[0]).toMatchObject({ field: 'conditions[0].args.channels' });
  });
});

describe('the catalogue', () => {
  it('refuses unknown types with UNKNOWN_RULE_TYPE at <field>.type', () => {
    expect(validateRule('condition', { type: 'moonPhase', args: {} }, 'conditions[3]', EUR)).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_RULE_TYPE', field: 'conditions[3].type' }),
    ]);
    expect(validateRule('effect', { type: 'minSubtotal', args: { amount: '1.00' } }, 'effect', EUR)[0]).toMatchObject({
      code: 'UNKNOWN_RULE_TYPE',
      field: 'effect.type',
    });
  });
});

describe('firstOrder', () => {
  const args = firstOrder.args.parse(undefined);
  const lines = [{ sku: 'A', quantity: 1, unitPriceMinor: 1000 }];

  it('holds for a customer without an earlier order', () => {
    expect(firstOrder.evaluate(args, ruleCart(lines, { customerId: 'cus-1', customerHasOrders: false }))).toEqual({ ok: true });
  });

  it('does not hold after an earlier order, or when the history is unknown', () => {
    expect(firstOrder.evaluate(args, ruleCart(lines, { customerId: 'cus-1', customerHasOrders: true }))).toMatchObject({ ok: false, reason: 'USAGE_LIMIT_REACHED' });
    expect(firstOrder.evaluate(args, ruleCart(lines, { customerId: 'cus-1', customerHasOrders: null }))).toMatchObject({ ok: false, reason: 'USAGE_LIMIT_REACHED' });
  });

  it('does not hold for a cart without a customer, and says why', () => {
    const guest = firstOrder.evaluate(args, ruleCart(lines, { customerId: null, customerHasOrders: false }));
    expect(guest).toMatchObject({ ok: false, reason: 'NO_QUALIFYING_ITEMS' });
    expect(guest.ok === false && guest.message).toContain('sign in');
  });

  it('takes no args, and refuses unknown ones naming the field', () => {
    expect(validateRule('condition', { type: 'firstOrder', args: null }, 'conditions[0]', EUR)).toEqual([]);
    expect(validateRule('condition', { type: 'firstOrder', args: {} }, 'conditions[0]', EUR)).toEqual([]);
    expect(validateRule('condition', { type: 'firstOrder', args: { days: 30 } }, 'conditions[0]', EUR)).toEqual([
      expect.objectContaining({ code: 'INVALID_RULE_ARGS', field: 'conditions[0].args.days' }),
    ]);
  });
});
