import { z } from 'zod';
import { amountIssues, amountMinor, decimalAmount, defineEffect } from '../rule.ts';

/** A fixed amount off the shipping charge, never more than what earlier campaigns left of it. */
export const amountOffShipping = defineEffect({
  type: 'amountOffShipping',
  description: '`amount` (decimal string in the market currency) off the selected shipping method\'s charge, capped at the charge.',
  scope: 'shipping',
  args: z.strictObject({ amount: decimalAmount }),
  check: (args, ctx) => amountIssues(args.amount, ctx, 'amount', true),
  apply() {},
  shipping: (args, cart, remaining) => Math.min(amountMinor(args.amount, cart.currencyCode) ?? 0, remaining),
});
