import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { formatMinor } from '../../../../common/money.ts';
import type { OrderCharges } from './charges.ts';
import { orderBatches, type ActionExportRow, type OrderExportRow, type ReadOnlyOrders } from './exportSource.ts';
import type { ActionDetails } from './afterSales/afterSales.ts';

export type ExportFormat = 'ndjson' | 'csv';

/** Columns of the CSV export, in order (docs/operations.md). `lines` is the order's lines as JSON. */
export const CSV_COLUMNS = [
  'id', 'number', 'created_at', 'status', 'source', 'channel', 'market', 'currency', 'subtotal', 'discount', 'total',
  'payment_reference', 'payment_amount', 'cart_id', 'external_id', 'line_count', 'units', 'lines', 'after_sales',
  'shipping', 'shipping_method', 'tax', 'tax_included', 'tax_by_rate',
] as const;

/** An after-sales action as exported (cancellation, fulfilment, return, adjustment): amounts as decimal strings. */
function afterSalesView(a: ActionExportRow, currencyCode: string) {
  const d = JSON.parse(a.details) as ActionDetails;
  return {
    kind: a.kind,
    at: a.created_at,
    actor: a.actor,
    reason: a.reason,
    ...(d.adjustmentReason ? { adjustmentReason: d.adjustmentReason } : {}),
    ...(d.location !== undefined ? { location: d.location } : {}),
    amount: formatMinor(Number(a.amount_minor), currencyCode),
    lines: (d.lines ?? []).map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      ...(l.refundMinor !== undefined ? { refund: formatMinor(l.refundMinor, currencyCode) } : {}),
      ...(l.reason ? { reason: l.reason, disposition: l.disposition } : {}),
    })),
  };
}

/** The recorded shipping and tax of an exported order (empty for orders from before they were recorded). */
function chargesView(r: OrderExportRow) {
  const c = r.currency_code;
  const charges = r.charges ? (JSON.parse(r.charges) as OrderCharges) : null;
  return {
    shipping: r.shipping_minor === null ? null : formatMinor(Number(r.shipping_minor), c),
    shippingMethod: charges?.shippingLine ? { code: charges.shippingLine.code, location: charges.shippingLine.location } : null,
    tax: r.tax_minor === null ? null : formatMinor(Number(r.tax_minor), c),
    taxIncluded: r.tax_included === null ? null : Number(r.tax_included) === 1,
    taxLines: (charges?.taxLines ?? []).map((l) => ({ lineId: l.lineId, kind: l.kind, rate: l.rate, name: l.name, taxable: formatMinor(l.taxableMinor, c), tax: formatMinor(l.taxMinor, c) })),
    taxByRate: taxByRate(charges, c),
  };
}

/** "19:12.34;7:0.50": the tax per rate (sums of the lines' tax), for spreadsheets. */
function taxByRate(charges: OrderCharges | null, currencyCode: string): string | null {
  if (!charges?.taxLines.length) return null;
  const sums = new Map<string, number>();
  for (const l of charges.taxLines) sums.set(l.rate, (sums.get(l.rate) ?? 0) + l.taxMinor);
  return [...sums].map(([rate, minor]) => `${rate}:${formatMinor(minor, currencyCode)}`).join(';');
}

/** One order as exported: amounts as decimal strings in the order's currency. */
export function exportView(r: OrderExportRow, actions: ActionExportRow[] = []) {
  const c = r.currency_code;
  const lines = JSON.parse(r.lines) as { id: string; sku: string; quantity: number; unitPrice: { amount: string; currencyCode: string } }[];
  return {
    id: r.id,
    number: r.number,
    createdAt: r.created_at,
    status: r.status,
    source: r.source,
    channel: r.channel,
    market: r.market,
    currencyCode: c,
    totals: { subtotal: formatMinor(Number(r.subtotal_minor), c), discount: formatMinor(Number(r.discount_minor), c), total: formatMinor(Number(r.total_minor), c) },
    charges: chargesView(r),
    payment: r.payment_reference === null && r.payment_amount_minor === null ? null : { reference: r.payment_reference, amount: r.payment_amount_minor === null ? null : formatMinor(Number(r.payment_amount_minor), c) },
    cartId: r.cart_id,
    externalId: r.external_id,
    lines: lines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice.amount })),
    afterSales: actions.map((a) => afterSalesView(a, c)),
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first, not a number) gets a leading apostrophe.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: (string | number | null | undefined)[]) => `${fields.map(csvField).join(',')}\n`;

function csvRow(r: OrderExportRow, actions: ActionExportRow[]): string {
  const v = exportView(r, actions);
  return csvLine([
    v.id, v.number, v.createdAt, v.status, v.source, v.channel, v.market, v.currencyCode, v.totals.subtotal, v.totals.discount, v.totals.total,
    v.payment?.reference, v.payment?.amount, v.cartId, v.externalId, v.lines.length, v.lines.reduce((n, l) => n + l.quantity, 0), JSON.stringify(v.lines),
    v.afterSales.length ? JSON.stringify(v.afterSales) : '',
    v.charges.shipping, v.charges.shippingMethod?.code, v.charges.tax, v.charges.taxIncluded === null ? null : String(v.charges.taxIncluded), v.charges.taxByRate,
  ]);
}

/** Writes a chunk, waiting when the stream's buffer is full (memory stays bounded on slow disks or pipes). */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export interface ExportProgress {
  orders: number;
  batches: number;
  lastCreatedAt: string | null;
}

export interface ExportOptions {
  from: string;
  to: string;
  format: ExportFormat;
  batchSize?: number;
  onProgress?: (p: ExportProgress) => void;
}

/**
 * Streams every order with from ≤ createdAt < to, oldest first, as NDJSON (one order per line) or
 * CSV (header + one row per order), batch by batch from a read-only source: memory holds one batch.
 */
export async function exportOrders(source: ReadOnlyOrders, out: Writable, options: ExportOptions): Promise<ExportProgress> {
  const progress: ExportProgress = { orders: 0, batches: 0, lastCreatedAt: null };
  if (options.format === 'csv') await write(out, csvLine([...CSV_COLUMNS]));
  for await (const rows of orderBatches(source, options.from, options.to, options.batchSize ?? 1000)) {
    const actions = new Map<string, ActionExportRow[]>();
    for (const a of await source.actions(rows.map((r) => r.id))) actions.set(a.order_id, [...(actions.get(a.order_id) ?? []), a]);
    let chunk = '';
    for (const r of rows) {
      const own = actions.get(r.id) ?? [];
      chunk += options.format === 'csv' ? csvRow(r, own) : `${JSON.stringify(exportView(r, own))}\n`;
    }
    await write(out, chunk);
    progress.orders += rows.length;
    progress.batches++;
    progress.lastCreatedAt = rows[rows.length - 1].created_at;
    options.onProgress?.({ ...progress });
  }
  return progress;
}
