import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMarketSource } from '../../test/support/markets.ts';
import { callSubgraph, identities, quietLog, testConfig } from '../../test/support/subgraph.ts';
import { ManualClock } from '../../common/clock.ts';
import { startInventory, type RunningInventory } from './server.ts';

let svc: RunningInventory;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));

beforeAll(async () => {
  svc = await startInventory({ config: testConfig('inventory'), markets: testMarketSource(), clock, log: quietLog, sweepIntervalMs: 3_600_000 });
});
afterAll(async () => {
  await svc.stop();
  await svc.db.close();
});

const LEVEL = `query($r: [_Any!]!, $l: ID!) { _entities(representations: $r) { ... on Product { sku stockLevel(location: $l) { onHand reserved available } } } }`;
async function level(sku: string, location: string) {
  const res = await callSubgraph(svc.url, LEVEL, { r: [{ __typename: 'Product', sku }], l: location });
  return res.data._entities[0].stockLevel as { onHand: number; reserved: number; available: number };
}

const RESERVE = `mutation($id: ID!, $m: String!, $loc: ID, $lines: [ReserveLineInput!]!, $ttl: Int) {
  reserveStock(reservationId: $id, market: $m, location: $loc, lines: $lines, ttlSeconds: $ttl) {
    reservation { id status expiresAt lines { lineId sku location quantity } }
    userErrors { code field message }
  } }`;

describe('inventory subgraph contract', () => {
  it('refuses requests without a signed identity', async () => {
    const res = await callSubgraph(svc.url, '{ locations { id } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves its SDL through _service', async () => {
    const res = await callSubgraph(svc.url, '{ _service { sdl } }');
    expect(res.data._service.sdl).toMatch(/type Product\s+@key\(fields: "sku"\)/);
    expect(res.data._service.sdl).toMatch(/type CartLine\s+@key\(fields: "id"\)/);
    expect(res.data._service.sdl).toContain('@requires(fields: "sku market location")');
  });

  it('resolves Product entities with availability per market and stock per location', async () => {
    const res = await callSubgraph(
      svc.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product {
         sku de: availability(market: "DE") { inStock quantityAvailable } us: availability(market: "US") { inStock quantityAvailable }
         store: stockLevel(location: "store-berlin-1") { sku location onHand reserved available } nowhere: stockLevel(location: "nowhere") { onHand } } } }`,
      { r: [{ __typename: 'Product', sku: 'SKU-1001' }, { __typename: 'Product', sku: 'SKU-1060' }, { __typename: 'Product', sku: 'NOPE' }] },
    );
    expect(res.errors).toBeUndefined();
    const [p, empty, unknown] = res.data._entities;
    expect(p).toEqual({
      sku: 'SKU-1001',
      de: { inStock: true, quantityAvailable: 63 }, // wh-eu only: stores do not count
      us: { inStock: true, quantityAvailable: 47 },
      store: { sku: 'SKU-1001', location: 'store-berlin-1', onHand: 6, reserved: 0, available: 6 },
      nowhere: null,
    });
    expect(empty.de).toEqual({ inStock: false, quantityAvailable: 0 });
    expect(unknown).toMatchObject({ sku: 'NOPE', de: { inStock: false, quantityAvailable: 0 }, store: { onHand: 0, available: 0 } });
  });

  it('resolves CartLine availability from the required fields: store location or market warehouses', async () => {
    const res = await callSubgraph(
      svc.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on CartLine { id availability { inStock quantityAvailable } } } }`,
      {
        r: [
          { __typename: 'CartLine', id: 'l1', sku: 'SKU-1002', market: 'DE', location: null },
          { __typename: 'CartLine', id: 'l2', sku: 'SKU-1002', market: 'DE', location: 'store-berlin-1' },
          { __typename: 'CartLine', id: 'l3', sku: 'SKU-1060', market: 'US' },
        ],
      },
    );
    expect(res.data._entities).toEqual([
      { id: 'l1', availability: { inStock: true, quantityAvailable: 76 } },
      { id: 'l2', availability: { inStock: true, quantityAvailable: 7 } },
      { id: 'l3', availability: { inStock: false, quantityAvailable: 0 } },
    ]);
  });

  it('lists locations', async () => {
    const res = await callSubgraph(svc.url, '{ locations { id name type markets } }', {}, identities.web);
    expect(res.data.locations).toContainEqual({ id: 'wh-eu', name: 'Warehouse Leipzig', type: 'WAREHOUSE', markets: ['DE', 'FR', 'GB'] });
    expect(res.data.locations).toHaveLength(3);
  });
});

