import type { ProductResolvers } from '../generated/resolvers-types.ts';

export const Product: ProductResolvers = {
  __resolveReference: (ref, { catalog }) => catalog.product(ref.sku),
  price: (product, { market }, { catalog }) => catalog.price(product.sku, market),
};
