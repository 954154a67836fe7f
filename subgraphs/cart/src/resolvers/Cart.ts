import { isPreviewCartId } from '../data/previewCarts.ts';
import { money } from '../../../../common/money.ts';
import type { CartLineResolvers, CartResolvers } from '../generated/resolvers-types.ts';

export const Cart: CartResolvers = {
  __resolveReference: (ref, { carts }) => carts.get(ref.id),
  preview: (cart) => isPreviewCartId(cart.id),
  shippingMethod: (cart) => cart.shippingMethod?.code ?? null,
  pickupLocation: (cart) => cart.shippingMethod?.location ?? null,
  warnings: (cart) => cart.warnings.map((w) => ({ ...w, code: w.code as never })),
};

export const CartLine: CartLineResolvers = {
  __resolveReference: (ref, { carts }) => carts.line(ref.id),
  unitPrice: (line) => money(line.unitPriceMinor, line.currencyCode),
  product: (line) => ({ sku: line.sku }),
};
