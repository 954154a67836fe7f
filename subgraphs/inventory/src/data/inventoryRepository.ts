import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { recordChange } from '../../../../common/events/outbox.ts';
import { mergeStockChanged, setStockCounts, type CountMovement, type StockCount } from './stockCounts.ts';

export interface LocationRow {
  /** the location's code */
  id: string;
  name: string;
  /** WAREHOUSE, or STORE for every location that sells over the counter (stores and kiosks) */
  type: 'WAREHOUSE' | 'STORE';
  /** JSON array of market codes */
  markets: string;
  /** WAREHOUSE, STORE or KIOSK (null on rows written before kinds existed: then `type`) */
  kind?: 'WAREHOUSE' | 'STORE' | 'KIOSK' | null;
  /** JSON typed value (address/v1 …), or null */
  address?: string | null;
  /** JSON array of channel codes */
  channels?: string;
  updated_at?: string | null;
}

const LOCATION_COLUMNS = 'id, name, type, markets, kind, address, channels, updated_at';

export interface StockRow {
  sku: string;
  location: string;
  on_hand: number;
  reserved: number;
  /** quantity of HELD reservations at this (sku, location) already past their expiry at the instant asked */
  lapsed: number;
}

export type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED' | 'EXPIRED';

export interface ReservationRow {
  id: string;
  status: ReservationStatus;
  market: string;
  location: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
  actor: string;
}

export interface ReservationLineRow {
  reservation_id: string;
  line_id: string;
  position: number;
  sku: string;
  location: string;
  quantity: number;
}

export type MovementKind = 'RESERVE' | 'COMMIT' | 'RELEASE' | 'EXPIRE' | 'ADJUST';

export interface MovementRow {
  id: string;
  sku: string;
  location: string;
  delta_on_hand: number;
  delta_reserved: number;
  kind: MovementKind;
  reason: string | null;
  actor: string;
  ref: string | null;
  at: string;
}

export interface AdjustmentRow {
  id: string;
  sku: string;
  location: string;
  delta: number;
  reason: string;
  note: string | null;
  actor: string;
  at: string;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

const num = (v: unknown): number => Number(v ?? 0);

function toStockRow(r: Record<string, unknown>): StockRow {
  return { sku: String(r.sku), location: String(r.location), on_hand: num(r.on_hand), reserved: num(r.reserved), lapsed: num(r.lapsed) };
}

function toLineRow(r: ReservationLineRow): ReservationLineRow {
  return { ...r, position: num(r.position), quantity: num(r.quantity) };
}

/**
 * All SQL of the inventory service. Portable between SQLite and PostgreSQL.
 * A repository made by `transaction` runs every statement inside that one transaction.
 */
export class InventoryRepository {
  constructor(
    private readonly q: Queryable,
    private readonly db: Db | null = null,
  ) {}

  static open(db: Db): InventoryRepository {
    return new InventoryRepository(db, db);
  }

  /** Runs fn in one transaction; the repository passed to fn must be used for every statement. */
  transaction<T>(fn: (tx: InventoryRepository) => Promise<T>): Promise<T> {
    if (!this.db) throw new Error('already inside a transaction');
    return this.db.transaction((tx) => fn(new InventoryRepository(tx)));
  }

  // --- locations ---

  locations(): Promise<LocationRow[]> {
    return this.q.all<LocationRow>(`SELECT ${LOCATION_COLUMNS} FROM locations ORDER BY id`);
  }

  location(id: string): Promise<LocationRow | undefined> {
    return this.q.get<LocationRow>(`SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = ?`, [id]);
  }

  // --- stock ---

  /** Stock rows of the SKUs at every location, with the quantity of holds already lapsed at `at`. */
  async stockForSkus(skus: readonly string[], at: string): Promise<StockRow[]> {
    if (skus.length === 0) return [];
    const rows = await this.q.all<Record<string, unknown>>(
      `SELECT s.sku, s.location, s.on_hand, s.reserved,
         COALESCE((SELECT SUM(l.quantity) FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
                   WHERE l.sku = s.sku AND l.location = s.location AND r.status = 'HELD' AND r.expires_at < ?), 0) AS lapsed
       FROM stock s WHERE s.sku IN (${placeholders(skus.length)}) ORDER BY s.sku, s.location`,
      [at, ...skus],
    );
    return rows.map(toStockRow);
  }

