import { z } from 'zod';
import { amountIssues, amountMinor, decimalAmount, defineEffect, skuList, skuSet } from '../rule.ts';

/** `amount` off each unit of the given SKUs, never more than what remains of the line. */
export const amountOffSkus = defineEffect({
  type: 'amountOffSkus',
  description: '`amount` (decimal string in the market currency) off every unit of the given `skus`.',
  scope: 'line',
  args: z.strictObject({ amount: decimalAmount, skus: skuList }),
  check: (args, ctx) => amountIssues(args.amount, ctx, 'amount', true),
  skus: (args) => args.skus,
  amountOffUnits: (args, currencyCode) => {
    const minor = amountMinor(args.amount, currencyCode);
    return minor === null ? null : { skus: args.skus, amountMinor: minor };
  },
  apply(args, cart, remaining, out) {
    const perUnit = amountMinor(args.amount, cart.currencyCode) ?? 0;
    const skus = skuSet(args.skus);
    cart.lines.forEach((line, i) => {
      if (skus.has(line.sku)) out[i] = Math.min(perUnit * line.quantity, remaining[i]);
    });
  },
});
