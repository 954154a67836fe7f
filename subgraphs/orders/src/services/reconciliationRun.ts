import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Clock } from '../../../../common/clock.ts';
import { csvLine, write } from './export.ts';
import { orderBatches, refundBatches, type ReadOnlyOrders } from './exportSource.ts';
import {
  classify, classifyRefunds, emptyCounts, extendedWindow, parsePaymentRow, REPORT_COLUMNS, reportFields, settlementHeader, splitCsvLine, tally,
  type Entry, type OrderSide, type PaymentRow, type Period, type ReconciliationSummary,
} from './reconciliation.ts';

export class SettlementFileError extends Error {}

export interface ReconcileOptions {
  /** the settlement CSV */
  file: string;
  period: Period;
  /** the orders, read-only */
  orders: ReadOnlyOrders;
  /** where the CSV report goes */
  report: Writable;
  clock: Clock;
  /** where the scratch database lives while the run lasts (default: the system's temporary directory) */
  workDir?: string;
  onProgress?: (phase: 'settlement' | 'orders' | 'matching', count: number) => void;
}

const INSERT_BATCH = 10_000;
const PROGRESS_EVERY = 100_000;

/**
 * Streams a settlement file against the orders of a period in bounded memory: both sides go to a
 * scratch SQLite file on disk (rows within the period and its grace only), are sorted there by
 * payment reference, then read back one reference at a time, classified and written to the report.
 * Memory holds one insert batch, one order batch, one reference's rows and the summary.
 */
