import { z } from 'zod';
import { defineCondition, skuList } from '../rule.ts';

/** Some (`match: "any"`, the default) or all (`match: "all"`) of the SKUs are in the cart. */
export const skusInCart = defineCondition({
  type: 'skusInCart',
  description: 'The cart contains any (default) or all (`match: "all"`) of `skus`.',
  args: z.strictObject({ skus: skuList, match: z.enum(['any', 'all']).optional() }),
  skus: (args) => args.skus,
  evaluate(args, cart) {
    const ok = args.match === 'all' ? args.skus.every((s) => cart.skus.has(s)) : args.skus.some((s) => cart.skus.has(s));
    if (ok) return { ok: true };
    return {
      ok: false,
      reason: 'NO_QUALIFYING_ITEMS',
      message: args.match === 'all' ? 'This code needs all of its products in your cart.' : 'None of the products this code is for are in your cart.',
    };
  },
});
