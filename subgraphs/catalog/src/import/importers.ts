import type { Clock } from '../../../../common/clock.ts';
import { bool, list, reasonOf, text } from '../../../../common/import/fields.ts';
import { refuse, type Importer, type Refused } from '../../../../common/import/runner.ts';
import { MoneyError, parseMinor } from '../../../../common/money.ts';
import { strictInstant } from '../../../../common/scalars.ts';
import type { CatalogRepository, MarketRow, PriceSchedule } from '../data/catalogRepository.ts';
import { validateMarket } from '../services/markets.ts';

/**
 * The catalog's import kinds: markets (by code) and prices (by SKU, market and validFrom); products
 * and categories are in variants.ts. Each row goes through the same checks as the GraphQL mutations for single edits.
 */

/** A price without validFrom is the standing price: valid from the beginning, so importing it again replaces it. */
export const STANDING_PRICE_FROM = '1970-01-01T00:00:00.000Z';
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function marketImporter(repo: CatalogRepository, clock: Clock): Importer<MarketRow> {
  return {
    kind: 'markets',
    key: (row) => text(row, 'code') ?? null,
    async check(rows) {
      const at = clock.now().toISOString();
      const out: (MarketRow | Refused)[] = [];
      for (const row of rows) {
        const code = text(row, 'code') ?? '';
        const includeTax = bool(row, 'pricesIncludeTax');
        const channels = list(row, 'channels');
        if (includeTax === 'invalid') {
          out.push(refuse('INVALID_VALUE pricesIncludeTax: true or false.'));
          continue;
        }
        if (channels === 'invalid') {
          out.push(refuse('INVALID_CHANNEL channels: a list of channel codes ("web|pos" in CSV).'));
          continue;
        }
        const before = await repo.market(code);
        const input = { code, name: text(row, 'name'), currencyCode: text(row, 'currencyCode'), pricesIncludeTax: includeTax, defaultLocale: text(row, 'defaultLocale'), channels };
        const { row: valid, errors } = validateMarket(input, before, at);
        if (!valid) out.push(refuse(reasonOf(errors)));
        else if (before && before.currency_code !== valid.currency_code && (await repo.marketHasPrices(code))) {
          out.push(refuse(`CURRENCY_CHANGE_REFUSED currencyCode: market ${code} has prices in ${before.currency_code}; its currency cannot change.`));
        } else out.push(valid);
      }
      return out;
    },
    write: (values) => repo.upsertMarkets(values),
  };
}

/** sku, market, amount (decimal in the market's currency), validFrom and validUntil (ISO instants, optional). */
export function priceImporter(repo: CatalogRepository): Importer<PriceSchedule> {
  let markets: Map<string, MarketRow> | null = null;
  return {
    kind: 'prices',
    key: (row) => {
      const sku = text(row, 'sku');
      const market = text(row, 'market');
      if (!sku || !market) return null;
      const from = text(row, 'validFrom');
      return `${sku}|${market}|${from ? (strictInstant(from)?.toISOString() ?? from) : STANDING_PRICE_FROM}`;
    },
    async check(rows) {
      markets ??= new Map((await repo.markets()).map((m) => [m.code, m]));
      const known = await repo.existingSkus([...new Set(rows.map((r) => text(r, 'sku')).filter((s): s is string => !!s))]);
      return rows.map((row) => {
        const sku = text(row, 'sku');
        const code = text(row, 'market');
        const amount = text(row, 'amount');
        if (!sku) return refuse('MISSING_FIELD sku.');
        if (!code) return refuse('MISSING_FIELD market.');
        if (amount === undefined) return refuse('MISSING_FIELD amount.');
        const market = markets!.get(code);
        if (!market) return refuse(`MARKET_UNKNOWN market: there is no market ${code}.`);
        if (!known.has(sku)) return refuse(`PRODUCT_NOT_FOUND sku: there is no product ${sku}.`);
        let minor: number;
        try {
          minor = parseMinor(amount, market.currency_code);
        } catch (e) {
          return refuse(`INVALID_AMOUNT amount: ${(e as MoneyError).message}.`);
        }
        if (minor < 0) return refuse('INVALID_AMOUNT amount: a price cannot be negative.');
        const fromText = text(row, 'validFrom');
        const untilText = text(row, 'validUntil');
        // the standing price (no validFrom, no validUntil: most rows of a bulk import) needs no date arithmetic
        if (fromText === undefined && untilText === undefined) return { sku, market: code, amount_minor: minor, valid_from: STANDING_PRICE_FROM, valid_until: null };
        const from = fromText === undefined ? new Date(STANDING_PRICE_FROM) : strictInstant(fromText);
        const until = untilText === undefined ? null : strictInstant(untilText);
        if (!from) return refuse(`INVALID_VALIDITY validFrom: "${fromText}" is not an ISO-8601 instant.`);
        if (untilText !== undefined && !until) return refuse(`INVALID_VALIDITY validUntil: "${untilText}" is not an ISO-8601 instant.`);
        if (until && until <= from) return refuse('INVALID_VALIDITY validUntil: must be later than validFrom.');
        return { sku, market: code, amount_minor: minor, valid_from: from.toISOString(), valid_until: until ? until.toISOString() : null };
      });
    },
    write: (values) => repo.insertPrices(values),
  };
}
