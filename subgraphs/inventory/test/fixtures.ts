import { ManualClock, type Clock } from '../../../common/clock.ts';
import { UserErrorException, type UserError } from '../../../common/errors.ts';
import { openDatabase, type Db } from '../../../common/storage/index.ts';
import { InventoryRepository } from '../src/data/inventoryRepository.ts';
import { migrations } from '../src/data/migrations.ts';
import { loadInitialStock, type InitialStock } from '../src/data/seed.ts';
import { AdjustmentService } from '../src/services/adjustmentService.ts';
import { ReservationService, type ReservationServiceOptions } from '../src/services/reservationService.ts';
import { createInventoryLoaders, StockService } from '../src/services/stockService.ts';

/** Small, readable test stock. DE is served by wh-a and wh-b, FR by wh-a, US by wh-us; store-1 is a store in DE. */
export const TEST_LOCATIONS: InitialStock['locations'] = [
  { id: 'wh-a', name: 'Warehouse A', type: 'WAREHOUSE', markets: ['DE', 'FR'] },
  { id: 'wh-b', name: 'Warehouse B', type: 'WAREHOUSE', markets: ['DE'] },
  { id: 'wh-us', name: 'Warehouse US', type: 'WAREHOUSE', markets: ['US'] },
  { id: 'store-1', name: 'Store One', type: 'STORE', markets: ['DE'] },
];

export const TEST_STOCK: InitialStock['stock'] = [
  { sku: 'SKU-A', location: 'wh-a', onHand: 5 },
  { sku: 'SKU-A', location: 'wh-b', onHand: 3 },
  { sku: 'SKU-A', location: 'wh-us', onHand: 7 },
  { sku: 'SKU-A', location: 'store-1', onHand: 2 },
  { sku: 'SKU-B', location: 'wh-a', onHand: 1 },
  { sku: 'SKU-C', location: 'wh-a', onHand: 0 },
];

export interface InventoryFixture {
  db: Db;
  repo: InventoryRepository;
  clock: ManualClock;
  reservations: ReservationService;
  adjustments: AdjustmentService;
  /** a fresh read side (new loaders), as a new request would have; optionally at another clock */
  stock(clock?: Clock): StockService;
  /** raw stock row (zeros when missing) */
  level(sku: string, location: string): Promise<{ onHand: number; reserved: number }>;
  close(): Promise<void>;
}

/** An in-memory inventory with test stock; override locations, stock, clock or reservation options. */
export async function buildInventory(
  overrides: { locations?: InitialStock['locations']; stock?: InitialStock['stock']; clock?: ManualClock; reservation?: ReservationServiceOptions } = {},
): Promise<InventoryFixture> {
  const db = await openDatabase({ service: 'inventory', file: ':memory:', migrations });
  const repo = InventoryRepository.open(db);
  await loadInitialStock(repo, { locations: overrides.locations ?? TEST_LOCATIONS, stock: overrides.stock ?? TEST_STOCK });
  const clock = overrides.clock ?? new ManualClock(new Date('2026-11-01T10:00:00.000Z'));
  return {
    db,
    repo,
    clock,
    reservations: new ReservationService(repo, clock, overrides.reservation),
    adjustments: new AdjustmentService(repo, clock),
    stock: (at: Clock = clock) => new StockService(createInventoryLoaders(repo, at)),
    level: async (sku, location) => {
      const row = await repo.stockRow(sku, location);
      return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0 };
    },
    close: () => db.close(),
  };
}

/** The user errors a service call failed with (fails the test when it did not fail that way). */
export async function userErrorsOf(p: Promise<unknown>): Promise<UserError[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserErrorException) return e.errors;
    throw e;
  }
  throw new Error('expected the call to fail with user errors');
}
