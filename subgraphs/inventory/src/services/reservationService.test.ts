import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../common/clock.ts';
import { buildInventory, userErrorsOf, type InventoryFixture } from '../../test/fixtures.ts';
import { PreviewReadOnlyError } from './errors.ts';
import { ReservationService } from './reservationService.ts';

let fx: InventoryFixture;
afterEach(async () => {
  await fx.close();
});

const reserve = (id: string, lines: { lineId: string; sku: string; quantity: number }[], extra: { market?: string; location?: string | null; ttlSeconds?: number } = {}) =>
  fx.reservations.reserve({ reservationId: id, market: extra.market ?? 'DE', location: extra.location, lines, ttlSeconds: extra.ttlSeconds }, 'service:orders');

async function expectLedgerMatchesStock() {
  const totals = await fx.repo.ledgerTotals();
  for (const t of totals) expect({ sku: t.sku, location: t.location, ...(await fx.level(t.sku, t.location)) }).toEqual({ sku: t.sku, location: t.location, onHand: t.on_hand, reserved: t.reserved });
}

describe('reserve', () => {
  it('holds every line, from the market warehouses with most available first, splitting when needed', async () => {
    fx = await buildInventory();
    const r = await reserve('r1', [
      { lineId: 'l1', sku: 'SKU-A', quantity: 7 },
      { lineId: 'l2', sku: 'SKU-B', quantity: 1 },
    ]);
    expect(r.status).toBe('HELD');
    expect(r.expiresAt).toBe('2026-11-01T10:15:00.000Z'); // default TTL 900 s
    expect(r.lines).toEqual([
      { lineId: 'l1', sku: 'SKU-A', location: 'wh-a', quantity: 5 },
      { lineId: 'l1', sku: 'SKU-A', location: 'wh-b', quantity: 2 },
      { lineId: 'l2', sku: 'SKU-B', location: 'wh-a', quantity: 1 },
    ]);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 5 });
    expect(await fx.level('SKU-A', 'wh-b')).toEqual({ onHand: 3, reserved: 2 });
    expect(await fx.level('SKU-A', 'store-1')).toEqual({ onHand: 2, reserved: 0 });
    const moves = await fx.repo.movements('SKU-A', 'wh-b');
    expect(moves.at(-1)).toMatchObject({ kind: 'RESERVE', delta_reserved: 2, delta_on_hand: 0, ref: 'r1', actor: 'service:orders' });
    await expectLedgerMatchesStock();
  });

  it('takes only from the given location', async () => {
    fx = await buildInventory();
    const r = await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }], { location: 'store-1' });
    expect(r.lines).toEqual([{ lineId: 'l1', sku: 'SKU-A', location: 'store-1', quantity: 2 }]);
    const short = await userErrorsOf(reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }], { location: 'store-1' }));
    expect(short).toEqual([{ code: 'OUT_OF_STOCK', field: 'l1', message: 'Only 0 of SKU-A available, 1 requested.' }]);
    expect(await userErrorsOf(reserve('r3', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }], { location: 'nowhere' }))).toMatchObject([
      { code: 'LOCATION_NOT_FOUND', field: 'location' },
    ]);
  });

  it('is all or nothing: one short line reserves nothing and names that line', async () => {
    fx = await buildInventory();
    const errors = await userErrorsOf(
      reserve('r1', [
        { lineId: 'l1', sku: 'SKU-A', quantity: 2 },
        { lineId: 'l2', sku: 'SKU-B', quantity: 3 },
      ]),
    );
    expect(errors).toEqual([{ code: 'OUT_OF_STOCK', field: 'l2', message: 'Only 1 of SKU-B available, 3 requested.' }]);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 0 });
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    expect(await fx.reservations.get('r1')).toBeNull();
    expect((await fx.repo.movements('SKU-A', 'wh-a')).filter((m) => m.kind === 'RESERVE')).toEqual([]);
  });

  it('refuses two lines of one SKU that together exceed the stock', async () => {
    fx = await buildInventory();
    const errors = await userErrorsOf(
      reserve('r1', [
        { lineId: 'l1', sku: 'SKU-B', quantity: 1 },
        { lineId: 'l2', sku: 'SKU-B', quantity: 1 },
      ]),
    );
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['OUT_OF_STOCK', 'l1'],
      ['OUT_OF_STOCK', 'l2'],
    ]);
    expect(errors[0].message).toContain('Only 1 of SKU-B available, 2 requested');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
  });

  it('a stale plan cannot oversell: the conditional update is the guard', async () => {
    // an allocator that believes every location has 100 available (as a read made before a concurrent sale would)
    fx = await buildInventory({ reservation: { allocator: { order: (_sku, c) => c.map((x) => ({ ...x, available: 100 })) } } });
    const ok = await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 7 }]);
    expect(ok.lines.reduce((n, l) => n + l.quantity, 0)).toBe(7);
    expect(await userErrorsOf(reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }]))).toMatchObject([{ code: 'OUT_OF_STOCK', message: 'Only 1 of SKU-A available, 2 requested.' }]);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 5 });
    expect(await fx.level('SKU-A', 'wh-b')).toEqual({ onHand: 3, reserved: 2 });
    expect(await fx.repo.reserve('SKU-A', 'wh-b', 2)).toBe(false);
    expect(await fx.repo.reserve('SKU-A', 'wh-b', 1)).toBe(true);
  });

  it('treats a market no warehouse serves as out of stock', async () => {
    fx = await buildInventory();
    expect(await userErrorsOf(reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }], { market: 'JP' }))).toMatchObject([{ code: 'OUT_OF_STOCK', field: 'l1' }]);
  });

  it('validates quantities, duplicates, TTL and the id before anything else', async () => {
    fx = await buildInventory();
    const errors = await userErrorsOf(
      reserve('r1', [
        { lineId: 'l1', sku: 'SKU-A', quantity: 0 },
        { lineId: 'l2', sku: 'SKU-A', quantity: -2 },
        { lineId: 'l2', sku: 'SKU-B', quantity: 1 },
      ], { ttlSeconds: 0 }),
    );
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_TTL', 'ttlSeconds'],
      ['INVALID_QUANTITY', 'l1'],
      ['INVALID_QUANTITY', 'l2'],
      ['DUPLICATE_LINE', 'l2'],
    ]);
    expect(await userErrorsOf(reserve('', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }]))).toMatchObject([{ code: 'INVALID_RESERVATION_ID' }]);
    expect(await userErrorsOf(reserve('r2', []))).toMatchObject([{ code: 'NO_LINES', field: 'lines' }]);
    expect(await fx.reservations.get('r1')).toBeNull();
  });

  it('is idempotent per reservation id', async () => {
    fx = await buildInventory();
    const first = await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }]);
    fx.clock.advance(1000);
    const again = await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }]);
    const different = await reserve('r1', [{ lineId: 'x', sku: 'SKU-B', quantity: 1 }]);
    expect(again).toEqual(first);
    expect(different).toEqual(first);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 2 });
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    const both = await Promise.all([reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }]), reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }])]);
    expect(both[0]).toEqual(both[1]);
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 3 });
  });

  it('uses the configured default TTL', async () => {
    fx = await buildInventory({ reservation: { ttlSeconds: 60 } });
    expect((await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }])).expiresAt).toBe('2026-11-01T10:01:00.000Z');
    expect((await reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }], { ttlSeconds: 5 })).expiresAt).toBe('2026-11-01T10:00:05.000Z');
  });
});

