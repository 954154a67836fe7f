import type { ProductResolvers } from '../generated/resolvers-types.ts';

export const Product: ProductResolvers = {
  __resolveReference: (ref, { catalog }) => catalog.product(ref.sku),
  price: (product, { market }, { catalog }) => catalog.price(product.sku, market),
  family: (product, _, { families }) => (product.familyId ? families.get(product.familyId) : null),
  title: async (product, { locale }, { families }) => {
    const family = product.familyId ? await families.get(product.familyId) : null;
    return family ? families.title(family, locale) : product.name;
  },
};
