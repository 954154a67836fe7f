import { forbidden, previewReadOnly, withUserErrors } from '../../../../common/errors.ts';
import { hasScope, type Identity } from '../../../../common/identity.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

function mayWritePrices(identity: Identity, clock: Clock): void {
  if (!hasScope(identity, 'catalog:write')) throw forbidden('Setting prices needs the catalog:write scope.');
  if (clock.preview) throw previewReadOnly();
}

export const Mutation: MutationResolvers = {
  setPrice: async (_, { input }, { catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    return withUserErrors(async () => ({ product: await catalog.setPrice(input) }), { product: null });
  },
  setPrices: async (_, { input }, { catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    const result = await withUserErrors(async () => ({ products: await catalog.setPrices(input) }), { products: null });
    return { ...result, products: result.products ?? [] };
  },
};
