import { forbidden, withUserErrors } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  placeOrder: (_, { cartId, idempotencyKey, payment }, ctx) => {
    if (!hasScope(ctx.identity, 'storefront') && !hasScope(ctx.identity, 'pos')) throw forbidden('Orders need a storefront, pos, kiosk or in-game key.');
    return withUserErrors(
      async () => ({ order: (await ctx.placeOrder.run({ keyId: ctx.identity.keyId, channel: ctx.identity.channel }, { cartId, idempotencyKey, payment })) as any }),
      { order: null },
    );
  },
  importOrders: async (_, { orders }, ctx) => {
    if (!hasScope(ctx.identity, 'pos')) throw forbidden('Importing offline orders needs a pos key.');
    const results = [];
    for (const o of orders) results.push(await ctx.quarantine.importOne(ctx.identity.channel, o as any, (id) => ctx.orders.load(id)));
    return { results } as any;
  },
};
