import type { OrderLineResolvers } from '../generated/resolvers-types.ts';

export const OrderLine: OrderLineResolvers = {
  // the catalog resolves the product (family, options, titles) by SKU
  product: (line) => ({ sku: line.sku }),
};
