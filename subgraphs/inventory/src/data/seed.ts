import { DEMO_LOCATIONS, DEMO_PRODUCTS, demoStock } from '../../../../common/demo.ts';
import type { InventoryRepository } from './inventoryRepository.ts';
import { sortableId } from './ids.ts';

export interface InitialStock {
  locations: { id: string; name: string; type: 'WAREHOUSE' | 'STORE'; markets: string[] }[];
  stock: { sku: string; location: string; onHand: number }[];
}

const SEEDED_AT = '2020-01-01T00:00:00.000Z';

/** Loads locations and opening stock in one transaction; each opening quantity is a ledger entry (ADJUST, INITIAL). */
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

/** The demo stock: every demo SKU at every demo location. */
export function demoInitialStock(): InitialStock {
  return {
    locations: DEMO_LOCATIONS.map((l) => ({ ...l, markets: [...l.markets] })),
    stock: DEMO_PRODUCTS.flatMap((p) => DEMO_LOCATIONS.map((l) => ({ sku: p.sku, location: l.id, onHand: demoStock(p.sku, l.id) }))),
  };
}

/** Seeds demo locations and stock on first start (only when there are no locations yet). */
export async function seedInventory(repo: InventoryRepository): Promise<boolean> {
  if (!(await repo.isEmpty())) return false;
  await loadInitialStock(repo, demoInitialStock());
  return true;
}
