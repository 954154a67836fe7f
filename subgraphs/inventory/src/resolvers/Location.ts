import type { LocationResolvers } from '../generated/resolvers-types.ts';

export const Location: LocationResolvers = {
  __resolveReference: (ref, { stock }) => stock.location(ref.code),
};
