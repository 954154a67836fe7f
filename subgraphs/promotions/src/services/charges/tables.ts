import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MoneyError, parseMinor } from '../../../../../common/money.ts';

/**
 * The native tax and shipping provider's tables: markets (whether their prices include tax, their
 * countries), tax rates by destination and product category, shipping methods with rates by subtotal
 * band and weight, and the pickup locations click-and-collect refers to by code. Data, not code:
 * loaded from a JSON file (the demo's is data/charges.demo.json; CHARGES_TABLES_FILE names another),
 * validated at start, so a broken file stops the service with the row and reason.
 */

const decimal = z.string().regex(/^\d{1,13}(\.\d{1,4})?$/, 'must be a decimal string such as "4.90"');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO country code such as DE');
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a code of letters, digits, . _ -');

export const marketSchema = z.strictObject({
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  pricesIncludeTax: z.boolean(),
  taxName: z.string().min(1).max(60),
  /** where tax is due when the cart names no destination; null: a destination is required (sales tax) */
  homeCountry: country.nullable(),
  countries: z.array(country).min(1),
  /**
   * where tax is due for goods delivered digitally (in a game, no address) when the cart gives no
   * address in the market: the place the merchant sources digital sales to (e.g. their own state);
   * omitted: the home country, else an address is required
   */
  digitalDestination: z
    .strictObject({ country, region: z.string().min(1).max(10).optional(), postalCode: z.string().regex(/^[A-Za-z0-9 -]{1,20}$/).optional() })
    .optional(),
});

export const taxRateSchema = z.strictObject({
  country,
  region: z.string().min(1).max(10).optional(),
  postalPrefix: z.string().regex(/^[A-Za-z0-9]{1,10}$/).optional(),
  /** the product category (standard, reduced …) or `shipping` for shipping charges */
  category: z.string().min(1).max(40),
  /** percent, at most 4 decimals: "19", "8.875" */
  rate: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percent such as "19" or "8.875"'),
  name: z.string().min(1).max(60).optional(),
});

export const rateBandSchema = z.strictObject({
  /** the band applies below this subtotal (exclusive); omitted: no upper bound */
  maxSubtotal: decimal.optional(),
  /** the band applies up to this weight (inclusive); omitted: any weight */
  maxWeightGrams: z.number().int().positive().optional(),
  price: decimal,
});

export const methodSchema = z.strictObject({
  code,
  market: z.string().min(1),
  kind: z.enum(['DELIVERY', 'PICKUP', 'DIGITAL']),
  name: z.string().min(1).max(80),
  /** DELIVERY: the destination countries */
  countries: z.array(country).optional(),
  /** PICKUP: the locations (codes) one collects from */
  locations: z.array(code).optional(),
  /** channels it is offered in; omitted or empty: every channel */
  channels: z.array(z.string().min(1)).optional(),
  minDays: z.number().int().min(0).max(365),
  maxDays: z.number().int().min(0).max(365),
  /** the first band that fits the cart (subtotal, weight) gives the price; none: not available */
  rates: z.array(rateBandSchema).min(1).max(50),
});

export const locationSchema = z.strictObject({
  name: z.string().min(1).max(80),
  market: z.string().min(1),
  country,
  region: z.string().max(10).optional(),
  postalCode: z.string().max(20).optional(),
});

export const chargeTablesSchema = z
  .strictObject({
    markets: z.record(z.string().regex(/^[A-Z]{2}$/), marketSchema),
    taxRates: z.array(taxRateSchema),
    productTaxCategories: z.record(z.string().min(1), z.string().min(1)).default({}),
    itemWeightGrams: z.strictObject({ default: z.number().int().min(0), bySku: z.record(z.string().min(1), z.number().int().min(0)).default({}) }),
    pickupLocations: z.record(code, locationSchema).default({}),
    /** names an address may use instead of ISO codes, upper case: "GERMANY" → "DE" */
    countryNames: z.record(z.string().min(1).max(60), country).default({}),
    /** per country, region names → codes: { "US": { "NEW YORK": "NY" } } */
    regionNames: z.record(country, z.record(z.string().min(1).max(60), z.string().min(1).max(10))).default({}),
    shippingMethods: z.array(methodSchema),
  })
  .superRefine((t, ctx) => {
    for (const [code, m] of Object.entries(t.markets)) {
      if (m.digitalDestination && !m.countries.includes(m.digitalDestination.country)) {
        ctx.addIssue({ code: 'custom', path: ['markets', code, 'digitalDestination', 'country'], message: `INVALID_COUNTRY: ${m.digitalDestination.country} is not a country of market ${code}` });
      }
    }
    t.shippingMethods.forEach((m, i) => {
      const mk = t.markets[m.market];
      if (!mk) {
        ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'market'], message: `unknown market ${m.market}` });
        return;
      }
      if (m.minDays > m.maxDays) ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'minDays'], message: 'must not exceed maxDays' });
      if (m.kind === 'DELIVERY' && !m.countries?.length) ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'countries'], message: 'a delivery method names its countries' });
      if (m.kind === 'PICKUP') {
        if (!m.locations?.length) ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'locations'], message: 'a pickup method names its locations' });
        for (const [j, l] of (m.locations ?? []).entries()) {
          if (t.pickupLocations[l]?.market !== m.market) ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'locations', j], message: `no pickup location ${l} in ${m.market}` });
        }
      }
      m.rates.forEach((r, j) => {
        for (const key of ['price', 'maxSubtotal'] as const) {
          const value = r[key];
          if (value === undefined) continue;
          try {
            parseMinor(value, mk.currencyCode);
          } catch (e) {
            ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'rates', j, key], message: (e as MoneyError).message });
          }
        }
      });
      for (const [j, k] of shadowedBands(m.rates, mk.currencyCode)) {
        ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'rates', j], message: `OVERLAPPING_BANDS: band ${j + 1} is never used, band ${k + 1} before it covers every cart it would fit` });
      }
      const twin = t.shippingMethods.findIndex((o) => o.market === m.market && o.code === m.code);
      if (twin !== i) ctx.addIssue({ code: 'custom', path: ['shippingMethods', i, 'code'], message: `${m.market} already has a method ${m.code}` });
    });
  });

