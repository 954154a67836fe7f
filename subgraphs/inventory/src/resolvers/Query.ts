import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { requireService } from './guards.ts';

export const Query: QueryResolvers = {
  locations: (_, __, { stock }) => stock.locations(),
  reservation: (_, { id }, { reservations, identity }) => {
    requireService(identity);
    return reservations.get(id);
  },
};
