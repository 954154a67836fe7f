import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import type { InventoryRepository } from '../data/inventoryRepository.ts';
import { sortableId } from '../data/ids.ts';
import { assertWritable } from './errors.ts';

export interface SaleLine {
  sku: string;
  quantity: number;
}

/**
 * Sales made at a till while it was offline, reported later by the orders service. They already
 * happened, so stock is taken off even when it goes below zero; such rows are listed by
 * `negativeStock` to be recounted at the next stocktake. Idempotent per sale id; every change is
 * in the ledger (kind ADJUST, reason OFFLINE_SALE, ref = sale id).
 */
export class OfflineSales {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  async record(saleId: string, location: string, lines: readonly SaleLine[], actor: string): Promise<{ recorded: boolean; negative: string[] }> {
    assertWritable(this.clock);
    const errors: UserError[] = [];
    if (!(await this.repo.location(location))) errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${location}.`, 'location'));
    lines.forEach((l, i) => {
      if (!Number.isInteger(l.quantity) || l.quantity <= 0) errors.push(userError('INVALID_QUANTITY', 'Quantity must be at least 1.', `lines[${i}].quantity`));
    });
    if (errors.length) throw new UserErrorException(errors);
    const at = this.clock.now().toISOString();
    return this.repo.transaction(async (tx) => {
      if (!(await tx.insertOfflineSale(saleId, location, at))) return { recorded: false, negative: [] };
      const negative: string[] = [];
      for (const line of lines) {
        await tx.insertStock(line.sku, location, 0);
        await tx.subtractOnHand(line.sku, location, line.quantity);
        await tx.addMovement({
          id: sortableId(), sku: line.sku, location, delta_on_hand: -line.quantity, delta_reserved: 0,
          kind: 'ADJUST', reason: 'OFFLINE_SALE', actor, ref: saleId, at,
        });
        const row = await tx.stockRow(line.sku, location);
        if (row && Number(row.on_hand) < 0 && !negative.includes(line.sku)) negative.push(line.sku);
      }
      return { recorded: true, negative };
    });
  }

  async negativeStock(location: string | null) {
    return (await this.repo.negativeStock(location)).map((r) => ({
      sku: r.sku, location: r.location, onHand: Number(r.on_hand), reserved: Number(r.reserved), available: 0,
    }));
  }
}
