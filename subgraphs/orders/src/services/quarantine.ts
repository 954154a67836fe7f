import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { MoneyError, parseMinor } from '../../../../common/money.ts';
import { UserErrorException, userError } from '../../../../common/errors.ts';
import type { OrderRecord, OrdersRepository } from '../data/ordersRepository.ts';
import { orderCreatedEvent } from './events.ts';

export interface OfflineOrder {
  externalId: string;
  market?: string | null;
  location?: string | null;
  occurredAt?: string | null;
  lines?: { sku?: string | null; quantity?: number | null; unitPrice?: { amount: string; currencyCode: string } | null }[] | null;
  total?: { amount: string; currencyCode: string } | null;
  payment?: { reference: string; amount: { amount: string; currencyCode: string } } | null;
  shippingAddress?: { type: string; data: unknown } | null;
}

export interface ImportResult {
  externalId: string;
  status: 'CREATED' | 'DUPLICATE' | 'QUARANTINED';
  order: OrderRecord | null;
  quarantine: QuarantinedOrderRecord | null;
}

export interface QuarantineActionRecord {
  action: string;
  actor: string;
  reason: string | null;
  outcome: string | null;
  at: string;
}

interface QuarantineRow {
  id: string;
  channel: string;
  external_id: string | null;
  reason: string;
  payload: string;
  status: string;
  received_at: string;
}

function toQuarantined(row: QuarantineRow): QuarantinedOrderRecord {
  return { id: row.id, channel: row.channel, externalId: row.external_id, reason: row.reason, receivedAt: row.received_at, payload: JSON.parse(row.payload), status: row.status };
}

export interface QuarantinedOrderRecord {
  id: string;
  channel: string;
  externalId: string | null;
  reason: string;
  receivedAt: string;
  payload: unknown;
  status: string;
}

/** Catalog prices for validation: sku → minor units (absent = unknown SKU). */
export type PriceLookup = (market: string, skus: string[]) => Promise<Map<string, number | null>>;

/** Relative price tolerance for offline sales (a till may have had an older price). */
export const PRICE_TOLERANCE = 0.05;

/**
 * Offline sales from point-of-sale tills. Idempotent by external id per channel; an order that
 * fails validation is kept in quarantine with its reason and payload, never dropped.
 */
export class Quarantine {
  constructor(
    private readonly repo: OrdersRepository,
    private readonly clock: Clock,
    private readonly prices: PriceLookup,
  ) {}

  private async validate(o: OfflineOrder): Promise<string | null> {
    if (!o.market) return 'MISSING_FIELD: market';
    if (!o.location) return 'MISSING_FIELD: location';
    if (!o.occurredAt) return 'MISSING_FIELD: occurredAt';
    if (!o.lines || o.lines.length === 0) return 'MISSING_FIELD: lines';
    for (const [i, l] of o.lines.entries()) {
      if (!l.sku) return `MISSING_FIELD: lines[${i}].sku`;
      if (l.quantity === null || l.quantity === undefined) return `MISSING_FIELD: lines[${i}].quantity`;
      if (!Number.isInteger(l.quantity) || l.quantity <= 0) return `INVALID_QUANTITY: lines[${i}].quantity`;
      if (!l.unitPrice) return `MISSING_FIELD: lines[${i}].unitPrice`;
      try {
        parseMinor(l.unitPrice.amount, l.unitPrice.currencyCode);
      } catch (e) {
        return `INVALID_AMOUNT: lines[${i}].unitPrice (${(e as MoneyError).message})`;
      }
    }
    if (o.shippingAddress && !/^[a-z0-9][a-z0-9._-]*\/v\d+$/i.test(o.shippingAddress.type)) return 'MALFORMED_TYPED_VALUE: shippingAddress.type';
    const catalog = await this.prices(o.market, o.lines.map((l) => l.sku!));
    for (const [i, l] of o.lines.entries()) {
      const price = catalog.get(l.sku!);
      if (price === undefined) return `UNKNOWN_SKU: lines[${i}].sku ${l.sku}`;
      if (price === null) return `NOT_SOLD_IN_MARKET: lines[${i}].sku ${l.sku}`;
      const given = parseMinor(l.unitPrice!.amount, l.unitPrice!.currencyCode);
      if (Math.abs(given - price) > Math.ceil(price * PRICE_TOLERANCE)) return `PRICE_MISMATCH: lines[${i}].unitPrice ${l.unitPrice!.amount}, catalog price ${price} minor units`;
    }
    const currencies = new Set(o.lines.map((l) => l.unitPrice!.currencyCode));
    if (currencies.size > 1) return 'CURRENCY_MISMATCH: lines use several currencies';
    if (o.total) {
      const sum = o.lines.reduce((s, l) => s + parseMinor(l.unitPrice!.amount, l.unitPrice!.currencyCode) * l.quantity!, 0);
      let total: number;
      try {
        total = parseMinor(o.total.amount, o.total.currencyCode);
      } catch {
        return 'INVALID_AMOUNT: total';
      }
      if (total !== sum || o.total.currencyCode !== [...currencies][0]) return `TOTAL_MISMATCH: total ${o.total.amount} is not the sum of the lines`;
    }
    return null;
  }

