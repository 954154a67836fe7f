import { money, type Money } from '../../../../common/money.ts';
import { subtotalMinor, type CartInput } from './cart.ts';
import type { Discounted, ShippingOutcome, TaxOutcome } from './charges/charges.ts';
import { breakdown } from './charges/tax.ts';

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

/** A discount on the shipping charge (freeShipping, amountOffShipping), through a code or not. */
export interface ShippingDiscount {
  campaignId: string;
  name: string;
  /** the code as entered, when it applied through one */
  code: string | null;
  amountMinor: number;
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
  /** discounts on the shipping charge (engines that know none leave it out) */
  shippingDiscounts?: ShippingDiscount[];
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
  /** Σ shipping discounts, capped at the shipping price */
  shippingDiscountMinor: number;
  /** subtotal − discount + shipping charged + tax added (− tax an exempt customer does not pay) */
  totalMinor: number;
  /** shipping and tax, computed after the promotions (absent only in unit tests of promotions alone) */
  charges?: { shipping: ShippingOutcome; tax: TaxOutcome };
  /** why the provider failed (logs only, never shown) */
  failure?: string;
}

export const emptyEvaluation = (): Evaluation => ({ discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [], shippingDiscounts: [] });

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
  // shipping discounts: in order, each capped at what earlier ones left of the shipping price
  let shippingLeft = cart.shipping?.amountMinor ?? 0;
  const shippingDiscounts: ShippingDiscount[] = [];
  (evaluation.shippingDiscounts ?? []).forEach((d, i) => {
    const amount = Math.min(checkAmount(d.amountMinor, `shippingDiscounts[${i}]`), shippingLeft);
    if (amount === 0) return;
    shippingLeft -= amount;
    shippingDiscounts.push({ ...d, amountMinor: amount });
  });
  const settled = { ...evaluation, shippingDiscounts };
  const subtotal = subtotalMinor(cart);
  const discount = discountTotal(settled);
  const shippingDiscount = shippingDiscounts.reduce((s, d) => s + d.amountMinor, 0);
  return {
    cartId: cart.id,
    provider,
    status: 'EVALUATED',
    currencyCode: cart.currencyCode,
    evaluation: settled,
    subtotalMinor: subtotal,
    discountMinor: discount,
    shippingDiscountMinor: shippingDiscount,
    totalMinor: Math.max(0, subtotal - discount),
  };
}

/** The discounts of an evaluation as the tax needs them: per line, cart-level, on shipping. */
export function discountedAmounts(cart: CartInput, e: CartEvaluation): Discounted {
  const perLine = new Map<string, number>();
  for (const li of e.evaluation.lineItemPromotions) {
    let sum = 0;
    for (const d of li.discounts) sum += d.amountMinor;
    for (const d of li.discountCodes) sum += d.amountMinor;
    perLine.set(li.lineId, (perLine.get(li.lineId) ?? 0) + sum);
  }
  let cartLevel = 0;
  for (const d of e.evaluation.discounts) cartLevel += d.amountMinor;
  for (const d of e.evaluation.discountCodes) cartLevel += d.amountMinor;
  return { lineDiscountsMinor: cart.lines.map((l) => perLine.get(l.id) ?? 0), cartDiscountMinor: cartLevel, shippingDiscountMinor: e.shippingDiscountMinor };
}

/** Adds shipping and tax to an evaluation and derives the total the customer pays. */
export function withCharges(e: CartEvaluation, shipping: ShippingOutcome, tax: TaxOutcome): CartEvaluation {
  const goods = Math.max(0, e.subtotalMinor - e.discountMinor);
  const shippingCharged = Math.max(0, (shipping.selected?.priceMinor ?? 0) - e.shippingDiscountMinor);
  const taxEffect = tax.included ? -tax.exemptedMinor : tax.taxMinor;
  return { ...e, charges: { shipping, tax }, totalMinor: Math.max(0, goods + shippingCharged + taxEffect) };
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
    shippingDiscountMinor: 0,
    totalMinor: subtotal,
    failure,
  };
}

/** Status of every entered code: 'APPLIED' or its non-applicable reason ('UNKNOWN' when the provider said nothing). */
export function codeStatuses(cart: CartInput, e: Evaluation): Map<string, string> {
  const applied = new Set<string>();
  for (const d of e.discountCodes) applied.add(d.code.toUpperCase());
  for (const li of e.lineItemPromotions) for (const d of li.discountCodes) applied.add(d.code.toUpperCase());
  for (const d of e.shippingDiscounts ?? []) if (d.code) applied.add(d.code.toUpperCase());
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
  shippingDiscounts: { id: string; name: string; code: string | null; amount: Money }[];
}

export interface TaxLineView {
  lineId: string | null;
  kind: 'ITEM' | 'SHIPPING';
  rate: string;
  name: string;
  taxable: Money;
  amount: Money;
}

export interface TotalsView {
  subtotal: Money;
  discount: Money;
  shipping: Money;
  shippingDiscount: Money;
  tax: Money;
  taxIncluded: boolean;
  taxStatus: string;
  taxMessage: string | null;
  taxExempted: Money;
  taxLines: TaxLineView[];
  taxBreakdown: { rate: string; name: string; taxable: Money; amount: Money }[];
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
    shippingDiscounts: (e.evaluation.shippingDiscounts ?? []).map((d) => ({ id: d.campaignId, name: d.name, code: d.code, amount: m(d.amountMinor) })),
  };
}

export function presentTotals(e: CartEvaluation): TotalsView {
  const m = (minor: number) => money(minor, e.currencyCode);
  const tax = e.charges?.tax;
  const lines = tax?.lines ?? [];
  return {
    subtotal: m(e.subtotalMinor),
    discount: m(e.discountMinor),
    shipping: m(e.charges?.shipping.selected?.priceMinor ?? 0),
    shippingDiscount: m(e.shippingDiscountMinor),
    tax: m(tax?.taxMinor ?? 0),
    taxIncluded: tax?.included ?? false,
    taxStatus: tax?.status ?? 'UNAVAILABLE',
    taxMessage: tax?.message ?? null,
    taxExempted: m(tax?.exemptedMinor ?? 0),
    taxLines: lines.map((l) => ({ lineId: l.kind === 'SHIPPING' ? null : l.id, kind: l.kind, rate: l.rate, name: l.name, taxable: m(l.taxableMinor), amount: m(l.taxMinor) })),
    taxBreakdown: breakdown(lines).map((g) => ({ rate: g.rate, name: g.name, taxable: m(g.taxableMinor), amount: m(g.taxMinor) })),
    total: m(e.totalMinor),
  };
}
