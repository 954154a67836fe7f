import type { ProductConnectionResolvers } from '../generated/resolvers-types.ts';

export const ProductConnection: ProductConnectionResolvers = {
  facets: (connection) => connection.facets(),
};