  async importOne(channel: string, o: OfflineOrder, loadOrder: (id: string) => Promise<OrderRecord | null>): Promise<ImportResult> {
    const existing = await this.repo.db.get<{ id: string }>('SELECT id FROM orders WHERE channel = ? AND external_id = ?', [channel, o.externalId]);
    if (existing) return { externalId: o.externalId, status: 'DUPLICATE', order: await loadOrder(existing.id), quarantine: null };
    const held = await this.find(channel, o.externalId);
    if (held && held.status === 'HELD') return { externalId: o.externalId, status: 'QUARANTINED', order: null, quarantine: held };

    const reason = await this.validate(o);
    const at = this.clock.now().toISOString();
    if (reason) {
      const q: QuarantinedOrderRecord = { id: randomUUID(), channel, externalId: o.externalId, reason, receivedAt: at, payload: o, status: 'HELD' };
      await this.repo.db.run(
        `INSERT INTO quarantine (id, channel, external_id, reason, payload, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel, external_id) DO NOTHING`,
        [q.id, channel, o.externalId, reason, JSON.stringify(o), 'HELD', at],
      );
      return { externalId: o.externalId, status: 'QUARANTINED', order: null, quarantine: (await this.find(channel, o.externalId)) ?? q };
    }
    const created = await this.create(channel, o, loadOrder);
    if (created.status === 'CREATED' && held) await this.repo.db.run("UPDATE quarantine SET status = 'REPLAYED' WHERE id = ?", [held.id]);
    return created;
  }

