import { z } from 'zod';
import { prorate } from '../../../../../../common/money.ts';
import { amountIssues, amountMinor, decimalAmount, defineEffect } from '../rule.ts';

/** A fixed amount off the cart, capped at what remains, prorated over the lines so the parts add up exactly. */
export const amountOffCart = defineEffect({
  type: 'amountOffCart',
  description: '`amount` (decimal string in the market currency) off the cart, capped at the remaining subtotal and prorated over lines.',
  scope: 'cart',
  args: z.strictObject({ amount: decimalAmount }),
  check: (args, ctx) => amountIssues(args.amount, ctx, 'amount', true),
  apply(args, cart, remaining, out) {
    const amount = amountMinor(args.amount, cart.currencyCode) ?? 0;
    const capped = Math.min(amount, remaining.reduce((a, b) => a + b, 0));
    prorate(capped, remaining).forEach((part, i) => (out[i] = part));
  },
});
