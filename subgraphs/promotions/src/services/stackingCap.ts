import { userError, type UserError } from '../../../../common/errors.ts';
import type { CampaignRepository, CampaignRow } from '../data/campaignRepository.ts';
import type { PriceLookup } from './compliance.ts';
import { toCampaignRecord } from './campaign.ts';
import type { CampaignValues } from './campaignValidation.ts';
import { EFFECTS } from './native/catalogue.ts';
import { amountMinor } from './native/rule.ts';

/**
 * The percent cap against stacking: the largest share of a cart's subtotal that the combinable
 * campaigns active together could take off, whatever the cart.
 *
 * The native engine runs STACKABLE campaigns in priority order, each on what the earlier ones left;
 * an EXCLUSIVE campaign applies alone. Each campaign's worst case is a share of the cart:
 * - of what is left (`remainder`): percentOffCart and percentOffSkus take `percent` of it at most;
 * - of the subtotal (`subtotal`): buyXGetY takes `percent` of the unit prices of the `get` cheapest units
 *   in each group of `buy` + `get` (of the prices, not of what earlier campaigns left: only capped at
 *   that), at most get / (buy + get) × percent of the subtotal; amountOffCart at most amount / its minSubtotal (any subtotal when it has
 *   none: 100 %); amountOffSkus at most amount / the cheapest of its SKUs' current prices; bundlePrice at
 *   most 1 − price / (quantity × the dearest of its SKUs' prices), since bundles take the dearest units.
 * Shipping effects take nothing off the goods.
 * Together, in any order: discount ≤ Σ subtotal shares × subtotal + (1 − Π (1 − remainder shares)) × subtotal.
 * Coupon campaigns apply only with their codes, and a cart carries at most MAX_CODES_PER_CART codes:
 * the worst case counts the codes that take the most.
 */
export interface WorstShare {
  kind: 'remainder' | 'subtotal';
  share: number;
}

/** The SKUs whose prices a campaign's worst case needs. */
export function pricedSkus(effect: { type: string; args: unknown }): string[] {
  const def = EFFECTS.get(effect.type);
  const parsed = def?.args.safeParse(effect.args ?? undefined);
  if (!parsed?.success) return [];
  if (effect.type === 'amountOffSkus' || effect.type === 'bundlePrice') return [...((parsed.data as { skus: string[] }).skus ?? [])];
  return [];
}

/** A campaign's worst case; null when its effect is not one this check knows (refused elsewhere). */
export function worstShare(c: Pick<CampaignValues, 'effect' | 'conditions'>, prices: Map<string, number | null>, currency: string): WorstShare | null {
  const def = EFFECTS.get(c.effect.type);
  const parsed = def?.args.safeParse(c.effect.args ?? undefined);
  if (!def || !parsed?.success) return null;
  const args = parsed.data as Record<string, unknown>;
  const known = (skus: string[]) => skus.map((s) => prices.get(s)).filter((p): p is number => p != null && p > 0);
  switch (c.effect.type) {
    case 'percentOffCart':
    case 'percentOffSkus':
      return { kind: 'remainder', share: Number(args.percent) / 100 };
    case 'buyXGetY': {
      // computed from unit prices, so on top of earlier campaigns it may take more than its share of what they left
      const { buy, get } = args as { buy: number; get: number };
      return { kind: 'subtotal', share: (get / (buy + get)) * (Number(args.percent ?? 100) / 100) };
    }
    case 'amountOffCart': {
      const amount = amountMinor(String(args.amount), currency) ?? 0;
      const floors = c.conditions
        .filter((r) => r.type === 'minSubtotal')
        .map((r) => amountMinor(String((r.args as { amount?: unknown } | null)?.amount ?? ''), currency))
        .filter((m): m is number => m !== null);
      const floor = floors.length ? Math.max(...floors) : 0;
      return { kind: 'subtotal', share: amount <= 0 ? 0 : floor <= 0 ? 1 : Math.min(1, amount / floor) };
    }
    case 'amountOffSkus': {
      const amount = amountMinor(String(args.amount), currency) ?? 0;
      const p = known(args.skus as string[]);
      return { kind: 'subtotal', share: p.length ? Math.min(1, amount / Math.min(...p)) : 0 };
    }
    case 'bundlePrice': {
      const price = amountMinor(String(args.price), currency) ?? 0;
      const p = known(args.skus as string[]);
      if (!p.length) return { kind: 'subtotal', share: 0 };
      const dearest = Math.max(...p) * Number(args.quantity);
      return { kind: 'subtotal', share: Math.max(0, 1 - price / dearest) };
    }
    default:
      // shipping effects (freeShipping, amountOffShipping) take nothing off the goods
      return def.scope === 'shipping' ? { kind: 'subtotal', share: 0 } : null;
  }
}

/** The largest share of a cart's subtotal the campaigns together could take off (0…1). */
export function combinedShare(shares: WorstShare[]): number {
  let left = 1;
  let subtotal = 0;
  for (const s of shares) {
    if (s.kind === 'remainder') left *= 1 - Math.min(1, Math.max(0, s.share));
    else subtotal += s.share;
  }
  return Math.min(1, subtotal + (1 - left));
}

/**
 * Codes one cart may carry (the cart service's default limit): of the coupon campaigns, at most this
 * many apply to one cart, so the worst case counts the ones that take the most off.
 */
