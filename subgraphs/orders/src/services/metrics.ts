import type { Metrics } from '../../../../common/metrics.ts';
import { parseMinor } from '../../../../common/money.ts';
import type { OrderRecord } from '../data/ordersRepository.ts';
import type { OrdersStatsRepository } from '../data/statsRepository.ts';

/** Business figures of the orders service: orders and revenue by market and channel. */
export function orderMetrics(metrics: Metrics) {
  const orders = metrics.counter('orders_placed_total', 'Orders placed', ['market', 'channel']);
  const revenue = metrics.counter('orders_revenue_minor_total', 'Revenue of placed orders in minor units of the currency', ['market', 'channel', 'currency']);
  const discount = metrics.counter('orders_discount_minor_total', 'Discount granted on placed orders in minor units', ['market', 'channel', 'currency']);
  return {
    placed(order: OrderRecord) {
      const labels = { market: order.market, channel: order.channel };
      orders.inc(labels);
      revenue.inc({ ...labels, currency: order.currencyCode }, parseMinor(order.totals.total.amount, order.currencyCode));
      discount.inc({ ...labels, currency: order.currencyCode }, parseMinor(order.totals.discount.amount, order.currencyCode));
    },
  };
}

/** Gauges of what waits for an operator: dead letters, quarantined orders by status, refunds not paid out. */
export function orderStateGauges(metrics: Metrics, stats: OrdersStatsRepository) {
  metrics.gauge('orders_dead_letters', 'Webhook deliveries that failed for good and wait for a replay', [], async () => [{ labels: {}, value: await stats.deadLetters() }]);
  metrics.gauge('orders_quarantined', 'Imported orders in quarantine, by status', ['status'], async () =>
    (await stats.quarantineByStatus()).map((r) => ({ labels: { status: r.status }, value: r.n })),
  );
  metrics.gauge('orders_refunds_open', 'Refunds not paid out: PENDING (provider not answered yet) or REFUSED (waiting for an operator)', ['status'], async () => {
    const open = new Map((await stats.openRefunds()).map((r) => [r.status, r.n]));
    return ['PENDING', 'REFUSED'].map((status) => ({ labels: { status }, value: open.get(status) ?? 0 }));
  });
}
