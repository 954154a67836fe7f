import { forbidden, previewReadOnly, userError, UserErrorException, withUserErrors } from '../../../../common/errors.ts';
import { hasScope, mayManageMarket, type Identity } from '../../../../common/identity.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

function mayWritePrices(identity: Identity, clock: Clock): void {
  if (!hasScope(identity, 'catalog:write')) throw forbidden('Setting prices needs the catalog:write scope.');
  if (clock.preview) throw previewReadOnly();
}

/** A price key writes the markets it manages only; every entry of another market is named. */
function ownMarkets(identity: Identity, inputs: { market: string }[], field: (i: number) => string): void {
  const errors = inputs.flatMap((p, i) => (mayManageMarket(identity, p.market) ? [] : [userError('FORBIDDEN_MARKET', `This key does not manage market ${p.market}.`, field(i))]));
  if (errors.length) throw new UserErrorException(errors);
}

function mayWriteMarkets(identity: Identity, clock: Clock): void {
  if (!hasScope(identity, 'operations')) throw forbidden('Creating or changing a market needs the operations scope.');
  if (clock.preview) throw previewReadOnly();
}

export const Mutation: MutationResolvers = {
  upsertMarket: async (_, { input }, { markets, identity, clock }) => {
    mayWriteMarkets(identity, clock);
    const result = await withUserErrors(async () => {
      ownMarkets(identity, [{ market: input.code }], () => 'input.code');
      const [market] = await markets.upsert([input], () => 'input.');
      return { market };
    }, { market: null });
    return result;
  },
  setPrice: async (_, { input }, { catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    return withUserErrors(async () => {
      ownMarkets(identity, [input], () => 'input.market');
      return { product: await catalog.setPrice(input) };
    }, { product: null });
  },
  setPrices: async (_, { input }, { catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    const result = await withUserErrors(async () => {
      ownMarkets(identity, input, (i) => `input[${i}].market`);
      return { products: await catalog.setPrices(input) };
    }, { products: null });
    return { ...result, products: result.products ?? [] };
  },
};
