import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import type { InventoryRepository, MovementKind, ReservationLineRow, ReservationRow, ReservationStatus } from '../data/inventoryRepository.ts';
import { demandBySku, mostAvailableFirst, splitAcrossLines, type AllocationCandidate, type StockAllocator, type Take } from './allocation.ts';
import { assertWritable, StockInvariantError } from './errors.ts';
import { servesMarket, toLocation } from './stockService.ts';
import { sortableId } from '../data/ids.ts';

export const DEFAULT_RESERVATION_TTL_SECONDS = 900;
export const MAX_RESERVATION_TTL_SECONDS = 7 * 24 * 3600;
const MAX_ID_LENGTH = 200;
const SWEEP_BATCH = 100;
const EXPIRY_ACTOR = 'system:expiry';

export interface ReservationServiceOptions {
  /** TTL when the caller gives none (default 900 s) */
  ttlSeconds?: number;
  allocator?: StockAllocator;
  /** called after a committed write changed the stock of a SKU (clears the request's loaders) */
  onStockChanged?: (sku: string) => void;
}

export interface ReserveLine {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface ReserveInput {
  reservationId: string;
  market: string;
  /** take from this location only; otherwise from the market's warehouses */
  location?: string | null;
  lines: ReserveLine[];
  ttlSeconds?: number | null;
}

export interface ReservationLineRecord {
  lineId: string;
  sku: string;
  location: string;
  quantity: number;
}

export interface ReservationRecord {
  id: string;
  status: ReservationStatus;
  market: string;
  location: string | null;
  expiresAt: string;
  lines: ReservationLineRecord[];
}

const stockKey = (sku: string, location: string) => `${sku}\u0000${location}`;

/** Quantities per (sku, location) of a reservation's lines (a line split over warehouses has several rows). */
function perStock(lines: readonly ReservationLineRow[]): { sku: string; location: string; quantity: number }[] {
  const map = new Map<string, { sku: string; location: string; quantity: number }>();
  for (const l of lines) {
    const k = stockKey(l.sku, l.location);
    const e = map.get(k) ?? { sku: l.sku, location: l.location, quantity: 0 };
    e.quantity += l.quantity;
    map.set(k, e);
  }
  return [...map.values()];
}

/**
 * Reservations: all-or-nothing holds with a TTL, committed when the order is written, released when
 * the saga compensates, expired by the sweeper. Every stock change is an atomic conditional update
 * inside one transaction with its ledger entries; status changes are conditional updates too, so
 * two callers (or two replicas) can never apply the same transition twice.
 */
export class ReservationService {
  private readonly ttlSeconds: number;
  private readonly allocator: StockAllocator;

  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
    private readonly options: ReservationServiceOptions = {},
  ) {
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_RESERVATION_TTL_SECONDS;
    this.allocator = options.allocator ?? mostAvailableFirst;
  }

  async get(id: string): Promise<ReservationRecord | null> {
    const row = await this.repo.reservation(id);
    return row ? this.record(this.repo, row) : null;
  }

