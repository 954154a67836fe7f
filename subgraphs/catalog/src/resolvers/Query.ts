import { forbidden } from '../../../../common/errors.ts';
import { isServiceCall } from '../../../../common/identity.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  products: async (_, { market, first, after, filter, sort }, { catalog }) => {
    const page = await catalog.products(market, first, after, filter, sort);
    return {
      edges: page.items.map((node, i) => ({ cursor: page.cursors[i], node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
      facets: page.facets,
    };
  },
  product: (_, { sku }, { catalog }) => catalog.product(sku),
  markets: (_, __, { catalog }) => catalog.markets(),
  market: (_, { code }, { catalog }) => catalog.market(code),
  productFamily: (_, { id }, { families }) => families.get(id),
  categories: (_, __, { families }) => families.roots(),
  category: (_, { code }, { families }) => families.category(code),
  marketsVersion: (_, __, { catalog }) => catalog.marketsVersion(),
  auditEvents: (_, { entityTypes, entityId, keyId, after, first }, { audit, identity }) => {
    if (!isServiceCall(identity)) throw forbidden('This is an internal operation for services only.');
    return audit.events(identity, { entityTypes, entityId, keyId, after, first });
  },
};
