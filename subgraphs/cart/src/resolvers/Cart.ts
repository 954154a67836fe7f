import { money } from '../../../../common/money.ts';
import type { CartLineResolvers, CartResolvers } from '../generated/resolvers-types.ts';

export const Cart: CartResolvers = {
  __resolveReference: (ref, { carts }) => carts.get(ref.id),
  warnings: (cart) => cart.warnings.map((w) => ({ ...w, code: w.code as never })),
};

export const CartLine: CartLineResolvers = {
  __resolveReference: async (ref, { carts, repo }) => {
    const cartId = (await repo.cartIdsOfLines([ref.id])).get(ref.id);
    const cart = cartId ? await carts.get(cartId) : null;
    return cart?.lines.find((l) => l.id === ref.id) ?? null;
  },
  unitPrice: (line) => money(line.unitPriceMinor, line.currencyCode),
  product: (line) => ({ sku: line.sku }),
};
