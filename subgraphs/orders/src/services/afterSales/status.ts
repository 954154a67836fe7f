import type { OrderStatus } from '../../data/ordersRepository.ts';

/**
 * The order's status follows its lines: every unit back → RETURNED, some → PARTIALLY_RETURNED;
 * otherwise every unit handed over → FULFILLED, some → PARTIALLY_FULFILLED; else PLACED. A
 * cancelled order stays CANCELLED.
 */
export function orderStatus(current: OrderStatus, lines: Iterable<{ quantity: number; fulfilled: number; returned: number }>): OrderStatus {
  if (current === 'CANCELLED') return 'CANCELLED';
  let quantity = 0;
  let fulfilled = 0;
  let returned = 0;
  for (const l of lines) {
    quantity += l.quantity;
    fulfilled += l.fulfilled;
    returned += l.returned;
  }
  if (returned > 0) return returned >= quantity ? 'RETURNED' : 'PARTIALLY_RETURNED';
  if (fulfilled > 0) return fulfilled >= quantity ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
  return 'PLACED';
}
