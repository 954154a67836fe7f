import { z } from 'zod';
import { formatMinor, MoneyError, parseMinor } from '../../../../../common/money.ts';
import type { NonApplicableReason } from '../evaluation.ts';

/**
 * The native engine's catalogue of rule types. A condition or an effect is `{ type, args }`;
 * every type lives in one file (conditions/<type>.ts, effects/<type>.ts) exporting its zod schema
 * for args (checked when a campaign is saved) and its evaluation.
 */
export interface RuleSpec {
  type: string;
  args: unknown;
}

export interface RuleCartLine {
  id: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  /** unit price × quantity */
  totalMinor: number;
}

/** The cart as rules see it (original amounts, before any discount). */
export interface RuleCart {
  id: string;
  market: string;
  channel: string;
  currencyCode: string;
  lines: RuleCartLine[];
  subtotalMinor: number;
  /** Σ quantity */
  units: number;
  /** the SKUs of the lines with units */
  skus: ReadonlySet<string>;
  /** the cart's customer (opaque id), or null for a cart without one */
  customerId: string | null;
  /**
   * Whether that customer has an earlier order redeemed by this service; null when not looked up
   * (no customer, or no candidate campaign needs it).
   */
  customerHasOrders: boolean | null;
  /** the selected shipping option as priced (before discounts), or null when none is selected */
  shipping: { method: string; kind: string; amountMinor: number } | null;
}

/** What save-time checks may need beyond the schema: the campaign market's currency. */
export interface RuleContext {
  currencyCode: string;
}

export interface RuleIssue {
  /** path inside args, e.g. ['skus', 0] */
  path: (string | number)[];
  message: string;
}

/**
 * `limit: 'customer'` marks a condition that fails because the customer used up what it allows (as a
 * per-customer budget does): a redemption that finds it so refuses the order instead of dropping it.
 */
export type ConditionOutcome = { ok: true } | { ok: false; reason: NonApplicableReason; message: string; limit?: 'customer' };

export interface ConditionType<A = any> {
  type: string;
  description: string;
  args: z.ZodType<A>;
  /** checks that need the market (amounts in its currency) */
  check?(args: A, ctx: RuleContext): RuleIssue[];
  /** true when `evaluate` needs `cart.customerHasOrders` (looked up only for such campaigns) */
  needsCustomerHistory?: boolean;
  /** for the index: the condition can hold only if one of these SKUs is in the cart (omit: any cart) */
  skus?(args: A): readonly string[];
  /** for the index: the condition can hold only in one of these channels (omit: any channel) */
  channels?(args: A): readonly string[];
  evaluate(args: A, cart: RuleCart): ConditionOutcome;
}

/**
 * `remaining[i]` is what earlier campaigns left of `cart.lines[i]`. `apply` writes the discount of line i
 * into `out[i]` (all zero on entry, same length); the engine clamps every part to [0, remaining[i]], so
 * no line goes below zero. Arrays by line position rather than maps by line id: the engine runs this
 * once per applicable campaign, and at scale that is most of an evaluation.
 */
export interface EffectType<A = any> {
  type: string;
  description: string;
  /**
   * 'cart': reported in promotion.discounts / discountCodes; 'line': in lineItemPromotions;
   * 'shipping': in promotion.shippingDiscounts, taken off the shipping charge (see `shipping`)
   */
  scope: 'cart' | 'line' | 'shipping';
  args: z.ZodType<A>;
  check?(args: A, ctx: RuleContext): RuleIssue[];
  /** the percent this effect takes off, for compliance caps (null: not a percentage) */
  percent?(args: A): number | null;
  /** for compliance price floors: an amount taken off each unit of the given SKUs, in minor units */
  amountOffUnits?(args: A, currencyCode: string): { skus: readonly string[]; amountMinor: number } | null;
  /** for the index: the effect grants something only if one of these SKUs is in the cart (omit or null: any cart) */
  skus?(args: A): readonly string[] | null;
  apply(args: A, cart: RuleCart, remaining: readonly number[], out: number[]): void;
  /** scope 'shipping': the discount on the shipping charge, given what earlier campaigns left of it */
  shipping?(args: A, cart: RuleCart, remaining: number): number;
}

export const defineCondition = <A>(def: ConditionType<A>): ConditionType<A> => def;
export const defineEffect = <A>(def: EffectType<A>): EffectType<A> => def;

// --- shared argument schemas ---

/** A decimal amount in the campaign market's currency, e.g. "50.00" ("5000" in JPY). */
export const decimalAmount = z.string().regex(/^\d{1,13}(\.\d{1,4})?$/, 'must be a decimal string such as "50.00"');

/** 0 < percent ≤ 100 with at most 4 decimals. */
export const percent = z
  .number()
  .gt(0, 'must be greater than 0')
  .lte(100, 'must be at most 100')
  .refine((p) => Math.abs(p * 10_000 - Math.round(p * 10_000)) < 1e-6, 'at most 4 decimals');

export const skuList = z.array(z.string().trim().min(1)).min(1, 'name at least one SKU').max(1000);

const skuSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The SKUs of a compiled rule's args as a set, built once per args (compiled rules are kept by the index). */
export function skuSet(skus: readonly string[]): ReadonlySet<string> {
  let set = skuSets.get(skus);
  if (!set) {
    set = new Set(skus);
    skuSets.set(skus, set);
  }
  return set;
}

/** Save-time check that an amount fits the currency (no cents in JPY); `positive` refuses 0. */
export function amountIssues(amount: string, ctx: RuleContext, path: string, positive: boolean): RuleIssue[] {
  try {
    const minor = parseMinor(amount, ctx.currencyCode);
    if (positive && minor <= 0) return [{ path: [path], message: 'must be greater than 0' }];
    return [];
  } catch (e) {
    return [{ path: [path], message: (e as MoneyError).message }];
  }
}

const parsedAmounts = new Map<string, Map<string, number | null>>();

/**
 * An amount argument in minor units of the cart's currency; null when it does not fit the currency.
 * Remembered per currency and amount (effects ask once per applicable campaign and evaluation; campaigns
 * use few distinct amounts, and the memo of a currency starts over past 10,000 of them).
 */
export function amountMinor(amount: string, currencyCode: string): number | null {
  let amounts = parsedAmounts.get(currencyCode);
  if (!amounts) parsedAmounts.set(currencyCode, (amounts = new Map()));
  let minor = amounts.get(amount);
  if (minor === undefined) {
    try {
      minor = parseMinor(amount, currencyCode);
    } catch {
      minor = null;
    }
    if (amounts.size >= 10_000) amounts.clear();
    amounts.set(amount, minor);
  }
  return minor;
}

export const formatAmount = (minor: number, currencyCode: string) => `${formatMinor(minor, currencyCode)} ${currencyCode}`;

/** Positions of the lines with units that `include` accepts, by descending unit price (ties: cart order). */
export function byDescendingPrice(cart: RuleCart, include: (line: RuleCartLine) => boolean): number[] {
  const positions: number[] = [];
  cart.lines.forEach((line, i) => {
    if (line.quantity > 0 && include(line)) positions.push(i);
  });
  return positions.sort((a, b) => cart.lines[b].unitPriceMinor - cart.lines[a].unitPriceMinor || a - b);
}
