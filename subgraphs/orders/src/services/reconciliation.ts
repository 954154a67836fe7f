import { formatMinor, MoneyError, parseMinor } from '../../../../common/money.ts';

/**
 * Payment reconciliation, the pure part (docs/reconciliation.md): reading settlement rows and
 * classifying the orders and payments that share one payment reference.
 */

export const CATEGORIES = [
  'MATCHED', 'ORDER_WITHOUT_PAYMENT', 'PAYMENT_WITHOUT_ORDER', 'AMOUNT_MISMATCH', 'DUPLICATE_PAYMENT', 'INVALID_ROW',
  'REFUND_MATCHED', 'REFUND_WITHOUT_SETTLEMENT', 'SETTLED_REFUND_WITHOUT_REFUND', 'REFUND_AMOUNT_MISMATCH', 'DUPLICATE_REFUND',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Refunds are matched like payments (negative amounts on both sides); their categories have their own names. */
const REFUND_CATEGORY: Partial<Record<Category, Category>> = {
  MATCHED: 'REFUND_MATCHED',
  ORDER_WITHOUT_PAYMENT: 'REFUND_WITHOUT_SETTLEMENT',
  PAYMENT_WITHOUT_ORDER: 'SETTLED_REFUND_WITHOUT_REFUND',
  AMOUNT_MISMATCH: 'REFUND_AMOUNT_MISMATCH',
  DUPLICATE_PAYMENT: 'DUPLICATE_REFUND',
};

/**
 * Classifies the refunds paid out on one payment reference (amounts negative, `createdAt` = when
 * the provider paid them) against the settlement's refund rows (negative amounts) of that reference.
 */
export function classifyRefunds(refunds: OrderSide[], settled: PaymentRow[], p: Period): Entry[] {
  return classify(refunds, settled, p).map((e) => ({ ...e, category: REFUND_CATEGORY[e.category] ?? e.category }));
}

/** Columns of the settlement file (header row required, any order, other columns ignored, names case-insensitive). */
export const SETTLEMENT_COLUMNS = {
  reference: ['payment_reference', 'reference'],
  amount: ['amount'],
  currency: ['currency', 'currency_code'],
  paidAt: ['paid_at'],
} as const;

/** Columns of the CSV report, in order. */
export const REPORT_COLUMNS = [
  'category', 'payment_reference', 'order_id', 'order_number', 'order_amount', 'payment_amount', 'currency', 'order_created_at', 'paid_at', 'settlement_line', 'note',
  'order_shipping', 'order_tax', 'order_tax_included',
] as const;

export interface Period {
  from: string;
  to: string;
  graceMs: number;
}

export interface PaymentRow {
  line: number;
  reference: string;
  amountMinor: number;
  currency: string;
  paidAt: string;
}

export interface OrderSide {
  id: string;
  number: string;
  reference: string;
  amountMinor: number;
  currency: string;
  createdAt: string;
  /** what of the amount was shipping and tax (null: not recorded, orders from before they were) */
  shippingMinor?: number | null;
  taxMinor?: number | null;
  taxIncluded?: boolean | null;
}

export interface Entry {
  category: Category;
  reference: string | null;
  order: OrderSide | null;
  payment: PaymentRow | null;
  /** NEAR_PERIOD_BOUNDARY: unmatched within the grace of a boundary (its other half may be in the neighbouring period's file); or why a row is invalid */
  note: string | null;
}

/** Splits one CSV line (RFC 4180 quoting; a field may not span lines). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

export type ColumnIndex = Record<keyof typeof SETTLEMENT_COLUMNS, number>;

/** Column positions from the header row; a string names what is missing. */
export function settlementHeader(line: string): ColumnIndex | string {
  const names = splitCsvLine(line.replace(/^\uFEFF/, '')).map((n) => n.trim().toLowerCase());
  const index = {} as ColumnIndex;
  const missing: string[] = [];
  for (const [key, aliases] of Object.entries(SETTLEMENT_COLUMNS) as [keyof ColumnIndex, readonly string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i < 0) missing.push(aliases[0]);
    index[key] = i;
  }
  return missing.length ? `the settlement file's header lacks ${missing.join(', ')} (expected columns: payment_reference, amount, currency, paid_at)` : index;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One settlement row; a string says why it is invalid. */
export function parsePaymentRow(fields: string[], index: ColumnIndex, line: number): PaymentRow | string {
  const get = (k: keyof ColumnIndex) => (fields[index[k]] ?? '').trim();
  const reference = get('reference');
  const currency = get('currency').toUpperCase();
  const amount = get('amount');
  const paidAt = get('paidAt');
  if (!reference) return 'missing payment_reference';
  if (!/^[A-Z]{3}$/.test(currency)) return `invalid currency "${currency}"`;
  let amountMinor: number;
  try {
    amountMinor = parseMinor(amount, currency);
  } catch (e) {
    return `invalid amount: ${(e as MoneyError).message}`;
  }
  // a negative amount is a refund paid back on the reference
  if (amountMinor === 0) return `amount must not be zero, got ${amount}`;
  const ms = INSTANT.test(paidAt) ? Date.parse(paidAt) : NaN;
  if (Number.isNaN(ms)) return `invalid paid_at "${paidAt}" (ISO-8601 with a zone)`;
  return { line, reference, amountMinor, currency, paidAt: new Date(ms).toISOString() };
}

/** from − grace … to + grace: what is read so that pairs across a boundary meet. */
export function extendedWindow(p: Period): { from: string; to: string } {
  return { from: new Date(Date.parse(p.from) - p.graceMs).toISOString(), to: new Date(Date.parse(p.to) + p.graceMs).toISOString() };
}

const inPeriod = (at: string, p: Period) => at >= p.from && at < p.to;
const nearBoundary = (at: string, p: Period) => {
  const t = Date.parse(at);
  return Math.abs(t - Date.parse(p.from)) <= p.graceMs || Math.abs(t - Date.parse(p.to)) <= p.graceMs;
};

/**
 * Classifies the orders and payments (each sorted by time) of one payment reference. Each order takes
 * the payment with its exact amount, else the earliest left: MATCHED or AMOUNT_MISMATCH (a different
 * currency is a mismatch too); an order left over is ORDER_WITHOUT_PAYMENT. Payments left over are
 * DUPLICATE_PAYMENT, except the first of a reference without any order: PAYMENT_WITHOUT_ORDER.
 * The group belongs to the period when any of its members does (members within the grace outside
 * the period only complete pairs); otherwise it returns nothing.
 */
export function classify(orders: OrderSide[], payments: PaymentRow[], p: Period): Entry[] {
  if (!orders.some((o) => inPeriod(o.createdAt, p)) && !payments.some((x) => inPeriod(x.paidAt, p))) return [];
  const left = [...payments];
  const entries: Entry[] = [];
  for (const order of orders) {
    let i = left.findIndex((x) => x.amountMinor === order.amountMinor && x.currency === order.currency);
    if (i < 0 && left.length) i = 0;
    if (i < 0) {
      entries.push({ category: 'ORDER_WITHOUT_PAYMENT', reference: order.reference, order, payment: null, note: nearBoundary(order.createdAt, p) ? 'NEAR_PERIOD_BOUNDARY' : null });
      continue;
    }
    const [payment] = left.splice(i, 1);
    const same = payment.amountMinor === order.amountMinor && payment.currency === order.currency;
    entries.push({ category: same ? 'MATCHED' : 'AMOUNT_MISMATCH', reference: order.reference, order, payment, note: null });
  }
  for (const [i, payment] of left.entries()) {
    const first = orders.length === 0 && i === 0;
    const note = first && nearBoundary(payment.paidAt, p) ? 'NEAR_PERIOD_BOUNDARY' : null;
    entries.push({ category: first ? 'PAYMENT_WITHOUT_ORDER' : 'DUPLICATE_PAYMENT', reference: payment.reference, order: null, payment, note });
  }
  return entries;
}

/** One report row (CSV fields). */
export function reportFields(e: Entry): (string | number | null)[] {
  const currency = e.order?.currency ?? e.payment?.currency ?? null;
  return [
    e.category,
    e.reference,
    e.order?.id ?? null,
    e.order?.number ?? null,
    e.order ? formatMinor(e.order.amountMinor, e.order.currency) : null,
    e.payment ? formatMinor(e.payment.amountMinor, e.payment.currency) : null,
    e.payment && e.order && e.payment.currency !== e.order.currency ? `${e.order.currency}/${e.payment.currency}` : currency,
    e.order?.createdAt ?? null,
    e.payment?.paidAt ?? null,
    e.payment?.line ?? null,
    e.note,
    e.order && e.order.shippingMinor != null ? formatMinor(e.order.shippingMinor, e.order.currency) : null,
    e.order && e.order.taxMinor != null ? formatMinor(e.order.taxMinor, e.order.currency) : null,
    e.order && e.order.taxIncluded != null ? String(e.order.taxIncluded) : null,
  ];
}

export interface ReconciliationSummary {
  id: string;
  from: string;
  to: string;
  graceMs: number;
  source: string;
  startedAt: string;
  finishedAt: string;
  /** data rows in the settlement file */
  settlementRows: number;
  /** valid rows paid outside the period and its grace (not reconciled here) */
  outsidePeriod: number;
  /** orders of the period paid without a payment reference (e.g. cash at a till): not in a settlement file */
  ordersWithoutPaymentReference: number;
  counts: Record<Category, number>;
  /** per currency: order amounts and settled amounts of the reported entries, minor units */
  totals: Record<string, { orderedMinor: number; settledMinor: number }>;
  /** the first discrepancies (at most SAMPLE_LIMIT); the CSV report has them all */
  samples: Entry[];
}

export const SAMPLE_LIMIT = 20;

/** Adds an entry to the summary. */
export function tally(s: ReconciliationSummary, e: Entry): void {
  s.counts[e.category]++;
  if (e.order) (s.totals[e.order.currency] ??= { orderedMinor: 0, settledMinor: 0 }).orderedMinor += e.order.amountMinor;
  if (e.payment) (s.totals[e.payment.currency] ??= { orderedMinor: 0, settledMinor: 0 }).settledMinor += e.payment.amountMinor;
  if (e.category !== 'MATCHED' && e.category !== 'REFUND_MATCHED' && s.samples.length < SAMPLE_LIMIT) s.samples.push(e);
}

export function emptyCounts(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

/** The summary as the paymentReconciliation query shows it (amounts as Money). */
export function reconciliationView(s: ReconciliationSummary) {
  const m = (minor: number, currencyCode: string) => ({ amount: formatMinor(minor, currencyCode), currencyCode });
  return {
    id: s.id,
    from: s.from,
    to: s.to,
    graceSeconds: s.graceMs / 1000,
    source: s.source,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    settlementRows: s.settlementRows,
    outsidePeriod: s.outsidePeriod,
    ordersWithoutPaymentReference: s.ordersWithoutPaymentReference,
    counts: CATEGORIES.map((category) => ({ category, count: s.counts[category] ?? 0 })),
    totals: Object.entries(s.totals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, t]) => ({ currencyCode: c, ordered: m(t.orderedMinor, c), settled: m(t.settledMinor, c) })),
    samples: s.samples.map((e) => ({
      category: e.category,
      paymentReference: e.reference,
      orderId: e.order?.id ?? null,
      orderNumber: e.order?.number ?? null,
      orderAmount: e.order ? m(e.order.amountMinor, e.order.currency) : null,
      paymentAmount: e.payment ? m(e.payment.amountMinor, e.payment.currency) : null,
      orderCreatedAt: e.order?.createdAt ?? null,
      paidAt: e.payment?.paidAt ?? null,
      settlementLine: e.payment?.line ?? null,
      note: e.note,
    })),
  };
}
