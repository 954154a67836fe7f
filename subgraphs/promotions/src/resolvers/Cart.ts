import type { CartResolvers } from '../generated/resolvers-types.ts';
import { withCart } from './guards.ts';

/**
 * Cart.promotion and Cart.totals are computed from the representation the gateway sends (the fields
 * of @requires). Both load the same per-request evaluation, so a cart is evaluated once.
 */
export const Cart: CartResolvers = {
  __resolveReference: (representation) => representation,
  promotion: (cart, _, { evaluation }) => withCart(() => evaluation.promotion(cart)),
  totals: (cart, _, { evaluation }) => withCart(() => evaluation.totals(cart)) as never,
  shippingOptions: (cart, _, { evaluation }) => withCart(() => evaluation.shippingOptions(cart)) as never,
};
