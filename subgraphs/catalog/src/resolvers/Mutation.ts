import { forbidden, withUserErrors } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  setPrice: async (_, { input }, { catalog, identity }) => {
    if (!hasScope(identity, 'catalog:write')) throw forbidden('Setting prices needs the catalog:write scope.');
    return withUserErrors(async () => ({ product: await catalog.setPrice(input) }), { product: null });
  },
};
