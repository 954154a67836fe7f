import { percentOf, prorate } from '../../../../../common/money.ts';
import { distinctCodes, lineTotalMinor, type CartInput } from '../cart.ts';
import type { CampaignDiscount, CodeDiscount, Evaluation, LineItemDiscounts, NonApplicableCode, NonApplicableReason } from '../evaluation.ts';
import { amountMinor } from '../native/rule.ts';
import { bySortOrderDesc, type LegacyCartDiscount, type LegacyDiscountCode } from './model.ts';
import { evaluatePredicate, parsePredicate, PredicateError, type Predicate } from './predicate.ts';

/**
 * The legacy engine (classic commercetools cart-discount semantics), a pure function:
 *
 * - candidates are the market's active automatic cart discounts and the cart discounts of the entered,
 *   valid discount codes; they run by sortOrder, highest first;
 * - a cart discount applies when it is active, within its validity window and its predicate matches;
 *   each works on what the earlier ones left (relative: percent of each line's remainder, half-even
 *   per line; absolute on the cart: prorated over the remainders; absolute on line items: per unit);
 * - one with stackingMode StopAfterThisDiscount that applies ends the evaluation: no lower sortOrder
 *   applies after it.
 * A code applies when one of its cart discounts applies; otherwise it is non-applicable with the reason
 * of its first (highest sortOrder) cart discount.
 */
export interface LegacyEngineInput {
  cart: CartInput;
  now: Date;
  /** the market's live automatic cart discounts plus those of the entered codes */
  cartDiscounts: readonly LegacyCartDiscount[];
  /** the entered codes found in the cart's market (upper case) */
  codes: readonly LegacyDiscountCode[];
}

export interface LegacyApplied {
  cartDiscountId: string;
  /** upper case, or null for an automatic cart discount */
  code: string | null;
  amountMinor: number;
}

export interface LegacyEngineResult {
  evaluation: Evaluation;
  applied: LegacyApplied[];
}

type Block = { reason: NonApplicableReason; message: string };

const NO_LONGER_VALID = 'This code is no longer valid.';
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function windowBlock(validFrom: string | null, validUntil: string | null, at: string): Block | null {
  if (validFrom !== null && at < validFrom) return { reason: 'NOT_YET_VALID', message: `This code is valid from ${when(validFrom)}.` };
  if (validUntil !== null && at >= validUntil) return { reason: 'EXPIRED', message: `This code expired on ${when(validUntil)}.` };
  return null;
}

const predicateCache = new Map<string, Predicate | null>();
function compiledPredicate(source: string): Predicate | null {
  let p = predicateCache.get(source);
  if (p === undefined) {
    try {
      p = parsePredicate(source);
    } catch (e) {
      if (!(e instanceof PredicateError)) throw e;
      p = null;
    }
    if (predicateCache.size > 10_000) predicateCache.clear();
    predicateCache.set(source, p);
  }
  return p;
}

/** The discount per line of one cart discount on the remaining amounts. */
export function legacyParts(d: LegacyCartDiscount, cart: CartInput, remaining: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const skus = d.target.type === 'lineItems' ? new Set(d.target.skus) : null;
  const lines = cart.lines.filter((l) => skus === null || skus.has(l.sku));
  if (d.value.type === 'relative') {
    for (const l of lines) out.set(l.id, percentOf(remaining.get(l.id) ?? 0, d.value.percent));
    return out;
  }
  const amount = amountMinor(d.value.amount, cart.currencyCode) ?? 0;
  if (skus !== null) {
    for (const l of lines) out.set(l.id, Math.min(amount * l.quantity, remaining.get(l.id) ?? 0));
    return out;
  }
  const weights = lines.map((l) => remaining.get(l.id) ?? 0);
  const parts = prorate(Math.min(amount, weights.reduce((a, b) => a + b, 0)), weights);
  lines.forEach((l, i) => out.set(l.id, parts[i]));
  return out;
}

