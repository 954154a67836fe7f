import { z } from 'zod';
import { bool, integer, json, list, text, type Row } from '../../../../../common/import/fields.ts';
import { ChargeTablesError, chargeTablesSchema, loadChargeTables, locationSchema, marketSchema, methodSchema, taxRateSchema, type ChargeTables } from './tables.ts';

/**
 * The native provider's tables as rows, one kind per part of the tables, each with a natural key:
 * what the database stores, what `npm run import -- <kind> FILE` upserts, what the single-edit
 * mutations change. Every row is checked by its kind's shape and then, for the kinds other rows
 * refer to or depend on, against the whole tables it would make (a method in an unknown market,
 * a pickup location a method still uses, bands a cart can never reach …), so the tables in the
 * database are always valid as a whole.
 */
export const CHARGE_KINDS = ['tax-markets', 'pickup-locations', 'tax-rates', 'shipping-methods', 'tax-categories', 'item-weights', 'place-names'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export const isChargeKind = (k: string): k is ChargeKind => (CHARGE_KINDS as readonly string[]).includes(k);

/** The row that sets the weight of every SKU without its own row (kind item-weights). */
export const DEFAULT_WEIGHT_SKU = '*';

const sku = z.string().regex(/^([A-Za-z0-9][A-Za-z0-9._-]{0,63}|\*)$/, 'must be a SKU (or * for the default weight)');
const placeName = z.string().min(1).max(60).regex(/^[\p{L}\p{N} .'’-]+$/u, 'must be a place name of letters, digits, spaces, . \' -');

const SCHEMAS = {
  'tax-markets': marketSchema.extend({ market: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter market code such as DE') }),
  'pickup-locations': locationSchema.extend({ code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a location code') }),
  'tax-rates': taxRateSchema,
  'shipping-methods': methodSchema,
  'tax-categories': z.strictObject({ sku: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a SKU'), category: z.string().min(1).max(40) }),
  'item-weights': z.strictObject({ sku, grams: z.number().int().min(0).max(10_000_000) }),
  'place-names': z.strictObject({ name: placeName, country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO country code such as DE'), region: z.string().min(1).max(10).optional() }),
} as const;

export type ChargeValue<K extends ChargeKind> = z.infer<(typeof SCHEMAS)[K]>;

export interface ChargeRow<K extends ChargeKind = ChargeKind> {
  kind: K;
  key: string;
  value: ChargeValue<K>;
}

const up = (s: string | undefined) => (s ?? '').trim().toUpperCase();

/** The natural key of a row of a kind (from a raw import row or a value), or null when its key fields are missing. */
export function keyOf(kind: ChargeKind, row: Row): string | null {
  const t = (f: string) => text(row, f);
  switch (kind) {
    case 'tax-markets':
      return t('market') ?? null;
    case 'pickup-locations':
      return t('code') ?? null;
    case 'tax-rates':
      return t('country') && t('category') ? [t('country'), up(t('region')), up(t('postalPrefix')), t('category')].join('|') : null;
    case 'shipping-methods':
      return t('market') && t('code') ? `${t('market')}|${t('code')}` : null;
    case 'tax-categories':
    case 'item-weights':
      return t('sku') ?? null;
    case 'place-names':
      if (!t('name') || !t('country')) return null;
      return t('region') ? `region|${t('country')}|${up(t('name'))}` : `country|${up(t('name'))}`;
  }
}

/** A field that does not parse (a CSV cell that is not a number, a list, JSON). */
class FieldError extends Error {}

function intField(row: Row, name: string): number | undefined {
  const v = integer(row, name);
  if (Number.isNaN(v)) throw new FieldError(`INVALID_VALUE ${name}: must be a whole number.`);
  return v;
}
function listField(row: Row, name: string): string[] | undefined {
  const v = list(row, name);
  if (v === 'invalid') throw new FieldError(`INVALID_VALUE ${name}: a list ("a|b" in CSV, an array in NDJSON).`);
  return v?.filter((x) => x !== '');
}

/** An import row (NDJSON values or CSV strings) as the kind's value, before its checks; unknown columns are kept (and refused). */
function normalize(kind: ChargeKind, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const known = new Set<string>();
  const put = (name: string, value: unknown) => {
    known.add(name);
    if (value !== undefined) out[name] = value;
  };
  const str = (name: string) => put(name, text(row, name));
  switch (kind) {
    case 'tax-markets': {
      str('market');
      str('currencyCode');
      const inc = bool(row, 'pricesIncludeTax');
      if (inc === 'invalid') throw new FieldError('INVALID_VALUE pricesIncludeTax: true or false.');
      put('pricesIncludeTax', inc);
      str('taxName');
      // no home country: a destination is required (sales tax)
      put('homeCountry', text(row, 'homeCountry') ?? null);
      put('countries', listField(row, 'countries'));
      const digital = json(row, 'digitalDestination');
      if (digital === 'invalid') throw new FieldError('INVALID_VALUE digitalDestination: JSON such as {"country":"US","region":"WA"}.');
      put('digitalDestination', digital);
      break;
    }
    case 'pickup-locations':
      for (const f of ['code', 'name', 'market', 'country', 'region', 'postalCode']) str(f);
      break;
    case 'tax-rates':
      for (const f of ['country', 'region', 'postalPrefix', 'category', 'rate', 'name']) str(f);
      break;
    case 'shipping-methods': {
      for (const f of ['code', 'market', 'kind', 'name']) str(f);
      for (const f of ['countries', 'locations', 'channels']) {
        const l = listField(row, f);
        put(f, l && l.length ? l : undefined);
      }
      put('minDays', intField(row, 'minDays'));
      put('maxDays', intField(row, 'maxDays'));
      const rates = json(row, 'rates');
      if (rates === 'invalid') throw new FieldError('INVALID_VALUE rates: a JSON array of bands [{"maxSubtotal","maxWeightGrams","price"}].');
      put('rates', rates);
      break;
    }
    case 'tax-categories':
      str('sku');
      str('category');
      break;
    case 'item-weights':
      str('sku');
      put('grams', intField(row, 'grams'));
      break;
    case 'place-names':
      str('name');
      str('country');
      str('region');
      break;
  }
  for (const [k, v] of Object.entries(row)) if (!known.has(k) && v !== '' && v !== null && v !== undefined) out[k] = v;
  return out;
}

/** A refused row or edit: a code (part of the API) and why. */
export interface ChargeRowError {
  code: string;
  field: string | null;
  message: string;
}

const FIELD_CODES: Record<string, string> = {
  rate: 'INVALID_RATE', price: 'INVALID_AMOUNT', maxSubtotal: 'INVALID_AMOUNT', currencyCode: 'INVALID_CURRENCY',
  country: 'INVALID_COUNTRY', countries: 'INVALID_COUNTRY', homeCountry: 'INVALID_COUNTRY', market: 'MARKET_UNKNOWN',
};

/** A zod issue as a coded error: a custom message may start with its code ("OVERLAPPING_BANDS: …"). */
function coded(issue: z.core.$ZodIssue, offset = 0): ChargeRowError {
  const path = issue.path.slice(offset).map(String);
  const field = path.join('.') || null;
  const own = /^([A-Z][A-Z_]+): (.*)$/.exec(issue.message);
  if (own) return { code: own[1], field, message: own[2] };
  if (issue.code === 'unrecognized_keys') return { code: 'UNKNOWN_FIELD', field, message: `unknown field(s) ${(issue as { keys: string[] }).keys.join(', ')}` };
  const last = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
  const code = issue.code === 'custom' && /unknown market/.test(issue.message) ? 'MARKET_UNKNOWN' : issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'MISSING_FIELD' : (FIELD_CODES[last] && last !== 'market' ? FIELD_CODES[last] : 'INVALID_VALUE');
  return { code, field, message: issue.message };
}

/** The rows as tables (the order of tax rates and methods: by key). */
export function rowsToTables(rows: Iterable<ChargeRow>): ChargeTables {
  const t = {
    markets: Object.create(null) as ChargeTables['markets'],
    taxRates: [] as ChargeTables['taxRates'],
    productTaxCategories: Object.create(null) as ChargeTables['productTaxCategories'],
    itemWeightGrams: { default: 0, bySku: Object.create(null) as Record<string, number> },
    pickupLocations: Object.create(null) as ChargeTables['pickupLocations'],
    countryNames: Object.create(null) as ChargeTables['countryNames'],
    regionNames: Object.create(null) as ChargeTables['regionNames'],
    shippingMethods: [] as ChargeTables['shippingMethods'],
  };
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of sorted) {
    const v = r.value as Record<string, any>;
    switch (r.kind) {
      case 'tax-markets': {
        const { market, ...rest } = v;
        t.markets[market] = rest as ChargeTables['markets'][string];
        break;
      }
      case 'pickup-locations': {
        const { code, ...rest } = v;
        t.pickupLocations[code] = rest as ChargeTables['pickupLocations'][string];
        break;
      }
      case 'tax-rates':
        t.taxRates.push(v as ChargeTables['taxRates'][number]);
        break;
      case 'shipping-methods':
        t.shippingMethods.push(v as ChargeTables['shippingMethods'][number]);
        break;
      case 'tax-categories':
        t.productTaxCategories[v.sku] = v.category;
        break;
      case 'item-weights':
        if (v.sku === DEFAULT_WEIGHT_SKU) t.itemWeightGrams.default = v.grams;
        else t.itemWeightGrams.bySku[v.sku] = v.grams;
        break;
      case 'place-names': {
        const name = String(v.name).toUpperCase();
        if (v.region) (t.regionNames[v.country] ??= Object.create(null) as Record<string, string>)[name] = v.region;
        else t.countryNames[name] = v.country;
        break;
      }
    }
  }
  return t;
}

/** Tables (a tables file) as rows, in the order they can be imported (what others refer to first). */
export function tablesToRows(tables: ChargeTables): ChargeRow[] {
  const rows: ChargeRow[] = [];
  const add = <K extends ChargeKind>(kind: K, value: ChargeValue<K>) => rows.push({ kind, key: keyOf(kind, value as Row)!, value } as ChargeRow);
  for (const [market, m] of Object.entries(tables.markets)) add('tax-markets', { market, ...m });
  for (const [code, l] of Object.entries(tables.pickupLocations)) add('pickup-locations', { code, ...l });
  for (const r of tables.taxRates) add('tax-rates', r);
  for (const m of tables.shippingMethods) add('shipping-methods', m);
  for (const [s, category] of Object.entries(tables.productTaxCategories)) add('tax-categories', { sku: s, category });
  add('item-weights', { sku: DEFAULT_WEIGHT_SKU, grams: tables.itemWeightGrams.default });
  for (const [s, grams] of Object.entries(tables.itemWeightGrams.bySku)) add('item-weights', { sku: s, grams });
  for (const [name, country] of Object.entries(tables.countryNames)) add('place-names', { name, country });
  for (const [country, names] of Object.entries(tables.regionNames)) for (const [name, region] of Object.entries(names)) add('place-names', { name, country, region });
  return rows;
}

/** Kinds whose rows other rows depend on, or that depend on others: checked against the whole tables. */
const CROSS_CHECKED: ReadonlySet<ChargeKind> = new Set(['tax-markets', 'pickup-locations', 'shipping-methods']);

/** What a change is checked against: the rows by kind and key. */
export type RowIndex = Map<string, ChargeRow>;
export const indexKey = (kind: ChargeKind, key: string) => `${kind}\u0000${key}`;
export const indexRows = (rows: Iterable<ChargeRow>): RowIndex => new Map([...rows].map((r) => [indexKey(r.kind, r.key), r]));

/** The tables the rows make, checked as a whole: the first problem, or null. */
export function checkWhole(index: RowIndex): ChargeRowError | null {
  const parsed = chargeTablesSchema.safeParse(rowsToTables(index.values()));
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  // the field within the row (shippingMethods.3.rates.1 → rates.1)
  return coded(issue, typeof issue.path[0] === 'string' && issue.path.length >= 2 ? 2 : 0);
}

/**
 * Checks one row (an import row or a mutation's input) of a kind against the rows so far:
 * its value, or why it is refused. Nothing is changed; `index` is not updated.
 */
export function checkRow(kind: ChargeKind, raw: Row, index: RowIndex): { row: ChargeRow } | { error: ChargeRowError } {
  let candidate: Record<string, unknown>;
  try {
    candidate = normalize(kind, raw);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const m = /^(\S+) (\S+): (.*)$/.exec(e.message)!;
    return { error: { code: m[1], field: m[2], message: m[3] } };
  }
  const parsed = SCHEMAS[kind].safeParse(candidate);
  if (!parsed.success) return { error: coded(parsed.error.issues[0]) };
  const value = parsed.data as ChargeValue<typeof kind>;
  const key = keyOf(kind, value as Row)!;
  const row = { kind, key, value } as ChargeRow;
  if (CROSS_CHECKED.has(kind)) {
    const next = new Map(index);
    next.set(indexKey(kind, key), row);
    const problem = checkWhole(next);
    if (problem) return { error: problem };
  }
  return { row };
}

/** Checks the removal of a row: what the tables would be without it (a location a method uses stays). */
export function checkRemoval(kind: ChargeKind, key: string, index: RowIndex): ChargeRowError | null {
  if (!index.has(indexKey(kind, key))) return { code: 'NOT_FOUND', field: null, message: `there is no ${kind} row ${key}` };
  const next = new Map(index);
  next.delete(indexKey(kind, key));
  return checkWhole(next);
}

/** Validates a whole tables file row by row, as the import does: the first refused row with its kind and position. */
export function checkTables(tables: ChargeTables): { kind: ChargeKind; position: number; key: string | null; error: ChargeRowError } | null {
  const index: RowIndex = new Map();
  const counts = new Map<ChargeKind, number>();
  for (const r of tablesToRows(tables)) {
    const position = (counts.get(r.kind) ?? 0) + 1;
    counts.set(r.kind, position);
    const checked = checkRow(r.kind, r.value as Row, index);
    if ('error' in checked) return { kind: r.kind, position, key: r.key, error: checked.error };
    index.set(indexKey(r.kind, checked.row.key), checked.row);
  }
  return null;
}


/**
 * Reads a tables file (JSON) and checks it as the import and the seed do, row by row: throws
 * ChargeTablesError naming the first refused row (kind, position, key) and why.
 */
export function loadTablesFile(file: string | URL): ChargeTables {
  const tables = loadChargeTables(file);
  const bad = checkTables(tables);
  if (bad) {
    const e = bad.error;
    throw new ChargeTablesError(`${String(file)}: ${bad.kind} row ${bad.position} (${bad.key ?? 'no key'}): ${e.code}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
  }
  return tables;
}
