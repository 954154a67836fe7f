import type { Db, Queryable } from '../../../../common/storage/index.ts';
import type { OrderStatus } from './ordersRepository.ts';

export type AfterSalesKind = 'CANCEL' | 'FULFIL' | 'RETURN' | 'ADJUST';
export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'REFUSED';

export interface LineStateRow {
  line_id: string;
  quantity: number;
  fulfilled: number;
  returned: number;
}

export interface ActionRow {
  id: string;
  order_id: string;
  kind: AfterSalesKind;
  idempotency_key: string;
  request_hash: string;
  actor: string;
  channel: string;
  reason: string | null;
  /** JSON: lines, location, reason code … */
  details: string;
  amount_minor: number;
  created_at: string;
}

export interface RefundRow {
  id: string;
  order_id: string;
  action_id: string;
  amount_minor: number;
  currency_code: string;
  payment_reference: string | null;
  status: RefundStatus;
  provider: string | null;
  provider_reference: string | null;
  /** the idempotency key sent to the provider (a new one per operator retry of a refused refund) */
  provider_key: string;
  tries: number;
  failure: string | null;
  created_at: string;
  updated_at: string;
}

/** PostgreSQL answers BIGINT as strings: these columns become numbers. */
function num<T extends object>(row: T, ...keys: (keyof T)[]): T {
  const r = row as Record<keyof T, unknown>;
  for (const k of keys) r[k] = Number(r[k]);
  return row;
}

/**
 * SQL of after-sales actions. Every action runs in one transaction that first locks the order's row
 * (`lockOrder`), so actions on one order are serialised on SQLite and on PostgreSQL alike and each
 * sees what the one before it wrote.
 */
export class AfterSalesRepository {
  constructor(readonly db: Db) {}

