import { z } from 'zod';
import { amountIssues, amountMinor, decimalAmount, defineCondition, formatAmount } from '../rule.ts';

/** The cart's subtotal (before discounts) is at least `amount`. */
export const minSubtotal = defineCondition({
  type: 'minSubtotal',
  description: 'Subtotal before discounts of at least `amount` (decimal string in the market currency).',
  args: z.strictObject({ amount: decimalAmount }),
  check: (args, ctx) => amountIssues(args.amount, ctx, 'amount', false),
  evaluate(args, cart) {
    const min = amountMinor(args.amount, cart.currencyCode);
    if (min === null) return { ok: false, reason: 'MIN_SUBTOTAL_NOT_REACHED', message: 'This code cannot be used with this cart.' };
    if (cart.subtotalMinor >= min) return { ok: true };
    return {
      ok: false,
      reason: 'MIN_SUBTOTAL_NOT_REACHED',
      message: `Add ${formatAmount(min - cart.subtotalMinor, cart.currencyCode)} more to your cart to use this code (minimum ${formatAmount(min, cart.currencyCode)}).`,
    };
  },
});
