import { z } from 'zod';
import { defineCondition } from '../rule.ts';

/** The cart's selected shipping method is one of `methods` (codes such as standard, express). */
export const shippingMethod = defineCondition({
  type: 'shippingMethod',
  description: 'The selected shipping method is one of `methods` (codes such as standard, express, click-and-collect).',
  args: z.strictObject({ methods: z.array(z.string().trim().min(1).max(64)).min(1, 'name at least one method').max(50) }),
  evaluate(args, cart) {
    if (cart.shipping && args.methods.includes(cart.shipping.method)) return { ok: true };
    return {
      ok: false,
      reason: 'NO_QUALIFYING_ITEMS',
      message: `This code applies only with ${args.methods.join(' or ')} shipping: choose ${args.methods.length === 1 ? 'it' : 'one of them'} to use it.`,
    };
  },
});