  /** Locks the order's row for the transaction; returns its status and the stored order fields needed, or null when unknown. */
  async lockOrder(tx: Queryable, orderId: string): Promise<{ status: OrderStatus } | null> {
    const locked = await tx.run('UPDATE orders SET status = status WHERE id = ?', [orderId]);
    if (locked.changes !== 1) return null;
    return (await tx.get<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = ?', [orderId])) ?? null;
  }

  async setStatus(tx: Queryable, orderId: string, status: OrderStatus): Promise<void> {
    await tx.run('UPDATE orders SET status = ? WHERE id = ?', [status, orderId]);
  }

  /**
   * The line states of an order, created from its lines on first use (`handedOver`: every unit was
   * handed over when it was sold, as an offline sale at a till).
   */
  async lineStates(tx: Queryable, orderId: string, lines?: { id: string; quantity: number }[], handedOver = false): Promise<Map<string, LineStateRow>> {
    for (const l of lines ?? []) {
      await tx.run('INSERT INTO order_line_states (order_id, line_id, quantity, fulfilled) VALUES (?, ?, ?, ?) ON CONFLICT (order_id, line_id) DO NOTHING', [
        orderId, l.id, l.quantity, handedOver ? l.quantity : 0,
      ]);
    }
    const rows = await tx.all<LineStateRow>('SELECT line_id, quantity, fulfilled, returned FROM order_line_states WHERE order_id = ?', [orderId]);
    return new Map(rows.map((r) => [r.line_id, num(r, 'quantity', 'fulfilled', 'returned')]));
  }

  async lineStatesOf(orderIds: readonly string[]): Promise<Map<string, Map<string, LineStateRow>>> {
    const out = new Map<string, Map<string, LineStateRow>>();
    if (!orderIds.length) return out;
    const rows = await this.db.all<LineStateRow & { order_id: string }>(
      `SELECT order_id, line_id, quantity, fulfilled, returned FROM order_line_states WHERE order_id IN (${orderIds.map(() => '?').join(',')})`,
      [...orderIds],
    );
    for (const r of rows) {
      if (!out.has(r.order_id)) out.set(r.order_id, new Map());
      out.get(r.order_id)!.set(r.line_id, num(r, 'quantity', 'fulfilled', 'returned'));
    }
    return out;
  }

  /** Conditional: never more fulfilled than bought. */
  async addFulfilled(tx: Queryable, orderId: string, lineId: string, quantity: number): Promise<boolean> {
    const r = await tx.run('UPDATE order_line_states SET fulfilled = fulfilled + ? WHERE order_id = ? AND line_id = ? AND fulfilled + ? <= quantity', [quantity, orderId, lineId, quantity]);
    return r.changes === 1;
  }

  /** Conditional: never more returned than was handed over. */
  async addReturned(tx: Queryable, orderId: string, lineId: string, quantity: number): Promise<boolean> {
    const r = await tx.run('UPDATE order_line_states SET returned = returned + ? WHERE order_id = ? AND line_id = ? AND returned + ? <= fulfilled', [quantity, orderId, lineId, quantity]);
    return r.changes === 1;
  }

  async action(orderId: string, key: string, q: Queryable = this.db): Promise<ActionRow | undefined> {
    const row = await q.get<ActionRow>('SELECT * FROM after_sales_actions WHERE order_id = ? AND idempotency_key = ?', [orderId, key]);
    return row ? num(row, 'amount_minor') : undefined;
  }

  async insertAction(tx: Queryable, a: ActionRow): Promise<void> {
    await tx.run(
      `INSERT INTO after_sales_actions (id, order_id, kind, idempotency_key, request_hash, actor, channel, reason, details, amount_minor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.id, a.order_id, a.kind, a.idempotency_key, a.request_hash, a.actor, a.channel, a.reason, a.details, a.amount_minor, a.created_at],
    );
  }

  async actionsOf(orderIds: readonly string[]): Promise<ActionRow[]> {
    if (!orderIds.length) return [];
    const rows = await this.db.all<ActionRow>(`SELECT * FROM after_sales_actions WHERE order_id IN (${orderIds.map(() => '?').join(',')}) ORDER BY created_at, id`, [...orderIds]);
    return rows.map((r) => num(r, 'amount_minor'));
  }

  async insertRefund(tx: Queryable, r: RefundRow): Promise<void> {
    await tx.run(
      `INSERT INTO refunds (id, order_id, action_id, amount_minor, currency_code, payment_reference, status, provider, provider_reference, provider_key, tries, failure, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.order_id, r.action_id, r.amount_minor, r.currency_code, r.payment_reference, r.status, r.provider, r.provider_reference, r.provider_key, r.tries, r.failure, r.created_at, r.updated_at],
    );
  }

  async refund(id: string, q: Queryable = this.db): Promise<RefundRow | undefined> {
    const row = await q.get<RefundRow>('SELECT * FROM refunds WHERE id = ?', [id]);
    return row ? num(row, 'amount_minor', 'tries') : undefined;
  }

  async refundsOf(orderIds: readonly string[]): Promise<RefundRow[]> {
    if (!orderIds.length) return [];
    const rows = await this.db.all<RefundRow>(`SELECT * FROM refunds WHERE order_id IN (${orderIds.map(() => '?').join(',')}) ORDER BY created_at, id`, [...orderIds]);
    return rows.map((r) => num(r, 'amount_minor', 'tries'));
  }

  /** What an order's refunds add up to, whatever their state (a refused one is retried, so still owed), minor units. */
  async refundsTotal(tx: Queryable, orderId: string): Promise<number> {
    const row = await tx.get<{ n: number | null }>('SELECT SUM(amount_minor) AS n FROM refunds WHERE order_id = ?', [orderId]);
    return Number(row?.n ?? 0);
  }

  /** PENDING → SUCCEEDED or REFUSED (conditional: only one caller settles a try). */
  async settleRefund(tx: Queryable, id: string, providerKey: string, outcome: { status: 'SUCCEEDED'; providerReference: string } | { status: 'REFUSED'; reason: string }, provider: string, at: string): Promise<boolean> {
    const r = await tx.run(
      "UPDATE refunds SET status = ?, provider = ?, provider_reference = ?, failure = ?, tries = tries + 1, updated_at = ? WHERE id = ? AND status = 'PENDING' AND provider_key = ?",
      [outcome.status, provider, outcome.status === 'SUCCEEDED' ? outcome.providerReference : null, outcome.status === 'REFUSED' ? outcome.reason : null, at, id, providerKey],
    );
    return r.changes === 1;
  }

  async noteRefundFailure(id: string, failure: string, at: string): Promise<void> {
    await this.db.run("UPDATE refunds SET tries = tries + 1, failure = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'", [failure.slice(0, 500), at, id]);
  }

  /** REFUSED → PENDING with a new provider key (an operator's retry). */
  async reopenRefund(tx: Queryable, id: string, providerKey: string, at: string): Promise<boolean> {
    const r = await tx.run("UPDATE refunds SET status = 'PENDING', provider_key = ?, failure = NULL, updated_at = ? WHERE id = ? AND status = 'REFUSED'", [providerKey, at, id]);
    return r.changes === 1;
  }

  async insertEvent(tx: Queryable, e: { id: string; aggregateId: string; type: string; schemaVersion: number; payload: unknown; at: string }): Promise<void> {
    await tx.run('INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
      e.id, e.aggregateId, e.type, e.schemaVersion, JSON.stringify(e.payload), e.at,
    ]);
  }
}
