import type { Clock } from '../../../../common/clock.ts';
import { integer, json, list, reasonOf, text } from '../../../../common/import/fields.ts';
import { refuse, type Importer, type Refused } from '../../../../common/import/runner.ts';
import type { InventoryRepository, LocationRow } from '../data/inventoryRepository.ts';
import { validateLocation, type MarketExists } from '../services/locationService.ts';
import type { LocationKind } from '../services/stockService.ts';

/**
 * The inventory's import kinds: locations (by code) and stock (by SKU and location). Locations go
 * through the same checks as upsertLocation; their markets are asked from the catalog through the graph.
 */

export function locationImporter(repo: InventoryRepository, clock: Clock, marketExists: MarketExists): Importer<LocationRow> {
  return {
    kind: 'locations',
    key: (row) => text(row, 'code') ?? null,
    async check(rows) {
      const at = clock.now().toISOString();
      const out: (LocationRow | Refused)[] = [];
      for (const row of rows) {
        const markets = list(row, 'markets');
        const channels = list(row, 'channels');
        const address = json(row, 'address');
        if (markets === 'invalid') {
          out.push(refuse('MARKET_UNKNOWN markets: a list of market codes ("DE|FR" in CSV).'));
          continue;
        }
        if (channels === 'invalid') {
          out.push(refuse('INVALID_CHANNEL channels: a list of channel codes ("pos|kiosk" in CSV).'));
          continue;
        }
        if (address === 'invalid') {
          out.push(refuse('INVALID_ADDRESS address: not valid JSON.'));
          continue;
        }
        const code = text(row, 'code') ?? '';
        const before = await repo.location(code);
        const kind = text(row, 'kind') as LocationKind | undefined;
        const { row: valid, markets: wanted, errors } = validateLocation({ code, name: text(row, 'name'), kind, markets, channels, address }, before, at);
        if (!valid) {
          out.push(refuse(reasonOf(errors)));
          continue;
        }
        // a catalog that cannot be asked stops the import (it resumes from the last batch written)
        const missing: string[] = [];
        for (const m of wanted) if (!(await marketExists(m))) missing.push(m);
        out.push(missing.length ? refuse(`MARKET_UNKNOWN markets: there is no market ${missing.join(', ')}.`) : valid);
      }
      return out;
    },
    async write(values) {
      await repo.transaction(async (tx) => {
        for (const l of values) await tx.upsertLocation(l);
      });
    },
  };
}

export interface StockImportRow {
  sku: string;
  location: string;
  onHand: number;
}

/**
 * sku, location, onHand: the counted quantity on hand (absolute, so importing again changes nothing).
 * Every change is a ledger entry (ADJUST, reason IMPORT, INITIAL for the demo's opening stock); stock held by reservations is never undercut.
 */
export function stockImporter(repo: InventoryRepository, clock: Clock, actor = 'import', reason = 'IMPORT'): Importer<StockImportRow> {
  return {
    kind: 'stock',
    key: (row) => {
      const sku = text(row, 'sku');
      const location = text(row, 'location');
      return sku && location ? `${sku}|${location}` : null;
    },
    async check(rows) {
      const locations = new Set((await repo.locations()).map((l) => l.id));
      return rows.map((row) => {
        const sku = text(row, 'sku');
        const location = text(row, 'location');
        const onHand = integer(row, 'onHand');
        if (!sku || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(sku)) return refuse('INVALID_SKU sku: letters, digits, ".", "_" and "-", 1 to 64.');
        if (!location) return refuse('MISSING_FIELD location.');
        if (!locations.has(location)) return refuse(`LOCATION_UNKNOWN location: there is no location ${location}.`);
        if (onHand === undefined) return refuse('MISSING_FIELD onHand.');
        if (Number.isNaN(onHand)) return refuse('INVALID_QUANTITY onHand: a whole number.');
        if (onHand < 0) return refuse('NEGATIVE_STOCK onHand: stock on hand cannot be negative.');
        return { sku, location, onHand };
      });
    },
    async write(values) {
      const at = clock.now().toISOString();
      await repo.transaction((tx) => tx.setStockCounts(values, { at, actor, reason }));
    },
  };
}
