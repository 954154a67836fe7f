import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  cart: (_, { id }, { carts }) => carts.get(id),
};