export function evaluateLegacy({ cart, now, cartDiscounts, codes }: LegacyEngineInput): LegacyEngineResult {
  const at = now.toISOString();
  const subtotal = cart.lines.reduce((s, l) => s + lineTotalMinor(l), 0);
  const predicateCart = { currencyCode: cart.currencyCode, subtotalMinor: subtotal, lines: cart.lines };
  const byId = new Map(cartDiscounts.filter((d) => d.market === cart.market).map((d) => [d.id, d]));
  const codeByUpper = new Map(codes.filter((c) => c.market === cart.market).map((c) => [c.code, c]));

  // which entered code unlocks which cart discounts
  const outcomes = new Map<string, Block>(); // entered code → why the code itself is refused
  const unlockedBy = new Map<string, string[]>(); // cart discount id → entered codes
  const entered = distinctCodes(cart.discountCodes);
  for (const { entered: code, upper } of entered) {
    const dc = codeByUpper.get(upper);
    if (!dc) {
      outcomes.set(code, { reason: 'EXPIRED', message: NO_LONGER_VALID });
      continue;
    }
    const block = !dc.isActive
      ? { reason: 'EXPIRED' as const, message: 'This code is not active at the moment.' }
      : (windowBlock(dc.validFrom, dc.validUntil, at) ??
        (dc.maxApplications !== null && dc.applications >= dc.maxApplications ? { reason: 'USAGE_LIMIT_REACHED' as const, message: 'This code has reached its usage limit.' } : null));
    if (block) {
      outcomes.set(code, block);
      continue;
    }
    const ids = dc.cartDiscountIds.filter((id) => byId.get(id)?.requiresDiscountCode);
    if (ids.length === 0) outcomes.set(code, { reason: 'EXPIRED', message: NO_LONGER_VALID });
    for (const id of ids) unlockedBy.set(id, [...(unlockedBy.get(id) ?? []), code]);
  }
  const firstBlock = new Map<string, Block>(); // entered code → why its first cart discount did not apply
  const appliedCodes = new Set<string>();
  const block = (codesOf: readonly string[], b: Block) => {
    for (const c of codesOf) if (!firstBlock.has(c)) firstBlock.set(c, b);
  };

  const candidates = [...byId.values()].filter((d) => (d.requiresDiscountCode ? unlockedBy.has(d.id) : true)).sort(bySortOrderDesc);
  const remaining = new Map(cart.lines.map((l) => [l.id, lineTotalMinor(l)]));
  const discounts: CampaignDiscount[] = [];
  const discountCodes: CodeDiscount[] = [];
  const perLine = new Map<string, LineItemDiscounts>();
  const applied: LegacyApplied[] = [];
  let stopped = false;

  for (const d of candidates) {
    const codesOf = d.requiresDiscountCode ? (unlockedBy.get(d.id) ?? []) : [];
    const predicate = compiledPredicate(d.predicate);
    const inactive = !d.isActive || predicate === null ? { reason: 'EXPIRED' as const, message: NO_LONGER_VALID } : null;
    const b = inactive ?? windowBlock(d.validFrom, d.validUntil, at) ?? evaluatePredicate(predicate!, predicateCart);
    if (b && 'reason' in b) {
      block(codesOf, b);
      continue;
    }
    if (stopped) {
      block(codesOf, { reason: 'NOT_COMBINABLE', message: 'This code cannot be combined with the other promotions in your cart.' });
      continue;
    }
    const parts = legacyParts(d, cart, remaining);
    const total = [...parts.values()].reduce((a, v) => a + v, 0);
    if (total === 0) {
      block(codesOf, {
        reason: 'NO_QUALIFYING_ITEMS',
        message: cart.lines.length === 0 ? 'Add products to your cart to use this code.' : 'None of the products this code is for are in your cart.',
      });
      continue;
    }
    // a cart discount unlocked by several entered codes applies once, through the first of them
    const [code = null, ...extra] = codesOf;
    block(extra, { reason: 'NOT_COMBINABLE', message: 'Only one code of the same promotion applies.' });
    for (const [lineId, amount] of parts) remaining.set(lineId, (remaining.get(lineId) ?? 0) - amount);
    if (d.target.type === 'cart') {
      if (code !== null) discountCodes.push({ code, name: d.name, amountMinor: total, campaignId: d.id });
      else discounts.push({ campaignId: d.id, name: d.name, amountMinor: total });
    } else {
      for (const line of cart.lines) {
        const amount = parts.get(line.id) ?? 0;
        if (amount === 0) continue;
        const entry = perLine.get(line.id) ?? { lineId: line.id, discounts: [], discountCodes: [] };
        if (code !== null) entry.discountCodes.push({ code, name: d.name, amountMinor: amount, campaignId: d.id });
        else entry.discounts.push({ campaignId: d.id, name: d.name, amountMinor: amount });
        perLine.set(line.id, entry);
      }
    }
    if (code !== null) appliedCodes.add(code);
    applied.push({ cartDiscountId: d.id, code: code === null ? null : code.trim().toUpperCase(), amountMinor: total });
    if (d.stackingMode === 'StopAfterThisDiscount') stopped = true;
  }

  const nonApplicable: NonApplicableCode[] = [];
  for (const { entered: code } of entered) {
    if (appliedCodes.has(code)) continue;
    const o = outcomes.get(code) ?? firstBlock.get(code);
    if (o) nonApplicable.push({ code, ...o });
  }
  return {
    evaluation: {
      discounts,
      discountCodes,
      lineItemPromotions: cart.lines.filter((l) => perLine.has(l.id)).map((l) => perLine.get(l.id)!),
      nonApplicableDiscountCodes: nonApplicable,
    },
    applied,
  };
}
