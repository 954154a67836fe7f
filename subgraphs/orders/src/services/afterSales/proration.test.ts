import { describe, expect, it } from 'vitest';
import { paidPerLine, refundForUnits, type PricedOrder } from './proration.ts';

const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });
const jpy = (amount: string) => ({ amount, currencyCode: 'JPY' });

/** 3 × 9.99 with a bundle discount of 2.00 on the line, plus WELCOME10 (10 % of 27.97 → 2.80) on the order. */
const ORDER: PricedOrder = {
  currencyCode: 'EUR',
  lines: [
    { id: 'a', quantity: 3, unitPrice: eur('9.99') },
    { id: 'b', quantity: 1, unitPrice: eur('5.00') },
  ],
  promotion: {
    discounts: [],
    discountCodes: [{ code: 'WELCOME10', name: 'Welcome', amount: eur('3.30') }],
    lineItemPromotions: [{ lineId: 'a', discounts: [{ id: 'bundle', name: 'Bundle', amount: eur('2.00') }], discountCodes: [] }],
  },
  totalMinor: 2997 - 200 + 500 - 330,
};

describe('paidPerLine', () => {
  it('subtracts line discounts, prorates order-level ones, and adds up to the total exactly', () => {
    const paid = paidPerLine(ORDER);
    // gross 2797 and 500; 330 prorated 279.9 → 280 and 50.1 → 50
    expect(paid.get('a')).toBe(2797 - 280);
    expect(paid.get('b')).toBe(500 - 50);
    expect([...paid.values()].reduce((x, y) => x + y, 0)).toBe(ORDER.totalMinor);
  });

  it('whole yen in JPY', () => {
    const order: PricedOrder = {
      currencyCode: 'JPY',
      lines: [
        { id: 'a', quantity: 3, unitPrice: jpy('1000') },
        { id: 'b', quantity: 7, unitPrice: jpy('333') },
      ],
      promotion: { discounts: [{ id: 'c', name: 'x', amount: jpy('101') }], discountCodes: [], lineItemPromotions: [] },
      totalMinor: 3000 + 2331 - 101,
    };
    const paid = paidPerLine(order);
    expect(paid.get('a')! + paid.get('b')!).toBe(order.totalMinor);
    expect(Number.isInteger(paid.get('a'))).toBe(true);
  });

  it('an order whose total is not the net of its lines (an imported sale) prorates what was paid', () => {
    const order: PricedOrder = { currencyCode: 'EUR', lines: [{ id: 'a', quantity: 1, unitPrice: eur('10.00') }, { id: 'b', quantity: 1, unitPrice: eur('10.00') }], promotion: {}, totalMinor: 1501 };
    const paid = paidPerLine(order);
    expect(paid.get('a')! + paid.get('b')!).toBe(1501);
  });
});

describe('refundForUnits', () => {
  it('returning every unit, in any split, refunds exactly what the line cost', () => {
    for (const paid of [2517, 1, 0, 10_000, 99_999]) {
      for (const quantity of [1, 2, 3, 7]) {
        for (let first = 0; first <= quantity; first++) {
          const total = refundForUnits(paid, quantity, 0, first) + refundForUnits(paid, quantity, first, quantity - first);
          expect(total).toBe(paid);
        }
        let oneByOne = 0;
        for (let k = 0; k < quantity; k++) oneByOne += refundForUnits(paid, quantity, k, 1);
        expect(oneByOne).toBe(paid);
      }
    }
  });

  it('rounds each unit share half-even', () => {
    // 10.01 over 2 units: 5.005 → 5.00 (even), the second unit 5.01
    expect(refundForUnits(1001, 2, 0, 1)).toBe(500);
    expect(refundForUnits(1001, 2, 1, 1)).toBe(501);
    // 10.03 over 2: 5.015 → 5.02 (even)
    expect(refundForUnits(1003, 2, 0, 1)).toBe(502);
  });

  it('nothing for nothing', () => {
    expect(refundForUnits(1000, 3, 0, 0)).toBe(0);
  });
});
