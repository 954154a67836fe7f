import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../common/clock.ts';
import { buildInventory, userErrorsOf, type InventoryFixture } from '../../test/fixtures.ts';
import { AdjustmentService } from './adjustmentService.ts';
import { PreviewReadOnlyError } from './errors.ts';

let fx: InventoryFixture;
afterEach(async () => {
  await fx.close();
});

describe('recordStocktake', () => {
  it('creates one STOCKTAKE adjustment per difference and sets on hand', async () => {
    fx = await buildInventory();
    const made = await fx.adjustments.recordStocktake(
      'wh-a',
      [
        { sku: 'SKU-A', counted: 4 }, // 5 → 4
        { sku: 'SKU-B', counted: 1 }, // unchanged
        { sku: 'SKU-NEW', counted: 6 }, // no row yet
      ],
      'k-ops',
    );
    expect(made.map((a) => [a.sku, a.delta, a.reason, a.actor, a.location])).toEqual([
      ['SKU-A', -1, 'STOCKTAKE', 'k-ops', 'wh-a'],
      ['SKU-NEW', 6, 'STOCKTAKE', 'k-ops', 'wh-a'],
    ]);
    expect(made[0].at).toBe('2026-11-01T10:00:00.000Z');
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 4, reserved: 0 });
    expect(await fx.level('SKU-NEW', 'wh-a')).toEqual({ onHand: 6, reserved: 0 });
    expect(await fx.repo.adjustments('SKU-B', 'wh-a')).toEqual([]);
    expect((await fx.repo.movements('SKU-A', 'wh-a')).at(-1)).toMatchObject({ kind: 'ADJUST', reason: 'STOCKTAKE', delta_on_hand: -1, ref: made[0].id, actor: 'k-ops' });
  });

  it('validates everything first and changes nothing on any error', async () => {
    fx = await buildInventory();
    const errors = await userErrorsOf(
      fx.adjustments.recordStocktake(
        'wh-a',
        [
          { sku: 'SKU-A', counted: 1 },
          { sku: 'SKU-B', counted: -1 },
          { sku: 'SKU-A', counted: 2 },
        ],
        'k-ops',
      ),
    );
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_QUANTITY', 'counts[1].counted'],
      ['DUPLICATE_SKU', 'counts[2].sku'],
    ]);
    expect(await userErrorsOf(fx.adjustments.recordStocktake('nowhere', [{ sku: 'SKU-A', counted: 1 }], 'k-ops'))).toMatchObject([
      { code: 'LOCATION_NOT_FOUND', field: 'location' },
    ]);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 0 });
    expect(await fx.repo.adjustments('SKU-A', 'wh-a')).toEqual([]);
  });
});

describe('adjustStock', () => {
  it('adds and removes stock with an adjustment and a ledger entry', async () => {
    fx = await buildInventory();
    const received = await fx.adjustments.adjustStock({ sku: 'SKU-C', location: 'wh-a', delta: 10, reason: 'RECEIVED', note: 'PO 42' }, 'k-ops');
    expect(received.adjustment).toMatchObject({ sku: 'SKU-C', delta: 10, reason: 'RECEIVED', note: 'PO 42', actor: 'k-ops' });
    expect(received.stockLevel).toEqual({ sku: 'SKU-C', location: 'wh-a', onHand: 10, reserved: 0, available: 10 });
    const fresh = await fx.adjustments.adjustStock({ sku: 'SKU-Z', location: 'store-1', delta: 2, reason: 'RETURN' }, 'k-ops');
    expect(fresh.stockLevel.onHand).toBe(2);
    const damaged = await fx.adjustments.adjustStock({ sku: 'SKU-A', location: 'wh-a', delta: -5, reason: 'DAMAGE' }, 'k-ops');
    expect(damaged.stockLevel).toMatchObject({ onHand: 0, available: 0 });
    const totals = await fx.repo.ledgerTotals();
    expect(totals.find((t) => t.sku === 'SKU-C' && t.location === 'wh-a')).toMatchObject({ on_hand: 10 });
    expect(totals.find((t) => t.sku === 'SKU-A' && t.location === 'wh-a')).toMatchObject({ on_hand: 0 });
  });

  it('refuses to go below zero, a zero delta, STOCKTAKE, an unknown location', async () => {
    fx = await buildInventory();
    expect(await userErrorsOf(fx.adjustments.adjustStock({ sku: 'SKU-B', location: 'wh-a', delta: -2, reason: 'THEFT' }, 'k'))).toMatchObject([
      { code: 'INSUFFICIENT_STOCK', field: 'delta' },
    ]);
    expect(await userErrorsOf(fx.adjustments.adjustStock({ sku: 'SKU-Q', location: 'wh-a', delta: -1, reason: 'THEFT' }, 'k'))).toMatchObject([
      { code: 'INSUFFICIENT_STOCK' },
    ]);
    expect(await userErrorsOf(fx.adjustments.adjustStock({ sku: 'SKU-B', location: 'wh-a', delta: 0, reason: 'CORRECTION' }, 'k'))).toMatchObject([
      { code: 'INVALID_QUANTITY', field: 'delta' },
    ]);
    expect(await userErrorsOf(fx.adjustments.adjustStock({ sku: 'SKU-B', location: 'wh-a', delta: 1, reason: 'STOCKTAKE' }, 'k'))).toMatchObject([
      { code: 'INVALID_REASON', field: 'reason' },
    ]);
    expect(await userErrorsOf(fx.adjustments.adjustStock({ sku: 'SKU-B', location: 'x', delta: 1, reason: 'RECEIVED' }, 'k'))).toMatchObject([
      { code: 'LOCATION_NOT_FOUND', field: 'location' },
    ]);
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    expect(await fx.repo.adjustments('SKU-B', 'wh-a')).toEqual([]);
  });

  it('refuses writes in preview', async () => {
    fx = await buildInventory();
    const preview = new AdjustmentService(fx.repo, fixedClock(new Date('2027-01-01T00:00:00Z'), true));
    await expect(preview.adjustStock({ sku: 'SKU-A', location: 'wh-a', delta: 1, reason: 'RECEIVED' }, 'k')).rejects.toBeInstanceOf(PreviewReadOnlyError);
    await expect(preview.recordStocktake('wh-a', [{ sku: 'SKU-A', counted: 0 }], 'k')).rejects.toBeInstanceOf(PreviewReadOnlyError);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 0 });
  });
});
