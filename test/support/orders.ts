import { randomUUID } from 'node:crypto';
import type { Db } from '../../common/storage/index.ts';
import { OrdersRepository, type NewOrder } from '../../subgraphs/orders/src/data/ordersRepository.ts';

/** An order row as placeOrder would write it, with overrides. */
export function fixtureOrder(over: Partial<NewOrder> & { createdAt: string }): NewOrder {
  return {
    id: randomUUID(),
    status: 'PLACED',
    market: 'DE',
    channel: 'web',
    currencyCode: 'EUR',
    cartId: randomUUID(),
    lines: [{ id: 'l1', sku: 'SKU-1001', quantity: 2, unitPrice: { amount: '10.00', currencyCode: 'EUR' } }],
    promotion: { provider: 'native', status: 'EVALUATED', discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] },
    subtotalMinor: 2000,
    discountMinor: 0,
    totalMinor: 2000,
    shippingAddress: { type: 'address/v1', data: { name: 'Private Person' } },
    paymentReference: `psp-${randomUUID().slice(0, 8)}`,
    paymentAmountMinor: 2000,
    source: 'CART',
    externalId: null,
    ...over,
  };
}

/** Writes orders with their OrderCreated event, as the service does. */
export async function insertOrders(db: Db, orders: NewOrder[]): Promise<void> {
  const repo = new OrdersRepository(db);
  for (const o of orders) await repo.insertOrder(o, { id: randomUUID(), type: 'OrderCreated', schemaVersion: 1, payload: () => ({}) }, []);
}