describe('commit and release', () => {
  it('commit: HELD → COMMITTED takes the stock out of on hand; idempotent; then cannot be released', async () => {
    fx = await buildInventory();
    await reserve('r1', [{ lineId: 'l1', sku: 'SKU-A', quantity: 6 }]);
    const committed = await fx.reservations.commit('r1', 'service:orders');
    expect(committed.status).toBe('COMMITTED');
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 0, reserved: 0 });
    expect(await fx.level('SKU-A', 'wh-b')).toEqual({ onHand: 2, reserved: 0 });
    expect(await fx.reservations.commit('r1', 'service:orders')).toEqual(committed);
    expect(await fx.level('SKU-A', 'wh-b')).toEqual({ onHand: 2, reserved: 0 });
    expect(await userErrorsOf(fx.reservations.release('r1', 'service:orders'))).toMatchObject([{ code: 'RESERVATION_COMMITTED', field: 'reservationId' }]);
    expect((await fx.repo.movements('SKU-A', 'wh-b')).at(-1)).toMatchObject({ kind: 'COMMIT', delta_on_hand: -1, delta_reserved: -1, ref: 'r1' });
    await expectLedgerMatchesStock();
  });

  it('commit of an unknown reservation is RESERVATION_NOT_FOUND', async () => {
    fx = await buildInventory();
    expect(await userErrorsOf(fx.reservations.commit('nope', 'service:orders'))).toMatchObject([{ code: 'RESERVATION_NOT_FOUND' }]);
  });

  it('release: HELD → RELEASED gives the stock back; idempotent; then cannot be committed', async () => {
    fx = await buildInventory();
    await reserve('r1', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }]);
    const released = await fx.reservations.release('r1', 'service:orders');
    expect(released.status).toBe('RELEASED');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    expect(await fx.reservations.release('r1', 'service:orders')).toEqual(released);
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    expect(await userErrorsOf(fx.reservations.commit('r1', 'service:orders'))).toMatchObject([{ code: 'RESERVATION_NOT_HELD' }]);
    await expectLedgerMatchesStock();
  });

  it('release of an unknown id leaves a tombstone, so a late reserve with that id holds nothing', async () => {
    fx = await buildInventory();
    const tomb = await fx.reservations.release('late', 'service:orders');
    expect(tomb).toMatchObject({ id: 'late', status: 'RELEASED', lines: [] });
    const late = await reserve('late', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }]);
    expect(late.status).toBe('RELEASED');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
  });
});

