import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  products: async (_, { market, first, after }, { catalog }) => {
    const page = await catalog.products(market, first, after);
    return {
      edges: page.items.map((node) => ({ cursor: Buffer.from(node.sku).toString('base64url'), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  },
  product: (_, { sku }, { catalog }) => catalog.product(sku),
  markets: (_, __, { catalog }) => catalog.markets(),
  market: (_, { code }, { catalog }) => catalog.market(code),
  productFamily: (_, { id }, { families }) => families.get(id),
  categories: (_, __, { families }) => families.roots(),
  category: (_, { code }, { families }) => families.category(code),
  marketsVersion: (_, __, { catalog }) => catalog.marketsVersion(),
};
