import { forbidden, previewReadOnly, userError, UserErrorException, withUserErrors } from '../../../../common/errors.ts';
import { hasScope, mayManageMarket, type Identity } from '../../../../common/identity.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { categoryImporter, variantImporter } from '../import/variants.ts';
import { editOne } from '../services/singleEdits.ts';

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
  upsertProduct: async (_, { input }, { families, catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    return withUserErrors(async () => {
      const texts = (list: { locale: string; text: string }[] | null | undefined) => (list ? Object.fromEntries(list.map((t) => [t.locale, t.text])) : undefined);
      await editOne(variantImporter(families.repository, clock), {
        sku: input.sku, product: input.product ?? undefined, title: texts(input.title), description: texts(input.description), brand: input.brand ?? undefined,
        category: input.category ?? undefined, attributes: input.attributes ?? undefined, images: input.images ?? undefined, options: input.options ?? undefined,
      });
      return { product: await catalog.productFresh(input.sku) };
    }, { product: null });
  },
  upsertCategory: async (_, { input }, { families, identity, clock }) => {
    mayWritePrices(identity, clock);
    return withUserErrors(async () => {
      await editOne(categoryImporter(families.repository, clock), { code: input.code, parent: input.parent ?? undefined, name: input.name });
      return { category: await families.categoryFresh(input.code) };
    }, { category: null });
  },
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
      return { product: await catalog.setPrice(input, identity) };
    }, { product: null });
  },
  setPrices: async (_, { input }, { catalog, identity, clock }) => {
    mayWritePrices(identity, clock);
    const result = await withUserErrors(async () => {
      ownMarkets(identity, input, (i) => `input[${i}].market`);
      return { products: await catalog.setPrices(input, identity) };
    }, { products: null });
    return { ...result, products: result.products ?? [] };
  },
};
