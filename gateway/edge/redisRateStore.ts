import { Redis } from 'ioredis';
import type { Logger } from '../../common/log.ts';
import { MemoryRateStore, type Bucket, type RateStore, type RateVerdict } from './rateLimit.ts';

/**
 * Token buckets in Redis (REDIS_URL), shared by every gateway process and replica: one script takes
 * a token from each of a request's buckets or from none, atomically, on Redis's own clock (no clock
 * skew between replicas). Answers the 1-based index of the first empty bucket and the wait in ms, or
 * {0, 0} when the tokens were taken. Idle buckets expire once they would be full again.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tokens = {}
for i = 1, #KEYS do
  local rate = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local s = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local n = tonumber(s[1])
  if n == nil then n = burst else n = math.min(burst, n + math.max(0, now - tonumber(s[2])) * rate / 1000) end
  if n < 1 then return { i, math.max(1, math.ceil((1 - n) * 1000 / rate)) } end
  tokens[i] = n
end
for i = 1, #KEYS do
  local rate = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local n = tokens[i] - 1
  redis.call('HSET', KEYS[i], 'tokens', tostring(n), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil((burst - n) * 1000 / rate) + 1000)
end
return { 0, 0 }
`;

type TakeCommand = (numKeys: number, ...args: (string | number)[]) => Promise<[number, number]>;

export interface RedisRateStoreOptions {
  url: string;
  log: Logger;
  /** Redis key prefix, so that several graphs can share one Redis */
  prefix?: string;
  /** how long a call may take before this request is decided in-process (ms) */
  commandTimeoutMs?: number;
  /** told when the store switches between Redis and in-process counting */
  onBackend?: (backend: 'redis' | 'memory') => void;
  /** the in-process store used while Redis is unreachable */
  fallback?: MemoryRateStore;
}

/**
 * Buckets in Redis with an in-process fallback: while Redis cannot be reached (not connected yet,
 * down, too slow) every decision is made by in-process buckets, so the gateway keeps serving with
 * limits per process; the switch each way is logged once and reported through `onBackend`.
 */
export class RedisRateStore implements RateStore {
  private readonly redis: Redis;
  private readonly take$: TakeCommand;
  private readonly fallback: MemoryRateStore;
  private readonly prefix: string;
  private backend: 'redis' | 'memory' | null = null;

  constructor(private readonly options: RedisRateStoreOptions) {
    this.prefix = options.prefix ?? 'cg:rl:';
    this.fallback = options.fallback ?? new MemoryRateStore();
    this.redis = new Redis(options.url, {
      // a command while disconnected fails at once instead of queueing: the fallback answers it
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2000,
      // reconnect for ever, at most every 2 s
      retryStrategy: (attempt) => Math.min(200 * attempt, 2000),
      lazyConnect: false,
    });
    this.redis.defineCommand('rateTake', { lua: TAKE });
    this.take$ = (this.redis as unknown as { rateTake: TakeCommand }).rateTake.bind(this.redis);
    this.redis.on('ready', () => this.use('redis'));
    this.redis.on('error', (err: Error) => this.use('memory', err));
    this.redis.on('close', () => this.use('memory'));
  }

  /** Which store decides right now. */
  get current(): 'redis' | 'memory' {
    return this.backend === 'redis' ? 'redis' : 'memory';
  }

  private use(backend: 'redis' | 'memory', err?: Error): void {
    if (this.backend === backend) return;
    const first = this.backend === null;
    this.backend = backend;
    if (backend === 'redis') this.options.log.info({ backend }, 'rate limits shared through Redis');
    else if (!first || err) this.options.log.warn({ backend, err: err?.message }, 'Redis unreachable: rate limits counted in this process only until it is back');
    this.options.onBackend?.(backend);
  }

  async take(buckets: readonly Bucket[]): Promise<RateVerdict> {
    if (this.redis.status !== 'ready') {
      this.use('memory');
      return this.fallback.takeNow(buckets);
    }
    const args: (string | number)[] = buckets.map((b) => this.prefix + b.id);
    for (const b of buckets) args.push(b.spec.perSecond, b.spec.burst);
    try {
      const [bucket, wait] = await this.take$(buckets.length, ...args);
      if (this.backend !== 'redis') this.use('redis');
      return bucket === 0 ? { ok: true } : { ok: false, bucket: bucket - 1, retryAfterMs: wait };
    } catch (e) {
      this.use('memory', e as Error);
      return this.fallback.takeNow(buckets);
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
    this.redis.disconnect();
  }
}
