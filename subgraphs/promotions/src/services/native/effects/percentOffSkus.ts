import { z } from 'zod';
import { percentOf } from '../../../../../../common/money.ts';
import { defineEffect, percent, skuList } from '../rule.ts';

/** `percent` off the remaining amount of the lines holding one of `skus`, half-even per line. */
export const percentOffSkus = defineEffect({
  type: 'percentOffSkus',
  description: '`percent` (0 < p ≤ 100) off the lines of the given `skus`.',
  scope: 'line',
  args: z.strictObject({ percent, skus: skuList }),
  percent: (args) => args.percent,
  skus: (args) => args.skus,
  apply(args, cart, remaining) {
    const skus = new Set(args.skus);
    const out = new Map<string, number>();
    for (const line of cart.lines) {
      if (skus.has(line.sku)) out.set(line.id, percentOf(remaining.get(line.id) ?? 0, args.percent));
    }
    return out;
  },
});
