import { forbidden, previewReadOnly, withUserErrors } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  setPrice: async (_, { input }, { catalog, identity, clock }) => {
    if (!hasScope(identity, 'catalog:write')) throw forbidden('Setting prices needs the catalog:write scope.');
    if (clock.preview) throw previewReadOnly();
    return withUserErrors(async () => ({ product: await catalog.setPrice(input) }), { product: null });
  },
};
