import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMarketSource } from '../../../../test/support/markets.ts';
import { ManualClock } from '../../../../common/clock.ts';
import { callSubgraph, quietLog, testConfig } from '../../../../test/support/subgraph.ts';
import { waitForValue } from '../../../../test/support/wait.ts';
import { startInventory } from '../../server.ts';
import { startExpirySweeper } from './expirySweeper.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('startExpirySweeper', () => {
  it('runs on its interval, never overlaps, survives a failed run, and stops', async () => {
    // the interval runs on fake timers; each sweep lasts until the test lets it finish
    vi.useFakeTimers();
    let calls = 0;
    let active = 0;
    let maxActive = 0;
    const finish: (() => void)[] = [];
    const sweeper = startExpirySweeper(
      async () => {
        const n = ++calls;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((r) => finish.push(r));
        active--;
        if (n === 1) throw new Error('database busy');
        return 1;
      },
      5,
      quietLog,
    );
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(calls).toBe(1);
    // ten more intervals while the first sweep runs: none starts a second one
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toBe(1);
    finish.shift()!(); // the first sweep fails
    await vi.advanceTimersByTimeAsync(5);
    expect(calls).toBe(2); // the failure was logged and the next interval tried again
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(5);
    expect(calls).toBe(3);
    // stop() waits for the sweep that runs
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish.shift()!();
    await stopping;
    expect(maxActive).toBe(1);
    // stopped: no timer is left, and time passing starts nothing
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
  });
});

describe('the inventory service sweeper', () => {
  it('expires lapsed reservations on its timer and stops with the server', async () => {
    const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
    const svc = await startInventory({ config: testConfig('inventory'), markets: testMarketSource(), clock, log: quietLog, sweepIntervalMs: 20, reservationTtlSeconds: 60 });
    try {
      const res = await callSubgraph(
        svc.url,
        'mutation { reserveStock(reservationId: "r1", market: "DE", lines: [{ lineId: "a", sku: "SKU-1001", quantity: 1 }]) { reservation { status expiresAt } } }',
      );
      expect(res.data.reserveStock.reservation).toEqual({ status: 'HELD', expiresAt: '2026-11-01T10:01:00.000Z' });
      clock.advance(61_000);
      const status = await waitForValue(
        async () => (await callSubgraph(svc.url, '{ reservation(id: "r1") { status } }')).data.reservation.status as string,
        (s) => s !== 'HELD',
        { what: 'the sweeper expires the reservation' },
      );
      expect(status).toBe('EXPIRED');
    } finally {
      await svc.stop();
      await svc.db.close();
    }
  });
});
