import DataLoader from 'dataloader';
import { money } from '../../../../../common/money.ts';
import type { ActionDetails } from './afterSales.ts';
import type { ActionRow, AfterSalesRepository, LineStateRow, RefundRow } from '../../data/afterSalesRepository.ts';
import type { OrderRecord } from '../../data/ordersRepository.ts';
import { paidPerLine } from './proration.ts';
import { parseMinor } from '../../../../../common/money.ts';

/** Per-request loaders of what after-sales actions added to orders (line states, refunds, actions). */
export function createAfterSalesLoaders(repo: AfterSalesRepository) {
  return {
    lineStates: new DataLoader<string, Map<string, LineStateRow>>(async (ids) => {
      const found = await repo.lineStatesOf(ids);
      return ids.map((id) => found.get(id) ?? new Map());
    }),
    refunds: new DataLoader<string, RefundRow[]>(async (ids) => {
      const rows = await repo.refundsOf(ids);
      return ids.map((id) => rows.filter((r) => r.order_id === id));
    }),
    actions: new DataLoader<string, ActionRow[]>(async (ids) => {
      const rows = await repo.actionsOf(ids);
      return ids.map((id) => rows.filter((r) => r.order_id === id));
    }),
  };
}

export type AfterSalesLoaders = ReturnType<typeof createAfterSalesLoaders>;

export function refundView(r: RefundRow) {
  return {
    id: r.id,
    amount: money(r.amount_minor, r.currency_code),
    status: r.status,
    actionId: r.action_id,
    providerReference: r.provider_reference,
    failure: r.failure,
    tries: r.tries,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function actionView(a: ActionRow, currencyCode: string) {
  const d = JSON.parse(a.details) as ActionDetails;
  return {
    id: a.id,
    kind: a.kind,
    actor: a.actor,
    channel: a.channel,
    reason: a.reason,
    adjustmentReason: d.adjustmentReason ?? null,
    location: d.location ?? null,
    lines: (d.lines ?? []).map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      refund: l.refundMinor === undefined ? null : money(l.refundMinor, currencyCode),
      reason: l.reason ?? null,
      disposition: l.disposition ?? null,
    })),
    amount: money(a.amount_minor, currencyCode),
    at: a.created_at,
  };
}

/** The order's lines with their after-sales quantities and what each cost after every discount. */
export function linesView(order: OrderRecord, states: Map<string, LineStateRow>) {
  const paid = paidPerLine({
    currencyCode: order.currencyCode,
    lines: order.lines,
    promotion: order.promotion,
    totalMinor: parseMinor((order.payment?.amount ?? order.totals.total).amount, order.currencyCode),
    charges: order.charges,
  });
  return order.lines.map((l) => ({
    ...l,
    fulfilledQuantity: states.get(l.id)?.fulfilled ?? (order.source === 'IMPORT' ? l.quantity : 0),
    returnedQuantity: states.get(l.id)?.returned ?? 0,
    paid: money(paid.get(l.id) ?? 0, order.currencyCode),
  }));
}
