import { z } from 'zod';
import { percentOf } from '../../../../../../common/money.ts';
import { defineEffect, percent } from '../rule.ts';

/** `percent` off every line's remaining amount, rounded half-even per line. */
export const percentOffCart = defineEffect({
  type: 'percentOffCart',
  description: '`percent` (0 < p ≤ 100) off the cart, computed per line (half-even) and summed.',
  scope: 'cart',
  args: z.strictObject({ percent }),
  percent: (args) => args.percent,
  apply(args, _cart, remaining) {
    const out = new Map<string, number>();
    for (const [lineId, left] of remaining) out.set(lineId, percentOf(left, args.percent));
    return out;
  },
});
