import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { startOrders, type RunningOrders } from '../subgraphs/orders/server.ts';
import { loadOrdersSettings } from '../subgraphs/orders/config.ts';
import { RetentionRepository } from '../subgraphs/orders/src/data/retentionRepository.ts';
import { Retention } from '../subgraphs/orders/src/services/retention.ts';
import { quietLog, testConfig } from './support/subgraph.ts';
import { waitForValue } from './support/wait.ts';

/**
 * placeOrder idempotency keys are kept at least 24 hours; DONE keys older than the retention are
 * purged by the retention sweep; IN_PROGRESS keys older than the attempt timeout are recovered
 * (test/orders.retention.test.ts covers what a client retrying such a key gets).
 */

const HOUR = 3600_000;
const NOW = new Date('2026-11-10T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

async function insertKeys(svc: RunningOrders): Promise<void> {
  const keys: [string, 'DONE' | 'IN_PROGRESS', number][] = [
    ['done-1h', 'DONE', HOUR],
    ['done-23h59', 'DONE', 24 * HOUR - 60_000],
    ['done-25h', 'DONE', 25 * HOUR],
    ['done-6d', 'DONE', 6 * 24 * HOUR],
    ['done-8d', 'DONE', 8 * 24 * HOUR],
    ['running-30d', 'IN_PROGRESS', 30 * 24 * HOUR],
  ];
  for (const [key, status, age] of keys) {
    await svc.db.run('INSERT INTO idempotency_keys (scope, key, request_hash, status, order_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      'k-web', key, 'h', status, `o-${key}`, ago(age),
    ]);
  }
}

const remaining = async (svc: RunningOrders) => (await svc.db.all<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).map((r) => r.key);

describe('idempotency key retention', () => {
  let svc: RunningOrders;
  const clock = new ManualClock(NOW);
  beforeAll(async () => {
    svc = await startOrders({ config: testConfig('orders'), log: quietLog, clock, taskIntervalMs: 3_600_000, retentionIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await svc?.stop();
    await svc?.db.close();
  });

  it('the sweep purges DONE keys older than 7 days by default; a 30-day-old IN_PROGRESS key is a dead attempt, recovered', async () => {
    await svc.retention.sweep(); // the one run at start-up, on the empty table
    await insertKeys(svc);
    const retention = new Retention(new RetentionRepository(svc.db), clock, quietLog);
    expect(await retention.sweep()).toEqual({ purgedKeys: 1, recoveredAttempts: 1, purgedDeliveries: 0 });
    expect(await remaining(svc)).toEqual(['done-1h', 'done-23h59', 'done-25h', 'done-6d']);
  });

  it('a shorter retention never purges keys younger than 24 hours', async () => {
    // startOrders clamps a retention below 24 h to 24 h
    const short = await startOrders({ config: testConfig('orders'), log: quietLog, clock, retentionIntervalMs: 20, idempotencyRetentionMs: HOUR });
    try {
      await insertKeys(short);
      // the sweep runs every 20 ms and may run between the inserts: wait for the state it converges to
      const expected = ['done-1h', 'done-23h59'];
      await waitForValue(() => remaining(short), (r) => JSON.stringify(r) === JSON.stringify(expected), { what: 'the purge converges' });
      expect(await remaining(short)).toEqual(expected);
    } finally {
      await short.stop();
      await short.db.close();
    }
  });

  it('the only deletions of idempotency keys are the purge, the release of a failed attempt and the recovery of a dead one', () => {
    const deletes = ['ordersRepository', 'retentionRepository'].flatMap(
      (f) => readFileSync(`subgraphs/orders/src/data/${f}.ts`, 'utf8').match(/DELETE FROM idempotency_keys[^"`]*/g) ?? [],
    );
    expect(deletes).toEqual([
      "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND order_id = ? AND status = 'IN_PROGRESS'",
      "DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys WHERE status = 'DONE' AND created_at < ? LIMIT ?)",
      "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND order_id = ? AND status = 'IN_PROGRESS' AND created_at < ?",
    ]);
  });

  it('ORDER_IDEMPOTENCY_RETENTION_HOURS: default 7 days, at least 24', () => {
    expect(loadOrdersSettings({}).idempotencyRetentionMs).toBe(7 * 24 * HOUR);
    expect(loadOrdersSettings({ ORDER_IDEMPOTENCY_RETENTION_HOURS: '48' }).idempotencyRetentionMs).toBe(48 * HOUR);
    expect(() => loadOrdersSettings({ ORDER_IDEMPOTENCY_RETENTION_HOURS: '12' })).toThrow(/at least 24/);
  });

  it('ORDER_WEBHOOKS is a validated JSON list', () => {
    const s = loadOrdersSettings({ ORDER_WEBHOOKS: '[{"url":"https://erp.example.com/hook","secret":"0123456789abcdef"}]', ORDER_WEBHOOK_MAX_ATTEMPTS: '3' });
    expect(s.webhooks).toEqual([{ url: 'https://erp.example.com/hook', secret: '0123456789abcdef' }]);
    expect(s.relay).toEqual({ maxAttempts: 3 });
    expect(() => loadOrdersSettings({ ORDER_WEBHOOKS: 'nope' })).toThrow(/JSON list/);
    expect(() => loadOrdersSettings({ ORDER_WEBHOOKS: '[{"url":"ftp://x","secret":"0123456789abcdef"}]' })).toThrow(/http/);
    expect(() => loadOrdersSettings({ ORDER_WEBHOOKS: '[{"url":"https://a.example","secret":"short"}]' })).toThrow(/16/);
  });
});
