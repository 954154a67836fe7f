import { z } from 'zod';
import { amountIssues, amountMinor, decimalAmount, defineEffect, skuList } from '../rule.ts';

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
  apply(args, cart, remaining) {
    const perUnit = amountMinor(args.amount, cart.currencyCode) ?? 0;
    const skus = new Set(args.skus);
    const out = new Map<string, number>();
    for (const line of cart.lines) {
      if (skus.has(line.sku)) out.set(line.id, Math.min(perUnit * line.quantity, remaining.get(line.id) ?? 0));
    }
    return out;
  },
});
