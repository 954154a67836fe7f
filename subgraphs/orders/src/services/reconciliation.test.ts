import { describe, expect, it } from 'vitest';
import { classify, classifyRefunds, extendedWindow, parsePaymentRow, settlementHeader, splitCsvLine, type OrderSide, type PaymentRow, type Period } from './reconciliation.ts';

const period: Period = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', graceMs: 10_000 };
const order = (over: Partial<OrderSide> = {}): OrderSide => ({ id: 'o1', number: '100001', reference: 'psp-1', amountMinor: 1999, currency: 'EUR', createdAt: '2026-11-01T10:00:00.000Z', ...over });
const payment = (over: Partial<PaymentRow> = {}): PaymentRow => ({ line: 2, reference: 'psp-1', amountMinor: 1999, currency: 'EUR', paidAt: '2026-11-01T10:00:01.000Z', ...over });
const categories = (o: OrderSide[], p: PaymentRow[], per = period) => classify(o, p, per).map((e) => [e.category, e.order?.id ?? null, e.payment?.line ?? null, e.note]);

describe('settlement rows', () => {
  it('splits CSV lines with quotes', () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",,d')).toEqual(['a', 'b,c', 'say "hi"', '', 'd']);
  });

  it('finds the columns by name in any order, and names what is missing', () => {
    expect(settlementHeader('\uFEFFPaid_At,Amount,Currency,Fee,Payment_Reference')).toEqual({ paidAt: 0, amount: 1, currency: 2, reference: 4 });
    expect(settlementHeader('reference,amount')).toMatch(/lacks currency, paid_at/);
  });

  it('parses a row to minor units and a UTC instant; says why a row is invalid', () => {
    const index = { reference: 0, amount: 1, currency: 2, paidAt: 3 };
    expect(parsePaymentRow(['psp-1', '19.99', 'eur', '2026-11-01T23:59:58+01:00'], index, 7)).toEqual({ line: 7, reference: 'psp-1', amountMinor: 1999, currency: 'EUR', paidAt: '2026-11-01T22:59:58.000Z' });
    expect(parsePaymentRow(['psp-1', '500', 'JPY', '2026-11-01T10:00:00Z'], index, 8)).toMatchObject({ amountMinor: 500 });
    expect(parsePaymentRow(['', '1', 'EUR', '2026-11-01T10:00:00Z'], index, 9)).toMatch(/payment_reference/);
    expect(parsePaymentRow(['p', '1.234', 'EUR', '2026-11-01T10:00:00Z'], index, 9)).toMatch(/invalid amount/);
    // a negative amount is a refund row; zero is nothing
    expect(parsePaymentRow(['p', '-1.00', 'EUR', '2026-11-01T10:00:00Z'], index, 9)).toMatchObject({ amountMinor: -100 });
    expect(parsePaymentRow(['p', '0.00', 'EUR', '2026-11-01T10:00:00Z'], index, 9)).toMatch(/zero/);
    expect(parsePaymentRow(['p', '1.00', 'EURO', '2026-11-01T10:00:00Z'], index, 9)).toMatch(/currency/);
    expect(parsePaymentRow(['p', '1.00', 'EUR', '2026-11-01 10:00'], index, 9)).toMatch(/paid_at/);
    expect(parsePaymentRow(['p', '1.00', 'EUR', '2026-11-01T10:00:00'], index, 9)).toMatch(/with a zone/);
  });
});

describe('refunds of one payment reference', () => {
  it('are matched like payments, with negative amounts and their own categories', () => {
    const refund = (over: Partial<OrderSide> = {}) => order({ amountMinor: -500, ...over });
    const row = (over: Partial<PaymentRow> = {}) => payment({ amountMinor: -500, ...over });
    const cats = (o: OrderSide[], p: PaymentRow[]) => classifyRefunds(o, p, period).map((e) => e.category);
    expect(cats([refund()], [row()])).toEqual(['REFUND_MATCHED']);
    expect(cats([refund()], [row({ amountMinor: -499 })])).toEqual(['REFUND_AMOUNT_MISMATCH']);
    expect(cats([refund()], [])).toEqual(['REFUND_WITHOUT_SETTLEMENT']);
    expect(cats([], [row(), row({ line: 3 })])).toEqual(['SETTLED_REFUND_WITHOUT_REFUND', 'DUPLICATE_REFUND']);
    // a return refunded in two parts on one payment: each part finds its row
    expect(cats([refund({ id: 'a', amountMinor: -300 }), refund({ id: 'b', amountMinor: -200 })], [row({ amountMinor: -200 }), row({ line: 3, amountMinor: -300 })])).toEqual(['REFUND_MATCHED', 'REFUND_MATCHED']);
  });
});

describe('classification of one payment reference', () => {
  it('matched, amount mismatch (a different currency too), order without payment, payment without order', () => {
    expect(categories([order()], [payment()])).toEqual([['MATCHED', 'o1', 2, null]]);
    expect(categories([order()], [payment({ amountMinor: 1998 })])).toEqual([['AMOUNT_MISMATCH', 'o1', 2, null]]);
    expect(categories([order()], [payment({ currency: 'GBP' })])).toEqual([['AMOUNT_MISMATCH', 'o1', 2, null]]);
    expect(categories([order()], [])).toEqual([['ORDER_WITHOUT_PAYMENT', 'o1', null, null]]);
    expect(categories([], [payment()])).toEqual([['PAYMENT_WITHOUT_ORDER', null, 2, null]]);
  });

  it('duplicate payments: the exact amount matches, every other row is a duplicate', () => {
    expect(categories([order()], [payment({ line: 2, amountMinor: 100 }), payment({ line: 3 }), payment({ line: 4 })])).toEqual([
      ['MATCHED', 'o1', 3, null],
      ['DUPLICATE_PAYMENT', null, 2, null],
      ['DUPLICATE_PAYMENT', null, 4, null],
    ]);
    expect(categories([], [payment({ line: 2 }), payment({ line: 3 })])).toEqual([
      ['PAYMENT_WITHOUT_ORDER', null, 2, null],
      ['DUPLICATE_PAYMENT', null, 3, null],
    ]);
    // two orders paid with one reference: each takes one payment
    expect(categories([order({ id: 'o1' }), order({ id: 'o2', amountMinor: 500 })], [payment({ line: 2, amountMinor: 500 }), payment({ line: 3 })])).toEqual([
      ['MATCHED', 'o1', 3, null],
      ['MATCHED', 'o2', 2, null],
    ]);
  });

  it('matches across the period boundary within the grace (paid 23:59:58, order written 00:00:03)', () => {
    const day1: Period = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', graceMs: 10_000 };
    const day2: Period = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', graceMs: 10_000 };
    const o = order({ createdAt: '2026-11-02T00:00:03.000Z' });
    const p = payment({ paidAt: '2026-11-01T23:59:58.000Z' });
    expect(categories([o], [p], day1)).toEqual([['MATCHED', 'o1', 2, null]]);
    expect(categories([o], [p], day2)).toEqual([['MATCHED', 'o1', 2, null]]);
    // day 2 run with a file that lacks the payment: flagged as near the boundary
    expect(categories([o], [], day2)).toEqual([['ORDER_WITHOUT_PAYMENT', 'o1', null, 'NEAR_PERIOD_BOUNDARY']]);
    // the day 1 run only reads the order because of the grace: alone, it belongs to day 2, not reported
    expect(categories([o], [], day1)).toEqual([]);
    expect(extendedWindow(day1)).toEqual({ from: '2026-10-31T23:59:50.000Z', to: '2026-11-02T00:00:10.000Z' });
  });
});