  async stockRow(sku: string, location: string): Promise<{ on_hand: number; reserved: number } | undefined> {
    const r = await this.q.get<Record<string, unknown>>('SELECT on_hand, reserved FROM stock WHERE sku = ? AND location = ?', [sku, location]);
    return r ? { on_hand: num(r.on_hand), reserved: num(r.reserved) } : undefined;
  }

  /** Atomic conditional reservation: true only when `quantity` was still available and is now reserved. */
  async reserve(sku: string, location: string, quantity: number): Promise<boolean> {
    const r = await this.q.run(
      'UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND location = ? AND on_hand - reserved >= ?',
      [quantity, sku, location, quantity],
    );
    return r.changes === 1;
  }

  /** Gives back reserved quantity (release or expiry). */
  async unreserve(sku: string, location: string, quantity: number): Promise<boolean> {
    const r = await this.q.run('UPDATE stock SET reserved = reserved - ? WHERE sku = ? AND location = ? AND reserved >= ?', [
      quantity,
      sku,
      location,
      quantity,
    ]);
    return r.changes === 1;
  }

  /** Reserved stock leaves the building (a sale). */
  async commit(sku: string, location: string, quantity: number): Promise<boolean> {
    const r = await this.q.run(
      'UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ? WHERE sku = ? AND location = ? AND reserved >= ?',
      [quantity, quantity, sku, location, quantity],
    );
    return r.changes === 1;
  }

  /** Compare-and-set of on_hand (stocktake): false when on_hand changed since it was read. */
  async setOnHandIf(sku: string, location: string, expected: number, next: number): Promise<boolean> {
    const r = await this.q.run('UPDATE stock SET on_hand = ? WHERE sku = ? AND location = ? AND on_hand = ?', [next, sku, location, expected]);
    return r.changes === 1;
  }

  /** Creates a stock row; false when it already exists. */
  async insertStock(sku: string, location: string, onHand: number): Promise<boolean> {
    const r = await this.q.run(
      'INSERT INTO stock (sku, location, on_hand, reserved) VALUES (?, ?, ?, 0) ON CONFLICT (sku, location) DO NOTHING',
      [sku, location, onHand],
    );
    return r.changes === 1;
  }

  /** Adds delta to on_hand unless it would go below zero; false when refused or the row is missing. */
  async addOnHand(sku: string, location: string, delta: number): Promise<boolean> {
    const r = await this.q.run('UPDATE stock SET on_hand = on_hand + ? WHERE sku = ? AND location = ? AND on_hand + ? >= 0', [
      delta,
      sku,
      location,
      delta,
    ]);
    return r.changes === 1;
  }

  /** Records an offline sale id once; false when it was recorded before. */
  async insertOfflineSale(id: string, location: string, at: string): Promise<boolean> {
    const r = await this.q.run('INSERT INTO offline_sales (id, location, at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', [id, location, at]);
    return r.changes === 1;
  }

