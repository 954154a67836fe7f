import type { EffectType, RuleCart } from './rule.ts';

/** Test support: a rule cart of lines L1, L2, … from [sku, quantity, unit price] rows. */
export function ruleCart(lines: [sku: string, quantity: number, unitPriceMinor: number][], over: Partial<RuleCart> = {}): RuleCart {
  const withTotals = lines.map(([sku, quantity, unitPriceMinor], i) => ({ id: `L${i + 1}`, sku, quantity, unitPriceMinor, totalMinor: unitPriceMinor * quantity }));
  return {
    id: 'c1',
    market: 'DE',
    channel: 'web',
    currencyCode: 'EUR',
    lines: withTotals,
    subtotalMinor: withTotals.reduce((s, l) => s + l.totalMinor, 0),
    units: withTotals.reduce((s, l) => s + l.quantity, 0),
    skus: new Set(withTotals.filter((l) => l.quantity > 0).map((l) => l.sku)),
    customerId: null,
    customerHasOrders: null,
    ...over,
    shipping: over.shipping ?? null,
  };
}

/** Every line's full amount, by line id. */
export const full = (cart: RuleCart) => new Map(cart.lines.map((l) => [l.id, l.totalMinor]));

/** Runs an effect as the engine does (amounts by line position) and answers the parts by line id. */
export function applyById<A>(effect: EffectType<A>, args: A, cart: RuleCart, remaining: ReadonlyMap<string, number> = full(cart)): Map<string, number> {
  const out = cart.lines.map(() => 0);
  effect.apply(args, cart, cart.lines.map((l) => remaining.get(l.id) ?? 0), out);
  return new Map(cart.lines.map((l, i) => [l.id, out[i]]));
}
