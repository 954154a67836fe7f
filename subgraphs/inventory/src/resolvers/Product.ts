import type { ProductResolvers } from '../generated/resolvers-types.ts';

export const Product: ProductResolvers = {
  // any SKU resolves: one we hold no stock of is simply not available
  __resolveReference: (ref) => ({ sku: ref.sku }),
  availability: (product, { market }, { stock }) => stock.availability(product.sku, market),
  stockLevel: (product, { location }, { stock }) => stock.stockLevel(product.sku, location),
};
