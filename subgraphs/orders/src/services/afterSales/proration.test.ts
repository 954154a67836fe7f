import { describe, expect, it } from 'vitest';
import { paidParts, paidPerLine, refundForUnits, type PricedOrder } from './proration.ts';

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

const usd = (amount: string) => ({ amount, currencyCode: 'USD' });
type Charges = NonNullable<PricedOrder['charges']>;

describe('paidParts: shipping and tax', () => {
  it('DE (tax included): the lines pay the goods, shipping pays its charge after the shipping discount', () => {
    const charges: Charges = {
      shippingMinor: 490, shippingDiscountMinor: 100, taxIncluded: true, taxStatus: 'CALCULATED',
      taxLines: [{ lineId: 'a', kind: 'ITEM', rate: '19', name: 'VAT 19%', taxableMinor: 2517, taxMinor: 402 }, { lineId: null, kind: 'SHIPPING', rate: '19', name: 'VAT 19%', taxableMinor: 390, taxMinor: 62 }],
    };
    const parts = paidParts({ ...ORDER, totalMinor: ORDER.totalMinor + 390, charges });
    expect(parts.lines.get('a')).toBe(2797 - 280);
    expect(parts.lines.get('b')).toBe(500 - 50);
    expect(parts.shippingMinor).toBe(390);
  });

  it('US (tax added): each line pays its own tax, shipping its charge and tax', () => {
    const order: PricedOrder = {
      currencyCode: 'USD',
      lines: [{ id: 'a', quantity: 2, unitPrice: usd('19.99') }, { id: 'b', quantity: 1, unitPrice: usd('5.00') }],
      promotion: {},
      totalMinor: 3998 + 500 + 695 + 355 + 44 + 62,
      charges: {
        shippingMinor: 695, shippingDiscountMinor: 0, taxIncluded: false, taxStatus: 'CALCULATED',
        taxLines: [
          { lineId: 'a', kind: 'ITEM', rate: '8.875', name: 'NYC', taxableMinor: 3998, taxMinor: 355 },
          { lineId: 'b', kind: 'ITEM', rate: '8.875', name: 'NYC', taxableMinor: 500, taxMinor: 44 },
          { lineId: null, kind: 'SHIPPING', rate: '8.875', name: 'NYC', taxableMinor: 695, taxMinor: 62 },
        ],
      },
    };
    const parts = paidParts(order);
    expect(parts.lines.get('a')).toBe(3998 + 355);
    expect(parts.lines.get('b')).toBe(500 + 44);
    expect(parts.shippingMinor).toBe(695 + 62);
    expect(paidPerLine(order).get('a')).toBe(3998 + 355);
  });

  it('orders from before charges were recorded: no shipping part', () => {
    const parts = paidParts({ ...ORDER, charges: { shippingMinor: 0, shippingDiscountMinor: 0, taxIncluded: false, taxStatus: 'NOT_RECORDED', taxLines: [] } });
    expect(parts.shippingMinor).toBe(0);
    expect([...parts.lines.values()].reduce((x, y) => x + y, 0)).toBe(ORDER.totalMinor);
  });

  it('property: whatever the order and the returns, the parts and every refund add up to what was paid, never more', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const lines = Array.from({ length: 1 + rnd(4) }, (_, i) => ({ id: `l${i}`, quantity: 1 + rnd(5), unitPrice: usd((rnd(10_000) / 100).toFixed(2)) }));
      const goods = lines.reduce((n, l) => n + Math.round(Number(l.unitPrice.amount) * 100) * l.quantity, 0);
      const discount = rnd(3) === 0 ? 0 : rnd(Math.max(1, goods));
      const shipping = rnd(2) ? rnd(2000) : 0;
      const shippingDiscount = rnd(Math.max(1, shipping + 1));
      const included = rnd(2) === 0;
      const taxLines = [
        ...lines.map((l) => ({ lineId: l.id, kind: 'ITEM' as const, rate: '8.875', name: 't', taxableMinor: 0, taxMinor: rnd(500) })),
        { lineId: null, kind: 'SHIPPING' as const, rate: '8.875', name: 't', taxableMinor: 0, taxMinor: rnd(100) },
      ];
      const added = included ? 0 : taxLines.reduce((n, t) => n + t.taxMinor, 0);
      const consistent = rnd(4) !== 0;
      const total = consistent ? goods - discount + Math.max(0, shipping - shippingDiscount) + added : rnd(goods + 1);
      const order: PricedOrder = {
        currencyCode: 'USD',
        lines,
        promotion: { discounts: [{ amount: usd((discount / 100).toFixed(2)) }] },
        totalMinor: total,
        charges: { shippingMinor: shipping, shippingDiscountMinor: Math.min(shipping, shippingDiscount), taxIncluded: included, taxStatus: 'CALCULATED', taxLines },
      };
      const parts = paidParts(order);
      expect([...parts.lines.values()].reduce((x, y) => x + y, 0) + parts.shippingMinor).toBe(total);
      expect([...parts.lines.values(), parts.shippingMinor].every((v) => v >= 0)).toBe(true);
      // return the units in random batches: the line refunds never exceed the line, and everything back refunds exactly the total
      let refunded = 0;
      for (const l of lines) {
        let back = 0;
        while (back < l.quantity) {
          const n = 1 + rnd(l.quantity - back);
          refunded += refundForUnits(parts.lines.get(l.id)!, l.quantity, back, n);
          back += n;
          expect(refunded).toBeLessThanOrEqual(total);
        }
      }
      expect(refunded + parts.shippingMinor).toBe(total);
    }
  });
});