  /** Records a restock id once; false when it was recorded before. */
  async insertRestock(id: string, at: string): Promise<boolean> {
    const r = await this.q.run('INSERT INTO restocks (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [id, at]);
    return r.changes === 1;
  }

  /** Takes sold units off on_hand even below zero (a sale that already happened cannot be refused). */
  async subtractOnHand(sku: string, location: string, quantity: number): Promise<void> {
    await this.q.run('UPDATE stock SET on_hand = on_hand - ? WHERE sku = ? AND location = ?', [quantity, sku, location]);
  }

  /** Stock rows below zero: to be recounted at the next stocktake. */
  async negativeStock(location: string | null): Promise<{ sku: string; location: string; on_hand: number; reserved: number }[]> {
    return this.q.all(
      `SELECT sku, location, on_hand, reserved FROM stock WHERE on_hand < 0 ${location ? 'AND location = ?' : ''} ORDER BY location, sku`,
      location ? [location] : [],
    );
  }

  // --- reservations ---

  async reservation(id: string): Promise<ReservationRow | undefined> {
    return this.q.get<ReservationRow>(
      'SELECT id, status, market, location, expires_at, created_at, updated_at, actor FROM reservations WHERE id = ?',
      [id],
    );
  }

  async reservationLines(id: string): Promise<ReservationLineRow[]> {
    const rows = await this.q.all<ReservationLineRow>(
      'SELECT reservation_id, line_id, position, sku, location, quantity FROM reservation_lines WHERE reservation_id = ? ORDER BY position, location',
      [id],
    );
    return rows.map(toLineRow);
  }

  /** Inserts a reservation unless the id exists; true when inserted. */
  async insertReservation(row: ReservationRow): Promise<boolean> {
    const r = await this.q.run(
      `INSERT INTO reservations (id, status, market, location, expires_at, created_at, updated_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [row.id, row.status, row.market, row.location, row.expires_at, row.created_at, row.updated_at, row.actor],
    );
    return r.changes === 1;
  }

  async insertReservationLine(line: ReservationLineRow): Promise<void> {
    await this.q.run(
      'INSERT INTO reservation_lines (reservation_id, line_id, position, sku, location, quantity) VALUES (?, ?, ?, ?, ?, ?)',
      [line.reservation_id, line.line_id, line.position, line.sku, line.location, line.quantity],
    );
  }

  /**
   * Conditional status transition: true only for the one caller that moved it from `from`.
   * With `expiredBefore`, only a reservation whose expiry is earlier than that instant moves.
   */
  async transition(id: string, from: ReservationStatus, to: ReservationStatus, at: string, expiredBefore?: string): Promise<boolean> {
    const r = expiredBefore
      ? await this.q.run('UPDATE reservations SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND expires_at < ?', [
          to,
          at,
          id,
          from,
          expiredBefore,
        ])
      : await this.q.run('UPDATE reservations SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [to, at, id, from]);
    return r.changes === 1;
  }

  /** HELD reservations whose expiry is before `at`, oldest first. */
  async lapsedHeld(at: string, limit: number): Promise<string[]> {
    const rows = await this.q.all<{ id: string }>(
      "SELECT id FROM reservations WHERE status = 'HELD' AND expires_at < ? ORDER BY expires_at, id LIMIT ?",
      [at, limit],
    );
    return rows.map((r) => r.id);
  }

  /** HELD reservations past their expiry that hold any of the SKUs. */
  async lapsedHeldForSkus(skus: readonly string[], at: string): Promise<string[]> {
    if (skus.length === 0) return [];
    const rows = await this.q.all<{ id: string }>(
      `SELECT DISTINCT r.id FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.id
       WHERE r.status = 'HELD' AND r.expires_at < ? AND l.sku IN (${placeholders(skus.length)}) ORDER BY r.id`,
      [at, ...skus],
    );
    return rows.map((r) => r.id);
  }

  // --- ledger and adjustments ---

  /** Counted stock of many (sku, location) at once, with their ledger entries and StockChanged (stockCounts.ts). */
  setStockCounts(counts: readonly StockCount[], movement: CountMovement): Promise<void> {
    return setStockCounts(this.q, counts, movement);
  }

  async addMovement(m: MovementRow): Promise<void> {
    await this.q.run(
      `INSERT INTO stock_movements (id, sku, location, delta_on_hand, delta_reserved, kind, reason, actor, ref, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.id, m.sku, m.location, m.delta_on_hand, m.delta_reserved, m.kind, m.reason, m.actor, m.ref, m.at],
    );
    // every stock change is a movement: StockChanged, one per SKU while the relay has not sent it, naming the locations
    await recordChange<{ sku: string; locations: string[] }>(this.q, {
      type: 'StockChanged',
      aggregateId: m.sku,
      at: m.at,
      data: { sku: m.sku, locations: [m.location] },
      merge: mergeStockChanged,
    });
  }

  async movements(sku: string, location: string): Promise<MovementRow[]> {
    const rows = await this.q.all<MovementRow>(
      `SELECT id, sku, location, delta_on_hand, delta_reserved, kind, reason, actor, ref, at FROM stock_movements
       WHERE sku = ? AND location = ? ORDER BY at, id`,
      [sku, location],
    );
    return rows.map((r) => ({ ...r, delta_on_hand: num(r.delta_on_hand), delta_reserved: num(r.delta_reserved) }));
  }

  /** Ledger entries of one (sku, location) at or before `at`, newest first. */
  async movementsUpTo(sku: string, location: string, at: string, limit: number): Promise<MovementRow[]> {
    const rows = await this.q.all<MovementRow>(
      `SELECT id, sku, location, delta_on_hand, delta_reserved, kind, reason, actor, ref, at FROM stock_movements
       WHERE sku = ? AND location = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?`,
      [sku, location, at, limit],
    );
    return rows.map((r) => ({ ...r, delta_on_hand: num(r.delta_on_hand), delta_reserved: num(r.delta_reserved) }));
  }

  /** On hand and reserved of one (sku, location) at `at`, as the ledger sums them, and how many entries. */
  async ledgerAt(sku: string, location: string, at: string): Promise<{ on_hand: number; reserved: number; count: number }> {
    const r = await this.q.get<Record<string, unknown>>(
      `SELECT COALESCE(SUM(delta_on_hand), 0) AS on_hand, COALESCE(SUM(delta_reserved), 0) AS reserved, COUNT(*) AS count
       FROM stock_movements WHERE sku = ? AND location = ? AND at <= ?`,
      [sku, location, at],
    );
    return { on_hand: num(r?.on_hand), reserved: num(r?.reserved), count: num(r?.count) };
  }

  /** Sums of the ledger per (sku, location): must equal the stock rows. */
  async ledgerTotals(): Promise<{ sku: string; location: string; on_hand: number; reserved: number }[]> {
    const rows = await this.q.all<Record<string, unknown>>(
      `SELECT sku, location, SUM(delta_on_hand) AS on_hand, SUM(delta_reserved) AS reserved
       FROM stock_movements GROUP BY sku, location ORDER BY sku, location`,
    );
    return rows.map((r) => ({ sku: String(r.sku), location: String(r.location), on_hand: num(r.on_hand), reserved: num(r.reserved) }));
  }

  async insertAdjustment(a: AdjustmentRow): Promise<void> {
    await this.q.run('INSERT INTO adjustments (id, sku, location, delta, reason, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      a.id,
      a.sku,
      a.location,
      a.delta,
      a.reason,
      a.note,
      a.actor,
      a.at,
    ]);
  }

  async adjustments(sku: string, location: string): Promise<AdjustmentRow[]> {
    const rows = await this.q.all<AdjustmentRow>(
      'SELECT id, sku, location, delta, reason, note, actor, at FROM adjustments WHERE sku = ? AND location = ? ORDER BY at, id',
      [sku, location],
    );
    return rows.map((r) => ({ ...r, delta: num(r.delta) }));
  }

  // --- seed ---

  async isEmpty(): Promise<boolean> {
    const row = await this.q.get<{ n: number }>('SELECT COUNT(*) AS n FROM locations');
    return num(row?.n) === 0;
  }

  async insertLocation(l: LocationRow): Promise<void> {
    await this.upsertLocation(l);
  }

  /** Creates a location or replaces its fields (its stock stays). */
  async upsertLocation(l: LocationRow): Promise<void> {
    await this.q.run(
      `INSERT INTO locations (${LOCATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, markets = excluded.markets, kind = excluded.kind,
         address = excluded.address, channels = excluded.channels, updated_at = excluded.updated_at`,
      [l.id, l.name, l.type, l.markets, l.kind ?? l.type, l.address ?? null, l.channels ?? '[]', l.updated_at ?? null],
    );
  }
}
