import { forbidden, withUserErrors } from '../../../../common/errors.ts';
import { hasScope, isServiceCall } from '../../../../common/identity.ts';
import type { CartContext } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import type { CartView } from '../services/cartView.ts';

function seller(ctx: CartContext) {
  if (!hasScope(ctx.identity, 'storefront') && !hasScope(ctx.identity, 'pos')) throw forbidden('Carts need a storefront, pos, kiosk or in-game key.');
  return { channel: ctx.identity.channel, canSell: true, isService: isServiceCall(ctx.identity) };
}

const payload = (fn: () => Promise<CartView>) => withUserErrors(async () => ({ cart: await fn() }), { cart: null });

export const Mutation: MutationResolvers = {
  createCart: (_, { input }, ctx) => {
    const caller = seller(ctx);
    return payload(() => ctx.carts.create(caller, input));
  },
  addCartLines: (_, { cartId, expectedVersion, lines }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.addLines(cartId, expectedVersion, lines));
  },
  updateCartLine: (_, { cartId, expectedVersion, lineId, quantity }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.updateLine(cartId, expectedVersion, lineId, quantity));
  },
  removeCartLine: (_, { cartId, expectedVersion, lineId }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.removeLine(cartId, expectedVersion, lineId));
  },
  applyDiscountCode: (_, { cartId, expectedVersion, code }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.applyCode(cartId, expectedVersion, code));
  },
  removeDiscountCode: (_, { cartId, expectedVersion, code }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.removeCode(cartId, expectedVersion, code));
  },
  acknowledgeCartWarnings: (_, { cartId, expectedVersion }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.acknowledgeWarnings(cartId, expectedVersion));
  },
  setShippingAddress: (_, { cartId, expectedVersion, address }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.setShippingAddress(cartId, expectedVersion, address));
  },
  selectShippingMethod: (_, { cartId, expectedVersion, method, pickupLocation }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.selectShippingMethod(cartId, expectedVersion, method, pickupLocation));
  },
  setCartCustomer: (_, { cartId, expectedVersion, customerId }, ctx) => {
    seller(ctx);
    return payload(() => ctx.carts.setCustomer(cartId, expectedVersion, customerId ?? null));
  },
  markCartOrdered: (_, { cartId, orderId }, ctx) => {
    if (!isServiceCall(ctx.identity)) throw forbidden('Closing a cart is internal to the orders service.');
    return ctx.carts.markOrdered(cartId, orderId);
  },
};
