import type { CategoryResolvers } from '../generated/resolvers-types.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (ref, { families }) => families.category(ref.code),
  parent: (category, _, { families }) => families.category(category.parent),
  children: (category, _, { families }) => families.children(category.code),
  ancestors: (category, _, { families }) => families.ancestors(category),
};
