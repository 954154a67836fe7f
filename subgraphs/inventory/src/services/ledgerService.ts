import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError } from '../../../../common/errors.ts';
import type { InventoryRepository, MovementRow } from '../data/inventoryRepository.ts';

export const MAX_HISTORY = 500;

export interface StockMovementRecord {
  id: string;
  sku: string;
  location: string;
  kind: string;
  deltaOnHand: number;
  deltaReserved: number;
  reason: string | null;
  actor: string;
  ref: string | null;
  at: string;
  onHandAfter: number;
  reservedAfter: number;
}

export interface StockHistoryRecord {
  sku: string;
  location: string;
  at: string;
  onHand: number;
  reserved: number;
  totalCount: number;
  movements: StockMovementRecord[];
}

/**
 * The stock ledger read back: every change of on hand or reserved is an entry (reservations,
 * commits, releases, expiries, adjustments, stocktakes, offline sales, the opening stock), so the
 * stock of a SKU at a location at any instant is the sum of the entries up to that instant, and the
 * entries say why it is what it is.
 */
export class LedgerService {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  /** Stock at `at` (default now) with the latest `last` entries up to then, newest first, each with the level right after it. */
  async history(sku: string, location: string, at: string | null, last: number): Promise<StockHistoryRecord | null> {
    if (!Number.isInteger(last) || last < 1 || last > MAX_HISTORY) {
      throw new UserErrorException(userError('INVALID_LIMIT', `last must be between 1 and ${MAX_HISTORY}.`, 'last'));
    }
    const instant = at ?? this.clock.now().toISOString();
    if (!(await this.repo.location(location))) return null;
    const level = await this.repo.ledgerAt(sku, location, instant);
    if (level.count === 0 && !(await this.repo.stockRow(sku, location))) return null;
    let onHand = level.on_hand;
    let reserved = level.reserved;
    const movements = (await this.repo.movementsUpTo(sku, location, instant, last)).map((m: MovementRow) => {
      const record = {
        id: m.id, sku: m.sku, location: m.location, kind: m.kind, deltaOnHand: m.delta_on_hand, deltaReserved: m.delta_reserved,
        reason: m.reason, actor: m.actor, ref: m.ref, at: m.at, onHandAfter: onHand, reservedAfter: reserved,
      };
      onHand -= m.delta_on_hand;
      reserved -= m.delta_reserved;
      return record;
    });
    return { sku, location, at: instant, onHand: level.on_hand, reserved: level.reserved, totalCount: level.count, movements };
  }
}
