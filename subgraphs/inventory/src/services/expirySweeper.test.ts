import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../common/clock.ts';
import { callSubgraph, quietLog, testConfig } from '../../../../test/support/subgraph.ts';
import { startInventory } from '../../server.ts';
import { startExpirySweeper } from './expirySweeper.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startExpirySweeper', () => {
  it('runs on its interval, never overlaps, survives a failed run, and stops', async () => {
    let calls = 0;
    let active = 0;
    let maxActive = 0;
    const sweeper = startExpirySweeper(
      async () => {
        calls++;
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(25);
        active--;
        if (calls === 1) throw new Error('database busy');
        return 1;
      },
      5,
      quietLog,
    );
    await sleep(150);
    await sweeper.stop();
    const after = calls;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    await sleep(50);
    expect(calls).toBe(after);
  });
});

describe('the inventory service sweeper', () => {
  it('expires lapsed reservations on its timer and stops with the server', async () => {
    const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
    const svc = await startInventory({ config: testConfig('inventory'), clock, log: quietLog, sweepIntervalMs: 20, reservationTtlSeconds: 60 });
    try {
      const res = await callSubgraph(
        svc.url,
        'mutation { reserveStock(reservationId: "r1", market: "DE", lines: [{ lineId: "a", sku: "SKU-1001", quantity: 1 }]) { reservation { status expiresAt } } }',
      );
      expect(res.data.reserveStock.reservation).toEqual({ status: 'HELD', expiresAt: '2026-11-01T10:01:00.000Z' });
      clock.advance(61_000);
      let status = 'HELD';
      for (let i = 0; i < 100 && status === 'HELD'; i++) {
        await sleep(20);
        status = (await callSubgraph(svc.url, '{ reservation(id: "r1") { status } }')).data.reservation.status;
      }
      expect(status).toBe('EXPIRED');
    } finally {
      await svc.stop();
      await svc.db.close();
    }
  });
});
