import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../../common/clock.ts';
import { buildInventory, type InventoryFixture } from '../../test/fixtures.ts';
import { createInventoryLoaders, StockService } from './stockService.ts';

let fx: InventoryFixture;
afterEach(async () => {
  await fx.close();
});

describe('availability', () => {
  it('sums the warehouses that serve the market, never stores', async () => {
    fx = await buildInventory();
    const stock = fx.stock();
    expect(await stock.availability('SKU-A', 'DE')).toEqual({ inStock: true, quantityAvailable: 8 }); // wh-a 5 + wh-b 3
    expect(await stock.availability('SKU-A', 'FR')).toEqual({ inStock: true, quantityAvailable: 5 });
    expect(await stock.availability('SKU-A', 'US')).toEqual({ inStock: true, quantityAvailable: 7 });
    expect(await stock.availability('SKU-B', 'US')).toEqual({ inStock: false, quantityAvailable: 0 });
    expect(await stock.availability('SKU-C', 'DE')).toEqual({ inStock: false, quantityAvailable: 0 });
  });

  it('is zero for an unknown SKU or market', async () => {
    fx = await buildInventory();
    const stock = fx.stock();
    expect(await stock.availability('NOPE', 'DE')).toEqual({ inStock: false, quantityAvailable: 0 });
    expect(await stock.availability('SKU-A', 'XX')).toEqual({ inStock: false, quantityAvailable: 0 });
  });

  it('subtracts reservations and never counts a location below zero', async () => {
    fx = await buildInventory();
    await fx.reservations.reserve({ reservationId: 'r1', market: 'DE', lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 5 }] }, 'test');
    // wh-a (5) was drawn on first; a stocktake then finds only 2 there: 2 on hand, 5 reserved → 0, not −3
    await fx.adjustments.recordStocktake('wh-a', [{ sku: 'SKU-A', counted: 2 }], 'test');
    const stock = fx.stock();
    expect(await stock.availability('SKU-A', 'DE')).toEqual({ inStock: true, quantityAvailable: 3 });
    expect(await stock.stockLevel('SKU-A', 'wh-a')).toEqual({ sku: 'SKU-A', location: 'wh-a', onHand: 2, reserved: 5, available: 0 });
  });

  it('no longer counts holds that lapsed (also in a preview of a later instant)', async () => {
    fx = await buildInventory();
    await fx.reservations.reserve({ reservationId: 'r1', market: 'DE', lines: [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }], ttlSeconds: 60 }, 'test');
    expect(await fx.stock().availability('SKU-B', 'DE')).toEqual({ inStock: false, quantityAvailable: 0 });
    const later = fixedClock(new Date(fx.clock.now().getTime() + 61_000));
    expect(await fx.stock(later).availability('SKU-B', 'DE')).toEqual({ inStock: true, quantityAvailable: 1 });
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 1 }); // nothing written by the read
  });

  it('answers a cart line at its store, or over the market when it has none', async () => {
    fx = await buildInventory();
    const stock = fx.stock();
    expect(await stock.lineAvailability('SKU-A', 'DE', 'store-1')).toEqual({ inStock: true, quantityAvailable: 2 });
    expect(await stock.lineAvailability('SKU-A', 'DE', null)).toEqual({ inStock: true, quantityAvailable: 8 });
    expect(await stock.lineAvailability('SKU-A', 'DE', 'nowhere')).toBeNull();
  });
});

describe('stockLevel', () => {
  it('is the row, zeros without one, null for an unknown location', async () => {
    fx = await buildInventory();
    const stock = fx.stock();
    expect(await stock.stockLevel('SKU-A', 'store-1')).toEqual({ sku: 'SKU-A', location: 'store-1', onHand: 2, reserved: 0, available: 2 });
    expect(await stock.stockLevel('SKU-B', 'store-1')).toEqual({ sku: 'SKU-B', location: 'store-1', onHand: 0, reserved: 0, available: 0 });
    expect(await stock.stockLevel('SKU-A', 'nowhere')).toBeNull();
  });
});

describe('loaders', () => {
  it('load the stock of many SKUs in one query per request', async () => {
    fx = await buildInventory();
    const spy = vi.spyOn(fx.repo, 'stockForSkus');
    const stock = new StockService(createInventoryLoaders(fx.repo, fx.clock));
    await Promise.all([stock.availability('SKU-A', 'DE'), stock.availability('SKU-B', 'DE'), stock.stockLevel('SKU-A', 'store-1'), stock.availability('NOPE', 'US')]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect([...spy.mock.calls[0][0]].sort()).toEqual(['NOPE', 'SKU-A', 'SKU-B']);
  });
});
