import { z } from 'zod';
import { percentOf } from '../../../../../../common/money.ts';
import { defineEffect, percent, skuList } from '../rule.ts';

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
  apply(args, cart, remaining) {
    const skus = args.skus ? new Set(args.skus) : null;
    const eligible = cart.lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.quantity > 0 && (skus === null || skus.has(line.sku)))
      .sort((a, b) => b.line.unitPriceMinor - a.line.unitPriceMinor || a.index - b.index);
    const group = args.buy + args.get;
    const units = eligible.reduce((s, e) => s + e.line.quantity, 0);
    const groups = Math.floor(units / group);
    const out = new Map<string, number>();
    if (groups === 0) return out;
    // unit k (0-based, descending price) is discounted when k < groups × group and k mod group ≥ buy
    const discounted = new Map<string, number>();
    let k = 0;
    for (const { line } of eligible) {
      for (let u = 0; u < line.quantity && k < groups * group; u++, k++) {
        if (k % group >= args.buy) discounted.set(line.id, (discounted.get(line.id) ?? 0) + 1);
      }
      if (k >= groups * group) break;
    }
    const p = args.percent ?? 100;
    for (const { line } of eligible) {
      const n = discounted.get(line.id);
      if (!n) continue;
      out.set(line.id, Math.min(percentOf(n * line.unitPriceMinor, p), remaining.get(line.id) ?? 0));
    }
    return out;
  },
});
