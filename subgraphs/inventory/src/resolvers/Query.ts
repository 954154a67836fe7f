import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { forbidden } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import { requireService } from './guards.ts';

export const Query: QueryResolvers = {
  locations: (_, __, { stock }) => stock.locations(),
  stockToRecount: (_, { location }, { offlineSales, identity }) => {
    if (!hasScope(identity, 'operations') && !hasScope(identity, 'pos')) throw forbidden('Stock to recount needs the operations or pos scope.');
    return offlineSales.negativeStock(location ?? null);
  },
  reservation: (_, { id }, { reservations, identity }) => {
    requireService(identity);
    return reservations.get(id);
  },
};
