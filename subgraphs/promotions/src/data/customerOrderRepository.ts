import type { Queryable } from '../../../../common/storage/index.ts';

/**
 * The orders this service redeemed, per customer (an opaque id from the shop's identity system), so
 * that `firstOrder` can be decided from promotions' own data without asking orders on every evaluation.
 * Recorded when an order with a customer is redeemed, marked RELEASED when its redemptions are released.
 */
export class CustomerOrderRepository {
  constructor(private readonly q: Queryable) {}

  /** Whether the customer has a redeemed, not released order other than `exceptOrderId`. */
  async hasOrders(customerId: string, exceptOrderId: string | null = null): Promise<boolean> {
    const row = await this.q.get<{ order_id: string }>(
      `SELECT order_id FROM customer_orders WHERE customer_id = ? AND status = 'ACTIVE' AND order_id <> ? LIMIT 1`,
      [customerId, exceptOrderId ?? ''],
    );
    return row !== undefined;
  }

  /** Idempotent per order; a released order redeemed again is active again. */
  async record(orderId: string, customerId: string, market: string, at: string): Promise<void> {
    await this.q.run(
      `INSERT INTO customer_orders (order_id, customer_id, market, status, created_at, released_at) VALUES (?, ?, ?, 'ACTIVE', ?, NULL)
       ON CONFLICT (order_id) DO UPDATE SET status = 'ACTIVE', released_at = NULL`,
      [orderId, customerId, market, at],
    );
  }

  /**
   * Inside a redemption's transaction: takes the customer's row lock, so a concurrent redemption for
   * the same customer waits and then sees this one's order (firstOrder cannot be granted twice).
   */
  async lockCustomer(customerId: string): Promise<void> {
    await this.q.run(
      `INSERT INTO customer_locks (customer_id, redemptions) VALUES (?, 1)
       ON CONFLICT (customer_id) DO UPDATE SET redemptions = customer_locks.redemptions + 1`,
      [customerId],
    );
  }

  async release(orderId: string, at: string): Promise<void> {
    await this.q.run(`UPDATE customer_orders SET status = 'RELEASED', released_at = ? WHERE order_id = ? AND status = 'ACTIVE'`, [at, orderId]);
  }
}