describe('reservations over HTTP', () => {
  it('are internal: a storefront key is refused', async () => {
    const res = await callSubgraph(svc.url, RESERVE, { id: 'web-1', m: 'DE', lines: [{ lineId: 'l1', sku: 'SKU-1003', quantity: 1 }] }, identities.web);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const q = await callSubgraph(svc.url, '{ reservation(id: "x") { id } }', {}, identities.operations);
    expect(q.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await level('SKU-1003', 'wh-eu')).toMatchObject({ reserved: 0 });
  });

  it('50 concurrent buyers of the last unit: exactly one wins, nothing oversold', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callSubgraph(svc.url, RESERVE, { id: `race-${i}`, m: 'DE', lines: [{ lineId: `line-${i}`, sku: 'SKU-1058', quantity: 1 }] }),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const won = results.filter((r) => r.data.reserveStock.reservation);
    const lost = results.filter((r) => !r.data.reserveStock.reservation);
    expect(won).toHaveLength(1);
    expect(won[0].data.reserveStock.reservation.lines).toEqual([{ lineId: expect.any(String), sku: 'SKU-1058', location: 'wh-eu', quantity: 1 }]);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r.data.reserveStock.userErrors).toEqual([{ code: 'OUT_OF_STOCK', field: expect.stringMatching(/^line-/), message: 'Only 0 of SKU-1058 available, 1 requested.' }]);
    expect(await level('SKU-1058', 'wh-eu')).toEqual({ onHand: 1, reserved: 1, available: 0 });
  });

  it('reserve, retry, commit: stock leaves on hand once', async () => {
    const vars = { id: 'order-1', m: 'DE', lines: [{ lineId: 'a', sku: 'SKU-1059', quantity: 2 }] };
    const first = await callSubgraph(svc.url, RESERVE, vars);
    expect(first.data.reserveStock.userErrors).toEqual([]);
    expect(first.data.reserveStock.reservation).toMatchObject({ id: 'order-1', status: 'HELD', expiresAt: '2026-11-01T10:15:00.000Z' });
    const retry = await callSubgraph(svc.url, RESERVE, vars);
    expect(retry.data.reserveStock).toEqual(first.data.reserveStock);
    expect(await level('SKU-1059', 'wh-eu')).toEqual({ onHand: 3, reserved: 2, available: 1 });
    const commit = 'mutation($id: ID!) { commitReservation(reservationId: $id) { reservation { status } userErrors { code } } }';
    expect((await callSubgraph(svc.url, commit, { id: 'order-1' })).data.commitReservation).toEqual({ reservation: { status: 'COMMITTED' }, userErrors: [] });
    expect((await callSubgraph(svc.url, commit, { id: 'order-1' })).data.commitReservation).toEqual({ reservation: { status: 'COMMITTED' }, userErrors: [] });
    expect(await level('SKU-1059', 'wh-eu')).toEqual({ onHand: 1, reserved: 0, available: 1 });
    const release = 'mutation($id: ID!) { releaseReservation(reservationId: $id) { reservation { status } userErrors { code } } }';
    expect((await callSubgraph(svc.url, release, { id: 'order-1' })).data.releaseReservation).toEqual({ reservation: null, userErrors: [{ code: 'RESERVATION_COMMITTED' }] });
  });

  it('a lapsed hold is expired by the sweep', async () => {
    const res = await callSubgraph(svc.url, RESERVE, { id: 'short-lived', m: 'US', lines: [{ lineId: 'a', sku: 'SKU-1004', quantity: 3 }], ttl: 30 });
    expect(res.data.reserveStock.reservation.status).toBe('HELD');
    const before = await level('SKU-1004', 'wh-us');
    clock.advance(31_000);
    expect(await svc.sweepExpired()).toBeGreaterThanOrEqual(1);
    const after = await level('SKU-1004', 'wh-us');
    expect(after).toEqual({ ...before, reserved: before.reserved - 3, available: before.available + 3 });
    const q = await callSubgraph(svc.url, '{ reservation(id: "short-lived") { status } }');
    expect(q.data.reservation).toEqual({ status: 'EXPIRED' });
  });
});

