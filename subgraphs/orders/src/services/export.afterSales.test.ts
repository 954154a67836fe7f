import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, exportView } from './export.ts';
import type { ActionExportRow, OrderExportRow } from './exportSource.ts';

const order: OrderExportRow = {
  id: 'o1', number: '100001', status: 'PARTIALLY_RETURNED', market: 'JP', channel: 'pos', currency_code: 'JPY', cart_id: 'c1',
  lines: JSON.stringify([{ id: 'l1', sku: 'SKU-1002', quantity: 3, unitPrice: { amount: '3800', currencyCode: 'JPY' } }]),
  subtotal_minor: 11400, discount_minor: 500, total_minor: 10900, payment_reference: 'psp-1', payment_amount_minor: 10900, source: 'CART', external_id: null,
  created_at: '2026-11-01T10:00:00.000Z', shipping_minor: null, tax_minor: null, tax_included: null, charges: null,
};

const actions: ActionExportRow[] = [
  { order_id: 'o1', kind: 'FULFIL', actor: 'demo:pos', reason: null, details: JSON.stringify({ lines: [{ lineId: 'l1', sku: 'SKU-1002', quantity: 3 }], location: 'store-1' }), amount_minor: 0, created_at: '2026-11-01T10:01:00.000Z' },
  {
    order_id: 'o1', kind: 'RETURN', actor: 'demo:pos', reason: null, amount_minor: 3633, created_at: '2026-11-02T09:00:00.000Z',
    details: JSON.stringify({ lines: [{ lineId: 'l1', sku: 'SKU-1002', quantity: 1, refundMinor: 3633, reason: 'DAMAGED', disposition: 'WRITTEN_OFF' }], location: null }),
  },
  { order_id: 'o1', kind: 'ADJUST', actor: 'demo:operations', reason: 'the tax was rounded incorrectly', details: JSON.stringify({ adjustmentReason: 'TAX_CORRECTION' }), amount_minor: 1, created_at: '2026-11-03T09:00:00.000Z' },
];

describe('the order export includes after-sales lines', () => {
  it('each action with who, why, amounts in the order currency and its lines', () => {
    const v = exportView(order, actions);
    expect(v.afterSales).toEqual([
      { kind: 'FULFIL', at: '2026-11-01T10:01:00.000Z', actor: 'demo:pos', reason: null, location: 'store-1', amount: '0', lines: [{ lineId: 'l1', sku: 'SKU-1002', quantity: 3 }] },
      {
        kind: 'RETURN', at: '2026-11-02T09:00:00.000Z', actor: 'demo:pos', reason: null, location: null, amount: '3633',
        lines: [{ lineId: 'l1', sku: 'SKU-1002', quantity: 1, refund: '3633', reason: 'DAMAGED', disposition: 'WRITTEN_OFF' }],
      },
      { kind: 'ADJUST', at: '2026-11-03T09:00:00.000Z', actor: 'demo:operations', reason: 'the tax was rounded incorrectly', adjustmentReason: 'TAX_CORRECTION', amount: '1', lines: [] },
    ]);
    expect(exportView(order).afterSales).toEqual([]);
    expect(CSV_COLUMNS).toContain('after_sales');
    expect(csvField(JSON.stringify(v.afterSales))).toMatch(/^"\[/);
  });
});
