import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import type { InventoryRepository } from '../data/inventoryRepository.ts';
import { sortableId } from '../data/ids.ts';
import { assertWritable } from './errors.ts';
import type { ReservationService } from './reservationService.ts';

export interface RestockLine {
  sku: string;
  quantity: number;
}

const MAX_ID_LENGTH = 200;

/**
 * Stock that comes back after the sale, once per restock id (the orders service retries): the units
 * of a cancelled order go back where they were taken from; returned units go to the location the
 * store or warehouse chose. Every change is in the ledger (kind ADJUST, reason CANCELLED_ORDER or
 * RETURN, ref = the order or the return).
 */
export class Restocks {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
    private readonly reservations: ReservationService,
    private readonly onStockChanged: (sku: string) => void = () => undefined,
  ) {}

  /**
   * A cancelled order's reservation: committed first if its commit has not arrived yet (so the
   * pending commit of the order cannot take the stock again later), then every unit goes back on
   * hand at its location. An unknown or released reservation has nothing to give back.
   */
  async restockReservation(reservationId: string, actor: string): Promise<{ recorded: boolean }> {
    assertWritable(this.clock);
    const row = await this.repo.reservation(reservationId);
    if (!row || row.status === 'RELEASED') return { recorded: false };
    if (row.status !== 'COMMITTED') await this.reservations.commit(reservationId, actor);
    const at = this.clock.now().toISOString();
    const changed = new Set<string>();
    const recorded = await this.repo.transaction(async (tx) => {
      if (!(await tx.insertRestock(`reservation:${reservationId}`, at))) return false;
      for (const l of await tx.reservationLines(reservationId)) {
        await tx.insertStock(l.sku, l.location, 0);
        await tx.addOnHand(l.sku, l.location, l.quantity);
        await tx.addMovement({ id: sortableId(), sku: l.sku, location: l.location, delta_on_hand: l.quantity, delta_reserved: 0, kind: 'ADJUST', reason: 'CANCELLED_ORDER', actor, ref: reservationId, at });
        changed.add(l.sku);
      }
      return true;
    });
    for (const sku of changed) this.onStockChanged(sku);
    return { recorded };
  }

  /** Returned units back on hand at a location. Idempotent per restock id. */
  async restock(restockId: string, location: string, lines: readonly RestockLine[], actor: string): Promise<{ recorded: boolean }> {
    assertWritable(this.clock);
    const errors: UserError[] = [];
    if (!restockId || restockId.length > MAX_ID_LENGTH) errors.push(userError('INVALID_RESTOCK_ID', `A restock id has 1 to ${MAX_ID_LENGTH} characters.`, 'restockId'));
    if (!(await this.repo.location(location))) errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${location}.`, 'location'));
    if (lines.length === 0) errors.push(userError('NO_LINES', 'A restock needs at least one line.', 'lines'));
    lines.forEach((l, i) => {
      if (!Number.isInteger(l.quantity) || l.quantity <= 0) errors.push(userError('INVALID_QUANTITY', 'Quantity must be at least 1.', `lines[${i}].quantity`));
    });
    if (errors.length) throw new UserErrorException(errors);
    const at = this.clock.now().toISOString();
    const recorded = await this.repo.transaction(async (tx) => {
      if (!(await tx.insertRestock(restockId, at))) return false;
      for (const l of lines) {
        await tx.insertStock(l.sku, location, 0);
        await tx.addOnHand(l.sku, location, l.quantity);
        await tx.addMovement({ id: sortableId(), sku: l.sku, location, delta_on_hand: l.quantity, delta_reserved: 0, kind: 'ADJUST', reason: 'RETURN', actor, ref: restockId, at });
      }
      return true;
    });
    for (const l of lines) this.onStockChanged(l.sku);
    return { recorded };
  }
}