export const MAX_CODES_PER_CART = 10;

/**
 * The worst share of a set of stackable campaigns active together: the automatic ones all together,
 * plus the `maxCodes` coupon campaigns that take the most together with them. A coupon campaign's
 * share combines like an automatic one's (a percent on what is left, an amount on the subtotal); of
 * each kind the largest shares count first, and every split of the `maxCodes` codes between the two
 * kinds is tried, so the result is the largest share any `maxCodes` of them could add.
 */
export function worstOfSet(campaigns: Pick<CampaignValues, 'effect' | 'conditions' | 'couponRequired'>[], prices: Map<string, number | null>, currency: string, maxCodes = MAX_CODES_PER_CART): number {
  const automatic: WorstShare[] = [];
  const coupons: Record<WorstShare['kind'], number[]> = { remainder: [], subtotal: [] };
  for (const c of campaigns) {
    const s = worstShare(c, prices, currency);
    if (!s) continue;
    if (c.couponRequired) coupons[s.kind].push(s.share);
    else automatic.push(s);
  }
  const remainder = coupons.remainder.sort((a, b) => b - a);
  const subtotal = coupons.subtotal.sort((a, b) => b - a);
  let worst = combinedShare(automatic);
  for (let k = 0; k <= Math.min(maxCodes, subtotal.length); k++) {
    const chosen: WorstShare[] = [
      ...subtotal.slice(0, k).map((share) => ({ kind: 'subtotal' as const, share })),
      ...remainder.slice(0, maxCodes - k).map((share) => ({ kind: 'remainder' as const, share })),
    ];
    worst = Math.max(worst, combinedShare([...automatic, ...chosen]));
  }
  return worst;
}

/** Whether two campaigns can apply to the same cart: same time, a shared channel (none listed: all). */
export function activeTogether(a: { validFrom: string | null; validUntil: string | null; channels: string[] }, b: { validFrom: string | null; validUntil: string | null; channels: string[] }, now: string): boolean {
  const aFrom = a.validFrom ?? now;
  const bFrom = b.validFrom ?? now;
  if (a.validUntil !== null && a.validUntil <= bFrom) return false;
  if (b.validUntil !== null && b.validUntil <= aFrom) return false;
  if (a.channels.length && b.channels.length && !a.channels.some((ch) => b.channels.includes(ch))) return false;
  return true;
}

/**
 * DISCOUNT_CAP_EXCEEDED (field `stacking`) when the campaign about to be saved, with the STACKABLE
 * campaigns of its market that could apply together with it, could take more than `cap` % off a cart.
 * `others`: the market's stackable, unpaused campaigns that have not ended (without the one saved).
 */
export function stackingViolation(
  values: CampaignValues & { paused: boolean },
  others: CampaignRow[],
  cap: number,
  prices: Map<string, number | null>,
  currency: string,
  now: string,
  maxCodes = MAX_CODES_PER_CART,
): UserError | null {
  if (values.stacking !== 'STACKABLE' || values.paused) return null;
  const together = others.map(toCampaignRecord).filter((o) => o.stacking === 'STACKABLE' && !o.paused && activeTogether(values, o, now));
  if (together.length === 0) return null;
  const worst = worstOfSet([values, ...together], prices, currency, maxCodes);
  // a little tolerance for floating point: the cap is in whole percent
  if (worst * 100 <= cap + 1e-9) return null;
  const names = together.slice(0, 5).map((o) => `"${o.name}"`).join(', ') + (together.length > 5 ? ` and ${together.length - 5} more` : '');
  return userError(
    'DISCOUNT_CAP_EXCEEDED',
    `Market ${values.market} allows at most ${cap}% off: stacked with the combinable campaigns active at the same time (${names}), a cart could get up to ${Math.ceil(worst * 1000) / 10}% off. Make it EXCLUSIVE, change its validity or channels, or take less off.`,
    'stacking',
  );
}

/**
 * The stacking check of a campaign about to be saved (`ownId`: the campaign changed, null when new)
 * under a percent cap: loads the market's stackable campaigns that have not ended and the prices their
 * worst cases need (one catalog call). Errors: DISCOUNT_CAP_EXCEEDED, or PRICE_CHECK_UNAVAILABLE.
 */
export async function checkStacking(
  repo: CampaignRepository,
  values: CampaignValues & { paused: boolean },
  ownId: string | null,
  cap: number,
  lookup: PriceLookup,
  currency: string,
  now: Date,
): Promise<UserError[]> {
  if (values.stacking !== 'STACKABLE' || values.paused) return [];
  const at = now.toISOString();
  const from = values.validFrom && values.validFrom > at ? values.validFrom : at;
  const others = (await repo.stackableFrom(values.market, from)).filter((r) => r.id !== ownId);
  if (others.length === 0) return [];
  const skus = [...new Set([values.effect, ...others.map((o) => toCampaignRecord(o).effect)].flatMap(pricedSkus))];
  let prices: Map<string, number | null>;
  try {
    prices = skus.length ? await lookup(values.market, skus) : new Map();
  } catch {
    return [userError('PRICE_CHECK_UNAVAILABLE', 'The catalog could not be asked for prices, so the campaign cannot be checked against the cap. Try again.', 'stacking')];
  }
  const violation = stackingViolation(values, others, cap, prices, currency, at);
  return violation ? [violation] : [];
}
