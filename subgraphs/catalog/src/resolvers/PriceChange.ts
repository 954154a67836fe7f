import type { PriceChangeResolvers } from '../generated/resolvers-types.ts';

export const PriceChange: PriceChangeResolvers = {
  product: (change, _, { catalog }) => catalog.product(change.sku),
};
