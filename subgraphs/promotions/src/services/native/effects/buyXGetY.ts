import { z } from 'zod';
import { percentOf } from '../../../../../../common/money.ts';
import { byDescendingPrice, defineEffect, percent, skuList, skuSet } from '../rule.ts';

/**
 * Buy X, get Y: the qualifying units (of `skus`, or every unit when `skus` is absent) are sorted by
 * descending unit price (ties: cart line order) and taken in groups of X + Y; in each complete group
 * the Y cheapest units (the group's last Y) get `percent` off (default 100: free). Grouping by
 * descending price is the usual merchant-safe reading: with buy 1 get 1 on 100, 90, 10 and 5, the
 * discounted units are 90 and 5. The discount of a line is `percent` of (its discounted units × unit
 * price), half-even, never more than what earlier campaigns left of the line.
 */
export const buyXGetY = defineEffect({
  type: 'buyXGetY',
  description: 'For every `buy` + `get` qualifying units (of `skus`, default all), the `get` cheapest get `percent` (default 100) off.',
  scope: 'line',
  args: z.strictObject({
    buy: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
    get: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
    skus: skuList.optional(),
    percent: percent.optional(),
  }),
  percent: (args) => args.percent ?? 100,
  skus: (args) => args.skus ?? null,
  apply(args, cart, remaining, out) {
    const skus = args.skus ? skuSet(args.skus) : null;
    const eligible = byDescendingPrice(cart, (line) => skus === null || skus.has(line.sku));
    const group = args.buy + args.get;
    const units = eligible.reduce((s, i) => s + cart.lines[i].quantity, 0);
    const groups = Math.floor(units / group);
    if (groups === 0) return;
    // unit k (0-based, descending price) is discounted when k < groups × group and k mod group ≥ buy
    const p = args.percent ?? 100;
    let k = 0;
    for (const i of eligible) {
      const line = cart.lines[i];
      let discounted = 0;
      for (let u = 0; u < line.quantity && k < groups * group; u++, k++) {
        if (k % group >= args.buy) discounted += 1;
      }
      if (discounted > 0) out[i] = Math.min(percentOf(discounted * line.unitPriceMinor, p), remaining[i]);
      if (k >= groups * group) break;
    }
  },
});