  /** Writes a valid offline order with its event; a concurrent twin (same external id) makes it a DUPLICATE. */
  private async create(channel: string, o: OfflineOrder, loadOrder: (id: string) => Promise<OrderRecord | null>): Promise<ImportResult> {
    const currency = o.lines![0].unitPrice!.currencyCode;
    const lines = o.lines!.map((l, i) => ({ id: `${o.externalId}-${i + 1}`, sku: l.sku!, quantity: l.quantity!, unitPrice: l.unitPrice! }));
    const subtotal = lines.reduce((s, l) => s + parseMinor(l.unitPrice.amount, currency) * l.quantity, 0);
    const order = {
      id: randomUUID(), status: 'FULFILLED' as const, market: o.market!, channel, currencyCode: currency, cartId: null, createdAt: o.occurredAt!,
      lines, promotion: { provider: 'offline', status: 'EVALUATED', discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] },
      subtotalMinor: subtotal, discountMinor: 0, totalMinor: subtotal, shippingAddress: o.shippingAddress ?? null,
      paymentReference: o.payment?.reference ?? null, paymentAmountMinor: o.payment ? parseMinor(o.payment.amount.amount, o.payment.amount.currencyCode) : null,
      source: 'IMPORT' as const, externalId: o.externalId,
    };
    try {
      // the sale already happened at the till: its stock leaves the store (a follow-up task, retried until done)
      const sale = { location: o.location!, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) };
      await this.repo.insertOrder(order, orderCreatedEvent(order), [{ id: randomUUID(), kind: 'RECORD_OFFLINE_SALE', payload: sale }]);
    } catch (e) {
      // a concurrent import of the same external id won the unique index
      const twin = await this.repo.db.get<{ id: string }>('SELECT id FROM orders WHERE channel = ? AND external_id = ?', [channel, o.externalId]);
      if (twin) return { externalId: o.externalId, status: 'DUPLICATE', order: await loadOrder(twin.id), quarantine: null };
      throw e;
    }
    return { externalId: o.externalId, status: 'CREATED', order: await loadOrder(order.id), quarantine: null };
  }

  private async record(quarantineId: string, action: string, actor: string, reason: string | null, outcome: string | null): Promise<void> {
    await this.repo.db.run('INSERT INTO quarantine_actions (id, quarantine_id, action, actor, reason, outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      randomUUID(), quarantineId, action, actor, reason, outcome, this.clock.now().toISOString(),
    ]);
  }

  async byId(id: string): Promise<QuarantinedOrderRecord | null> {
    const row = await this.repo.db.get<QuarantineRow>('SELECT * FROM quarantine WHERE id = ?', [id]);
    return row ? toQuarantined(row) : null;
  }

  async actions(id: string): Promise<QuarantineActionRecord[]> {
    return this.repo.db.all<QuarantineActionRecord>('SELECT action, actor, reason, outcome, at FROM quarantine_actions WHERE quarantine_id = ? ORDER BY at, id', [id]);
  }

  /**
   * An operator validates a quarantined order again, corrected or as it was. Valid: the order is
   * created (once) and the quarantine REPLAYED. Invalid: it stays HELD with the new reason.
   */
  async replay(id: string, correction: OfflineOrder | null, actor: string, loadOrder: (id: string) => Promise<OrderRecord | null>): Promise<{ quarantine: QuarantinedOrderRecord; order: OrderRecord | null }> {
    const q = await this.byId(id);
    if (!q) throw new UserErrorException(userError('QUARANTINE_NOT_FOUND', 'No quarantined order with this id.', 'id'));
    if (q.status !== 'HELD') throw new UserErrorException(userError('QUARANTINE_NOT_HELD', `This order is already ${q.status}.`, 'id'));
    const payload = correction ?? (q.payload as OfflineOrder);
    if (payload.externalId !== q.externalId) {
      throw new UserErrorException(userError('EXTERNAL_ID_MISMATCH', 'A correction must keep the external id of the quarantined order.', 'correction.externalId'));
    }
    const reason = await this.validate(payload);
    if (reason) {
      await this.repo.db.run('UPDATE quarantine SET reason = ?, payload = ? WHERE id = ?', [reason, JSON.stringify(payload), id]);
      await this.record(id, correction ? 'CORRECT_AND_REPLAY' : 'REPLAY', actor, null, `still invalid: ${reason}`);
      return { quarantine: (await this.byId(id))!, order: null };
    }
    const created = await this.create(q.channel, payload, loadOrder);
    await this.repo.db.run("UPDATE quarantine SET status = 'REPLAYED', payload = ? WHERE id = ? AND status = 'HELD'", [JSON.stringify(payload), id]);
    await this.record(id, correction ? 'CORRECT_AND_REPLAY' : 'REPLAY', actor, null, `order ${created.order?.number ?? created.order?.id ?? '?'} ${created.status.toLowerCase()}`);
    return { quarantine: (await this.byId(id))!, order: created.order };
  }

  async discard(id: string, reason: string, actor: string): Promise<QuarantinedOrderRecord> {
    if (!reason.trim()) throw new UserErrorException(userError('REASON_REQUIRED', 'Say why the order is discarded.', 'reason'));
    const q = await this.byId(id);
    if (!q) throw new UserErrorException(userError('QUARANTINE_NOT_FOUND', 'No quarantined order with this id.', 'id'));
    if (q.status !== 'HELD') throw new UserErrorException(userError('QUARANTINE_NOT_HELD', `This order is already ${q.status}.`, 'id'));
    await this.repo.db.run("UPDATE quarantine SET status = 'DISCARDED' WHERE id = ? AND status = 'HELD'", [id]);
    await this.record(id, 'DISCARD', actor, reason.trim().slice(0, 1000), null);
    return (await this.byId(id))!;
  }

  async find(channel: string, externalId: string): Promise<QuarantinedOrderRecord | null> {
    const row = await this.repo.db.get<{ id: string; channel: string; external_id: string | null; reason: string; payload: string; status: string; received_at: string }>(
      'SELECT * FROM quarantine WHERE channel = ? AND external_id = ?',
      [channel, externalId],
    );
    return row ? { id: row.id, channel: row.channel, externalId: row.external_id, reason: row.reason, receivedAt: row.received_at, payload: JSON.parse(row.payload), status: row.status } : null;
  }

  async list(first: number, after: string | null): Promise<{ items: QuarantinedOrderRecord[]; hasNextPage: boolean; totalCount: number }> {
    const limit = Math.min(Math.max(first, 0), 100);
    const rows = await this.repo.db.all<{ id: string; channel: string; external_id: string | null; reason: string; payload: string; status: string; received_at: string }>(
      "SELECT * FROM quarantine WHERE status = 'HELD' AND id > ? ORDER BY id LIMIT ?",
      [after ?? '', limit + 1],
    );
    const count = await this.repo.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM quarantine WHERE status = 'HELD'");
    return {
      items: rows.slice(0, limit).map((row) => ({ id: row.id, channel: row.channel, externalId: row.external_id, reason: row.reason, receivedAt: row.received_at, payload: JSON.parse(row.payload), status: row.status })),
      hasNextPage: rows.length > limit,
      totalCount: Number(count?.n ?? 0),
    };
  }
}
