import { describe, expect, it } from 'vitest';
import type { CartInput } from '../cart.ts';
import { evaluateLegacy } from './engine.ts';
import type { LegacyCartDiscount, LegacyDiscountCode } from './model.ts';
import { evaluatePredicate, parsePredicate, PredicateError } from './predicate.ts';

describe('cart predicates', () => {
  it('parses the supported subset', () => {
    expect(parsePredicate('true').clauses).toEqual([]);
    expect(parsePredicate('totalPrice >= "50.00 EUR"').clauses).toEqual([{ kind: 'totalPrice', op: '>=', amount: '50.00', currencyCode: 'EUR' }]);
    expect(parsePredicate('lineItemExists(sku in ("A", "B"))').clauses).toEqual([{ kind: 'lineItemExists', skus: ['A', 'B'] }]);
    expect(
      parsePredicate('totalPrice > "5000 JPY" AND lineItemCount(sku in ("SKU-1")) >= 2 and lineItemExists(sku in ("X"))').clauses,
    ).toEqual([
      { kind: 'totalPrice', op: '>', amount: '5000', currencyCode: 'JPY' },
      { kind: 'lineItemCount', skus: ['SKU-1'], op: '>=', count: 2 },
      { kind: 'lineItemExists', skus: ['X'] },
    ]);
  });

  it.each([
    ['', /Empty predicate/],
    ['totalPrice >= 50', /Expected a money/],
    ['totalPrice >= "50.001 EUR"', /Invalid money/],
    ['totalPrice >= "50 JPY" or lineItemExists(sku in ("A"))', /"or" is not supported/],
    ['lineItemExists(sku in ())', /Expected a SKU string/],
    ['lineItemExists(sku in ("A")', /Expected "\)"/],
    ['lineItemCount(sku in ("A")) >=', /Expected an integer/],
    ['customer.email = "x"', /Unexpected character|Unsupported predicate/],
    ['shippingInfo is defined', /Unsupported predicate/],
    ['totalPrice >= "5 EUR', /Unterminated string/],
  ])('refuses %j', (source, message) => {
    expect(() => parsePredicate(source)).toThrow(PredicateError);
    expect(() => parsePredicate(source)).toThrow(message);
  });

  it('evaluates each clause with its reason', () => {
    const cart = { currencyCode: 'EUR', subtotalMinor: 4999, lines: [{ sku: 'A', quantity: 2 }] };
    expect(evaluatePredicate(parsePredicate('totalPrice >= "49.99 EUR"'), cart)).toEqual({ ok: true });
    expect(evaluatePredicate(parsePredicate('totalPrice >= "50.00 EUR"'), cart)).toMatchObject({ ok: false, reason: 'MIN_SUBTOTAL_NOT_REACHED' });
    expect(evaluatePredicate(parsePredicate('totalPrice >= "1.00 USD"'), cart)).toMatchObject({ ok: false }); // other currency never matches
    expect(evaluatePredicate(parsePredicate('lineItemCount(sku in ("A", "B")) >= 2'), cart)).toEqual({ ok: true });
    expect(evaluatePredicate(parsePredicate('lineItemCount(sku in ("A")) > 2'), cart)).toMatchObject({ ok: false, reason: 'NO_QUALIFYING_ITEMS' });
    expect(evaluatePredicate(parsePredicate('lineItemExists(sku in ("B"))'), cart)).toMatchObject({ ok: false, reason: 'NO_QUALIFYING_ITEMS' });
  });
});

const NOW = new Date('2026-11-01T10:00:00Z');
let seq = 0;
const cd = (over: Partial<LegacyCartDiscount>): LegacyCartDiscount => ({
  id: `cd${++seq}`,
  market: 'DE',
  name: `CD ${seq}`,
  sortOrder: '0.5',
  stackingMode: 'Stacking',
  predicate: 'true',
  value: { type: 'relative', percent: 10 },
  target: { type: 'cart' },
  requiresDiscountCode: false,
  isActive: true,
  validFrom: null,
  validUntil: null,
  createdAt: '2020-01-01T00:00:00.000Z',
  ...over,
});
const code = (c: string, ids: string[], over: Partial<LegacyDiscountCode> = {}): LegacyDiscountCode => ({
  market: 'DE', code: c, cartDiscountIds: ids, isActive: true, validFrom: null, validUntil: null, maxApplications: null, applications: 0, ...over,
});
const cart = (codes: string[] = [], lines: [string, number, number][] = [['A', 1, 4000], ['B', 2, 1000]]): CartInput => ({
  id: 'c1', market: 'DE', channel: 'web', currencyCode: 'EUR', discountCodes: codes,
  lines: lines.map(([sku, quantity, unitPriceMinor], i) => ({ id: `L${i + 1}`, sku, quantity, unitPriceMinor })),
});

