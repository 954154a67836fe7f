import type { OrderResolvers } from '../generated/resolvers-types.ts';
import { mayAccessOwned } from '../../../../common/ownership.ts';
import { presentCharges, presentShippingLine } from '../services/charges.ts';
import { orderV1Fields } from '../services/orderV1.ts';

export const Order: OrderResolvers = {
  __resolveReference: async (ref, { orders, identity }) => {
    const order = await orders.load(ref.id);
    return (order && mayAccessOwned(identity, order) ? order : null) as any;
  },
  totals: (order: any) => ({ ...order.totals, ...presentCharges(order.charges, order.currencyCode) }),
  shippingLine: (order: any) => presentShippingLine(order.charges, order.currencyCode) as any,
  // v1 fields, deprecated: derived from the promotion object and totals
  discountCode: (order: any) => orderV1Fields(order.promotion, order.totals.discount).discountCode,
  discountTotal: (order: any) => orderV1Fields(order.promotion, order.totals.discount).discountTotal,
};
