import { parseMinor } from '../../../../../common/money.ts';
import type { ChargeTables, ShippingMethodRow } from './tables.ts';
import type { Destination } from './tax.ts';

/**
 * Shipping options of a cart, pure: the market's methods offered in the cart's channel that reach
 * the cart's destination (delivery to the address's country, click-and-collect at each of the
 * method's stores, digital delivery), priced by the first rate band that fits the cart's subtotal
 * (of the goods, before discounts) and weight.
 */
export type ShippingKind = 'DELIVERY' | 'PICKUP' | 'DIGITAL';

export interface ShippingOption {
  code: string;
  name: string;
  kind: ShippingKind;
  /** the pickup location's code (PICKUP only) */
  location: string | null;
  locationName: string | null;
  priceMinor: number;
  minDays: number;
  maxDays: number;
}

export interface ShippingCart {
  market: string;
  channel: string;
  currencyCode: string;
  lines: readonly { sku: string; quantity: number; unitPriceMinor: number }[];
  /** from the shipping address; null when the cart has none (or not one we can read) */
  destination: Destination | null;
}

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : null);
const first = (d: Record<string, unknown>, keys: readonly string[], max: number): string | null => {
  for (const k of keys) {
    const v = text(Object.hasOwn(d, k) ? d[k] : undefined, max);
    if (v !== null) return v;
  }
  return null;
};

/** How an address names places beyond ISO codes: country and region names (upper case) → codes. */
export interface PlaceNames {
  countryNames?: Readonly<Record<string, string>>;
  regionNames?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** the country to assume when the address names none (a market with a single country) */
  defaultCountry?: string | null;
}

/**
 * Reads the destination of an address typed value (address/v1): `country` (or `countryCode`; an ISO
 * code or a name the tables know), `region` (or `state`, `province`; a code or a known name),
 * `postalCode` (or `zip`, `postcode`). Other types and unreadable data give null.
 */
export function destinationOf(address: { type: string; data: unknown } | null | undefined, names: PlaceNames = {}): Destination | null {
  if (!address || !/^address\/v\d+$/i.test(address.type)) return null;
  const data = address.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  const rawCountry = first(d, ['country', 'countryCode'], 60)?.toUpperCase() ?? null;
  const country = rawCountry === null ? (names.defaultCountry ?? null) : /^[A-Z]{2}$/.test(rawCountry) ? rawCountry : (names.countryNames?.[rawCountry] ?? null);
  if (!country) return null;
  const rawRegion = first(d, ['region', 'state', 'province', 'regionCode', 'stateCode'], 60)?.toUpperCase() ?? null;
  const region = rawRegion === null ? null : (names.regionNames?.[country]?.[rawRegion] ?? (rawRegion.length <= 10 ? rawRegion : null));
  return { country, region, postalCode: first(d, ['postalCode', 'zip', 'zipCode', 'postcode', 'postal_code'], 20) };
}

export function cartWeightGrams(tables: ChargeTables, lines: ShippingCart['lines']): number {
  return lines.reduce((sum, l) => sum + l.quantity * (tables.itemWeightGrams.bySku[l.sku] ?? tables.itemWeightGrams.default), 0);
}

/** The price of a method for a subtotal and weight, or null when no band fits. */
export function ratePrice(method: ShippingMethodRow, currencyCode: string, subtotalMinor: number, weightGrams: number): number | null {
  for (const band of method.rates) {
    if (band.maxSubtotal !== undefined && subtotalMinor >= parseMinor(band.maxSubtotal, currencyCode)) continue;
    if (band.maxWeightGrams !== undefined && weightGrams > band.maxWeightGrams) continue;
    return parseMinor(band.price, currencyCode);
  }
  return null;
}

export function shippingOptions(tables: ChargeTables, cart: ShippingCart): ShippingOption[] {
  const subtotal = cart.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0);
  const weight = cartWeightGrams(tables, cart.lines);
  const options: ShippingOption[] = [];
  for (const m of tables.shippingMethods) {
    if (m.market !== cart.market) continue;
    if (m.channels?.length && !m.channels.includes(cart.channel)) continue;
    const price = ratePrice(m, cart.currencyCode, subtotal, weight);
    if (price === null) continue;
    const base = { code: m.code, name: m.name, kind: m.kind, priceMinor: price, minDays: m.minDays, maxDays: m.maxDays };
    if (m.kind === 'DELIVERY') {
      if (cart.destination && m.countries?.includes(cart.destination.country)) options.push({ ...base, location: null, locationName: null });
    } else if (m.kind === 'PICKUP') {
      for (const code of m.locations ?? []) options.push({ ...base, location: code, locationName: tables.pickupLocations[code]?.name ?? code });
    } else {
      options.push({ ...base, location: null, locationName: null });
    }
  }
  return options;
}

/** The option a selection names (method code, and the location for pickup), or null. */
export function findOption(options: readonly ShippingOption[], method: string, location: string | null): ShippingOption | null {
  return options.find((o) => o.code === method && (o.kind !== 'PICKUP' || o.location === location)) ?? null;
}
