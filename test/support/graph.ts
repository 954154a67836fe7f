import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../common/clock.ts';
import type { Logger } from '../../common/log.ts';
import type { TracingConfig } from '../../common/tracing.ts';
import { REQUEST_ID_HEADER } from '../../common/identity.ts';
import { SERVICE_NAMES, type ServiceName } from '../../common/config.ts';
import type { RunningService } from '../../common/service.ts';
import { DEFAULT_RATE_LIMIT, gatewayConfigSchema } from '../../gateway/config.ts';
import { DEMO_AUDIENCE, DEMO_ISSUER, generateDemoIssuerKeys, mintCustomerToken } from '../../gateway/demoIssuer.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import { startCart } from '../../subgraphs/cart/server.ts';
import { startCatalog } from '../../subgraphs/catalog/server.ts';
import { startInventory } from '../../subgraphs/inventory/server.ts';
import { startOrders } from '../../subgraphs/orders/server.ts';
import { startPromotions } from '../../subgraphs/promotions/server.ts';
import { TEST_PROVIDER_TIMEOUT_MS } from './promotions.ts';
import { quietLog, TEST_SECRET, testConfig } from './subgraph.ts';

export interface TestGraph {
  gateway: RunningGateway;
  services: Record<ServiceName, RunningService>;
  url: string;
  /** POSTs a GraphQL request through the gateway with a demo key */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null, headers?: Record<string, string>): Promise<{ status: number; data?: T; errors?: any[] }>;
  /**
   * How many subgraph requests carried this request id (x-request-id: the gateway forwards the
   * caller's to every subgraph call it makes for that request). "The gateway called no subgraph for
   * this request", whatever the services do in the background meanwhile (follow-up tasks, relays).
   */
  subgraphCalls(requestId: string): number;
  /** a token of the test identity system for this customer, signed in (send as x-customer-token) */
  customerToken(customerId: string, options?: { expiresIn?: string; issuer?: string; audience?: string }): Promise<string>;
  /** headers of a signed-in customer: `{ 'x-customer-token': … }` */
  asCustomer(customerId: string): Promise<Record<string, string>>;
  /** another gateway over the same subgraphs, with the same settings and these overrides (stopped with the graph) */
  startAnotherGateway(overrides: Record<string, unknown>): Promise<RunningGateway>;
  stop(): Promise<void>;
}

export const KEYS = {
  web: 'demo-web-key',
  pos: 'demo-pos-key',
  kiosk: 'demo-kiosk-key',
  inGame: 'demo-ingame-key',
  marketing: 'demo-marketing-key',
  marketingDE: 'demo-marketing-de-key',
  operations: 'demo-operations-key',
};

/**
 * Starts the five subgraphs and the gateway in this process on free ports, with fresh databases
 * (SQLite, or PostgreSQL schemas when TEST_DATABASE_URL is set). With `replicas: N`, N instances
 * of every subgraph share one database and are used round robin by the gateway and each other.
 */