/**
 * Bands a cart can never reach: the first band that fits prices the cart, so a band whose subtotal
 * and weight ranges lie within an earlier band's is dead (a mistake, e.g. bands entered out of
 * order). Returns [dead band, the earlier band covering it].
 */
export function shadowedBands(rates: readonly { maxSubtotal?: string; maxWeightGrams?: number }[], currencyCode: string): [number, number][] {
  const minor = (v: string | undefined) => {
    if (v === undefined) return Number.POSITIVE_INFINITY;
    try {
      return parseMinor(v, currencyCode);
    } catch {
      return Number.NaN; // reported as an amount error
    }
  };
  const out: [number, number][] = [];
  rates.forEach((r, j) => {
    const sub = minor(r.maxSubtotal);
    const weight = r.maxWeightGrams ?? Number.POSITIVE_INFINITY;
    for (let k = 0; k < j; k++) {
      const e = rates[k];
      if (sub <= minor(e.maxSubtotal) && weight <= (e.maxWeightGrams ?? Number.POSITIVE_INFINITY)) {
        out.push([j, k]);
        break;
      }
    }
  });
  return out;
}

export type ChargeTables = z.infer<typeof chargeTablesSchema>;
export type ShippingMethodRow = ChargeTables['shippingMethods'][number];
export type TaxRateRow = ChargeTables['taxRates'][number];
export type MarketRow = ChargeTables['markets'][string];

export class ChargeTablesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChargeTablesError';
  }
}

/** Validates tables; throws ChargeTablesError naming the first bad row. */
export function parseChargeTables(value: unknown, source = 'charge tables'): ChargeTables {
  const parsed = chargeTablesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ChargeTablesError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export const DEMO_TABLES_FILE = new URL('../../../data/charges.demo.json', import.meta.url);

/** Reads and validates a tables file (JSON). */
export function loadChargeTables(file: string | URL = DEMO_TABLES_FILE): ChargeTables {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ChargeTablesError(`${String(file)}: ${(e as Error).message}`);
  }
  return parseChargeTables(json, String(file));
}

/** What the tax of a market's carts depends on. */
export interface MarketTaxFacts {
  pricesIncludeTax: boolean;
  /** where tax is due when the cart gives no address in the market (null: an address is needed, as in the US) */
  homeCountry: string | null;
  /** the countries a shipping address in the market may be in */
  countries: string[];
  taxName: string;
  /** where tax is due for digital delivery without an address in the market (null: as any cart) */
  digitalDestination: { country: string; region: string | null; postalCode: string | null } | null;
}

/**
 * The tax facts of a market. Whether its prices include tax is the market's own flag (the catalog's
 * Market, `pricesIncludeTax`) when it is known, else the tables'. A market the tables do not describe
 * (one created since, e.g. NL) whose code is two letters is taken as that country (ISO 3166-1):
 * home country and only country, taxed by the rows of that country in the tables.
 */
export function marketTaxFacts(tables: ChargeTables, market: string, known?: { pricesIncludeTax: boolean } | null): MarketTaxFacts {
  const m = tables.markets[market];
  const country = /^[A-Z]{2}$/.test(market) ? market : null;
  return {
    pricesIncludeTax: known?.pricesIncludeTax ?? m?.pricesIncludeTax ?? true,
    homeCountry: m ? m.homeCountry : country,
    countries: m ? m.countries : country ? [country] : [],
    taxName: m?.taxName ?? 'VAT',
    digitalDestination: m?.digitalDestination
      ? { country: m.digitalDestination.country, region: m.digitalDestination.region ?? null, postalCode: m.digitalDestination.postalCode ?? null }
      : null,
  };
}
