import { randomUUID } from 'node:crypto';
import { money } from '../../../../../common/money.ts';
import type { ActionRow, RefundRow } from '../../data/afterSalesRepository.ts';
import type { OrderRecord } from '../../data/ordersRepository.ts';

export const AFTER_SALES_SCHEMA_VERSION = 1;

/**
 * OrderCancelled, OrderFulfilled, OrderReturned, OrderAdjusted (docs/events.md): written to the outbox
 * in the action's transaction. Amounts as Money; lines' refunds per line for returns.
 */
export function afterSalesEvent(type: string, order: OrderRecord, action: ActionRow, refund: RefundRow | null, extra: Record<string, unknown>) {
  const id = randomUUID();
  const m = (minor: number) => money(minor, order.currencyCode);
  const lines = (extra.lines as { refundMinor?: number }[] | undefined)?.map(({ refundMinor, ...l }) => (refundMinor === undefined ? l : { ...l, refund: m(refundMinor) }));
  return {
    id,
    aggregateId: order.id,
    type,
    schemaVersion: AFTER_SALES_SCHEMA_VERSION,
    at: action.created_at,
    payload: {
      eventId: id,
      type,
      schemaVersion: AFTER_SALES_SCHEMA_VERSION,
      occurredAt: action.created_at,
      order: { id: order.id, number: order.number, status: order.status, market: order.market, channel: order.channel, currencyCode: order.currencyCode },
      actionId: action.id,
      actor: action.actor,
      actorChannel: action.channel,
      reason: action.reason,
      ...extra,
      ...(lines ? { lines } : {}),
      amount: m(action.amount_minor),
      refund: refund ? { id: refund.id, amount: m(refund.amount_minor), status: refund.status } : null,
    },
  };
}

/** RefundIssued (paid out) or RefundRefused (the provider said no; an operator may retry). */
export function refundEvent(refund: RefundRow, orderNumber: string, at: string) {
  const id = randomUUID();
  const type = refund.status === 'SUCCEEDED' ? 'RefundIssued' : 'RefundRefused';
  return {
    id,
    aggregateId: refund.order_id,
    type,
    schemaVersion: AFTER_SALES_SCHEMA_VERSION,
    at,
    payload: {
      eventId: id,
      type,
      schemaVersion: AFTER_SALES_SCHEMA_VERSION,
      occurredAt: at,
      order: { id: refund.order_id, number: orderNumber },
      refund: {
        id: refund.id,
        actionId: refund.action_id,
        amount: money(refund.amount_minor, refund.currency_code),
        paymentReference: refund.payment_reference,
        providerReference: refund.provider_reference,
        failure: refund.failure,
      },
    },
  };
}
