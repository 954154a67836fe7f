import type { PromotionResolvers } from '../generated/resolvers-types.ts';

/** The promotion object as stored with the order; orders from before shipping discounts existed have none. */
export const Promotion: PromotionResolvers = {
  shippingDiscounts: (promotion: any) => promotion.shippingDiscounts ?? [],
};
