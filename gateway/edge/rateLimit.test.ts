import { describe, expect, it } from 'vitest';
import { MemoryRateStore, RequestRateLimiter } from './rateLimit.ts';

const spec = (perSecond: number, burst: number) => ({ perSecond, burst });

describe('token buckets in process', () => {
  it('allows a burst, then one request per refilled token, and says how long to wait', () => {
    let now = 1_000_000;
    const store = new MemoryRateStore(() => now);
    const b = [{ id: 'c', spec: spec(2, 3) }];
    for (let i = 0; i < 3; i++) expect(store.takeNow(b)).toEqual({ ok: true });
    expect(store.takeNow(b)).toEqual({ ok: false, bucket: 0, retryAfterMs: 500 });
    now += 250;
    expect(store.takeNow(b)).toMatchObject({ ok: false, retryAfterMs: 250 });
    now += 250;
    expect(store.takeNow(b)).toEqual({ ok: true });
    expect(store.takeNow(b).ok).toBe(false);
    void store.close();
  });

  it('takes from every bucket or from none: a refused request costs the other bucket nothing', () => {
    const now = 0;
    const store = new MemoryRateStore(() => now);
    const client = { id: 'client', spec: spec(0.001, 1) };
    const key = { id: 'key', spec: spec(0.001, 2) };
    expect(store.takeNow([client, key])).toEqual({ ok: true });
    expect(store.takeNow([client, key])).toMatchObject({ ok: false, bucket: 0 });
    // the key still has its second token: the refusal above did not take it
    expect(store.takeNow([{ id: 'other', spec: spec(0.001, 1) }, key])).toEqual({ ok: true });
    expect(store.takeNow([{ id: 'third', spec: spec(0.001, 1) }, key])).toMatchObject({ ok: false, bucket: 1 });
    void store.close();
  });

  it('forgets buckets that have refilled, so memory stays bounded', () => {
    let now = 0;
    const store = new MemoryRateStore(() => now);
    for (let i = 0; i < 100; i++) store.takeNow([{ id: `c${i}`, spec: spec(10, 10) }]);
    expect(store.size).toBe(100);
    now += 50;
    store.sweep();
    expect(store.size).toBe(100);
    now += 60;
    store.sweep();
    expect(store.size).toBe(0);
    void store.close();
  });
});

describe('request rate limiter', () => {
  const defaults = { client: spec(0.001, 2), key: spec(0.001, 3) };

  it('limits each client on its own and the key as a whole, with per-key settings', async () => {
    const store = new MemoryRateStore(() => 0);
    const limited: string[] = [];
    const limiter = new RequestRateLimiter(store, defaults, (id) => (id === 'big' ? { client: spec(0.001, 5), key: spec(0.001, 10) } : undefined), (b) => limited.push(b));
    await limiter.admit('web', '203.0.113.1');
    await limiter.admit('web', '203.0.113.1');
    const refused = await limiter.admit('web', '203.0.113.1').catch((e) => e);
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', http: { status: 429 } });
    expect(refused.extensions.http.headers.get('retry-after')).toBe('1000');
    expect(refused.message).toMatch(/from this client\. Retry after 1000 seconds/);
    // another client of the same key goes on until the key's own bucket is empty
    await limiter.admit('web', '203.0.113.2');
    const keyRefused = await limiter.admit('web', '203.0.113.3').catch((e) => e);
    expect(keyRefused.message).toMatch(/with this API key/);
    expect(limited).toEqual(['client', 'key']);
    // a key with its own settings
    for (let i = 0; i < 5; i++) await limiter.admit('big', '203.0.113.1');
    await expect(limiter.admit('big', '203.0.113.1')).rejects.toThrow(/from this client/);
    // no key: the client's bucket only
    await limiter.admit(null, '203.0.113.1');
    await limiter.admit(null, '203.0.113.1');
    await expect(limiter.admit(null, '203.0.113.1')).rejects.toThrow(/from this client/);
    await limiter.close();
  });
});
