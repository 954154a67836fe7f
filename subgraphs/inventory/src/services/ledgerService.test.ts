import { afterEach, describe, expect, it } from 'vitest';
import { testMarketSource } from '../../../../test/support/markets.ts';
import { startInventory, type RunningInventory } from '../../server.ts';
import { callSubgraph, identities, quietLog, testConfig } from '../../../../test/support/subgraph.ts';
import { buildInventory, type InventoryFixture } from '../../test/fixtures.ts';
import { LedgerService } from './ledgerService.ts';

let fx: InventoryFixture;
afterEach(async () => {
  await fx?.close();
});

describe('stock history from the ledger', () => {
  it('explains the stock at any instant: levels after each entry, newest first', async () => {
    fx = await buildInventory();
    const t0 = fx.clock.now().toISOString();
    fx.clock.advance(60_000);
    await fx.reservations.reserve({ reservationId: 'order-1', market: 'DE', lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }], location: 'wh-a' }, 'service:orders');
    fx.clock.advance(60_000);
    const afterReserve = fx.clock.now().toISOString();
    fx.clock.advance(60_000);
    await fx.reservations.commit('order-1', 'service:orders');
    fx.clock.advance(60_000);
    await fx.adjustments.adjustStock({ sku: 'SKU-A', location: 'wh-a', delta: -1, reason: 'DAMAGE', note: 'dropped' }, 'k-ops');
    const ledger = new LedgerService(fx.repo, fx.clock);

    const now = await ledger.history('SKU-A', 'wh-a', null, 50);
    expect(now).toMatchObject({ onHand: 2, reserved: 0, totalCount: 4 });
    expect(now!.onHand).toBe((await fx.level('SKU-A', 'wh-a')).onHand);
    expect(now!.movements.map((m) => [m.kind, m.reason, m.deltaOnHand, m.deltaReserved, m.onHandAfter, m.reservedAfter, m.ref ?? null, m.actor])).toEqual([
      ['ADJUST', 'DAMAGE', -1, 0, 2, 0, expect.any(String), 'k-ops'],
      ['COMMIT', null, -2, -2, 3, 0, 'order-1', 'service:orders'],
      ['RESERVE', null, 0, 2, 5, 2, 'order-1', 'service:orders'],
      ['ADJUST', 'INITIAL', 5, 0, 5, 0, null, expect.any(String)],
    ]);
    // as it was between the reservation and the commit
    expect(await ledger.history('SKU-A', 'wh-a', afterReserve, 50)).toMatchObject({ at: afterReserve, onHand: 5, reserved: 2, totalCount: 2 });
    expect(await ledger.history('SKU-A', 'wh-a', t0, 1)).toMatchObject({ onHand: 5, reserved: 0, movements: [{ kind: 'ADJUST', reason: 'INITIAL' }] });
    expect((await ledger.history('SKU-A', 'wh-a', null, 1))!.movements).toHaveLength(1);
    expect(await ledger.history('SKU-NOPE', 'wh-a', null, 5)).toBeNull();
    expect(await ledger.history('SKU-A', 'nowhere', null, 5)).toBeNull();
    await expect(ledger.history('SKU-A', 'wh-a', null, 0)).rejects.toThrow(/last must be/);
  });
});

describe('stockHistory query', () => {
  let svc: RunningInventory;
  afterEach(async () => {
    await svc?.stop();
    await svc?.db.close();
  });

  it('operations scope only', async () => {
    svc = await startInventory({ config: testConfig('inventory'), markets: testMarketSource(), log: quietLog });
    const q = '{ stockHistory(sku: "SKU-1058", location: "wh-eu", last: 5) { onHand reserved totalCount movements { kind reason deltaOnHand onHandAfter } } }';
    const ok = await callSubgraph(svc.url, q, {}, identities.operations);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.stockHistory).toEqual({ onHand: 1, reserved: 0, totalCount: 1, movements: [{ kind: 'ADJUST', reason: 'INITIAL', deltaOnHand: 1, onHandAfter: 1 }] });
    for (const who of [identities.web, identities.pos, identities.marketing]) {
      expect((await callSubgraph(svc.url, q, {}, who)).errors?.[0].extensions?.code, who.keyId).toBe('FORBIDDEN');
    }
  });
});