export async function startTestGraph(
  options: {
    clock?: Clock;
    promotionsOptions?: Record<string, unknown>;
    cartOptions?: Record<string, unknown>;
    catalogOptions?: Record<string, unknown>;
    inventoryOptions?: Record<string, unknown>;
    ordersOptions?: Record<string, unknown>;
    replicas?: number;
    gatewayOverrides?: Record<string, unknown>;
    log?: Logger;
    /** OpenTelemetry for the gateway and every service (common/tracing.ts) */
    tracing?: TracingConfig;
  } = {},
): Promise<TestGraph> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cg-graph-'));
  const urls: Record<string, string> = {};
  const replicas = options.replicas ?? 1;
  const log = options.log ?? quietLog;
  const common = { clock: options.clock, log };
  const services = {} as Record<ServiceName, RunningService>;
  const extra: RunningService[] = [];
  const starters: Record<ServiceName, (config: ReturnType<typeof testConfig>) => Promise<RunningService>> = {
    catalog: (config) => startCatalog({ config, ...common, inventoryUrl: () => urls.inventory, ...options.catalogOptions }),
    inventory: (config) => startInventory({ config, ...common, ...options.inventoryOptions }),
    promotions: (config) => startPromotions({ config, ...common, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS, ...options.promotionsOptions }),
    cart: (config) => startCart({ config, ...common, ...options.cartOptions }),
    orders: (config) => startOrders({ config, ...common, taskIntervalMs: 200, ...options.ordersOptions }),
  };
  // dependency order: the cart and orders call the others; the first replica seeds, the rest join
  for (const name of ['catalog', 'inventory', 'promotions', 'cart', 'orders'] as const) {
    const config = testConfig(name, { dataDir, urls, ...(options.tracing ? { tracing: options.tracing } : {}) });
    services[name] = await starters[name](config);
    const all = [services[name]];
    for (let i = 1; i < replicas; i++) all.push(await starters[name](config));
    extra.push(...all.slice(1));
    urls[name] = all.map((s) => s.url).join(',');
  }

  const callsByRequest = new Map<string, number>();
  for (const s of [...Object.values(services), ...extra]) {
    s.server.on('request', (req: IncomingMessage) => {
      const id = req.headers[REQUEST_ID_HEADER];
      if (typeof id === 'string') callsByRequest.set(id, (callsByRequest.get(id) ?? 0) + 1);
    });
  }

  // the shop's identity system, as the tests see it: a key pair whose public half the gateway trusts
  const issuer = await generateDemoIssuerKeys();
  const gatewayConfig = (overrides: Record<string, unknown> = {}) => gatewayConfigSchema.parse({
    port: 0,
    host: '127.0.0.1',
    supergraphFile: 'schema/supergraph.graphql',
    subgraphUrls: urls,
    subgraphTimeouts: {},
    // only a hang reaches it: a loaded machine is slow, not down (tests of timeouts set their own)
    subgraphTimeoutMs: 60_000,
    maxSocketsPerSubgraph: 32,
    identitySecret: TEST_SECRET,
    demoKeys: true,
    production: false,
    maxBodyBytes: 1_000_000,
    usage: { enabled: true, file: join(dataDir, 'usage.sqlite'), flushIntervalMs: 200 },
    customerAuth: { jwks: JSON.stringify({ keys: [issuer.publicJwk] }), issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE },
    // tests send many requests at once from one address: the request rate limit has tests of its own
    rateLimit: { ...DEFAULT_RATE_LIMIT, enabled: false },
    ...(options.tracing ? { tracing: options.tracing } : {}),
    ...options.gatewayOverrides,
    ...overrides,
    logLevel: 'silent',
  });
  const gateway = await startGateway(gatewayConfig(), { log });
  const moreGateways: RunningGateway[] = [];

  return {
    gateway,
    services,
    url: gateway.url,
    async gql(query, variables = {}, key = KEYS.web, headers = {}) {
      const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
      if (key) h.authorization = `Bearer ${key}`;
      const res = await fetch(gateway.url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, ...body };
    },
    subgraphCalls: (requestId) => callsByRequest.get(requestId) ?? 0,
    customerToken: (customerId, tokenOptions) => mintCustomerToken(issuer, customerId, tokenOptions),
    async asCustomer(customerId) {
      return { 'x-customer-token': await mintCustomerToken(issuer, customerId) };
    },
    async startAnotherGateway(overrides) {
      const another = await startGateway(gatewayConfig(overrides), { log });
      moreGateways.push(another);
      return another;
    },
    async stop() {
      for (const another of moreGateways) await another.stop();
      await gateway.stop();
      for (const s of extra) {
        await s.stop();
        await s.db.close();
      }
      for (const name of [...SERVICE_NAMES].reverse()) {
        await services[name].stop();
        await services[name].db.close();
      }
    },
  };
}
