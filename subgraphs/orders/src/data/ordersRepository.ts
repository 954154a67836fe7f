import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { money, type Money } from '../../../../common/money.ts';
import { NO_CHARGES, type OrderCharges } from '../services/charges.ts';

export interface OrderLineRecord {
  id: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
}

/** The order's status follows its lines (services/afterSales/status.ts). */
export type OrderStatus = 'PLACED' | 'PARTIALLY_FULFILLED' | 'FULFILLED' | 'CANCELLED' | 'PARTIALLY_RETURNED' | 'RETURNED';

export interface OrderRecord {
  id: string;
  number: string;
  status: OrderStatus;
  market: string;
  channel: string;
  currencyCode: string;
  cartId: string | null;
  /** the verified customer who placed it; null for a guest or an imported order */
  customerId: string | null;
  createdAt: string;
  lines: OrderLineRecord[];
  promotion: unknown;
  totals: { subtotal: Money; discount: Money; total: Money };
  /** the shipping and tax it was charged (NO_CHARGES for orders from before they were recorded) */
  charges: OrderCharges;
  shippingAddress: { type: string; data: unknown } | null;
  payment: { amount: Money } | null;
  /** the payment provider's reference given when the order was placed */
  paymentReference: string | null;
  /** CART (placeOrder) or IMPORT (an offline sale, handed over at the till) */
  source: 'CART' | 'IMPORT';
}

export interface NewOrder {
  id: string;
  /** FULFILLED: an offline sale, handed over at the till */
  status: 'PLACED' | 'FULFILLED';
  market: string;
  channel: string;
  currencyCode: string;
  cartId: string | null;
  createdAt: string;
  lines: OrderLineRecord[];
  promotion: unknown;
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  /** omitted: nothing recorded (imported offline sales) */
  charges?: OrderCharges;
  shippingAddress: { type: string; data: unknown } | null;
  paymentReference: string | null;
  paymentAmountMinor: number | null;
  source: 'CART' | 'IMPORT';
  externalId: string | null;
  customerId?: string | null;
}

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  market: string;
  channel: string;
  currency_code: string;
  cart_id: string | null;
  customer_id?: string | null;
  lines: string;
  promotion: string;
  subtotal_minor: number;
  discount_minor: number;
  total_minor: number;
  charges?: string | null;
  shipping_address: string | null;
  payment_amount_minor: number | null;
  payment_reference: string | null;
  source: 'CART' | 'IMPORT';
  created_at: string;
}

function toRecord(r: OrderRow): OrderRecord {
  const c = r.currency_code;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    market: r.market,
    channel: r.channel,
    currencyCode: c,
    cartId: r.cart_id,
    customerId: r.customer_id ?? null,
    createdAt: r.created_at,
    lines: JSON.parse(r.lines) as OrderLineRecord[],
    promotion: JSON.parse(r.promotion),
    totals: { subtotal: money(Number(r.subtotal_minor), c), discount: money(Number(r.discount_minor), c), total: money(Number(r.total_minor), c) },
    charges: r.charges ? (JSON.parse(r.charges) as OrderCharges) : NO_CHARGES,
    shippingAddress: r.shipping_address ? JSON.parse(r.shipping_address) : null,
    payment: r.payment_amount_minor === null ? null : { amount: money(Number(r.payment_amount_minor), c) },
    paymentReference: r.payment_reference ?? null,
    source: r.source,
  };
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  status: 'IN_PROGRESS' | 'DONE';
  order_id: string;
  created_at: string;
}

/**
 * The attempt's idempotency key is no longer its own: the attempt outlived the attempt timeout and
 * was recovered as abandoned (services/retention.ts). Nothing was written.
 */
export class AttemptAbandonedError extends Error {}

export interface SagaTask {
  id: string;
  order_id: string;
  kind:
    | 'COMMIT_RESERVATION'
    | 'MARK_CART_ORDERED'
    | 'RECORD_OFFLINE_SALE'
    | 'RELEASE_RESERVATION'
    | 'RELEASE_REDEMPTIONS'
    // after the sale (services/afterSales)
    | 'RESTOCK_ORDER'
    | 'RESTOCK_LINES'
    | 'ISSUE_REFUND'
    | 'RECORD_PROMOTION_RETURN';
  payload: string;
  attempts: number;
}

/** All SQL of the orders service. */
export class OrdersRepository {
  constructor(readonly db: Db) {}

  async findMany(ids: readonly string[]): Promise<Map<string, OrderRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.all<OrderRow>(`SELECT * FROM orders WHERE id IN (${ids.map(() => '?').join(',')})`, [...ids]);
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  async findByCart(cartId: string): Promise<OrderRecord | null> {
    const row = await this.db.get<OrderRow>('SELECT * FROM orders WHERE cart_id = ?', [cartId]);
    return row ? toRecord(row) : null;
  }

