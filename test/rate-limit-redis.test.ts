import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLog } from './support/subgraph.ts';
import { redisAvailable, TestRedis } from './support/redis.ts';
import { waitFor } from './support/wait.ts';
import { RedisRateStore } from '../gateway/edge/redisRateStore.ts';

const spec = (perSecond: number, burst: number) => ({ perSecond, burst });
const run = redisAvailable();
let redis: TestRedis;

beforeAll(async () => {
  if (run) redis = await TestRedis.start();
});
afterAll(async () => {
  await redis?.stop();
});

describe.runIf(run)('token buckets in Redis', () => {
  it('two gateway processes share one bucket: together they allow its burst, no more', async () => {
    const a = new RedisRateStore({ url: redis.url, log: quietLog, prefix: 'shared:' });
    const b = new RedisRateStore({ url: redis.url, log: quietLog, prefix: 'shared:' });
    await waitFor(() => a.current === 'redis' && b.current === 'redis', { what: 'both connected' });
    const bucket = [{ id: 'client', spec: spec(0.001, 5) }];
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 ? a : b).take(bucket));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    expect(verdicts[5]).toMatchObject({ ok: false, bucket: 0 });
    expect((verdicts[5] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(900_000);
    await a.close();
    await b.close();
  });

  it('takes from every bucket or none, atomically', async () => {
    const s = new RedisRateStore({ url: redis.url, log: quietLog, prefix: 'atomic:' });
    await waitFor(() => s.current === 'redis', { what: 'connected' });
    const key = { id: 'key', spec: spec(0.001, 2) };
    expect(await s.take([{ id: 'c1', spec: spec(0.001, 1) }, key])).toEqual({ ok: true });
    expect(await s.take([{ id: 'c1', spec: spec(0.001, 1) }, key])).toMatchObject({ ok: false, bucket: 0 });
    expect(await s.take([{ id: 'c2', spec: spec(0.001, 1) }, key])).toEqual({ ok: true });
    expect(await s.take([{ id: 'c3', spec: spec(0.001, 1) }, key])).toMatchObject({ ok: false, bucket: 1 });
    await s.close();
  });

  it('Redis down: decisions fall back to this process, said once in the log and to the metrics; back when Redis is', async () => {
    const events: string[] = [];
    const warnings: string[] = [];
    const log = { ...quietLog, warn: (_o: unknown, msg: string) => warnings.push(msg), info: () => {} } as unknown as typeof quietLog;
    const s = new RedisRateStore({ url: redis.url, log, prefix: 'down:', onBackend: (b) => events.push(b) });
    await waitFor(() => s.current === 'redis', { what: 'connected' });
    const bucket = [{ id: 'c', spec: spec(0.001, 2) }];
    expect((await s.take(bucket)).ok).toBe(true);
    await redis.stop();
    // every request is still decided, by in-process buckets
    await waitFor(async () => (await s.take(bucket)) && s.current === 'memory', { what: 'fallback to memory' });
    expect(events).toContain('memory');
    expect(warnings.some((w) => /Redis unreachable/.test(w))).toBe(true);
    const inProcess = [await s.take(bucket), await s.take(bucket), await s.take(bucket)];
    expect(inProcess.some((v) => !v.ok)).toBe(true);
    await redis.start();
    await waitFor(() => s.current === 'redis', { what: 'back on Redis' });
    expect(events.at(-1)).toBe('redis');
    await s.close();
  });
});
