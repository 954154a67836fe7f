import { z } from 'zod';
import { isUrlList } from '../common/replicas.ts';
import { DEFAULT_LIMITS } from './guards.ts';
import { parseLabelSettings } from './executor/overrides.ts';
import { DEFAULT_PORTS, identitySecretFromEnv, SERVICE_NAMES } from '../common/config.ts';
import { ClientAddresses } from './edge/clientAddress.ts';
import { TRACING_OFF, tracingFromEnv, type TracingConfig } from '../common/tracing.ts';
import { DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES } from './executor/client.ts';

/** A token bucket: tokens per second, and how many requests may come at once after a quiet time. */
export const bucketSchema = z.object({
  perSecond: z.coerce.number().positive(),
  burst: z.coerce.number().int().min(1),
});

/** The request rate limit's defaults: per client (address, per key) and per API key. */
export const DEFAULT_RATE_LIMIT = {
  enabled: true,
  client: { perSecond: 100, burst: 500 },
  key: { perSecond: 5000, burst: 10000 },
};

/** First-party channels with a fixed set of operations (clients/*.graphql): persisted-only in production. */
export const PRODUCTION_PERSISTED_ONLY = ['pos', 'kiosk', 'in-game'];

const validProxies = (list: string[]) => {
  try {
    new ClientAddresses(list);
    return true;
  } catch {
    return false;
  }
};