describe('legacy engine', () => {
  it('applies by sortOrder, highest first, each on what the earlier left', () => {
    // 0.85 < 0.9: the absolute 10.00 runs first, then 50% of the rest (60.00 − 10.00 = 50.00 → 25.00)
    const pct = cd({ sortOrder: '0.85', value: { type: 'relative', percent: 50 } });
    const abs = cd({ sortOrder: '0.9', value: { type: 'absolute', amount: '10.00' } });
    const { evaluation } = evaluateLegacy({ cart: cart(), now: NOW, cartDiscounts: [pct, abs], codes: [] });
    expect(evaluation.discounts.map((d) => [d.campaignId, d.amountMinor])).toEqual([[abs.id, 1000], [pct.id, 2500]]);
  });

  it('StopAfterThisDiscount ends the evaluation; codes below it are NOT_COMBINABLE', () => {
    const stop = cd({ sortOrder: '0.7', stackingMode: 'StopAfterThisDiscount', value: { type: 'relative', percent: 5 } });
    const above = cd({ sortOrder: '0.8', value: { type: 'absolute', amount: '1.00' } });
    const below = cd({ sortOrder: '0.6' });
    const coded = cd({ sortOrder: '0.3', requiresDiscountCode: true });
    const { evaluation } = evaluateLegacy({ cart: cart(['LATE']), now: NOW, cartDiscounts: [below, stop, coded, above], codes: [code('LATE', [coded.id])] });
    expect(evaluation.discounts.map((d) => d.campaignId)).toEqual([above.id, stop.id]);
    expect(evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'LATE', reason: 'NOT_COMBINABLE' })]);
    // a StopAfterThisDiscount whose predicate fails stops nothing
    const notMatching = cd({ sortOrder: '0.75', stackingMode: 'StopAfterThisDiscount', predicate: 'totalPrice >= "999.00 EUR"' });
    const r2 = evaluateLegacy({ cart: cart(), now: NOW, cartDiscounts: [notMatching, below], codes: [] });
    expect(r2.evaluation.discounts.map((d) => d.campaignId)).toEqual([below.id]);
  });

  it('targets line items: relative per line, absolute per unit', () => {
    const rel = cd({ sortOrder: '0.9', value: { type: 'relative', percent: 15 }, target: { type: 'lineItems', skus: ['A'] } });
    const abs = cd({ sortOrder: '0.8', value: { type: 'absolute', amount: '2.50' }, target: { type: 'lineItems', skus: ['B'] } });
    const { evaluation } = evaluateLegacy({ cart: cart(['X']), now: NOW, cartDiscounts: [rel, abs], codes: [] });
    expect(evaluation.discounts).toEqual([]);
    expect(evaluation.lineItemPromotions).toEqual([
      { lineId: 'L1', discounts: [{ campaignId: rel.id, name: rel.name, amountMinor: 600 }], discountCodes: [] },
      { lineId: 'L2', discounts: [{ campaignId: abs.id, name: abs.name, amountMinor: 500 }], discountCodes: [] },
    ]);
    expect(evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'X', reason: 'EXPIRED' })]);
  });

  it('codes: applied, or non-applicable with a reason from the fixed list', () => {
    const min = cd({ sortOrder: '0.9', requiresDiscountCode: true, predicate: 'totalPrice >= "100.00 EUR"' });
    const sku = cd({ sortOrder: '0.8', requiresDiscountCode: true, predicate: 'lineItemExists(sku in ("Z"))' });
    const future = cd({ sortOrder: '0.7', requiresDiscountCode: true, validFrom: '2030-01-01T00:00:00.000Z' });
    const ok = cd({ sortOrder: '0.6', requiresDiscountCode: true, value: { type: 'absolute', amount: '5.00' } });
    const codes = [
      code('MIN', [min.id]), code('SKU', [sku.id]), code('FUTURE', [future.id]), code('OK', [ok.id]),
      code('USED', [ok.id], { maxApplications: 1, applications: 1 }), code('OLD', [ok.id], { validUntil: '2026-01-01T00:00:00.000Z' }),
    ];
    const entered = ['min', 'SKU', 'FUTURE', 'ok', 'USED', 'OLD', 'NOPE'];
    const { evaluation, applied } = evaluateLegacy({ cart: cart(entered), now: NOW, cartDiscounts: [min, sku, future, ok], codes });
    expect(evaluation.discountCodes).toEqual([{ code: 'ok', name: ok.name, amountMinor: 500, campaignId: ok.id }]);
    expect(applied).toEqual([{ cartDiscountId: ok.id, code: 'OK', amountMinor: 500 }]);
    expect(evaluation.nonApplicableDiscountCodes.map((n) => [n.code, n.reason])).toEqual([
      ['min', 'MIN_SUBTOTAL_NOT_REACHED'],
      ['SKU', 'NO_QUALIFYING_ITEMS'],
      ['FUTURE', 'NOT_YET_VALID'],
      ['USED', 'USAGE_LIMIT_REACHED'],
      ['OLD', 'EXPIRED'],
      ['NOPE', 'EXPIRED'],
    ]);
  });

  it('a valid code on an empty cart is non-applicable, not invalid', () => {
    const d = cd({ requiresDiscountCode: true });
    const { evaluation } = evaluateLegacy({ cart: cart(['C'], []), now: NOW, cartDiscounts: [d], codes: [code('C', [d.id])] });
    expect(evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'C', reason: 'NO_QUALIFYING_ITEMS' })]);
  });

  it('ignores inactive or out-of-window automatic discounts and other markets', () => {
    const r = evaluateLegacy({
      cart: cart(),
      now: NOW,
      cartDiscounts: [cd({ isActive: false }), cd({ validUntil: '2026-01-01T00:00:00.000Z' }), cd({ market: 'FR' }), cd({ predicate: 'garbage(' })],
      codes: [],
    });
    expect(r.evaluation.discounts).toEqual([]);
  });
});
