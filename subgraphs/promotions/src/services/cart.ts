import { z } from 'zod';
import { MoneyError, parseMinor } from '../../../../common/money.ts';
import { normalizeCode } from './campaign.ts';

/** One cart line as the engines see it: prices in integer minor units of the cart's currency. */
export interface CartLineInput {
  id: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
}

/** The cart as evaluated: the fields the gateway sends (the @requires of Cart.promotion / Cart.totals). */
export interface CartInput {
  id: string;
  market: string;
  channel: string;
  currencyCode: string;
  /** codes as the customer entered them, in entry order */
  discountCodes: string[];
  lines: CartLineInput[];
  /** the customer's opaque id from the shop's identity system, when the cart has one */
  customerId?: string | null;
  /** the stock location (store) the cart sells from: pickup and point-of-sale carts; null for the market's warehouses */
  location?: string | null;
  /**
   * The cart's shipping address as the cart keeps it (an opaque typed value such as address/v1); null
   * when it has none; undefined when the caller did not send it (an older caller).
   */
  shippingAddress?: TypedAddress | null;
  /** the selected shipping method's code and, for click-and-collect, the store's code */
  shippingMethod?: string | null;
  pickupLocation?: string | null;
  /**
   * The selected shipping option as priced by the tables (set by the evaluation before a provider
   * sees the cart; shipping effects take their discount from it). Null: nothing to ship or not selected.
   */
  shipping?: { method: string; kind: string; amountMinor: number } | null;
}

/** An opaque typed value: only the remote engines that need an address read it (see commercetools/address.ts). */
export interface TypedAddress {
  type: string;
  data: unknown;
}

/** The representation is not a cart we can evaluate (bad input, not a provider failure). */
export class InvalidCartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCartError';
  }
}

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const representation = z.object({
  id,
  market: z.string().min(1),
  channel: z.string().min(1),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  discountCodes: z.array(z.string()).max(100),
  customerId: z.string().trim().min(1).max(200).nullish(),
  location: z.string().min(1).max(200).nullish(),
  shippingAddress: z.object({ type: z.string().min(1).max(100), data: z.unknown() }).nullish(),
  shippingMethod: z.string().max(100).nullish(),
  pickupLocation: z.string().max(100).nullish(),
  lines: z
    .array(
      z.object({
        id,
        sku: z.string().min(1),
        quantity: z.number().int().min(0).max(1_000_000),
        unitPrice: z.object({ amount: z.string(), currencyCode: z.string() }),
      }),
    )
    .max(1000),
});

/** Parses the `_entities` representation (or the JSON given to redeemPromotions) into a CartInput. */
export function parseCartRepresentation(value: unknown): CartInput {
  const parsed = representation.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidCartError(`Invalid cart representation at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const cart = parsed.data;
  const lines = cart.lines.map((line, i) => {
    if (line.unitPrice.currencyCode !== cart.currencyCode) {
      throw new InvalidCartError(`Invalid cart representation at lines.${i}.unitPrice: currency ${line.unitPrice.currencyCode} is not the cart's ${cart.currencyCode}`);
    }
    let unitPriceMinor: number;
    try {
      unitPriceMinor = parseMinor(line.unitPrice.amount, cart.currencyCode);
    } catch (e) {
      throw new InvalidCartError(`Invalid cart representation at lines.${i}.unitPrice.amount: ${(e as MoneyError).message}`);
    }
    if (unitPriceMinor < 0) throw new InvalidCartError(`Invalid cart representation at lines.${i}.unitPrice.amount: negative price`);
    if (!Number.isSafeInteger(unitPriceMinor * line.quantity)) throw new InvalidCartError(`Invalid cart representation at lines.${i}: amount too large`);
    return { id: line.id, sku: line.sku, quantity: line.quantity, unitPriceMinor };
  });
  return {
    id: cart.id,
    market: cart.market,
    channel: cart.channel,
    currencyCode: cart.currencyCode,
    discountCodes: cart.discountCodes,
    lines,
    customerId: cart.customerId ?? null,
    location: cart.location ?? null,
    ...(cart.shippingAddress !== undefined ? { shippingAddress: cart.shippingAddress && { type: cart.shippingAddress.type, data: cart.shippingAddress.data ?? null } } : {}),
    shippingMethod: cart.shippingMethod ?? null,
    pickupLocation: cart.pickupLocation ?? null,
    shipping: null,
  };
}

export function lineTotalMinor(line: CartLineInput): number {
  return line.unitPriceMinor * line.quantity;
}

export function subtotalMinor(cart: CartInput): number {
  return cart.lines.reduce((sum, l) => sum + lineTotalMinor(l), 0);
}

/** Identity of a cart's content: the same cart with the same content evaluates once per request. */
export function cartKey(cart: CartInput): string {
  return JSON.stringify([
    cart.id,
    cart.market,
    cart.channel,
    cart.currencyCode,
    cart.discountCodes,
    cart.customerId ?? null,
    cart.location ?? null,
    cart.shippingAddress === undefined ? '-' : (cart.shippingAddress ?? null),
    cart.shippingMethod ?? null,
    cart.pickupLocation ?? null,
    cart.shipping ?? null,
    cart.lines.map((l) => [l.id, l.sku, l.quantity, l.unitPriceMinor]),
  ]);
}

/** Entered codes without case-insensitive repeats: [entered, UPPER] in entry order. */
export function distinctCodes(codes: readonly string[]): { entered: string; upper: string }[] {
  const seen = new Set<string>();
  const out: { entered: string; upper: string }[] = [];
  for (const entered of codes) {
    const upper = normalizeCode(entered);
    if (!upper || seen.has(upper)) continue;
    seen.add(upper);
    out.push({ entered, upper });
  }
  return out;
}