describe('expiry', () => {
  it('the sweep expires lapsed holds once and gives their stock back', async () => {
    fx = await buildInventory();
    await reserve('r1', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }], { ttlSeconds: 60 });
    await reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }], { ttlSeconds: 600 });
    fx.clock.advance(59_000);
    expect(await fx.reservations.sweepExpired()).toBe(0);
    fx.clock.advance(2_000);
    // two replicas sweeping at once: each reservation is expired exactly once
    const other = new ReservationService(fx.repo, fx.clock);
    const counts = await Promise.all([fx.reservations.sweepExpired(), other.sweepExpired()]);
    expect(counts[0] + counts[1]).toBe(1);
    expect((await fx.reservations.get('r1'))?.status).toBe('EXPIRED');
    expect((await fx.reservations.get('r2'))?.status).toBe('HELD');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 0 });
    expect((await fx.repo.movements('SKU-B', 'wh-a')).filter((m) => m.kind === 'EXPIRE')).toMatchObject([{ delta_reserved: -1, ref: 'r1' }]);
    expect((await fx.reservations.release('r1', 'service:orders')).status).toBe('EXPIRED');
    await expectLedgerMatchesStock();
  });

  it('a commit after expiry (the order was written before the hold lapsed) still takes the stock, once', async () => {
    fx = await buildInventory();
    await reserve('r1', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }], { ttlSeconds: 60 });
    await reserve('r2', [{ lineId: 'l1', sku: 'SKU-A', quantity: 2 }], { ttlSeconds: 60 });
    fx.clock.advance(61_000);
    expect(await fx.reservations.sweepExpired()).toBe(2);
    // SKU-B's only unit was bought by someone else meanwhile: the late commit goes below it
    await reserve('r3', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }]);
    const a0 = await fx.level('SKU-A', 'wh-a');
    expect((await fx.reservations.commit('r1', 'service:orders')).status).toBe('COMMITTED');
    expect((await fx.reservations.commit('r2', 'service:orders')).status).toBe('COMMITTED');
    expect((await fx.reservations.commit('r2', 'service:orders')).status).toBe('COMMITTED');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 0, reserved: 1 });
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: a0.onHand - 2, reserved: a0.reserved });
    const reasons = (sku: string) => fx.repo.movements(sku, 'wh-a').then((ms) => ms.filter((m) => m.kind === 'COMMIT').map((m) => [m.ref, m.reason, m.delta_on_hand]));
    expect(await reasons('SKU-B')).toEqual([['r1', 'AFTER_EXPIRY_SHORT', -1]]);
    expect(await reasons('SKU-A')).toEqual([['r2', 'AFTER_EXPIRY', -2]]);
    // a released reservation was given up by the saga: never committed
    await reserve('r4', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }]);
    await fx.reservations.release('r4', 'service:orders');
    expect(await userErrorsOf(fx.reservations.commit('r4', 'service:orders'))).toMatchObject([{ code: 'RESERVATION_NOT_HELD' }]);
    await expectLedgerMatchesStock();
  });

  it('a new reservation does not wait for the sweeper: lapsed holds on its SKUs are expired first', async () => {
    fx = await buildInventory();
    await reserve('r1', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }], { ttlSeconds: 60 });
    fx.clock.advance(61_000);
    const r2 = await reserve('r2', [{ lineId: 'l1', sku: 'SKU-B', quantity: 1 }]);
    expect(r2.status).toBe('HELD');
    expect((await fx.reservations.get('r1'))?.status).toBe('EXPIRED');
    expect(await fx.level('SKU-B', 'wh-a')).toEqual({ onHand: 1, reserved: 1 });
    await expectLedgerMatchesStock();
  });
});

describe('preview', () => {
  it('refuses every write and changes nothing', async () => {
    fx = await buildInventory();
    await reserve('held', [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }]);
    const preview = new ReservationService(fx.repo, fixedClock(new Date('2027-01-01T00:00:00Z'), true));
    await expect(preview.reserve({ reservationId: 'p1', market: 'DE', lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 1 }] }, 'x')).rejects.toBeInstanceOf(PreviewReadOnlyError);
    await expect(preview.commit('held', 'x')).rejects.toBeInstanceOf(PreviewReadOnlyError);
    await expect(preview.release('held', 'x')).rejects.toBeInstanceOf(PreviewReadOnlyError);
    await expect(preview.sweepExpired()).rejects.toBeInstanceOf(PreviewReadOnlyError);
    expect(await fx.reservations.get('p1')).toBeNull();
    expect((await fx.reservations.get('held'))?.status).toBe('HELD');
    expect(await fx.level('SKU-A', 'wh-a')).toEqual({ onHand: 5, reserved: 1 });
  });
});
