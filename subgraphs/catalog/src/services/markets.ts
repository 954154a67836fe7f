import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { MarketInfo } from '../../../../common/markets.ts';
import type { CatalogRepository, MarketRow } from '../data/catalogRepository.ts';

/** A market as the graph shows it: what every service learns of it (common/markets.ts). */
export type MarketView = MarketInfo;

/** A market to create or change: `code` names it; omitted fields keep their values (all are needed to create). */
export interface MarketInput {
  code: string;
  name?: string | null;
  currencyCode?: string | null;
  pricesIncludeTax?: boolean | null;
  defaultLocale?: string | null;
  channels?: readonly string[] | null;
}

export const MARKET_CODE_PATTERN = /^[A-Z]{2}[A-Z0-9_-]{0,14}$/;
export const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_NAME_LENGTH = 100;
const MAX_CHANNELS = 32;
/** ISO 4217 codes this runtime knows (the Unicode CLDR list). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function toMarketView(row: MarketRow): MarketView {
  return {
    code: row.code,
    name: row.name,
    currencyCode: row.currency_code,
    pricesIncludeTax: Number(row.prices_include_tax) === 1,
    defaultLocale: row.default_locale,
    channels: JSON.parse(row.channels) as string[],
  };
}

/** The canonical form of a BCP 47 locale ("de-de" → "de-DE"), or null when it is not one. */
function canonicalLocale(locale: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/**
 * Checks a market input against the stored market (undefined: a new one) without touching anything.
 * Returns the row to write, or every error found (`field` is `prefix` + the input's field name).
 */
export function validateMarket(input: MarketInput, before: MarketRow | undefined, at: string, prefix = ''): { row: MarketRow | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!MARKET_CODE_PATTERN.test(code)) {
    errors.push(userError('INVALID_MARKET_CODE', `"${String(input.code).slice(0, 40)}" is not a market code (two capital letters, then up to 14 of A–Z, 0–9, _ and -; e.g. NL, US-B2B).`, f('code')));
  }
  const missing = (field: keyof MarketInput) => {
    if (!before && (input[field] === undefined || input[field] === null)) {
      errors.push(userError('MISSING_FIELD', `A new market needs ${field}.`, f(field)));
      return true;
    }
    return input[field] === undefined || input[field] === null;
  };

  let name = before?.name ?? '';
  if (!missing('name')) {
    name = String(input.name).trim();
    if (!name || name.length > MAX_NAME_LENGTH) errors.push(userError('INVALID_NAME', `A market's name has 1 to ${MAX_NAME_LENGTH} characters.`, f('name')));
  }

  let currency = before?.currency_code ?? '';
  if (!missing('currencyCode')) {
    currency = String(input.currencyCode).trim();
    if (!CURRENCIES.has(currency)) errors.push(userError('CURRENCY_UNKNOWN', `"${currency.slice(0, 20)}" is not an ISO 4217 currency code.`, f('currencyCode')));
  }

  let includeTax = before ? Number(before.prices_include_tax) === 1 : false;
  if (!missing('pricesIncludeTax')) {
    if (typeof input.pricesIncludeTax !== 'boolean') errors.push(userError('INVALID_VALUE', 'pricesIncludeTax is true or false.', f('pricesIncludeTax')));
    else includeTax = input.pricesIncludeTax;
  }

  let locale = before?.default_locale ?? '';
  if (!missing('defaultLocale')) {
    const canonical = canonicalLocale(String(input.defaultLocale).trim());
    if (!canonical) errors.push(userError('INVALID_LOCALE', `"${String(input.defaultLocale).slice(0, 40)}" is not a BCP 47 locale (e.g. nl-NL).`, f('defaultLocale')));
    else locale = canonical;
  }

  let channels: string[] = before ? (JSON.parse(before.channels) as string[]) : [];
  if (!missing('channels')) {
    if (!Array.isArray(input.channels)) {
      errors.push(userError('INVALID_CHANNEL', 'channels is a list of channel codes.', f('channels')));
    } else {
      channels = [];
      if (input.channels.length > MAX_CHANNELS) errors.push(userError('INVALID_CHANNEL', `At most ${MAX_CHANNELS} channels.`, f('channels')));
      input.channels.forEach((c, i) => {
        const channel = typeof c === 'string' ? c.trim() : '';
        if (!CHANNEL_PATTERN.test(channel)) errors.push(userError('INVALID_CHANNEL', `"${String(c).slice(0, 40)}" is not a channel code (e.g. web, pos, in-game).`, f(`channels[${i}]`)));
        else if (!channels.includes(channel)) channels.push(channel);
      });
    }
  }

  if (errors.length) return { row: null, errors };
  return {
    row: { code, name, currency_code: currency, prices_include_tax: includeTax ? 1 : 0, default_locale: locale, channels: JSON.stringify(channels), updated_at: at },
    errors,
  };
}

/** Creating and changing markets. Every write moves the markets change counter other services watch. */
export class MarketService {
  constructor(
    private readonly repo: CatalogRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates or updates markets, all or nothing. A market's currency cannot change once it has prices
   * (they are stored in its minor units): CURRENCY_CHANGE_REFUSED. Errors name the entry (`prefix(i)`).
   */
  async upsert(inputs: readonly MarketInput[], prefix: (i: number) => string = () => ''): Promise<MarketView[]> {
    const at = this.clock.now().toISOString();
    const seen = new Set<string>();
    const rows: MarketRow[] = [];
    const errors: UserError[] = [];
    for (const [i, input] of inputs.entries()) {
      const before = typeof input.code === 'string' ? await this.repo.market(input.code.trim()) : undefined;
      const { row, errors: found } = validateMarket(input, before, at, prefix(i));
      if (row && seen.has(row.code)) found.push(userError('DUPLICATE_MARKET', `Market ${row.code} is given twice.`, `${prefix(i)}code`));
      if (row) seen.add(row.code);
      errors.push(...found);
      if (row && !found.length) rows.push(row);
    }
    if (errors.length) throw new UserErrorException(errors);
    await this.repo.upsertMarkets(rows, async (row, before, tx) => {
      // checked again inside the transaction: a price written meanwhile fixes the currency too
      if (before && before.currency_code !== row.currency_code && (await this.repo.marketHasPrices(row.code, tx))) {
        const i = rows.indexOf(row);
        throw new UserErrorException(
          userError('CURRENCY_CHANGE_REFUSED', `Market ${row.code} has prices in ${before.currency_code}; its currency cannot change.`, `${prefix(i)}currencyCode`),
        );
      }
    });
    return rows.map(toMarketView);
  }
}
