import type { OrderResolvers } from '../generated/resolvers-types.ts';
import { mayAccessOwned } from '../../../../common/ownership.ts';
import { presentCharges, presentShippingLine } from '../services/charges.ts';
import { orderV1Fields } from '../services/orderV1.ts';
import { money } from '../../../../common/money.ts';
import { actionView, linesView, refundView } from '../services/afterSales/views.ts';

export const Order: OrderResolvers = {
  __resolveReference: async (ref, { orders, identity }) => {
    const order = await orders.load(ref.id);
    return (order && mayAccessOwned(identity, order) ? order : null) as any;
  },
  lines: async (order: any, _, { afterSalesLoaders }) => linesView(order, await afterSalesLoaders.lineStates.load(order.id)) as any,
  refunds: async (order: any, _, { afterSalesLoaders }) => (await afterSalesLoaders.refunds.load(order.id)).map(refundView) as any,
  refundedTotal: async (order: any, _, { afterSalesLoaders }) =>
    money((await afterSalesLoaders.refunds.load(order.id)).filter((r) => r.status === 'SUCCEEDED').reduce((n, r) => n + r.amount_minor, 0), order.currencyCode),
  afterSales: async (order: any, _, { afterSalesLoaders }) => (await afterSalesLoaders.actions.load(order.id)).map((a) => actionView(a, order.currencyCode)) as any,
  totals: (order: any) => ({ ...order.totals, ...presentCharges(order.charges, order.currencyCode) }),
  shippingLine: (order: any) => presentShippingLine(order.charges, order.currencyCode) as any,
  // v1 fields, deprecated: derived from the promotion object and totals
  discountCode: (order: any) => orderV1Fields(order.promotion, order.totals.discount).discountCode,
  discountTotal: (order: any) => orderV1Fields(order.promotion, order.totals.discount).discountTotal,
};
