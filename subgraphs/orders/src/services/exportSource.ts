import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import type { ServiceConfig } from '../../../../common/config.ts';
import { toPgPlaceholders } from '../../../../common/storage/postgres.ts';

/** The columns of an order that exports and reconciliation read (no shipping address: personal data stays in the service). */
export interface OrderExportRow {
  id: string;
  number: string;
  status: string;
  market: string;
  channel: string;
  currency_code: string;
  cart_id: string | null;
  lines: string;
  subtotal_minor: number;
  discount_minor: number;
  total_minor: number;
  /** shipping charged (after shipping discounts) and tax; null for orders from before they were recorded */
  shipping_minor: number | null;
  tax_minor: number | null;
  tax_included: number | null;
  /** the recorded charges as JSON (tax lines, shipping line), or null */
  charges: string | null;
  payment_reference: string | null;
  payment_amount_minor: number | null;
  source: string;
  external_id: string | null;
  created_at: string;
}

/** A refund the payment provider paid out, for reconciliation. */
export interface RefundExportRow {
  id: string;
  order_id: string;
  number: string;
  payment_reference: string | null;
  amount_minor: number;
  currency_code: string;
  /** when the provider paid it */
  settled_at: string;
}

/** An after-sales action of an exported order. */
export interface ActionExportRow {
  order_id: string;
  kind: string;
  actor: string;
  reason: string | null;
  details: string;
  amount_minor: number;
  created_at: string;
}

export interface Keyset {
  createdAt: string;
  id: string;
}

/**
 * A read-only view of the orders table for long reads (exports, reconciliation) that must never
 * write, nor load all orders at once. SQLite: a second connection opened read-only, in one read
 * transaction (a consistent snapshot in WAL mode, writers keep going). PostgreSQL: one connection
 * in a READ ONLY, REPEATABLE READ transaction (a snapshot too).
 */
export interface ReadOnlyOrders {
  /** Orders with from ≤ created_at < to after the keyset, oldest first, at most `limit`. */
  batch(from: string, to: string, after: Keyset | null, limit: number): Promise<OrderExportRow[]>;
  /** Refunds paid out with from ≤ settled_at < to after the keyset, oldest first, at most `limit`. */
  refundBatch(from: string, to: string, after: Keyset | null, limit: number): Promise<RefundExportRow[]>;
  /** The after-sales actions of these orders, oldest first. */
  actions(orderIds: readonly string[]): Promise<ActionExportRow[]>;
  close(): Promise<void>;
}

const COLUMNS = `id, number, status, market, channel, currency_code, cart_id, lines, subtotal_minor, discount_minor, total_minor,
  shipping_minor, tax_minor, tax_included, charges, payment_reference, payment_amount_minor, source, external_id, created_at`;
const FIRST = `SELECT ${COLUMNS} FROM orders WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id LIMIT ?`;
const NEXT = `SELECT ${COLUMNS} FROM orders WHERE created_at >= ? AND created_at < ? AND (created_at > ? OR (created_at = ? AND id > ?))
  ORDER BY created_at, id LIMIT ?`;
const REFUND_COLUMNS = `r.id, r.order_id, o.number, r.payment_reference, r.amount_minor, r.currency_code, r.updated_at AS settled_at
  FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.status = 'SUCCEEDED' AND r.updated_at >= ? AND r.updated_at < ?`;
const FIRST_REFUNDS = `SELECT ${REFUND_COLUMNS} ORDER BY r.updated_at, r.id LIMIT ?`;
const NEXT_REFUNDS = `SELECT ${REFUND_COLUMNS} AND (r.updated_at > ? OR (r.updated_at = ? AND r.id > ?)) ORDER BY r.updated_at, r.id LIMIT ?`;
const ACTIONS = (n: number) =>
  `SELECT order_id, kind, actor, reason, details, amount_minor, created_at FROM after_sales_actions WHERE order_id IN (${Array(n).fill('?').join(',')}) ORDER BY created_at, id`;
const params = (from: string, to: string, after: Keyset | null, limit: number) =>
  after ? [from, to, after.createdAt, after.createdAt, after.id, limit] : [from, to, limit];

