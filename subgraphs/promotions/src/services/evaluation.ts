import { money, type Money } from '../../../../common/money.ts';
import { subtotalMinor, type CartInput } from './cart.ts';

export const NON_APPLICABLE_REASONS = [
  'MIN_SUBTOTAL_NOT_REACHED',
  'NO_QUALIFYING_ITEMS',
  'NOT_YET_VALID',
  'EXPIRED',
  'USAGE_LIMIT_REACHED',
  'NOT_COMBINABLE',
  'WRONG_MARKET',
  'WRONG_CHANNEL',
] as const;
export type NonApplicableReason = (typeof NON_APPLICABLE_REASONS)[number];

/** A discount granted by a campaign (amount in minor units of the cart's currency). */
export interface CampaignDiscount {
  campaignId: string;
  name: string;
  amountMinor: number;
}

/** A discount granted through an entered code. */
export interface CodeDiscount {
  /** the code as the customer entered it */
  code: string;
  name: string;
  amountMinor: number;
  campaignId?: string;
}

export interface LineItemDiscounts {
  lineId: string;
  discounts: CampaignDiscount[];
  discountCodes: CodeDiscount[];
}

export interface NonApplicableCode {
  code: string;
  reason: NonApplicableReason;
  message: string;
}

/** What a provider answers for a cart: discounts in integer minor units. Totals are derived from it. */
export interface Evaluation {
  discounts: CampaignDiscount[];
  discountCodes: CodeDiscount[];
  lineItemPromotions: LineItemDiscounts[];
  nonApplicableDiscountCodes: NonApplicableCode[];
}

export type PromotionStatus = 'EVALUATED' | 'UNAVAILABLE';

/** The one evaluation of a cart in a request: Cart.promotion and Cart.totals both derive from it. */
export interface CartEvaluation {
  cartId: string;
  provider: string;
  status: PromotionStatus;
  currencyCode: string;
  evaluation: Evaluation;
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  /** why the provider failed (logs only, never shown) */
  failure?: string;
}

export const emptyEvaluation = (): Evaluation => ({ discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] });

/** A provider's answer does not fit the cart (negative or fractional amounts, unknown lines …). */
export class InvalidEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEvaluationError';
  }
}

function checkAmount(amount: unknown, where: string): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    throw new InvalidEvaluationError(`${where}: ${String(amount)} is not a non-negative amount in minor units`);
  }
  return amount;
}

/** Sum of every discount in an evaluation (cart-level and per line). */
export function discountTotal(e: Evaluation): number {
  let sum = 0;
  for (const d of e.discounts) sum += d.amountMinor;
  for (const d of e.discountCodes) sum += d.amountMinor;
  for (const li of e.lineItemPromotions) {
    for (const d of li.discounts) sum += d.amountMinor;
    for (const d of li.discountCodes) sum += d.amountMinor;
  }
  return sum;
}

/**
 * Checks a provider's answer against the cart and derives the totals:
 * subtotal = Σ unit price × quantity; discount = Σ all; total = subtotal − discount, never below zero.
 */
export function settle(cart: CartInput, provider: string, evaluation: Evaluation): CartEvaluation {
  const lineIds = new Set(cart.lines.map((l) => l.id));
  evaluation.discounts.forEach((d, i) => checkAmount(d.amountMinor, `discounts[${i}]`));
  evaluation.discountCodes.forEach((d, i) => checkAmount(d.amountMinor, `discountCodes[${i}]`));
  evaluation.lineItemPromotions.forEach((li, i) => {
    if (!lineIds.has(li.lineId)) throw new InvalidEvaluationError(`lineItemPromotions[${i}]: unknown line ${li.lineId}`);
    li.discounts.forEach((d, j) => checkAmount(d.amountMinor, `lineItemPromotions[${i}].discounts[${j}]`));
    li.discountCodes.forEach((d, j) => checkAmount(d.amountMinor, `lineItemPromotions[${i}].discountCodes[${j}]`));
  });
  const subtotal = subtotalMinor(cart);
  const discount = discountTotal(evaluation);
  return {
    cartId: cart.id,
    provider,
    status: 'EVALUATED',
    currencyCode: cart.currencyCode,
    evaluation,
    subtotalMinor: subtotal,
    discountMinor: discount,
    totalMinor: Math.max(0, subtotal - discount),
  };
}

/** The answer when a provider failed or exceeded its time budget: base prices, no discounts. */
export function unavailableEvaluation(cart: CartInput, provider: string, failure: string): CartEvaluation {
  const subtotal = subtotalMinor(cart);
  return {
    cartId: cart.id,
    provider,
    status: 'UNAVAILABLE',
    currencyCode: cart.currencyCode,
    evaluation: emptyEvaluation(),
    subtotalMinor: subtotal,
    discountMinor: 0,
    totalMinor: subtotal,
    failure,
  };
}

/** Status of every entered code: 'APPLIED' or its non-applicable reason ('UNKNOWN' when the provider said nothing). */
export function codeStatuses(cart: CartInput, e: Evaluation): Map<string, string> {
  const applied = new Set<string>();
  for (const d of e.discountCodes) applied.add(d.code.toUpperCase());
  for (const li of e.lineItemPromotions) for (const d of li.discountCodes) applied.add(d.code.toUpperCase());
  const reasons = new Map(e.nonApplicableDiscountCodes.map((n) => [n.code.toUpperCase(), n.reason]));
  const out = new Map<string, string>();
  for (const entered of cart.discountCodes) {
    const upper = entered.toUpperCase();
    out.set(upper, applied.has(upper) ? 'APPLIED' : (reasons.get(upper) ?? 'UNKNOWN'));
  }
  return out;
}

// --- the GraphQL shape (plain objects; resolvers return them as they are) ---

export interface PromotionView {
  provider: string;
  status: PromotionStatus;
  discounts: { id: string; name: string; amount: Money }[];
  discountCodes: { code: string; name: string; amount: Money }[];
  lineItemPromotions: {
    lineId: string;
    discounts: { id: string; name: string; amount: Money }[];
    discountCodes: { code: string; name: string; amount: Money }[];
  }[];
  nonApplicableDiscountCodes: NonApplicableCode[];
}

export interface TotalsView {
  subtotal: Money;
  discount: Money;
  total: Money;
}

export function presentPromotion(e: CartEvaluation): PromotionView {
  const m = (minor: number) => money(minor, e.currencyCode);
  const discount = (d: CampaignDiscount) => ({ id: d.campaignId, name: d.name, amount: m(d.amountMinor) });
  const code = (d: CodeDiscount) => ({ code: d.code, name: d.name, amount: m(d.amountMinor) });
  return {
    provider: e.provider,
    status: e.status,
    discounts: e.evaluation.discounts.map(discount),
    discountCodes: e.evaluation.discountCodes.map(code),
    lineItemPromotions: e.evaluation.lineItemPromotions.map((li) => ({
      lineId: li.lineId,
      discounts: li.discounts.map(discount),
      discountCodes: li.discountCodes.map(code),
    })),
    nonApplicableDiscountCodes: e.evaluation.nonApplicableDiscountCodes.map((n) => ({ code: n.code, reason: n.reason, message: n.message })),
  };
}

export function presentTotals(e: CartEvaluation): TotalsView {
  return {
    subtotal: money(e.subtotalMinor, e.currencyCode),
    discount: money(e.discountMinor, e.currencyCode),
    total: money(e.totalMinor, e.currencyCode),
  };
}
