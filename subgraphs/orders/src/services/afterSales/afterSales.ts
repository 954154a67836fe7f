import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../../../../common/clock.ts';
import { UserErrorException, userError, type UserError } from '../../../../../common/errors.ts';
import { ServiceCallError } from '../../../../../common/graphClient.ts';
import { hasScope, maySellFromLocation, type Identity } from '../../../../../common/identity.ts';
import type { Logger } from '../../../../../common/log.ts';
import { money, MoneyError, parseMinor, type Money } from '../../../../../common/money.ts';
import { mayAccessOwned } from '../../../../../common/ownership.ts';
import type { Queryable } from '../../../../../common/storage/index.ts';
import type { ActionRow, AfterSalesKind, AfterSalesRepository, LineStateRow, RefundRow } from '../../data/afterSalesRepository.ts';
import type { OrderRecord, OrdersRepository, SagaTask } from '../../data/ordersRepository.ts';
import { afterSalesEvent } from './events.ts';
import { paidParts, refundForUnits } from './proration.ts';
import { orderStatus } from './status.ts';

export const RETURN_REASONS = ['UNWANTED', 'WRONG_ITEM', 'DEFECTIVE', 'DAMAGED', 'OTHER'] as const;
export const ADJUSTMENT_REASONS = ['GOODWILL', 'PRICE_CORRECTION', 'TAX_CORRECTION', 'OTHER'] as const;
const MAX_TEXT = 500;
const MAX_LINES = 200;

export interface ActionResult {
  order: OrderRecord;
  action: ActionRow;
  refund: RefundRow | null;
}

/** Details stored with an action (JSON), shown as AfterSalesAction. */
export interface ActionDetails {
  lines?: { lineId: string; sku: string; quantity: number; refundMinor?: number; reason?: string; disposition?: 'RESTOCKED' | 'WRITTEN_OFF' }[];
  location?: string | null;
  adjustmentReason?: string;
  /** a return that brought back the order's last unit: the shipping charge it refunded, minor units */
  shippingRefundMinor?: number;
}

interface Outcome {
  reason: string | null;
  details: ActionDetails;
  /** owed back to the customer by this action, minor units (refunded) */
  amountMinor: number;
  tasks: { kind: SagaTask['kind']; payload: unknown }[];
  event: { type: string; payload: Record<string, unknown> };
  cancels?: boolean;
}

interface Step {
  order: OrderRecord;
  states: Map<string, LineStateRow>;
  /** what this order's refunds add up to so far, minor units */
  refunded: number;
  /** what was paid, minor units */
  paid: number;
  actionId: string;
}

/** What after-sales actions need from other services; a location check goes to inventory. */
export interface AfterSalesDeps {
  locationExists(id: string): Promise<boolean>;
}

const fail = (code: string, message: string, field?: string) => new UserErrorException(userError(code, message, field));

/**
 * After the sale (docs/after-sales.md): cancel, fulfil, return, adjust. Each action is idempotent per
 * (order, key) and runs in one transaction that locks the order's row, records the action with who
 * (key id) and why, its refund, its event and its follow-up tasks (restock, release redemptions,
 * report the return, pay the refund), which run right after and are retried until they succeed.
 */
export class AfterSales {
  constructor(
    private readonly repo: AfterSalesRepository,
    private readonly orders: OrdersRepository,
    private readonly deps: AfterSalesDeps,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly runTasks: (orderId: string) => Promise<void>,
  ) {}

  cancel(identity: Identity, orderId: string, reason: string, key: string): Promise<ActionResult> {
    const why = reason.trim();
    return this.act(identity, orderId, key, 'CANCEL', { reason: why }, async (order) => {
      if (!this.mayCancel(identity, order)) throw fail('NOT_ALLOWED', 'Only the signed-in customer who placed the order, its point of sale or customer service may cancel it.', 'orderId');
      if (!why || why.length > MAX_TEXT) throw fail('INVALID_REASON', `A reason of 1 to ${MAX_TEXT} characters is required.`, 'reason');
    }, async (_tx, s) => {
      if (s.order.status === 'CANCELLED') throw fail('ORDER_CANCELLED', 'The order is already cancelled.', 'orderId');
      if ([...s.states.values()].some((l) => l.fulfilled > 0)) throw fail('ORDER_ALREADY_FULFILLED', 'Units of the order were handed over or shipped: return them instead.', 'orderId');
      const amountMinor = Math.max(0, s.paid - s.refunded);
      return {
        reason: why,
        details: {},
        amountMinor,
        cancels: true,
        tasks: [
          { kind: 'RESTOCK_ORDER', payload: { reservationId: s.order.id } },
          { kind: 'RELEASE_REDEMPTIONS', payload: { orderId: s.order.id } },
        ],
        event: { type: 'OrderCancelled', payload: { reason: why } },
      };
    });
  }

