import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('lets a benchmark turn features off outside production only', () => {
    expect(loadGatewayConfig([], { GATEWAY_BENCHMARK_DISABLE: 'auth,usage' }).benchmarkDisable).toEqual(['auth', 'usage']);
    expect(() => loadGatewayConfig([], { NODE_ENV: 'production', IDENTITY_SECRET: 'a-production-secret-0123', GATEWAY_BENCHMARK_DISABLE: 'auth' })).toThrow(/refused in production/);
  });

  it('parses subgraph URLs, timeouts and limits from the environment', () => {
    const c = loadGatewayConfig(['--port', '0'], { SUBGRAPH_URL_CART: 'http://127.0.0.1:1/graphql', SUBGRAPH_TIMEOUT_MS_CART: '250', MAX_DEPTH: '9' });
    expect(c).toMatchObject({ port: 0, subgraphUrls: { cart: 'http://127.0.0.1:1/graphql' }, subgraphTimeouts: { cart: 250 }, limits: { maxDepth: 9 } });
  });
});
