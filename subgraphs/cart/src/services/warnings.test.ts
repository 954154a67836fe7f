import { describe, expect, it } from 'vitest';
import type { CartView } from './cartView.ts';
import type { Evaluation } from './dependencies.ts';
import { mergeWarnings, observe, snapshotOf, stockState } from './warnings.ts';

const line = (id: string, sku: string, quantity: number, price: number) => ({
  id, sku, quantity, unitPriceMinor: price, currencyCode: 'EUR', attributes: [], stockState: 'OK' as const, market: 'DE', location: null,
});

const evaluation = (discounts: Evaluation['discounts'], appliedCodes: string[] = [], nonApplicable: Evaluation['nonApplicable'] = []): Evaluation => ({
  provider: 'native', status: 'EVALUATED', discounts, appliedCodes, nonApplicable, totalMinor: 0, shipping: null, shippingOptions: [],
});

function cart(overrides: Partial<CartView> = {}): CartView {
  return {
    id: 'c1', version: 3, market: 'DE', channel: 'web', currencyCode: 'EUR', location: null, customerId: null, status: 'ACTIVE', discountCodes: ['WELCOME10'],
    lines: [line('l1', 'SKU-1', 2, 1000)], warnings: [], shippingAddress: null, shippingMethod: null,
    promotionSnapshot: snapshotOf(evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 200 } }, ['WELCOME10'])),
    orderId: null, createdAt: '', updatedAt: '', ...overrides,
  };
}

describe('warnings for changes the customer did not cause', () => {
  it('raises PRICE_CHANGED and takes the new price', () => {
    const same = evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 200 } }, ['WELCOME10']);
    const { cart: next, warnings } = observe(cart(), { prices: new Map([['SKU-1', 1100]]), availability: null, evaluation: same });
    expect(next.lines[0].unitPriceMinor).toBe(1100);
    expect(warnings).toEqual([expect.objectContaining({ code: 'PRICE_CHANGED', lineId: 'l1' })]);
  });

  it('raises nothing when nothing changed', () => {
    const { warnings } = observe(cart(), {
      prices: new Map([['SKU-1', 1000]]),
      availability: new Map([['SKU-1', 50]]),
      evaluation: evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 200 } }, ['WELCOME10']),
    });
    expect(warnings).toEqual([]);
  });

  it('raises DISCOUNT_REMOVED, DISCOUNT_CHANGED and DISCOUNT_CODE_NOT_APPLICABLE', () => {
    const removed = observe(cart(), { prices: null, availability: null, evaluation: evaluation({}, [], [{ code: 'WELCOME10', reason: 'EXPIRED' }]) });
    expect(removed.warnings.map((w) => w.code)).toEqual(['DISCOUNT_REMOVED', 'DISCOUNT_CODE_NOT_APPLICABLE']);
    const changed = observe(cart(), { prices: null, availability: null, evaluation: evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 150 } }, ['WELCOME10']) });
    expect(changed.warnings.map((w) => w.code)).toEqual(['DISCOUNT_CHANGED']);
  });

  it('raises PROMOTIONS_UNAVAILABLE once, and nothing on recovery', () => {
    const down = observe(cart(), { prices: null, availability: null, evaluation: null });
    expect(down.warnings.map((w) => w.code)).toEqual(['PROMOTIONS_UNAVAILABLE']);
    const again = observe(down.cart, { prices: null, availability: null, evaluation: null });
    expect(again.warnings).toEqual([]);
    const back = observe(down.cart, { prices: null, availability: null, evaluation: evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 200 } }, ['WELCOME10']) });
    expect(back.warnings).toEqual([]);
  });

  it('raises LOW_STOCK and OUT_OF_STOCK on transitions only', () => {
    const low = observe(cart(), { prices: null, availability: new Map([['SKU-1', 3]]), evaluation: null });
    expect(low.warnings.filter((w) => w.code !== 'PROMOTIONS_UNAVAILABLE').map((w) => w.code)).toEqual(['LOW_STOCK']);
    const out = observe(low.cart, { prices: null, availability: new Map([['SKU-1', 1]]), evaluation: null });
    expect(out.warnings.map((w) => w.code)).toEqual(['OUT_OF_STOCK']);
    const still = observe(out.cart, { prices: null, availability: new Map([['SKU-1', 1]]), evaluation: null });
    expect(still.warnings).toEqual([]);
    expect(stockState(undefined, 1)).toBe('UNKNOWN');
  });

  it('keeps one warning per code and line, with the newest message', () => {
    let n = 0;
    const first = mergeWarnings([], [{ code: 'PRICE_CHANGED', lineId: 'l1', message: 'a' }], () => `w${++n}`, 't1');
    const second = mergeWarnings(first, [{ code: 'PRICE_CHANGED', lineId: 'l1', message: 'b' }, { code: 'LOW_STOCK', lineId: 'l1', message: 'c' }], () => `w${++n}`, 't2');
    expect(second).toEqual([
      { id: 'w1', code: 'PRICE_CHANGED', lineId: 'l1', message: 'b', createdAt: 't2' },
      { id: 'w2', code: 'LOW_STOCK', lineId: 'l1', message: 'c', createdAt: 't2' },
    ]);
  });

  it('raises SHIPPING_PRICE_CHANGED and SHIPPING_METHOD_UNAVAILABLE for the selected method, once', () => {
    const seen = (priceMinor: number | null): Evaluation => ({
      ...evaluation({ 'code:WELCOME10': { name: 'Welcome', amount: 200 } }, ['WELCOME10']),
      shipping: { code: 'standard', location: null, priceMinor },
    });
    const selected = cart({ shippingMethod: { code: 'standard', location: null }, promotionSnapshot: snapshotOf(seen(490)) });
    const same = observe(selected, { prices: null, availability: null, evaluation: seen(490) });
    expect(same.warnings).toEqual([]);
    const dearer = observe(selected, { prices: null, availability: null, evaluation: seen(590) });
    expect(dearer.warnings).toEqual([expect.objectContaining({ code: 'SHIPPING_PRICE_CHANGED', lineId: null, message: expect.stringContaining('4.90 to 5.90 EUR') })]);
    expect(observe(dearer.cart, { prices: null, availability: null, evaluation: seen(590) }).warnings).toEqual([]);
    const gone = observe(dearer.cart, { prices: null, availability: null, evaluation: seen(null) });
    expect(gone.warnings.map((w) => w.code)).toEqual(['SHIPPING_METHOD_UNAVAILABLE']);
    expect(observe(gone.cart, { prices: null, availability: null, evaluation: seen(null) }).warnings).toEqual([]);
    // promotions unreachable: not a change of shipping, and the last seen price is kept
    const down = observe(dearer.cart, { prices: null, availability: null, evaluation: null });
    expect(down.warnings.map((w) => w.code)).toEqual(['PROMOTIONS_UNAVAILABLE']);
    expect(down.cart.promotionSnapshot?.shipping).toEqual({ code: 'standard', location: null, priceMinor: 590 });
  });
});
