import type { OrderResolvers } from '../generated/resolvers-types.ts';

export const Order: OrderResolvers = {
  __resolveReference: (ref, { orders }) => orders.load(ref.id) as any,
};
