import { z } from 'zod';
import { prorate } from '../../../../../../common/money.ts';
import { amountIssues, amountMinor, byDescendingPrice, decimalAmount, defineEffect, skuSet } from '../rule.ts';

/**
 * Bundles: any `quantity` units drawn from `skus` cost `price` in total. As many complete bundles as
 * the cart allows are formed, the most expensive units first (ties: cart line order); each bundle saves
 * (Σ its units' prices − price), never less than zero. Because units are taken by descending price,
 * bundle sums never increase, so forming stops at the first bundle that would save nothing.
 * The saving is prorated over the chosen units' lines (weights: the chosen units' value on each line,
 * capped at what earlier campaigns left), so the line parts add up exactly to the bundle discount; a
 * cent left over on a remainder tie goes to the dearer line.
 */
export const bundlePrice = defineEffect({
  type: 'bundlePrice',
  description: 'Any `quantity` (≥ 2) units of `skus` (≥ 2) cost `price` (decimal string in the market currency) in total; most expensive units first.',
  scope: 'line',
  args: z.strictObject({
    skus: z.array(z.string().trim().min(1)).min(2, 'name at least two SKUs').max(1000),
    quantity: z.number().int('must be an integer').min(2, 'must be at least 2').max(1000, 'must be at most 1000'),
    price: decimalAmount,
  }),
  check: (args, ctx) => amountIssues(args.price, ctx, 'price', false),
  skus: (args) => args.skus,
  apply(args, cart, remaining, out) {
    const price = amountMinor(args.price, cart.currencyCode);
    if (price === null) return;
    const skus = skuSet(args.skus);
    const eligible = byDescendingPrice(cart, (line) => skus.has(line.sku));
    const units = eligible.reduce((s, i) => s + cart.lines[i].quantity, 0);
    const bundles = Math.floor(units / args.quantity);
    if (bundles === 0) return;

    // walk the units by descending price, bundle by bundle, counting the chosen units per line
    const chosen = cart.lines.map(() => 0); // line position → chosen units (in saving bundles)
    let total = 0;
    let cursor = 0; // index into eligible
    let usedOnLine = 0; // units of eligible[cursor] already taken
    for (let b = 0; b < bundles; b++) {
      let sum = 0;
      const taken: [number, number][] = [];
      for (let need = args.quantity; need > 0; ) {
        const line = cart.lines[eligible[cursor]];
        const take = Math.min(need, line.quantity - usedOnLine);
        sum += take * line.unitPriceMinor;
        taken.push([eligible[cursor], take]);
        need -= take;
        usedOnLine += take;
        if (usedOnLine === line.quantity) {
          cursor += 1;
          usedOnLine = 0;
        }
      }
      const saving = sum - price;
      if (saving <= 0) break;
      total += saving;
      for (const [i, n] of taken) chosen[i] += n;
    }
    if (total === 0) return;

    // prorated in the order the units were taken (a remainder tie goes to the dearer line)
    const weights = eligible.map((i) => Math.min(chosen[i] * cart.lines[i].unitPriceMinor, remaining[i]));
    const capped = Math.min(total, weights.reduce((a, b) => a + b, 0));
    prorate(capped, weights).forEach((part, k) => (out[eligible[k]] = part));
  },
});
