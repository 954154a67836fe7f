import { randomUUID } from 'node:crypto';
import { money } from '../../../../common/money.ts';
import type { NewOrder } from '../data/ordersRepository.ts';
import { NO_CHARGES, presentCharges, presentShippingLine } from './charges.ts';
import { orderV1Fields } from './orderV1.ts';

export const ORDER_CREATED_SCHEMA_VERSION = 1;

/** The OrderCreated event written to the outbox with the order (payload documented in docs/events.md). */
export function orderCreatedEvent(order: NewOrder) {
  const id = randomUUID();
  return {
    id,
    type: 'OrderCreated',
    schemaVersion: ORDER_CREATED_SCHEMA_VERSION,
    payload: (number: string) => ({
      eventId: id,
      type: 'OrderCreated',
      schemaVersion: ORDER_CREATED_SCHEMA_VERSION,
      occurredAt: order.createdAt,
      order: {
        id: order.id,
        number,
        market: order.market,
        channel: order.channel,
        currencyCode: order.currencyCode,
        lines: order.lines,
        promotion: order.promotion,
        totals: {
          subtotal: money(order.subtotalMinor, order.currencyCode),
          discount: money(order.discountMinor, order.currencyCode),
          ...presentCharges(order.charges ?? NO_CHARGES, order.currencyCode),
          total: money(order.totalMinor, order.currencyCode),
        },
        shippingLine: presentShippingLine(order.charges ?? NO_CHARGES, order.currencyCode),
        shippingAddress: order.shippingAddress,
        // v1 fields, deprecated: use promotion and totals.discount
        ...orderV1Fields(order.promotion, money(order.discountMinor, order.currencyCode)),
      },
    }),
  };
}