describe('stock operations', () => {
  const STOCKTAKE = `mutation($loc: ID!, $c: [StockCountInput!]!) { recordStocktake(location: $loc, counts: $c) {
    adjustments { sku location delta reason actor at } userErrors { code field } } }`;

  it('a stocktake creates adjustments only for differences', async () => {
    const res = await callSubgraph(svc.url, STOCKTAKE, { loc: 'store-berlin-1', c: [{ sku: 'SKU-1005', counted: 3 }, { sku: 'SKU-1006', counted: 11 }] }, identities.pos);
    // demo stock: SKU-1005 → 10, SKU-1006 → 11 at the store
    expect(res.data.recordStocktake).toEqual({
      adjustments: [{ sku: 'SKU-1005', location: 'store-berlin-1', delta: -7, reason: 'STOCKTAKE', actor: 'k-pos', at: clock.now().toISOString() }],
      userErrors: [],
    });
    expect(await level('SKU-1005', 'store-berlin-1')).toMatchObject({ onHand: 3 });
  });

  it('a stocktake with bad input changes nothing; the wrong keys are refused', async () => {
    const bad = await callSubgraph(svc.url, STOCKTAKE, { loc: 'wh-eu', c: [{ sku: 'SKU-1007', counted: 1 }, { sku: 'SKU-1008', counted: -4 }] }, identities.operations);
    expect(bad.data.recordStocktake).toEqual({ adjustments: [], userErrors: [{ code: 'INVALID_QUANTITY', field: 'counts[1].counted' }] });
    const unknown = await callSubgraph(svc.url, STOCKTAKE, { loc: 'mars', c: [{ sku: 'SKU-1007', counted: 1 }] }, identities.operations);
    expect(unknown.data.recordStocktake.userErrors).toEqual([{ code: 'LOCATION_NOT_FOUND', field: 'location' }]);
    expect(await level('SKU-1007', 'wh-eu')).toMatchObject({ onHand: 50 + ((7 * 13) % 150) });
    const web = await callSubgraph(svc.url, STOCKTAKE, { loc: 'store-berlin-1', c: [] }, identities.web);
    expect(web.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const posInWarehouse = await callSubgraph(svc.url, STOCKTAKE, { loc: 'wh-eu', c: [{ sku: 'SKU-1007', counted: 1 }] }, identities.pos);
    expect(posInWarehouse.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('adjustStock needs operations and never takes on hand below zero', async () => {
    const adjust = `mutation($i: AdjustStockInput!) { adjustStock(input: $i) { adjustment { delta reason note actor } stockLevel { onHand available } userErrors { code field } } }`;
    const pos = await callSubgraph(svc.url, adjust, { i: { sku: 'SKU-1009', location: 'store-berlin-1', delta: 1, reason: 'RETURN' } }, identities.pos);
    expect(pos.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await callSubgraph(svc.url, adjust, { i: { sku: 'SKU-1009', location: 'store-berlin-1', delta: -2, reason: 'DAMAGE', note: 'dropped' } }, identities.operations);
    // demo stock: SKU-1009 → 7 at the store
    expect(ok.data.adjustStock).toEqual({ adjustment: { delta: -2, reason: 'DAMAGE', note: 'dropped', actor: 'k-ops' }, stockLevel: { onHand: 5, available: 5 }, userErrors: [] });
    const tooMuch = await callSubgraph(svc.url, adjust, { i: { sku: 'SKU-1009', location: 'store-berlin-1', delta: -6, reason: 'THEFT' } }, identities.operations);
    expect(tooMuch.data.adjustStock).toEqual({ adjustment: null, stockLevel: null, userErrors: [{ code: 'INSUFFICIENT_STOCK', field: 'delta' }] });
  });
});

describe('preview', () => {
  const previewOps = { ...identities.operations, previewAt: '2027-01-01T00:00:00.000Z' };
  const previewService = { ...identities.service, previewAt: '2027-01-01T00:00:00.000Z' };

  it('refuses every mutation with PREVIEW_READ_ONLY and writes nothing', async () => {
    const before = await level('SKU-1010', 'wh-eu');
    const adjust = await callSubgraph(
      svc.url,
      'mutation { adjustStock(input: { sku: "SKU-1010", location: "wh-eu", delta: 5, reason: RECEIVED }) { userErrors { code } } }',
      {},
      previewOps,
    );
    expect(adjust.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
    const take = await callSubgraph(svc.url, 'mutation { recordStocktake(location: "wh-eu", counts: [{ sku: "SKU-1010", counted: 0 }]) { userErrors { code } } }', {}, previewOps);
    expect(take.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
    const reserve = await callSubgraph(svc.url, RESERVE, { id: 'preview-1', m: 'DE', lines: [{ lineId: 'a', sku: 'SKU-1010', quantity: 1 }] }, previewService);
    expect(reserve.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
    for (const m of ['commitReservation', 'releaseReservation']) {
      const r = await callSubgraph(svc.url, `mutation { ${m}(reservationId: "order-1") { userErrors { code } } }`, {}, previewService);
      expect(r.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
    }
    expect(await level('SKU-1010', 'wh-eu')).toEqual(before);
    expect((await callSubgraph(svc.url, '{ reservation(id: "preview-1") { id } }')).data.reservation).toBeNull();
  });

  it('shows stock as it will be: holds that will have lapsed are available again', async () => {
    await callSubgraph(svc.url, RESERVE, { id: 'hold-till-new-year', m: 'DE', lines: [{ lineId: 'a', sku: 'SKU-1011', quantity: 4 }], ttl: 600 });
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { availability(market: "DE") { quantityAvailable } } } }`;
    const r = [{ __typename: 'Product', sku: 'SKU-1011' }];
    const now = (await callSubgraph(svc.url, q, { r })).data._entities[0].availability.quantityAvailable;
    const later = (await callSubgraph(svc.url, q, { r }, previewOps)).data._entities[0].availability.quantityAvailable;
    expect(later).toBe(now + 4);
  });
});
