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
  apply(args, _cart, remaining, out) {
    for (let i = 0; i < remaining.length; i++) out[i] = percentOf(remaining[i], args.percent);
  },
});