  fulfil(identity: Identity, orderId: string, lines: { lineId: string; quantity: number }[], location: string, key: string): Promise<ActionResult> {
    return this.act(identity, orderId, key, 'FULFIL', { lines, location }, async (order) => {
      if (!hasScope(identity, 'operations') && !(mayAccessOwned(identity, order) && maySellFromLocation(identity, location))) {
        throw fail('NOT_ALLOWED', 'A point of sale fulfils the orders it may read from its own locations; operations any.', 'location');
      }
      const errors = checkLines(order, lines);
      if (!(await this.locationExists(location))) errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${location}.`, 'location'));
      if (errors.length) throw new UserErrorException(errors);
    }, async (tx, s) => {
      if (s.order.status === 'CANCELLED') throw fail('ORDER_CANCELLED', 'The order is cancelled.', 'orderId');
      const done: NonNullable<ActionDetails['lines']> = [];
      for (const l of lines) {
        const state = s.states.get(l.lineId)!;
        if (!(await this.repo.addFulfilled(tx, s.order.id, l.lineId, l.quantity))) {
          throw fail('NOTHING_TO_FULFIL', `Line ${l.lineId}: ${state.quantity - state.fulfilled} unit(s) left to fulfil, ${l.quantity} given.`, l.lineId);
        }
        done.push({ lineId: l.lineId, sku: lineOf(s.order, l.lineId).sku, quantity: l.quantity });
      }
      return { reason: null, details: { lines: done, location }, amountMinor: 0, tasks: [], event: { type: 'OrderFulfilled', payload: { lines: done, location } } };
    });
  }

  returnLines(identity: Identity, orderId: string, lines: { lineId: string; quantity: number; reason: string }[], restockLocation: string | null, key: string): Promise<ActionResult> {
    const location = restockLocation?.trim() || null;
    return this.act(identity, orderId, key, 'RETURN', { lines, location }, async (order) => {
      if (!hasScope(identity, 'operations') && !(mayAccessOwned(identity, order) && hasScope(identity, 'pos') && (!location || maySellFromLocation(identity, location)))) {
        throw fail('NOT_ALLOWED', 'A point of sale takes back the orders it may read into its own locations; operations any.', 'restockLocation');
      }
      const errors = checkLines(order, lines);
      lines.forEach((l, i) => {
        if (!(RETURN_REASONS as readonly string[]).includes(l.reason)) errors.push(userError('INVALID_REASON', `Unknown return reason ${l.reason}.`, `lines[${i}].reason`));
      });
      const restocks = lines.some((l) => l.reason !== 'DAMAGED');
      if (restocks && !location) errors.push(userError('RESTOCK_LOCATION_REQUIRED', 'Units that are not damaged go back to stock: give the restock location.', 'restockLocation'));
      if (restocks && location && !(await this.locationExists(location))) errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${location}.`, 'restockLocation'));
      if (errors.length) throw new UserErrorException(errors);
    }, async (tx, s) => {
      if (s.order.status === 'CANCELLED') throw fail('ORDER_CANCELLED', 'The order is cancelled: nothing can be returned.', 'orderId');
      const paid = paidParts({ currencyCode: s.order.currencyCode, lines: s.order.lines, promotion: s.order.promotion, totalMinor: s.paid, charges: s.order.charges });
      const done: NonNullable<ActionDetails['lines']> = [];
      let amountMinor = 0;
      for (const l of lines) {
        const state = s.states.get(l.lineId)!;
        if (!(await this.repo.addReturned(tx, s.order.id, l.lineId, l.quantity))) {
          throw fail('NOT_RETURNABLE', `Line ${l.lineId}: ${Math.max(0, state.fulfilled - state.returned)} unit(s) handed over and not returned, ${l.quantity} given.`, l.lineId);
        }
        const refundMinor = refundForUnits(paid.lines.get(l.lineId) ?? 0, state.quantity, state.returned, l.quantity);
        state.returned += l.quantity;
        amountMinor += refundMinor;
        done.push({ lineId: l.lineId, sku: lineOf(s.order, l.lineId).sku, quantity: l.quantity, refundMinor, reason: l.reason, disposition: l.reason === 'DAMAGED' ? 'WRITTEN_OFF' : 'RESTOCKED' });
      }
      // the shipping charge comes back with the order's last unit (docs/after-sales.md): a partial return refunds goods only
      const everything = [...s.states.values()].every((st) => st.returned >= st.quantity);
      const shippingRefundMinor = everything ? paid.shippingMinor : 0;
      amountMinor += shippingRefundMinor;
      // never more than what is left of the payment (a goodwill credit refunded part of it already)
      amountMinor = Math.min(amountMinor, Math.max(0, s.paid - s.refunded));
      const restock = done.filter((d) => d.disposition === 'RESTOCKED').map((d) => ({ sku: d.sku, quantity: d.quantity }));
      const tasks: Outcome['tasks'] = [{ kind: 'RECORD_PROMOTION_RETURN', payload: { orderId: s.order.id, items: done.map((d) => ({ sku: d.sku, quantity: d.quantity })) } }];
      if (restock.length) tasks.unshift({ kind: 'RESTOCK_LINES', payload: { restockId: `return:${s.actionId}`, location, lines: restock } });
      const details: ActionDetails = shippingRefundMinor ? { lines: done, location, shippingRefundMinor } : { lines: done, location };
      const shippingRefund = shippingRefundMinor ? { shippingRefund: money(shippingRefundMinor, s.order.currencyCode) } : {};
      return { reason: null, details, amountMinor, tasks, event: { type: 'OrderReturned', payload: { lines: done, restockLocation: location, ...shippingRefund } } };
    });
  }

  adjust(identity: Identity, orderId: string, input: { reason: string; amount: Money; note: string }, key: string): Promise<ActionResult> {
    const note = input.note.trim();
    return this.act(identity, orderId, key, 'ADJUST', { reason: input.reason, amount: input.amount, note }, async (order) => {
      if (!hasScope(identity, 'operations')) throw fail('NOT_ALLOWED', 'Adjustments need an operations key.', 'orderId');
      const errors: UserError[] = [];
      if (!(ADJUSTMENT_REASONS as readonly string[]).includes(input.reason)) errors.push(userError('INVALID_REASON', `Unknown adjustment reason ${input.reason}.`, 'input.reason'));
      if (!note || note.length > MAX_TEXT) errors.push(userError('INVALID_REASON', `A note of 1 to ${MAX_TEXT} characters says why.`, 'input.note'));
      if (input.amount.currencyCode !== order.currencyCode) errors.push(userError('CURRENCY_MISMATCH', `The order is in ${order.currencyCode}.`, 'input.amount.currencyCode'));
      else {
        try {
          if (parseMinor(input.amount.amount, input.amount.currencyCode) <= 0) errors.push(userError('INVALID_AMOUNT', 'An adjustment credits a positive amount.', 'input.amount.amount'));
        } catch (e) {
          errors.push(userError('INVALID_AMOUNT', (e as MoneyError).message, 'input.amount.amount'));
        }
      }
      if (errors.length) throw new UserErrorException(errors);
    }, async (_tx, s) => {
      const amountMinor = parseMinor(input.amount.amount, input.amount.currencyCode);
      const left = Math.max(0, s.paid - s.refunded);
      if (amountMinor > left) throw fail('EXCEEDS_PAID', `At most ${left} minor units of the payment are not refunded yet.`, 'input.amount');
      return {
        reason: note,
        details: { adjustmentReason: input.reason },
        amountMinor,
        tasks: [],
        event: { type: 'OrderAdjusted', payload: { adjustmentReason: input.reason, note } },
      };
    });
  }

  /** An operator sends a refused refund again, under a new provider idempotency key. */
  async retryRefund(identity: Identity, refundId: string): Promise<ActionResult> {
    if (this.clock.preview) throw fail('PREVIEW_READ_ONLY', 'Nothing can be changed in preview.');
    if (!hasScope(identity, 'operations')) throw fail('NOT_ALLOWED', 'Retrying refunds needs an operations key.', 'refundId');
    const refund = await this.repo.refund(refundId);
    if (!refund) throw fail('REFUND_NOT_FOUND', `No refund with id "${refundId}".`, 'refundId');
    const at = this.clock.now().toISOString();
    const reopened = await this.repo.db.transaction(async (tx) => {
      if (!(await this.repo.reopenRefund(tx, refundId, `${refundId}:${refund.tries + 1}:${randomUUID().slice(0, 8)}`, at))) return false;
      await this.orders.insertTask(tx, refund.order_id, { id: randomUUID(), kind: 'ISSUE_REFUND', payload: { refundId } }, at);
      return true;
    });
    if (!reopened) throw fail('REFUND_NOT_REFUSED', `The refund is ${refund.status}: only a refused refund is retried.`, 'refundId');
    await this.runTasks(refund.order_id).catch((e) => this.log.warn({ err: (e as Error).message, refundId }, 'refund will be retried'));
    const order = (await this.orders.findMany([refund.order_id])).get(refund.order_id)!;
    const action = (await this.repo.actionsOf([refund.order_id])).find((a) => a.id === refund.action_id)!;
    return { order, action, refund: (await this.repo.refund(refundId)) ?? null };
  }

  /** Inventory knows the location; inventory unreachable: a retryable user error, nothing changed. */
  private async locationExists(id: string): Promise<boolean> {
    try {
      return await this.deps.locationExists(id);
    } catch (e) {
      if (e instanceof ServiceCallError) throw fail('SERVICE_UNAVAILABLE', 'Inventory is unavailable; nothing was changed. Retry later.');
      throw e;
    }
  }

  private mayCancel(identity: Identity, order: OrderRecord): boolean {
    if (hasScope(identity, 'operations')) return true;
    if (hasScope(identity, 'pos') && mayAccessOwned(identity, order)) return true;
    // a shopper proves the order is theirs with a verified customer token, not with the channel key
    return hasScope(identity, 'storefront') && !!identity.customerId && identity.customerId === order.customerId;
  }

  /**
   * The common frame of every action: key → order → caller may act and input is valid → (same key
   * again: the stored answer) → one transaction: lock the order, apply, record action, refund,
   * event, tasks and the status the lines now give → run the follow-up tasks.
   */
  private async act(
    identity: Identity,
    orderId: string,
    rawKey: string,
    kind: AfterSalesKind,
    request: unknown,
    check: (order: OrderRecord) => Promise<void>,
    apply: (tx: Queryable, step: Step) => Promise<Outcome>,
  ): Promise<ActionResult> {
    if (this.clock.preview) throw fail('PREVIEW_READ_ONLY', 'Nothing can be changed in preview.');
    const key = rawKey.trim();
    if (!key || key.length > 255) throw fail('INVALID_IDEMPOTENCY_KEY', 'The idempotency key must have 1 to 255 characters.', 'idempotencyKey');
    const order = (await this.orders.findMany([orderId])).get(orderId);
    // an order the caller may not read is answered like an unknown one
    if (!order || (!hasScope(identity, 'operations') && !mayAccessOwned(identity, order))) throw fail('ORDER_NOT_FOUND', `No order with id "${orderId}".`, 'orderId');
    const hash = createHash('sha256').update(JSON.stringify([kind, identity.keyId, request])).digest('hex');
    const before = await this.repo.action(orderId, key);
    if (before) return this.replay(before, hash);
    await check(order);

    const actionId = randomUUID();
    const at = this.clock.now().toISOString();
    const replayed = await this.repo.db.transaction(async (tx) => {
      const locked = await this.repo.lockOrder(tx, orderId);
      if (!locked) throw fail('ORDER_NOT_FOUND', `No order with id "${orderId}".`, 'orderId');
      // a twin with the same key committed while this one waited for the lock
      const twin = await this.repo.action(orderId, key, tx);
      if (twin) return twin;
      // an offline sale was handed over at the till: its units are returnable, not cancellable
      const states = await this.repo.lineStates(tx, orderId, order.lines, order.source === 'IMPORT');
      const paid = order.payment ? parseMinor(order.payment.amount.amount, order.currencyCode) : parseMinor(order.totals.total.amount, order.currencyCode);
      const step: Step = { order: { ...order, status: locked.status }, states, refunded: await this.repo.refundsTotal(tx, orderId), paid, actionId };
      const outcome = await apply(tx, step);
      const row: ActionRow = {
        id: actionId, order_id: orderId, kind, idempotency_key: key, request_hash: hash, actor: identity.keyId, channel: identity.channel,
        reason: outcome.reason, details: JSON.stringify(outcome.details), amount_minor: outcome.amountMinor, created_at: at,
      };
      await this.repo.insertAction(tx, row);
      const tasks = [...outcome.tasks];
      let refund: RefundRow | null = null;
      if (outcome.amountMinor > 0) {
        const refundId = randomUUID();
        refund = {
          id: refundId, order_id: orderId, action_id: actionId, amount_minor: outcome.amountMinor, currency_code: order.currencyCode,
          payment_reference: order.paymentReference, status: 'PENDING', provider: null, provider_reference: null, provider_key: `${refundId}:1`,
          tries: 0, failure: null, created_at: at, updated_at: at,
        };
        await this.repo.insertRefund(tx, refund);
        // the money first: the refund task runs before restocking (services/tasks.ts)
        tasks.unshift({ kind: 'ISSUE_REFUND', payload: { refundId } });
      }
      const status = outcome.cancels ? 'CANCELLED' : orderStatus(locked.status, (await this.repo.lineStates(tx, orderId)).values());
      if (status !== locked.status) await this.repo.setStatus(tx, orderId, status);
      await this.repo.insertEvent(tx, afterSalesEvent(outcome.event.type, { ...order, status }, row, refund, outcome.event.payload));
      for (const t of tasks) await this.orders.insertTask(tx, orderId, { id: randomUUID(), ...t }, at);
      return null;
    });
    if (replayed) return this.replay(replayed, hash);
    await this.runTasks(orderId).catch((e) => this.log.warn({ err: (e as Error).message, orderId, kind }, 'after-sales tasks will be retried'));
    return this.result(orderId, actionId);
  }

  private async replay(action: ActionRow, hash: string): Promise<ActionResult> {
    if (action.request_hash !== hash) throw fail('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another action on this order.', 'idempotencyKey');
    return this.result(action.order_id, action.id);
  }

  private async result(orderId: string, actionId: string): Promise<ActionResult> {
    const order = (await this.orders.findMany([orderId])).get(orderId)!;
    const action = (await this.repo.actionsOf([orderId])).find((a) => a.id === actionId)!;
    const refund = (await this.repo.refundsOf([orderId])).find((r) => r.action_id === actionId) ?? null;
    return { order, action, refund };
  }
}

function lineOf(order: OrderRecord, lineId: string) {
  return order.lines.find((l) => l.id === lineId)!;
}

/** Lines named once each, known, with a positive whole quantity. */
function checkLines(order: OrderRecord, lines: { lineId: string; quantity: number }[]): UserError[] {
  const errors: UserError[] = [];
  if (lines.length === 0) errors.push(userError('INVALID_QUANTITY', 'Name at least one line.', 'lines'));
  if (lines.length > MAX_LINES) errors.push(userError('INVALID_QUANTITY', `At most ${MAX_LINES} lines at once.`, 'lines'));
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (!order.lines.some((o) => o.id === l.lineId)) errors.push(userError('LINE_NOT_FOUND', `The order has no line ${JSON.stringify(l.lineId).slice(0, 80)}.`, `lines[${i}].lineId`));
    else if (seen.has(l.lineId)) errors.push(userError('DUPLICATE_LINE', `Line ${l.lineId} is named twice.`, `lines[${i}].lineId`));
    seen.add(l.lineId);
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) errors.push(userError('INVALID_QUANTITY', 'A quantity is at least 1.', `lines[${i}].quantity`));
  });
  return errors;
}
