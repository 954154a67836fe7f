import { z } from 'zod';
import { defineCondition } from '../rule.ts';

/** The cart holds at least `quantity` units in total. */
export const minQuantity = defineCondition({
  type: 'minQuantity',
  description: 'At least `quantity` items in the cart (sum of line quantities).',
  args: z.strictObject({ quantity: z.number().int().min(1).max(1_000_000) }),
  evaluate(args, cart) {
    if (cart.units >= args.quantity) return { ok: true };
    const missing = args.quantity - cart.units;
    return {
      ok: false,
      reason: 'MIN_SUBTOTAL_NOT_REACHED',
      message: `Add ${missing} more item${missing === 1 ? '' : 's'} to use this code (minimum ${args.quantity}).`,
    };
  },
});
