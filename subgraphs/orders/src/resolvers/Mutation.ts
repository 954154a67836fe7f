import { forbidden, previewReadOnly, userError, withUserErrors } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import { deliveryView } from '../services/deadLetters.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import type { ActionResult } from '../services/afterSales/afterSales.ts';
import { actionView, refundView } from '../services/afterSales/views.ts';
import type { OrdersContext } from '../context.ts';

/** An after-sales answer: the order (read fresh), the action and its refund. */
function afterSalesAnswer(ctx: OrdersContext, fn: () => Promise<ActionResult>) {
  if (ctx.clock.preview) throw previewReadOnly();
  return withUserErrors(async () => {
    const r = await fn();
    ctx.orders.clear(r.order.id);
    return { order: r.order as any, action: actionView(r.action, r.order.currencyCode) as any, refund: r.refund ? (refundView(r.refund) as any) : null };
  }, { order: null, action: null, refund: null });
}

export const Mutation: MutationResolvers = {
  placeOrder: (_, { cartId, idempotencyKey, payment }, ctx) => {
    if (!hasScope(ctx.identity, 'storefront') && !hasScope(ctx.identity, 'pos')) throw forbidden('Orders need a storefront, pos, kiosk or in-game key.');
    return withUserErrors(
      async () => ({ order: (await ctx.placeOrder.run({ keyId: ctx.identity.keyId, channel: ctx.identity.channel, customerId: ctx.identity.customerId }, { cartId, idempotencyKey, payment })) as any }),
      { order: null },
    );
  },
  importOrders: async (_, { orders }, ctx) => {
    if (!hasScope(ctx.identity, 'pos')) throw forbidden('Importing offline orders needs a pos key.');
    const results = [];
    for (const o of orders) results.push(await ctx.quarantine.importOne(ctx.identity.channel, o as any, (id) => ctx.orders.load(id)));
    return { results } as any;
  },
  replayDeadLetter: async (_, { id }, ctx) => {
    if (!hasScope(ctx.identity, 'operations')) throw forbidden('Replaying dead letters needs an operations key.');
    if (ctx.clock.preview) return { delivery: null, userErrors: [userError('PREVIEW_READ_ONLY', 'Nothing can be replayed in preview.')] };
    const { row } = await ctx.deliveries.replay(id, ctx.clock.now().toISOString());
    if (!row) return { delivery: null, userErrors: [userError('NOT_FOUND', `No webhook delivery with id "${id}".`, 'id')] };
    return { delivery: deliveryView(row) as any, userErrors: [] };
  },
  replayQuarantinedOrder: (_, { id, correction }, ctx) => {
    if (!hasScope(ctx.identity, 'operations')) throw forbidden('Replaying quarantined orders needs an operations key.');
    if (ctx.clock.preview) throw previewReadOnly();
    return withUserErrors(
      async () => (await ctx.quarantine.replay(id, (correction as any) ?? null, ctx.identity.keyId, (oid) => ctx.orders.load(oid))) as any,
      { quarantine: null, order: null },
    );
  },
  discardQuarantinedOrder: (_, { id, reason }, ctx) => {
    if (!hasScope(ctx.identity, 'operations')) throw forbidden('Discarding quarantined orders needs an operations key.');
    if (ctx.clock.preview) throw previewReadOnly();
    return withUserErrors(async () => ({ quarantine: await ctx.quarantine.discard(id, reason, ctx.identity.keyId), order: null }), { quarantine: null, order: null });
  },
  cancelOrder: (_, { orderId, reason, idempotencyKey }, ctx) => {
    if (!hasScope(ctx.identity, 'storefront') && !hasScope(ctx.identity, 'pos') && !hasScope(ctx.identity, 'operations')) throw forbidden('Cancelling orders needs a storefront, pos or operations key.');
    return afterSalesAnswer(ctx, () => ctx.afterSales.cancel(ctx.identity, orderId, reason, idempotencyKey));
  },
  fulfilOrderLines: (_, { orderId, lines, location, idempotencyKey }, ctx) => {
    if (!hasScope(ctx.identity, 'pos') && !hasScope(ctx.identity, 'operations')) throw forbidden('Fulfilling orders needs a pos or operations key.');
    return afterSalesAnswer(ctx, () => ctx.afterSales.fulfil(ctx.identity, orderId, lines, location, idempotencyKey));
  },
  returnOrderLines: (_, { orderId, lines, restockLocation, idempotencyKey }, ctx) => {
    if (!hasScope(ctx.identity, 'pos') && !hasScope(ctx.identity, 'operations')) throw forbidden('Returns need a pos or operations key.');
    return afterSalesAnswer(ctx, () => ctx.afterSales.returnLines(ctx.identity, orderId, lines, restockLocation ?? null, idempotencyKey));
  },
  adjustOrder: (_, { orderId, input, idempotencyKey }, ctx) => {
    if (!hasScope(ctx.identity, 'operations')) throw forbidden('Adjusting orders needs an operations key.');
    return afterSalesAnswer(ctx, () => ctx.afterSales.adjust(ctx.identity, orderId, input, idempotencyKey));
  },
  retryRefund: (_, { refundId }, ctx) => {
    if (!hasScope(ctx.identity, 'operations')) throw forbidden('Retrying refunds needs an operations key.');
    return afterSalesAnswer(ctx, () => ctx.afterSales.retryRefund(ctx.identity, refundId));
  },
};
