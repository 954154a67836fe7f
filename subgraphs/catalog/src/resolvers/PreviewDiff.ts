import { mayManageMarket } from '../../../../common/identity.ts';
import type { PreviewDiffResolvers } from '../generated/resolvers-types.ts';

/** Catalog's part of a preview diff: the price changes. Promotions owns the query and checks the scope. */
export const PreviewDiff: PreviewDiffResolvers = {
  __resolveReference: (ref) => ({ market: ref.market, at: ref.at }),
  priceChanges: (diff, _, { catalog, identity }) => (mayManageMarket(identity, diff.market) ? catalog.priceChanges(diff.market, new Date(diff.at).toISOString()) : []),
};
