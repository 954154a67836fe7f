import type { Clock } from '../../../../common/clock.ts';
import { refuse, type Importer, type Refused } from '../../../../common/import/runner.ts';
import type { ChargeTablesRepository } from '../data/chargeTablesRepository.ts';
import type { ChargeMarketLookup } from '../services/charges/edits.ts';
import { checkRow, indexKey, indexRows, keyOf, type ChargeKind, type ChargeRow } from '../services/charges/rows.ts';

/**
 * The import kinds of the native tax and shipping provider's tables (services/charges/rows.ts):
 * tax-markets, pickup-locations, tax-rates, shipping-methods, tax-categories, item-weights,
 * place-names. A row goes through the checks of the single-edit mutations, against the tables as
 * they are plus the rows accepted before it in the file; a batch is written in one transaction that
 * checks it again under the tables' lock (a row another change made invalid meanwhile is refused
 * alone), audits it under `actor` and moves the change counter: the running services price carts
 * with it from their next read.
 */
export function chargeImporter(kind: ChargeKind, repo: ChargeTablesRepository, clock: Clock, options: { actor: string; markets?: ChargeMarketLookup }): Importer<ChargeRow> {
  return {
    kind,
    key: (row) => keyOf(kind, row),
    async check(rows) {
      const index = indexRows(await repo.rows());
      const out: (ChargeRow | Refused)[] = [];
      for (const row of rows) {
        const checked = checkRow(kind, row, index);
        if ('error' in checked) {
          const e = checked.error;
          out.push(refuse(`${e.code} ${e.field ?? kind}: ${e.message}.`));
          continue;
        }
        if (kind === 'tax-markets' && options.markets) {
          const v = (checked.row as ChargeRow<'tax-markets'>).value;
          const currency = await options.markets.currency(v.market);
          if (currency !== null && currency !== v.currencyCode) {
            out.push(refuse(`CURRENCY_MISMATCH currencyCode: market ${v.market} sells in ${currency}.`));
            continue;
          }
        }
        index.set(indexKey(kind, checked.row.key), checked.row);
        out.push(checked.row);
      }
      return out;
    },
    async write(values) {
      await repo.apply(values.map((row) => ({ kind, key: row.key, row })), options.actor, clock.now().toISOString());
    },
  };
}
