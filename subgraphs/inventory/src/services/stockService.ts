import DataLoader from 'dataloader';
import type { Clock } from '../../../../common/clock.ts';
import type { InventoryRepository, LocationRow, StockRow } from '../data/inventoryRepository.ts';

export type LocationType = 'WAREHOUSE' | 'STORE';
export type LocationKind = 'WAREHOUSE' | 'STORE' | 'KIOSK';

export interface TypedValue {
  type: string;
  data: unknown;
}

export interface LocationRecord {
  /** the location's code (its key; `id` in the first schema) */
  id: string;
  code: string;
  name: string;
  /** WAREHOUSE, or STORE for every location selling over the counter (stores and kiosks) */
  type: LocationType;
  kind: LocationKind;
  markets: string[];
  address: TypedValue | null;
  channels: string[];
}

export interface AvailabilityRecord {
  inStock: boolean;
  quantityAvailable: number;
}

export interface StockLevelRecord {
  sku: string;
  location: string;
  onHand: number;
  reserved: number;
  available: number;
}

export function toLocation(row: LocationRow): LocationRecord {
  return {
    id: row.id,
    code: row.id,
    name: row.name,
    type: row.type,
    kind: row.kind ?? row.type,
    markets: JSON.parse(row.markets) as string[],
    address: row.address ? (JSON.parse(row.address) as TypedValue) : null,
    channels: row.channels ? (JSON.parse(row.channels) as string[]) : [],
  };
}

/**
 * Stock of one SKU at one location as seen at the clock's instant: holds that have lapsed but were
 * not swept yet no longer count as reserved (so a preview of a later instant shows them released).
 */
export function stockLevelOf(sku: string, location: string, row: StockRow | undefined): StockLevelRecord {
  const onHand = row?.on_hand ?? 0;
  const reserved = Math.max((row?.reserved ?? 0) - (row?.lapsed ?? 0), 0);
  return { sku, location, onHand, reserved, available: Math.max(onHand - reserved, 0) };
}

export function availabilityOf(quantity: number): AvailabilityRecord {
  const q = Math.max(quantity, 0);
  return { inStock: q > 0, quantityAvailable: q };
}

/** Warehouses that serve a market (stores sell over the counter only). */
export function servesMarket(location: LocationRecord, market: string): boolean {
  return location.type === 'WAREHOUSE' && location.markets.includes(market);
}

/** Sum over the market's warehouses of max(onHand − reserved, 0). */
export function marketAvailability(sku: string, rows: readonly StockRow[], locations: readonly LocationRecord[], market: string): AvailabilityRecord {
  const serving = new Set(locations.filter((l) => servesMarket(l, market)).map((l) => l.id));
  let total = 0;
  for (const row of rows) if (serving.has(row.location)) total += stockLevelOf(sku, row.location, row).available;
  return availabilityOf(total);
}

/** Per-request loaders: stock rows by SKU (every location), and the locations. */
export function createInventoryLoaders(repo: InventoryRepository, clock: Clock) {
  return {
    stock: new DataLoader<string, StockRow[]>(async (skus) => {
      const rows = await repo.stockForSkus(skus, clock.now().toISOString());
      const bySku = new Map<string, StockRow[]>();
      for (const r of rows) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
      return skus.map((s) => bySku.get(s) ?? []);
    }),
    locations: new DataLoader<'all', Map<string, LocationRecord>>(async (keys) => {
      const rows = await repo.locations();
      const map = new Map(rows.map((r) => [r.id, toLocation(r)]));
      return keys.map(() => map);
    }),
  };
}

export type InventoryLoaders = ReturnType<typeof createInventoryLoaders>;

/** Read side: locations, availability and stock levels, all through the request's loaders. */
export class StockService {
  constructor(private readonly loaders: InventoryLoaders) {}

  async locations(): Promise<LocationRecord[]> {
    return [...(await this.loaders.locations.load('all')).values()];
  }

  async location(id: string): Promise<LocationRecord | null> {
    return (await this.loaders.locations.load('all')).get(id) ?? null;
  }

  /** Availability over the market's warehouses; an unknown SKU or market is simply not in stock. */
  async availability(sku: string, market: string): Promise<AvailabilityRecord> {
    const [rows, locations] = await Promise.all([this.loaders.stock.load(sku), this.loaders.locations.load('all')]);
    return marketAvailability(sku, rows, [...locations.values()], market);
  }

  /** A cart line's availability: at its store location when it has one, else over the market's warehouses. Null for an unknown location. */
  async lineAvailability(sku: string, market: string, location: string | null | undefined): Promise<AvailabilityRecord | null> {
    if (!location) return this.availability(sku, market);
    const level = await this.stockLevel(sku, location);
    return level ? availabilityOf(level.available) : null;
  }

  /** Stock at one location: zeros when the SKU has no row there, null when the location is unknown. */
  async stockLevel(sku: string, location: string): Promise<StockLevelRecord | null> {
    const [rows, locations] = await Promise.all([this.loaders.stock.load(sku), this.loaders.locations.load('all')]);
    if (!locations.has(location)) return null;
    return stockLevelOf(sku, location, rows.find((r) => r.location === location));
  }

  /** Drops what this request loaded for a SKU after a write changed it. */
  forget(sku: string): void {
    this.loaders.stock.clear(sku);
  }
}