class SqliteReadOnly implements ReadOnlyOrders {
  private readonly db: Database.Database;
  private readonly first: Database.Statement;
  private readonly next: Database.Statement;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.first = this.db.prepare(FIRST);
    this.next = this.db.prepare(NEXT);
    this.db.exec('BEGIN'); // deferred: the first read takes the snapshot, kept until close
  }

  async batch(from: string, to: string, after: Keyset | null, limit: number): Promise<OrderExportRow[]> {
    return (after ? this.next : this.first).all(...params(from, to, after, limit)) as OrderExportRow[];
  }

  async refundBatch(from: string, to: string, after: Keyset | null, limit: number): Promise<RefundExportRow[]> {
    return this.db.prepare(after ? NEXT_REFUNDS : FIRST_REFUNDS).all(...params(from, to, after, limit)) as RefundExportRow[];
  }

  async actions(orderIds: readonly string[]): Promise<ActionExportRow[]> {
    return orderIds.length ? (this.db.prepare(ACTIONS(orderIds.length)).all(...orderIds) as ActionExportRow[]) : [];
  }

  async close(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}

class PostgresReadOnly implements ReadOnlyOrders {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string, schema: string): Promise<PostgresReadOnly> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema} -c default_transaction_read_only=on` });
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return new PostgresReadOnly(client);
  }

  async batch(from: string, to: string, after: Keyset | null, limit: number): Promise<OrderExportRow[]> {
    const rows = (await this.client.query(toPgPlaceholders(after ? NEXT : FIRST), params(from, to, after, limit))).rows as OrderExportRow[];
    return rows.map((r) => ({ ...r, subtotal_minor: Number(r.subtotal_minor), discount_minor: Number(r.discount_minor), total_minor: Number(r.total_minor), payment_amount_minor: r.payment_amount_minor === null ? null : Number(r.payment_amount_minor) }));
  }

  async refundBatch(from: string, to: string, after: Keyset | null, limit: number): Promise<RefundExportRow[]> {
    const rows = (await this.client.query(toPgPlaceholders(after ? NEXT_REFUNDS : FIRST_REFUNDS), params(from, to, after, limit))).rows as RefundExportRow[];
    return rows.map((r) => ({ ...r, amount_minor: Number(r.amount_minor) }));
  }

  async actions(orderIds: readonly string[]): Promise<ActionExportRow[]> {
    if (!orderIds.length) return [];
    const rows = (await this.client.query(toPgPlaceholders(ACTIONS(orderIds.length)), [...orderIds])).rows as ActionExportRow[];
    return rows.map((r) => ({ ...r, amount_minor: Number(r.amount_minor) }));
  }

  async close(): Promise<void> {
    await this.client.query('COMMIT').catch(() => undefined);
    await this.client.end();
  }
}

/** Opens the orders database the orders service is configured with, read-only. */
export async function openReadOnlyOrders(config: Pick<ServiceConfig, 'databaseUrl' | 'databaseSchema' | 'databaseFile' | 'dataDir'>): Promise<ReadOnlyOrders> {
  if (config.databaseUrl) return PostgresReadOnly.open(config.databaseUrl, config.databaseSchema ?? 'orders');
  return new SqliteReadOnly(config.databaseFile ?? join(config.dataDir, 'orders.sqlite'));
}

/** All orders with from ≤ created_at < to, in batches of `batchSize` (keyset pagination on created_at, id). */
export async function* orderBatches(source: ReadOnlyOrders, from: string, to: string, batchSize: number): AsyncGenerator<OrderExportRow[]> {
  let after: Keyset | null = null;
  for (;;) {
    const rows = await source.batch(from, to, after, batchSize);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.created_at, id: last.id };
  }
}

/** All refunds paid out with from ≤ settled_at < to, in batches (keyset pagination on settled_at, id). */
export async function* refundBatches(source: ReadOnlyOrders, from: string, to: string, batchSize: number): AsyncGenerator<RefundExportRow[]> {
  let after: Keyset | null = null;
  for (;;) {
    const rows = await source.refundBatch(from, to, after, batchSize);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.settled_at, id: last.id };
  }
}
