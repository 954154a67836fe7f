import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { forbidden } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import { requireService } from './guards.ts';

export const Query: QueryResolvers = {
  locations: (_, __, { stock }) => stock.locations(),
  location: (_, { code }, { stock }) => stock.location(code),
  stockToRecount: (_, { location }, { offlineSales, identity }) => {
    if (!hasScope(identity, 'operations') && !hasScope(identity, 'pos')) throw forbidden('Stock to recount needs the operations or pos scope.');
    return offlineSales.negativeStock(location ?? null);
  },
  stockHistory: (_, { sku, location, at, last }, { ledger, identity }) => {
    if (!hasScope(identity, 'operations')) throw forbidden('The stock ledger needs the operations scope.');
    return ledger.history(sku, location, at ? new Date(at).toISOString() : null, last ?? 50);
  },
  reservation: (_, { id }, { reservations, identity }) => {
    requireService(identity);
    return reservations.get(id);
  },
};