export const gatewayConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string(),
  supergraphFile: z.string(),
  /** subgraph name → URL, overriding the URLs in the supergraph */
  /** subgraph name → URL, or a comma-separated list of replicas' URLs (round robin) */
  subgraphUrls: z.record(z.string(), z.string().refine(isUrlList, 'must be a URL or a comma-separated list of URLs')),
  /** per-subgraph timeout, ms (default for all: subgraphTimeoutMs) */
  subgraphTimeouts: z.record(z.string(), z.coerce.number().int().positive()),
  subgraphTimeoutMs: z.coerce.number().int().positive(),
  maxSocketsPerSubgraph: z.coerce.number().int().positive(),
  /** the largest subgraph answer read, bytes: a larger one fails that fetch (SUBGRAPH_UNAVAILABLE) instead of filling memory */
  subgraphMaxResponseBytes: z.coerce.number().int().positive().default(DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES),
  identitySecret: z.string().min(16),
  keysFile: z.string().optional(),
  /** keys as JSON in the environment (API_KEYS), the key file's format; rotated by a restart */
  keysJson: z.string().optional(),
  /**
   * Verified customers (gateway/customers.ts): where the identity system's public keys are
   * (CUSTOMER_JWKS_URL, CUSTOMER_JWKS as JSON, or CUSTOMER_JWKS_FILE) and the issuer and audience its
   * tokens must name (CUSTOMER_JWT_ISSUER, CUSTOMER_JWT_AUDIENCE). Without it no customer is known.
   */
  customerAuth: z.object({
    jwksUrl: z.url().optional(),
    jwks: z.string().optional(),
    jwksFile: z.string().optional(),
    issuer: z.string().min(1),
    audience: z.string().min(1),
  }).refine((c) => c.jwksUrl || c.jwks || c.jwksFile, { message: 'needs CUSTOMER_JWKS_URL, CUSTOMER_JWKS or CUSTOMER_JWKS_FILE' }).optional(),
  /** accept the demo keys (development only) */
  demoKeys: z.boolean(),
  production: z.boolean(),
  maxBodyBytes: z.coerce.number().int().positive(),
  /** request limits (graphql-armor); see README for the defaults */
  limits: z.object({
    maxDepth: z.coerce.number().int().positive(),
    maxAliases: z.coerce.number().int().nonnegative(),
    maxTokens: z.coerce.number().int().positive(),
    maxDirectives: z.coerce.number().int().nonnegative(),
    maxCost: z.coerce.number().int().positive(),
  }).default(DEFAULT_LIMITS),
  logLevel: z.string(),
  /** `own` (gateway/executor) or `stock` (@apollo/gateway's executor, for comparison); GATEWAY_EXECUTOR */
  executor: z.enum(['own', 'stock']).default('own'),
  /** the query planner of our executor: `apollo` (@apollo/query-planner) or `rust` (Hive Router's); GATEWAY_PLANNER */
  planner: z.enum(['apollo', 'rust']).default('apollo'),
  /** progressive override labels switched by configuration (OVERRIDE_LABELS="percent(10)=on,beta=off,percent(25)=50") */
  overrideLabels: z.record(z.string(), z.union([z.boolean(), z.number().min(0).max(100)])).default({}),
  /**
   * For benchmarks only (npm run bench:commerce measures what each feature costs): features turned
   * off with GATEWAY_BENCHMARK_DISABLE=auth,limits,usage. Without auth every request runs as one fixed
   * storefront identity and no scope or contract is checked: never in a deployment.
   */
  benchmarkDisable: z.array(z.enum(['auth', 'limits', 'usage'])).default([]),
  /**
   * The GraphQL IDE (GraphiQL, gateway/ide.ts) for a browser's GET on the gateway URL: on in
   * development, off in production unless GRAPHQL_IDE=on; GRAPHQL_IDE=off turns it off anywhere.
   */
  ide: z.boolean().default(false),
  /**
   * The marketing console (gateway/console.ts, built from console/ into console/dist) at /console/:
   * on unless MARKETING_CONSOLE=off; where its build is (MARKETING_CONSOLE_DIR)
   */
  console: z.boolean().default(true),
  consoleDir: z.string().default('console/dist'),
  /**
   * the gateway's own request path for valid operations (gateway/fastPath.ts); Apollo Server answers
   * everything else, and everything when off (GATEWAY_FAST_PATH=off)
   */
  fastPath: z.boolean().default(true),
  /** gateway processes sharing the port (node:cluster): a number or `auto` (one per core); GATEWAY_WORKERS */
  workers: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  /** proxies whose X-Forwarded-For names the client (addresses, CIDR ranges); TRUSTED_PROXIES */
  trustedProxies: z.array(z.string()).refine(validProxies, 'each entry must be an IP address or a CIDR range').default([]),
  /** Redis shared by every gateway process and replica for the rate limits; REDIS_URL (in-process without) */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** the request rate limit (gateway/edge); RATE_LIMIT=off, RATE_LIMIT_{CLIENT,KEY}_{PER_SECOND,BURST}; per key in the key file */
  rateLimit: z.object({ enabled: z.boolean(), client: bucketSchema, key: bucketSchema }).default(DEFAULT_RATE_LIMIT),
  /** OpenTelemetry traces (common/tracing.ts): on when the OTEL_* variables name a collector */
  tracing: z.custom<TracingConfig>((v) => typeof v === 'object' && v !== null && typeof (v as TracingConfig).enabled === 'boolean').default(TRACING_OFF),
  /** the trusted documents' manifest (npm run documents:compile); TRUSTED_DOCUMENTS_FILE */
  trustedDocumentsFile: z.string().default('schema/trusted-documents.json'),
  /** channels whose keys run trusted documents only (a key's `persistedOnly` overrides); PERSISTED_ONLY_CHANNELS, default pos, kiosk, in-game in production */
  persistedOnlyChannels: z.array(z.string()).default([]),
  /** field usage per client (gateway/usage.ts); USAGE_RECORDING=off turns it off */
  usage: z.object({
    enabled: z.boolean(),
    file: z.string().optional(),
    url: z.string().optional(),
    flushIntervalMs: z.coerce.number().int().positive(),
  }).default({ enabled: true, file: 'data/usage.sqlite', flushIntervalMs: 5000 }),
}).refine((c) => !(c.production && c.benchmarkDisable.length > 0), {
  message: 'GATEWAY_BENCHMARK_DISABLE turns off authentication or limits: it is refused in production (NODE_ENV=production)',
  path: ['benchmarkDisable'],
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

const OFF = ['0', 'false', 'off', 'no'];
const ON = ['1', 'true', 'on', 'yes'];

/** MARKETING_CONSOLE: on (default) or off. */
export function consoleEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.MARKETING_CONSOLE?.trim().toLowerCase();
  if (!value || ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new z.ZodError([{ code: 'custom', path: ['console'], message: `MARKETING_CONSOLE must be on or off, not "${env.MARKETING_CONSOLE}"`, input: value }]);
}

/** GRAPHQL_IDE: on, off, or unset (on in development, off with NODE_ENV=production). */
export function ideEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.GRAPHQL_IDE?.trim().toLowerCase();
  if (value && ON.includes(value)) return true;
  if (value && OFF.includes(value)) return false;
  if (value) throw new z.ZodError([{ code: 'custom', path: ['ide'], message: `GRAPHQL_IDE must be on or off, not "${env.GRAPHQL_IDE}"`, input: value }]);
  return env.NODE_ENV !== 'production';
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/** Gateway configuration from the command line and the environment, parsed once. */
export function loadGatewayConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Record<string, string> = {};
  const subgraphTimeouts: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const url = /^SUBGRAPH_URL_(.+)$/.exec(k);
    if (url && v) subgraphUrls[url[1].toLowerCase()] = v;
    const t = /^SUBGRAPH_TIMEOUT_MS_(.+)$/.exec(k);
    if (t && v) subgraphTimeouts[t[1].toLowerCase()] = v;
  }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--subgraph' && argv[i + 1]) {
      const [name, url] = argv[i + 1].split('=');
      subgraphUrls[name] = url;
    }
  }
  const production = env.NODE_ENV === 'production';
  return gatewayConfigSchema.parse({
    port: argValue(argv, '--port') ?? env.GATEWAY_PORT ?? env.PORT ?? DEFAULT_PORTS.gateway,
    host: env.HOST ?? '127.0.0.1',
    supergraphFile: argValue(argv, '--supergraph') ?? env.SUPERGRAPH_FILE ?? 'schema/supergraph.graphql',
    subgraphUrls,
    subgraphTimeouts,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS ?? 5000,
    maxSocketsPerSubgraph: env.SUBGRAPH_MAX_SOCKETS ?? 64,
    subgraphMaxResponseBytes: env.SUBGRAPH_MAX_RESPONSE_BYTES,
    identitySecret: identitySecretFromEnv(env),
    keysFile: env.API_KEYS_FILE,
    keysJson: env.API_KEYS,
    customerAuth: env.CUSTOMER_JWKS_URL || env.CUSTOMER_JWKS || env.CUSTOMER_JWKS_FILE || env.CUSTOMER_JWT_ISSUER
      ? { jwksUrl: env.CUSTOMER_JWKS_URL, jwks: env.CUSTOMER_JWKS, jwksFile: env.CUSTOMER_JWKS_FILE, issuer: env.CUSTOMER_JWT_ISSUER, audience: env.CUSTOMER_JWT_AUDIENCE }
      : undefined,
    demoKeys: env.DEMO_KEYS ? !['0', 'false', 'off'].includes(env.DEMO_KEYS) : !production,
    production,
    maxBodyBytes: env.MAX_BODY_BYTES ?? 1_000_000,
    limits: {
      maxDepth: env.MAX_DEPTH ?? DEFAULT_LIMITS.maxDepth,
      maxAliases: env.MAX_ALIASES ?? DEFAULT_LIMITS.maxAliases,
      maxTokens: env.MAX_TOKENS ?? DEFAULT_LIMITS.maxTokens,
      maxDirectives: env.MAX_DIRECTIVES ?? DEFAULT_LIMITS.maxDirectives,
      maxCost: env.MAX_COST ?? DEFAULT_LIMITS.maxCost,
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    executor: env.GATEWAY_EXECUTOR,
    planner: env.GATEWAY_PLANNER,
    overrideLabels: parseLabelSettings(env.OVERRIDE_LABELS),
    benchmarkDisable: env.GATEWAY_BENCHMARK_DISABLE?.split(',').map((f) => f.trim()).filter(Boolean),
    workers: env.GATEWAY_WORKERS,
    fastPath: !OFF.includes((env.GATEWAY_FAST_PATH ?? 'on').trim().toLowerCase()),
    ide: ideEnabled(env),
    console: consoleEnabled(env),
    consoleDir: env.MARKETING_CONSOLE_DIR ?? 'console/dist',
    trustedProxies: env.TRUSTED_PROXIES?.split(',').map((p) => p.trim()).filter(Boolean),
    redisUrl: env.REDIS_URL || undefined,
    trustedDocumentsFile: env.TRUSTED_DOCUMENTS_FILE,
    tracing: tracingFromEnv(env),
    persistedOnlyChannels: (env.PERSISTED_ONLY_CHANNELS ?? (production ? PRODUCTION_PERSISTED_ONLY.join(',') : '')).split(',').map((c) => c.trim()).filter(Boolean),
    rateLimit: {
      enabled: !OFF.includes((env.RATE_LIMIT ?? 'on').trim().toLowerCase()),
      client: { perSecond: env.RATE_LIMIT_CLIENT_PER_SECOND ?? DEFAULT_RATE_LIMIT.client.perSecond, burst: env.RATE_LIMIT_CLIENT_BURST ?? DEFAULT_RATE_LIMIT.client.burst },
      key: { perSecond: env.RATE_LIMIT_KEY_PER_SECOND ?? DEFAULT_RATE_LIMIT.key.perSecond, burst: env.RATE_LIMIT_KEY_BURST ?? DEFAULT_RATE_LIMIT.key.burst },
    },
    usage: {
      enabled: !['0', 'false', 'off', 'no'].includes((env.USAGE_RECORDING ?? 'on').toLowerCase()),
      file: env.USAGE_DATABASE_FILE ?? `${env.DATA_DIR ?? 'data'}/usage.sqlite`,
      url: env.USAGE_DATABASE_URL,
      flushIntervalMs: env.USAGE_FLUSH_MS ?? 5000,
    },
  });
}

export const KNOWN_SUBGRAPHS = SERVICE_NAMES;
