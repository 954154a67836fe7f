import type { Clock } from '../../../../common/clock.ts';
import { importSeedFile } from '../../../../common/import/seed.ts';
import { locationImporter, stockImporter } from '../import/importers.ts';
import type { MarketExists } from '../services/locationService.ts';
import type { InventoryRepository } from './inventoryRepository.ts';
import { sortableId } from './ids.ts';

export interface InitialStock {
  locations: { id: string; name: string; type: 'WAREHOUSE' | 'STORE'; markets: string[] }[];
  stock: { sku: string; location: string; onHand: number }[];
}

const SEEDED_AT = '2020-01-01T00:00:00.000Z';

/** Loads locations and opening stock in one transaction (test fixtures); each opening quantity is a ledger entry (ADJUST, INITIAL). */
export async function loadInitialStock(repo: InventoryRepository, initial: InitialStock, at = SEEDED_AT): Promise<void> {
  await repo.transaction(async (tx) => {
    for (const l of initial.locations) await tx.insertLocation({ id: l.id, name: l.name, type: l.type, markets: JSON.stringify(l.markets) });
    for (const s of initial.stock) {
      await tx.insertStock(s.sku, s.location, s.onHand);
      if (s.onHand !== 0) {
        await tx.addMovement({
          id: sortableId(),
          sku: s.sku,
          location: s.location,
          delta_on_hand: s.onHand,
          delta_reserved: 0,
          kind: 'ADJUST',
          reason: 'INITIAL',
          actor: 'system:seed',
          ref: null,
          at,
        });
      }
    }
  });
}

/**
 * On first start (no locations yet), imports the demo's locations and stock from seed/demo through
 * the import path. The locations' markets are asked from the catalog (which may still be starting).
 */
export async function seedInventory(repo: InventoryRepository, clock: Clock, marketExists: MarketExists): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  const seededAt: Clock = { now: () => new Date(SEEDED_AT), preview: false };
  await importSeedFile(locationImporter(repo, clock, marketExists), 'locations.ndjson');
  await importSeedFile(stockImporter(repo, seededAt, 'system:seed', 'INITIAL'), 'stock.csv');
  return true;
}
