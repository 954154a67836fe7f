import type { QuarantinedOrderResolvers } from '../generated/resolvers-types.ts';

export const QuarantinedOrder: QuarantinedOrderResolvers = {
  actions: (q, _, { quarantine }) => quarantine.actions(q.id),
};
