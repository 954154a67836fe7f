import { describe, expect, it } from 'vitest';
import { ideEnabled, loadGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('lets a benchmark turn features off outside production only', () => {
    expect(loadGatewayConfig([], { GATEWAY_BENCHMARK_DISABLE: 'auth,usage' }).benchmarkDisable).toEqual(['auth', 'usage']);
    expect(() => loadGatewayConfig([], { NODE_ENV: 'production', IDENTITY_SECRET: 'a-production-secret-0123', GATEWAY_BENCHMARK_DISABLE: 'auth' })).toThrow(/refused in production/);
  });

  it('parses subgraph URLs, timeouts and limits from the environment', () => {
    const c = loadGatewayConfig(['--port', '0'], { SUBGRAPH_URL_CART: 'http://127.0.0.1:1/graphql', SUBGRAPH_TIMEOUT_MS_CART: '250', MAX_DEPTH: '9' });
    expect(c).toMatchObject({ port: 0, subgraphUrls: { cart: 'http://127.0.0.1:1/graphql' }, subgraphTimeouts: { cart: 250 }, limits: { maxDepth: 9 } });
    expect(c.subgraphMaxResponseBytes).toBe(64 * 1024 * 1024);
    expect(loadGatewayConfig([], { SUBGRAPH_MAX_RESPONSE_BYTES: '1048576' }).subgraphMaxResponseBytes).toBe(1_048_576);
    expect(() => loadGatewayConfig([], { SUBGRAPH_MAX_RESPONSE_BYTES: '-1' })).toThrow();
    expect(() => loadGatewayConfig([], { SUBGRAPH_MAX_RESPONSE_BYTES: 'lots' })).toThrow();
  });

  it('turns the GraphQL IDE on in development, off in production unless GRAPHQL_IDE=on', () => {
    const production = { NODE_ENV: 'production', IDENTITY_SECRET: 'a-production-secret-0123' };
    expect(loadGatewayConfig([], {}).ide).toBe(true);
    expect(loadGatewayConfig([], { GRAPHQL_IDE: 'off' }).ide).toBe(false);
    expect(loadGatewayConfig([], production).ide).toBe(false);
    expect(loadGatewayConfig([], { ...production, GRAPHQL_IDE: 'on' }).ide).toBe(true);
    expect(ideEnabled({ GRAPHQL_IDE: 'TRUE' })).toBe(true);
    expect(() => loadGatewayConfig([], { GRAPHQL_IDE: 'maybe' })).toThrow(/GRAPHQL_IDE must be on or off/);
  });

  it('reads trusted proxies, Redis and the rate limits, and refuses what is no address or URL', () => {
    const c = loadGatewayConfig([], { TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1', REDIS_URL: 'redis://127.0.0.1:6390', RATE_LIMIT_CLIENT_PER_SECOND: '2.5', RATE_LIMIT_KEY_BURST: '9' });
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.1']);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(c.rateLimit).toEqual({ enabled: true, client: { perSecond: 2.5, burst: 500 }, key: { perSecond: 5000, burst: 9 } });
    expect(loadGatewayConfig([], { RATE_LIMIT: 'off' }).rateLimit.enabled).toBe(false);
    expect(() => loadGatewayConfig([], { TRUSTED_PROXIES: 'lb.internal' })).toThrow(/IP address or a CIDR range/);
    expect(() => loadGatewayConfig([], { REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/redis:\/\//);
    expect(() => loadGatewayConfig([], { RATE_LIMIT_CLIENT_BURST: '0' })).toThrow();
  });

  it('persisted-only channels: pos, kiosk and in-game in production by default, none in development, PERSISTED_ONLY_CHANNELS to change', () => {
    const production = { NODE_ENV: 'production', IDENTITY_SECRET: 'a-production-secret-0123' };
    expect(loadGatewayConfig([], production).persistedOnlyChannels).toEqual(['pos', 'kiosk', 'in-game']);
    expect(loadGatewayConfig([], {}).persistedOnlyChannels).toEqual([]);
    expect(loadGatewayConfig([], { ...production, PERSISTED_ONLY_CHANNELS: '' }).persistedOnlyChannels).toEqual([]);
    expect(loadGatewayConfig([], { PERSISTED_ONLY_CHANNELS: 'kiosk, web' }).persistedOnlyChannels).toEqual(['kiosk', 'web']);
    expect(loadGatewayConfig([], { TRUSTED_DOCUMENTS_FILE: 'x.json' }).trustedDocumentsFile).toBe('x.json');
  });
});
