import type { Clock } from '../../../../../common/clock.ts';
import { UserErrorException, userError } from '../../../../../common/errors.ts';
import type { Identity } from '../../../../../common/identity.ts';
import type { Row } from '../../../../../common/import/fields.ts';
import { ChargeTablesConflict, type ChargeTablesRepository } from '../../data/chargeTablesRepository.ts';
import { checkRemoval, checkRow, indexKey, indexRows, keyOf, type ChargeKind, type ChargeRow, type ChargeRowError, type ChargeValue } from './rows.ts';
import type { ChargeTablesStore } from './store.ts';

/**
 * Single edits of the native provider's tables through the graph (operations scope): the same checks
 * as an import row, then the same write (checked again under the tables' lock, audited, the change
 * counter moved), so every replica prices carts with the change from their next read.
 */
export interface ChargeMarketLookup {
  /** the catalog's currency of a market, or null when the catalog does not know it */
  currency(code: string): Promise<string | null>;
}

/** GraphQL inputs carry null for what is not given; rows leave it out. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return { ...out };
}

const failWith = (e: ChargeRowError, prefix = 'input') =>
  new UserErrorException(userError(e.code, e.message, e.field ? `${prefix}.${e.field}` : prefix));

export class ChargeTablesService {
  constructor(
    private readonly repo: ChargeTablesRepository,
    private readonly store: ChargeTablesStore,
    private readonly markets: ChargeMarketLookup,
    private readonly clock: Clock,
    private readonly identity: Identity,
  ) {}

  /** Checks and writes one row; returns it and the tables' version. Throws UserErrorException with nothing changed. */
  async upsert<K extends ChargeKind>(kind: K, input: object): Promise<{ value: ChargeValue<K>; version: number }> {
    const raw = withoutNulls(input) as Row;
    const index = indexRows(await this.repo.rows());
    const checked = checkRow(kind, raw, index);
    if ('error' in checked) throw failWith(checked.error);
    if (kind === 'tax-markets') await this.checkCurrency(checked.row as ChargeRow<'tax-markets'>);
    const version = await this.write(kind, checked.row.key, checked.row);
    return { value: checked.row.value as ChargeValue<K>, version };
  }

  /** Removes one row by its key fields; returns what was removed. */
  async remove<K extends ChargeKind>(kind: K, keyFields: object): Promise<{ value: ChargeValue<K>; version: number }> {
    const key = keyOf(kind, withoutNulls(keyFields) as Row);
    const index = indexRows(await this.repo.rows());
    const before = key === null ? undefined : index.get(indexKey(kind, key));
    if (key === null || !before) throw new UserErrorException(userError('NOT_FOUND', `There is no such ${kind.replace(/s$/, '').replace('-', ' ')} in the tables.`, 'input'));
    const problem = checkRemoval(kind, key, index);
    if (problem) throw failWith(problem);
    const version = await this.write(kind, key, null);
    return { value: before.value as ChargeValue<K>, version };
  }

  /** The tables in use (brought up to date first). */
  async tables() {
    await this.store.refresh();
    return this.store.snapshot();
  }

  version(): Promise<number> {
    return this.repo.version();
  }

  private async checkCurrency(row: ChargeRow<'tax-markets'>): Promise<void> {
    const currency = await this.markets.currency(row.value.market);
    if (currency !== null && currency !== row.value.currencyCode) {
      throw new UserErrorException(userError('CURRENCY_MISMATCH', `Market ${row.value.market} sells in ${currency}.`, 'input.currencyCode'));
    }
  }

  private async write(kind: ChargeKind, key: string, row: ChargeRow | null): Promise<number> {
    if (this.clock.preview) throw new UserErrorException(userError('PREVIEW_READ_ONLY', 'A preview is read-only.'));
    try {
      const version = await this.repo.apply([{ kind, key, row }], this.identity.keyId, this.clock.now().toISOString());
      this.store.invalidate();
      return version;
    } catch (e) {
      // another change came first and this one no longer fits the tables
      if (e instanceof ChargeTablesConflict) throw failWith(e.error);
      throw e;
    }
  }
}

/** The tables' rows as the graph shows them (absent optional values as null, lists as lists). */
export const views = {
  taxMarket: (v: ChargeValue<'tax-markets'>) => ({
    ...v,
    homeCountry: v.homeCountry ?? null,
    digitalDestination: v.digitalDestination ? { country: v.digitalDestination.country, region: v.digitalDestination.region ?? null, postalCode: v.digitalDestination.postalCode ?? null } : null,
  }),
  taxRate: (v: ChargeValue<'tax-rates'>) => ({ ...v, region: v.region ?? null, postalPrefix: v.postalPrefix ?? null, name: v.name ?? null }),
  shippingMethod: (v: ChargeValue<'shipping-methods'>) => ({
    ...v,
    countries: v.countries ?? [],
    locations: v.locations ?? [],
    channels: v.channels ?? [],
    rates: v.rates.map((r) => ({ maxSubtotal: r.maxSubtotal ?? null, maxWeightGrams: r.maxWeightGrams ?? null, price: r.price })),
  }),
};