  /** Reserves every line or nothing. Idempotent per reservation id: a known id returns the stored reservation unchanged. */
  async reserve(input: ReserveInput, actor: string): Promise<ReservationRecord> {
    assertWritable(this.clock);
    this.validate(input);
    const existing = await this.repo.reservation(input.reservationId);
    if (existing) return this.record(this.repo, existing);

    let sources: string[];
    if (input.location) {
      const location = await this.repo.location(input.location);
      if (!location) throw new UserErrorException(userError('LOCATION_NOT_FOUND', `Unknown location ${input.location}.`, 'location'));
      sources = [location.id];
    } else {
      sources = (await this.repo.locations()).map(toLocation).filter((l) => servesMarket(l, input.market)).map((l) => l.id);
    }

    const now = this.clock.now();
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? this.ttlSeconds) * 1000).toISOString();
    const demand = demandBySku(input.lines);
    const changed = new Set<string>();

    const result = await this.repo.transaction(async (tx) => {
      const inserted = await tx.insertReservation({
        id: input.reservationId,
        status: 'HELD',
        market: input.market,
        location: input.location ?? null,
        expires_at: expiresAt,
        created_at: at,
        updated_at: at,
        actor,
      });
      if (!inserted) {
        // a concurrent call with the same id got there first
        const row = await tx.reservation(input.reservationId);
        return this.record(tx, row!);
      }
      // Holds that lapsed but were not swept yet must not block this sale: expire them here first.
      for (const id of await tx.lapsedHeldForSkus(demand.map((d) => d.sku), at)) await this.expireWithin(tx, id, at);

      const shortages: UserError[] = [];
      for (const d of demand) {
        const takes = await this.take(tx, d.sku, d.quantity, sources);
        const taken = takes.reduce((n, t) => n + t.quantity, 0);
        if (taken < d.quantity) {
          for (const line of d.lines) {
            shortages.push(
              userError('OUT_OF_STOCK', `Only ${taken} of ${d.sku} available, ${d.quantity} requested.`, line.lineId),
            );
          }
          continue;
        }
        for (const part of splitAcrossLines(d.lines, takes)) {
          await tx.insertReservationLine({
            reservation_id: input.reservationId,
            line_id: part.lineId,
            position: part.position,
            sku: part.sku,
            location: part.location,
            quantity: part.quantity,
          });
        }
        for (const t of takes) await this.ledger(tx, 'RESERVE', d.sku, t.location, 0, t.quantity, null, actor, input.reservationId, at);
        changed.add(d.sku);
      }
      // any shortage rolls back every hold made above: nothing is reserved
      if (shortages.length > 0) throw new UserErrorException(shortages);
      return this.record(tx, (await tx.reservation(input.reservationId))!);
    });
    this.notify(changed);
    return result;
  }

  /**
   * HELD → COMMITTED: the reserved quantity leaves on hand. Committing again returns it unchanged.
   *
   * EXPIRED → COMMITTED ("late commit"): the order was written before the hold lapsed, but its commit
   * arrives after the expiry (the orders service crashed or inventory was down in between). The sale
   * happened and is paid, so the stock leaves on hand anyway: from what is available when it can
   * (ledger reason AFTER_EXPIRY), else even below what others hold (AFTER_EXPIRY_SHORT, to recount).
   * A RELEASED reservation was given up by the saga and cannot be committed.
   */
  async commit(id: string, actor: string): Promise<ReservationRecord> {
    assertWritable(this.clock);
    const at = this.clock.now().toISOString();
    const changed = new Set<string>();
    const result = await this.repo.transaction(async (tx) => {
      if (await tx.transition(id, 'HELD', 'COMMITTED', at)) {
        for (const s of perStock(await tx.reservationLines(id))) {
          if (!(await tx.commit(s.sku, s.location, s.quantity))) {
            throw new StockInvariantError(`reservation ${id}: ${s.quantity} of ${s.sku} at ${s.location} is not reserved`);
          }
          await this.ledger(tx, 'COMMIT', s.sku, s.location, -s.quantity, -s.quantity, null, actor, id, at);
          changed.add(s.sku);
        }
        return this.record(tx, (await tx.reservation(id))!);
      }
      if (await tx.transition(id, 'EXPIRED', 'COMMITTED', at)) {
        for (const s of perStock(await tx.reservationLines(id))) {
          // take it from what is free (reserve then commit: both conditional), else below it
          const fromFree = (await tx.reserve(s.sku, s.location, s.quantity)) && (await tx.commit(s.sku, s.location, s.quantity));
          if (!fromFree) await tx.subtractOnHand(s.sku, s.location, s.quantity);
          await this.ledger(tx, 'COMMIT', s.sku, s.location, -s.quantity, 0, fromFree ? 'AFTER_EXPIRY' : 'AFTER_EXPIRY_SHORT', actor, id, at);
          changed.add(s.sku);
        }
        return this.record(tx, (await tx.reservation(id))!);
      }
      const row = await tx.reservation(id);
      if (!row) throw new UserErrorException(userError('RESERVATION_NOT_FOUND', `No reservation ${id}.`, 'reservationId'));
      if (row.status === 'COMMITTED') return this.record(tx, row);
      throw new UserErrorException(
        userError('RESERVATION_NOT_HELD', `Reservation ${id} is ${row.status} and can no longer be committed.`, 'reservationId'),
      );
    });
    this.notify(changed);
    return result;
  }

  /**
   * HELD → RELEASED: the reserved quantity becomes available again. Releasing a RELEASED or EXPIRED
   * reservation returns it unchanged (nothing left to release); a COMMITTED one is a user error.
   *
   * Unknown id: not an error. The orders saga releases to compensate, possibly for a reserve call
   * that timed out before it reached us, or that is still on its way. We record a tombstone
   * (RELEASED, no lines) so that such a late reserve with the same id returns the released
   * reservation instead of holding stock nobody will commit. The tombstone is returned.
   */
  async release(id: string, actor: string): Promise<ReservationRecord> {
    assertWritable(this.clock);
    const at = this.clock.now().toISOString();
    const changed = new Set<string>();
    const result = await this.repo.transaction(async (tx) => {
      if (await this.releaseHeld(tx, id, actor, at, changed)) return this.record(tx, (await tx.reservation(id))!);
      let row = await tx.reservation(id);
      if (!row) {
        const tombstone = { id, status: 'RELEASED' as const, market: '', location: null, expires_at: at, created_at: at, updated_at: at, actor };
        // losing this insert means a reserve with the same id committed meanwhile (PostgreSQL): release that one
        if (!(await tx.insertReservation(tombstone))) await this.releaseHeld(tx, id, actor, at, changed);
        row = (await tx.reservation(id))!;
      }
      if (row.status === 'COMMITTED') {
        throw new UserErrorException(userError('RESERVATION_COMMITTED', `Reservation ${id} is already committed (sold).`, 'reservationId'));
      }
      return this.record(tx, row);
    });
    this.notify(changed);
    return result;
  }

  /**
   * Expires every HELD reservation whose expiry is before now, each in its own transaction with a
   * conditional status update (safe with several replicas sweeping). Returns how many it expired.
   */
  async sweepExpired(): Promise<number> {
    assertWritable(this.clock);
    const at = this.clock.now().toISOString();
    let expired = 0;
    for (let round = 0; round < 1000; round++) {
      const ids = await this.repo.lapsedHeld(at, SWEEP_BATCH);
      for (const id of ids) {
        if (await this.repo.transaction((tx) => this.expireWithin(tx, id, at))) expired++;
      }
      if (ids.length < SWEEP_BATCH) break;
    }
    return expired;
  }

  // --- internals ---

  private validate(input: ReserveInput): void {
    const errors: UserError[] = [];
    if (!input.reservationId || input.reservationId.length > MAX_ID_LENGTH) {
      errors.push(userError('INVALID_RESERVATION_ID', `A reservation id has 1 to ${MAX_ID_LENGTH} characters.`, 'reservationId'));
    }
    if (input.lines.length === 0) errors.push(userError('NO_LINES', 'A reservation needs at least one line.', 'lines'));
    if (input.ttlSeconds !== undefined && input.ttlSeconds !== null && (input.ttlSeconds <= 0 || input.ttlSeconds > MAX_RESERVATION_TTL_SECONDS)) {
      errors.push(userError('INVALID_TTL', `ttlSeconds must be between 1 and ${MAX_RESERVATION_TTL_SECONDS}.`, 'ttlSeconds'));
    }
    const seen = new Set<string>();
    for (const line of input.lines) {
      if (line.quantity <= 0) {
        errors.push(userError('INVALID_QUANTITY', `Line ${line.lineId}: quantity must be at least 1, got ${line.quantity}.`, line.lineId));
      }
      if (seen.has(line.lineId)) errors.push(userError('DUPLICATE_LINE', `Line ${line.lineId} appears twice.`, line.lineId));
      seen.add(line.lineId);
    }
    if (errors.length > 0) throw new UserErrorException(errors);
  }

  /**
   * Takes up to `quantity` of one SKU from the sources in the allocator's order. Each step is an
   * atomic conditional update; what was read before only plans the step. When a step loses a race
   * (another transaction took stock in between, on PostgreSQL), it re-reads and tries the rest.
   */
  private async take(tx: InventoryRepository, sku: string, quantity: number, sources: readonly string[]): Promise<Take[]> {
    const candidates: AllocationCandidate[] = [];
    for (const location of sources) {
      const row = await tx.stockRow(sku, location);
      if (row) candidates.push({ location, available: Math.max(row.on_hand - row.reserved, 0) });
    }
    const takes: Take[] = [];
    let remaining = quantity;
    for (const c of this.allocator.order(sku, candidates)) {
      let available = c.available;
      for (let attempt = 0; attempt < 5 && remaining > 0 && available > 0; attempt++) {
        const q = Math.min(remaining, available);
        if (await tx.reserve(sku, c.location, q)) {
          takes.push({ location: c.location, quantity: q });
          remaining -= q;
          break;
        }
        const fresh = await tx.stockRow(sku, c.location);
        available = fresh ? Math.max(fresh.on_hand - fresh.reserved, 0) : 0;
      }
      if (remaining === 0) break;
    }
    return takes;
  }

  /** HELD → RELEASED inside the caller's transaction; false when it was not HELD. */
  private async releaseHeld(tx: InventoryRepository, id: string, actor: string, at: string, changed: Set<string>): Promise<boolean> {
    if (!(await tx.transition(id, 'HELD', 'RELEASED', at))) return false;
    for (const s of perStock(await tx.reservationLines(id))) {
      await this.giveBack(tx, id, s, 'RELEASE', null, actor, at);
      changed.add(s.sku);
    }
    return true;
  }

  /** HELD → EXPIRED inside the caller's transaction, only if still held and past its expiry. */
  private async expireWithin(tx: InventoryRepository, id: string, at: string): Promise<boolean> {
    if (!(await tx.transition(id, 'HELD', 'EXPIRED', at, at))) return false;
    for (const s of perStock(await tx.reservationLines(id))) {
      await this.giveBack(tx, id, s, 'EXPIRE', 'TTL', EXPIRY_ACTOR, at);
      this.options.onStockChanged?.(s.sku);
    }
    return true;
  }

  private async giveBack(
    tx: InventoryRepository,
    id: string,
    s: { sku: string; location: string; quantity: number },
    kind: MovementKind,
    reason: string | null,
    actor: string,
    at: string,
  ): Promise<void> {
    if (!(await tx.unreserve(s.sku, s.location, s.quantity))) {
      throw new StockInvariantError(`reservation ${id}: ${s.quantity} of ${s.sku} at ${s.location} is not reserved`);
    }
    await this.ledger(tx, kind, s.sku, s.location, 0, -s.quantity, reason, actor, id, at);
  }

  private ledger(
    tx: InventoryRepository,
    kind: MovementKind,
    sku: string,
    location: string,
    deltaOnHand: number,
    deltaReserved: number,
    reason: string | null,
    actor: string,
    ref: string,
    at: string,
  ): Promise<void> {
    return tx.addMovement({ id: sortableId(), sku, location, delta_on_hand: deltaOnHand, delta_reserved: deltaReserved, kind, reason, actor, ref, at });
  }

  private async record(q: InventoryRepository, row: ReservationRow): Promise<ReservationRecord> {
    const lines = await q.reservationLines(row.id);
    return {
      id: row.id,
      status: row.status,
      market: row.market,
      location: row.location,
      expiresAt: row.expires_at,
      lines: lines.map((l) => ({ lineId: l.line_id, sku: l.sku, location: l.location, quantity: l.quantity })),
    };
  }

  private notify(skus: Iterable<string>): void {
    for (const sku of skus) this.options.onStockChanged?.(sku);
  }
}
