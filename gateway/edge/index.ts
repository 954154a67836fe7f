import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../common/log.ts';
import type { Metrics } from '../../common/metrics.ts';
import { ClientAddresses } from './clientAddress.ts';
import { MemoryRateStore, RequestRateLimiter, type RateLimitSettings, type RateStore } from './rateLimit.ts';
import { RedisRateStore } from './redisRateStore.ts';

export interface EdgeConfig {
  /** addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed */
  trustedProxies: string[];
  /** shared counters for every gateway process and replica; in-process without */
  redisUrl?: string;
  rateLimit: { enabled: boolean } & RateLimitSettings;
}

export interface Edge {
  /** the client's address (gateway/edge/clientAddress.ts) */
  clientOf(req: IncomingMessage): string;
  /** the request rate limit, or null when it is off */
  limiter: RequestRateLimiter | null;
  close(): Promise<void>;
}

/**
 * What the gateway does with a request before GraphQL: who the client is, and whether its client
 * and its key may send another request now. Counters live in Redis when REDIS_URL is set.
 */
export function createEdge(config: EdgeConfig, options: { log: Logger; metrics: Metrics; settingsOf: (keyId: string) => Partial<RateLimitSettings> | undefined }): Edge {
  const clients = new ClientAddresses(config.trustedProxies);
  const clientOf = (req: IncomingMessage) => clients.of(req);
  if (!config.rateLimit.enabled) return { clientOf, limiter: null, close: async () => {} };
  const { metrics, log } = options;
  const limited = metrics.counter('gateway_rate_limited_total', 'Requests refused by the request rate limit (HTTP 429), by bucket', ['bucket']);
  const fallbacks = metrics.counter('gateway_rate_limit_fallbacks_total', 'Times the rate limits fell back to in-process counting because Redis was unreachable', []);
  let store: RateStore;
  if (config.redisUrl) {
    const redis = new RedisRateStore({ url: config.redisUrl, log, onBackend: (b) => b === 'memory' && fallbacks.inc() });
    store = redis;
    metrics.gauge('gateway_rate_limit_backend', 'Where the rate limits are counted right now (1 = in use): redis, or memory (this process only)', ['backend'], async () => [
      { labels: { backend: 'redis' }, value: redis.current === 'redis' ? 1 : 0 },
      { labels: { backend: 'memory' }, value: redis.current === 'memory' ? 1 : 0 },
    ]);
  } else {
    store = new MemoryRateStore();
    metrics.gauge('gateway_rate_limit_backend', 'Where the rate limits are counted right now (1 = in use): redis, or memory (this process only)', ['backend'], async () => [
      { labels: { backend: 'memory' }, value: 1 },
    ]);
  }
  const limiter = new RequestRateLimiter(store, config.rateLimit, options.settingsOf, (bucket) => limited.inc({ bucket }));
  return { clientOf, limiter, close: () => limiter.close() };
}
