import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import type { AdjustmentRow, InventoryRepository } from '../data/inventoryRepository.ts';
import { assertWritable } from './errors.ts';
import { stockLevelOf, type StockLevelRecord } from './stockService.ts';
import { sortableId } from '../data/ids.ts';

export type AdjustmentReason = 'STOCKTAKE' | 'DAMAGE' | 'THEFT' | 'RETURN' | 'CORRECTION' | 'RECEIVED';

export interface AdjustmentRecord {
  id: string;
  sku: string;
  location: string;
  delta: number;
  reason: AdjustmentReason;
  note: string | null;
  actor: string;
  at: string;
}

export interface StockCount {
  sku: string;
  counted: number;
}

export interface AdjustStockInput {
  sku: string;
  location: string;
  delta: number;
  reason: AdjustmentReason;
  note?: string | null;
}

export interface AdjustmentServiceOptions {
  onStockChanged?: (sku: string) => void;
}

const MAX_NOTE = 1000;
const MAX_COUNTS = 5000;
const CAS_ATTEMPTS = 5;

function toRecord(a: AdjustmentRow): AdjustmentRecord {
  return { ...a, reason: a.reason as AdjustmentReason };
}

/** Stocktakes and manual adjustments. Every change is an adjustment plus a ledger entry, in one transaction. */
export class AdjustmentService {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
    private readonly options: AdjustmentServiceOptions = {},
  ) {}

  /**
   * Records counted stock at a location. All input is validated first; on any error nothing changes.
   * Each count that differs from on hand becomes a STOCKTAKE adjustment (delta = counted − on hand)
   * and sets on hand. Returns only the adjustments made (an unchanged count makes none).
   */
  async recordStocktake(location: string, counts: readonly StockCount[], actor: string): Promise<AdjustmentRecord[]> {
    assertWritable(this.clock);
    const errors: UserError[] = [];
    if (!(await this.repo.location(location))) errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${location}.`, 'location'));
    if (counts.length > MAX_COUNTS) errors.push(userError('TOO_MANY_COUNTS', `At most ${MAX_COUNTS} counts per stocktake.`, 'counts'));
    const seen = new Set<string>();
    counts.forEach((c, i) => {
      if (!c.sku) errors.push(userError('INVALID_SKU', 'A SKU is required.', `counts[${i}].sku`));
      else if (seen.has(c.sku)) errors.push(userError('DUPLICATE_SKU', `${c.sku} is counted twice.`, `counts[${i}].sku`));
      seen.add(c.sku);
      if (c.counted < 0) errors.push(userError('INVALID_QUANTITY', `${c.sku}: a count cannot be negative (${c.counted}).`, `counts[${i}].counted`));
    });
    if (errors.length > 0) throw new UserErrorException(errors);

    const at = this.clock.now().toISOString();
    const made = await this.repo.transaction(async (tx) => {
      const out: AdjustmentRecord[] = [];
      for (const c of counts) {
        const delta = await this.setOnHand(tx, c.sku, location, c.counted);
        if (delta === 0) continue;
        out.push(await this.write(tx, { id: sortableId(), sku: c.sku, location, delta, reason: 'STOCKTAKE', note: null, actor, at }));
      }
      return out;
    });
    for (const a of made) this.options.onStockChanged?.(a.sku);
    return made;
  }

  /** Damage, theft, returns, receipts, corrections. On hand may not go below zero. */
  async adjustStock(input: AdjustStockInput, actor: string): Promise<{ adjustment: AdjustmentRecord; stockLevel: StockLevelRecord }> {
    assertWritable(this.clock);
    const errors: UserError[] = [];
    if (!input.sku) errors.push(userError('INVALID_SKU', 'A SKU is required.', 'sku'));
    if (input.delta === 0) errors.push(userError('INVALID_QUANTITY', 'An adjustment must change the quantity (delta ≠ 0).', 'delta'));
    if (input.reason === 'STOCKTAKE') errors.push(userError('INVALID_REASON', 'Use recordStocktake for counted stock.', 'reason'));
    if (input.note && input.note.length > MAX_NOTE) errors.push(userError('INVALID_NOTE', `A note has at most ${MAX_NOTE} characters.`, 'note'));
    if (!(await this.repo.location(input.location))) {
      errors.push(userError('LOCATION_NOT_FOUND', `Unknown location ${input.location}.`, 'location'));
    }
    if (errors.length > 0) throw new UserErrorException(errors);

    const at = this.clock.now().toISOString();
    const result = await this.repo.transaction(async (tx) => {
      if (input.delta > 0) {
        if (!(await tx.insertStock(input.sku, input.location, input.delta)) && !(await tx.addOnHand(input.sku, input.location, input.delta))) {
          throw new Error(`stock row ${input.sku}@${input.location} neither inserted nor updated`);
        }
      } else if (!(await tx.addOnHand(input.sku, input.location, input.delta))) {
        const onHand = (await tx.stockRow(input.sku, input.location))?.on_hand ?? 0;
        throw new UserErrorException(
          userError('INSUFFICIENT_STOCK', `${input.sku} at ${input.location}: on hand is ${onHand}, cannot remove ${-input.delta}.`, 'delta'),
        );
      }
      const adjustment = await this.write(tx, {
        id: sortableId(),
        sku: input.sku,
        location: input.location,
        delta: input.delta,
        reason: input.reason,
        note: input.note ?? null,
        actor,
        at,
      });
      const row = (await tx.stockForSkus([input.sku], at)).find((r) => r.location === input.location);
      return { adjustment, stockLevel: stockLevelOf(input.sku, input.location, row) };
    });
    this.options.onStockChanged?.(input.sku);
    return result;
  }

  /** Sets on hand to `next` with compare-and-set (or creates the row); returns the change made. */
  private async setOnHand(tx: InventoryRepository, sku: string, location: string, next: number): Promise<number> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const row = await tx.stockRow(sku, location);
      if (!row) {
        if (next === 0) return 0;
        if (await tx.insertStock(sku, location, next)) return next;
        continue;
      }
      if (row.on_hand === next) return 0;
      if (await tx.setOnHandIf(sku, location, row.on_hand, next)) return next - row.on_hand;
    }
    throw new Error(`stock of ${sku} at ${location} kept changing during the stocktake`);
  }

  private async write(tx: InventoryRepository, a: AdjustmentRow): Promise<AdjustmentRecord> {
    await tx.insertAdjustment(a);
    await tx.addMovement({
      id: sortableId(),
      sku: a.sku,
      location: a.location,
      delta_on_hand: a.delta,
      delta_reserved: 0,
      kind: 'ADJUST',
      reason: a.reason,
      actor: a.actor,
      ref: a.id,
      at: a.at,
    });
    return toRecord(a);
  }
}
