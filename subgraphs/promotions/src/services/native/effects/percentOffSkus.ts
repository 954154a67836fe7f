import { z } from 'zod';
import { percentOf } from '../../../../../../common/money.ts';
import { defineEffect, percent, skuList, skuSet } from '../rule.ts';

/** `percent` off the remaining amount of the lines holding one of `skus`, half-even per line. */
export const percentOffSkus = defineEffect({
  type: 'percentOffSkus',
  description: '`percent` (0 < p ≤ 100) off the lines of the given `skus`.',
  scope: 'line',
  args: z.strictObject({ percent, skus: skuList }),
  percent: (args) => args.percent,
  skus: (args) => args.skus,
  apply(args, cart, remaining, out) {
    const skus = skuSet(args.skus);
    cart.lines.forEach((line, i) => {
      if (skus.has(line.sku)) out[i] = percentOf(remaining[i], args.percent);
    });
  },
});
