import type { CartLineResolvers } from '../generated/resolvers-types.ts';

export const CartLine: CartLineResolvers = {
  // the representation carries the @requires fields (sku, market, location)
  __resolveReference: (ref) => ref,
  availability: (line, _, { stock }) => {
    const { sku, market, location } = line as { sku?: string; market?: string; location?: string | null };
    if (!sku || !market) return null;
    return stock.lineAvailability(sku, market, location);
  },
};
