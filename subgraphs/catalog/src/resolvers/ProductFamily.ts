import type { ProductFamilyResolvers } from '../generated/resolvers-types.ts';

export const ProductFamily: ProductFamilyResolvers = {
  __resolveReference: (ref, { families }) => families.get(ref.id),
  title: (family, { locale }, { families }) => families.title(family, locale),
  description: (family, { locale }, { families }) => families.description(family, locale),
  titles: (family) => Object.entries(family.titles).map(([locale, text]) => ({ locale, text })),
  category: (family, _, { families }) => families.category(family.category),
  variants: async (family, _, { families, catalog }) =>
    (await Promise.all((await families.variantSkus(family.id)).map((sku) => catalog.product(sku)))).filter((p) => p !== null),
};