  /** Claims an idempotency key; returns the existing row when the key was claimed before. */
  async claimKey(row: IdempotencyRow): Promise<IdempotencyRow | null> {
    const r = await this.db.run(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, order_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (scope, key) DO NOTHING`,
      [row.scope, row.key, row.request_hash, row.status, row.order_id, row.created_at],
    );
    if (r.changes === 1) return null;
    return (await this.getKey(row.scope, row.key)) ?? null;
  }

  getKey(scope: string, key: string): Promise<IdempotencyRow | undefined> {
    return this.db.get<IdempotencyRow>('SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?', [scope, key]);
  }

  /** A failed attempt changes nothing, so its key is free again. */
  async releaseKey(scope: string, key: string, orderId: string): Promise<void> {
    await this.db.run("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND order_id = ? AND status = 'IN_PROGRESS'", [scope, key, orderId]);
  }

  /**
   * Writes the order, its OrderCreated event, the follow-up tasks and the idempotency record in one
   * transaction (transactional outbox). Returns the order number.
   */
  async insertOrder(order: NewOrder, event: { id: string; type: string; schemaVersion: number; payload: (number: string) => unknown }, tasks: { id: string; kind: SagaTask['kind']; payload: unknown }[], key?: { scope: string; key: string }): Promise<string> {
    return this.db.transaction(async (tx) => {
      if (key) {
        // only the attempt that holds the key may write (a recovered, abandoned attempt may not)
        const held = await tx.run("UPDATE idempotency_keys SET status = 'DONE' WHERE scope = ? AND key = ? AND order_id = ? AND status = 'IN_PROGRESS'", [key.scope, key.key, order.id]);
        if (held.changes !== 1) throw new AttemptAbandonedError(`idempotency key of order ${order.id} is no longer held`);
      }
      const counter = await tx.get<{ value: number }>("UPDATE counters SET value = value + 1 WHERE name = 'order_number' RETURNING value");
      const number = String(counter!.value);
      await tx.run(
        `INSERT INTO orders (id, number, status, market, channel, currency_code, cart_id, lines, promotion, subtotal_minor, discount_minor, total_minor,
           shipping_address, payment_reference, payment_amount_minor, source, external_id, created_at, customer_id, shipping_minor, tax_minor, tax_included, charges)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [order.id, number, order.status, order.market, order.channel, order.currencyCode, order.cartId, JSON.stringify(order.lines),
          JSON.stringify(order.promotion), order.subtotalMinor, order.discountMinor, order.totalMinor,
          order.shippingAddress ? JSON.stringify(order.shippingAddress) : null, order.paymentReference, order.paymentAmountMinor,
          order.source, order.externalId, order.createdAt, order.customerId ?? null,
          order.charges ? order.charges.shippingMinor - order.charges.shippingDiscountMinor : null, order.charges ? order.charges.taxMinor : null,
          order.charges ? (order.charges.taxIncluded ? 1 : 0) : null, order.charges ? JSON.stringify(order.charges) : null],
      );
      await tx.run('INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
        event.id, order.id, event.type, event.schemaVersion, JSON.stringify(event.payload(number)), order.createdAt,
      ]);
      for (const t of tasks) await this.insertTask(tx, order.id, t, order.createdAt);
      return number;
    });
  }

  /** Records follow-up tasks of an order id outside an order write (compensations of a failed attempt). */
  async addTasks(orderId: string, tasks: { id: string; kind: SagaTask['kind']; payload: unknown }[], at: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const t of tasks) await this.insertTask(tx, orderId, t, at);
    });
  }

  async insertTask(tx: Queryable, orderId: string, t: { id: string; kind: string; payload: unknown }, at: string): Promise<void> {
    await tx.run(
      "INSERT INTO saga_tasks (id, order_id, kind, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
      [t.id, orderId, t.kind, JSON.stringify(t.payload), at, at],
    );
  }

  dueTasks(now: string, limit = 50): Promise<SagaTask[]> {
    return this.db.all<SagaTask>("SELECT id, order_id, kind, payload, attempts FROM saga_tasks WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY created_at LIMIT ?", [now, limit]);
  }

  async completeTask(id: string): Promise<void> {
    await this.db.run("UPDATE saga_tasks SET status = 'DONE' WHERE id = ?", [id]);
  }

  async retryTask(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await this.db.run('UPDATE saga_tasks SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', [error, nextAttemptAt, id]);
  }

  outboxFor(orderId: string): Promise<{ id: string; type: string; schema_version: number; payload: string }[]> {
    return this.db.all('SELECT id, type, schema_version, payload FROM outbox WHERE aggregate_id = ? ORDER BY occurred_at', [orderId]);
  }
}