export async function reconcilePayments(o: ReconcileOptions): Promise<ReconciliationSummary> {
  const startedAt = o.clock.now().toISOString();
  const window = extendedWindow(o.period);
  const summary: ReconciliationSummary = {
    id: randomUUID(), from: o.period.from, to: o.period.to, graceMs: o.period.graceMs, source: basename(o.file), startedAt, finishedAt: startedAt,
    settlementRows: 0, outsidePeriod: 0, ordersWithoutPaymentReference: 0, counts: emptyCounts(), totals: {}, samples: [],
  };
  const dir = mkdtempSync(join(o.workDir ?? tmpdir(), 'cg-reconcile-'));
  const scratch = new Database(join(dir, 'scratch.sqlite'));
  try {
    scratch.pragma('journal_mode = OFF');
    scratch.pragma('synchronous = OFF');
    scratch.pragma('temp_store = FILE');
    scratch.pragma('cache_size = -16000'); // 16 MB of page cache, whatever the file size
    // side P: payments and orders; side R: refund rows (negative) and refunds paid out (negated)
    scratch.exec(`CREATE TABLE payments (seq INTEGER PRIMARY KEY, side TEXT NOT NULL, ref TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, paid_at TEXT NOT NULL, line INTEGER NOT NULL);
      CREATE TABLE orders (side TEXT NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL, ref TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL, created_at TEXT NOT NULL,
        shipping INTEGER, tax INTEGER, tax_included INTEGER);`);
    await write(o.report, csvLine([...REPORT_COLUMNS]));
    const emit = async (e: Entry) => {
      tally(summary, e);
      await write(o.report, csvLine(reportFields(e)));
    };

    // 1. the settlement file, streamed line by line
    const insertPayment = scratch.prepare('INSERT INTO payments (side, ref, amount, currency, paid_at, line) VALUES (?, ?, ?, ?, ?, ?)');
    const insertPayments = scratch.transaction((rows: PaymentRow[]) => {
      for (const r of rows) insertPayment.run(r.amountMinor < 0 ? 'R' : 'P', r.reference, r.amountMinor, r.currency, r.paidAt, r.line);
    });
    let header: ReturnType<typeof settlementHeader> | null = null;
    let pending: PaymentRow[] = [];
    let line = 0;
    const lines = createInterface({ input: createReadStream(o.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const text of lines) {
      line++;
      if (!text.trim()) continue;
      if (header === null) {
        header = settlementHeader(text);
        if (typeof header === 'string') throw new SettlementFileError(header);
        continue;
      }
      summary.settlementRows++;
      const row = parsePaymentRow(splitCsvLine(text), header as Exclude<typeof header, string>, line);
      if (typeof row === 'string') await emit({ category: 'INVALID_ROW', reference: null, order: null, payment: null, note: `line ${line}: ${row}` });
      else if (row.paidAt < window.from || row.paidAt >= window.to) summary.outsidePeriod++;
      else pending.push(row);
      if (pending.length >= INSERT_BATCH) {
        insertPayments(pending);
        pending = [];
      }
      if (summary.settlementRows % PROGRESS_EVERY === 0) o.onProgress?.('settlement', summary.settlementRows);
    }
    if (header === null) throw new SettlementFileError('the settlement file is empty (a header row is required)');
    insertPayments(pending);
    pending = [];
    o.onProgress?.('settlement', summary.settlementRows);

    // 2. the orders of the period and its grace, in keyset batches from the read-only source
    const insertOrder = scratch.prepare('INSERT INTO orders (side, id, number, ref, amount, currency, created_at, shipping, tax, tax_included) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertOrders = scratch.transaction((rows: OrderSide[], side: 'P' | 'R') => {
      for (const r of rows) {
        insertOrder.run(side, r.id, r.number, r.reference, r.amountMinor, r.currency, r.createdAt, r.shippingMinor ?? null, r.taxMinor ?? null, r.taxIncluded == null ? null : Number(r.taxIncluded));
      }
    });
    let orders = 0;
    for await (const batch of orderBatches(o.orders, window.from, window.to, 5000)) {
      const sides: OrderSide[] = [];
      for (const r of batch) {
        if (r.payment_reference === null) {
          if (r.created_at >= o.period.from && r.created_at < o.period.to) summary.ordersWithoutPaymentReference++;
          continue;
        }
        sides.push({
          id: r.id, number: r.number, reference: r.payment_reference, amountMinor: Number(r.payment_amount_minor ?? r.total_minor), currency: r.currency_code, createdAt: r.created_at,
          shippingMinor: r.shipping_minor === null ? null : Number(r.shipping_minor), taxMinor: r.tax_minor === null ? null : Number(r.tax_minor),
          taxIncluded: r.tax_included === null ? null : Number(r.tax_included) === 1,
        });
      }
      insertOrders(sides, 'P');
      orders += batch.length;
      o.onProgress?.('orders', orders);
    }
    // refunds the provider paid out in the window, on the reference of the payment they give back
    for await (const batch of refundBatches(o.orders, window.from, window.to, 5000)) {
      const sides: OrderSide[] = [];
      for (const r of batch) {
        if (r.payment_reference === null) continue; // paid back in cash at a till: in no settlement file
        sides.push({ id: r.order_id, number: r.number, reference: r.payment_reference, amountMinor: -r.amount_minor, currency: r.currency_code, createdAt: r.settled_at });
      }
      insertOrders(sides, 'R');
    }

    // 3. one reference at a time, both sides sorted by time (the sort runs on disk)
    const merged = scratch.prepare(
      `SELECT side, 'O' AS kind, ref, id, number, amount, currency, created_at AS at, 0 AS line, shipping, tax, tax_included FROM orders
       UNION ALL SELECT side, 'P', ref, NULL, NULL, amount, currency, paid_at, line, NULL, NULL, NULL FROM payments
       ORDER BY side, ref, kind, at, id, line`,
    );
    type Merged = {
      side: 'P' | 'R'; kind: 'O' | 'P'; ref: string; id: string | null; number: string | null; amount: number; currency: string; at: string; line: number;
      shipping: number | null; tax: number | null; tax_included: number | null;
    };
    let ref: string | null = null;
    let side: 'P' | 'R' = 'P';
    let groupOrders: OrderSide[] = [];
    let groupPayments: PaymentRow[] = [];
    let groups = 0;
    const flush = async () => {
      for (const e of (side === 'R' ? classifyRefunds : classify)(groupOrders, groupPayments, o.period)) await emit(e);
      groupOrders = [];
      groupPayments = [];
      if (++groups % PROGRESS_EVERY === 0) o.onProgress?.('matching', groups);
    };
    for (const r of merged.iterate() as IterableIterator<Merged>) {
      if (ref !== null && (r.ref !== ref || r.side !== side)) await flush();
      ref = r.ref;
      side = r.side;
      if (r.kind === 'O') {
        groupOrders.push({
          id: r.id!, number: r.number!, reference: r.ref, amountMinor: r.amount, currency: r.currency, createdAt: r.at,
          shippingMinor: r.shipping, taxMinor: r.tax, taxIncluded: r.tax_included === null ? null : r.tax_included === 1,
        });
      }
      else groupPayments.push({ line: r.line, reference: r.ref, amountMinor: r.amount, currency: r.currency, paidAt: r.at });
    }
    if (ref !== null) await flush();
    o.onProgress?.('matching', groups);
    summary.finishedAt = o.clock.now().toISOString();
    return summary;
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
