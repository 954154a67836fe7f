import { z } from 'zod';
import { TRACING_OFF, tracingFromEnv, type TracingConfig } from './tracing.ts';
import { isUrlList } from './replicas.ts';

/**
 * Configuration is parsed once, typed and validated. Only this module reads process.env.
 * Each service takes what it needs from `loadServiceConfig`.
 */

export const SERVICE_NAMES = ['catalog', 'cart', 'promotions', 'inventory', 'orders'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  catalog: 4001,
  cart: 4002,
  promotions: 4003,
  inventory: 4004,
  orders: 4005,
};

const DEV_SECRET = 'dev-only-identity-secret-change-me';

const serviceSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().default('127.0.0.1'),
  dataDir: z.string().default('data'),
  databaseFile: z.string().optional(),
  /** PostgreSQL URL; when set the service runs on PostgreSQL instead of its SQLite file */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** PostgreSQL schema holding the service's tables (default: the service name) */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  identitySecret: z.string().min(16),
  seed: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  production: z.boolean().default(false),
  /** service name → URL, or several replicas' URLs separated by commas (used round robin) */
  urls: z.record(z.string(), z.string().refine(isUrlList, 'must be a URL or a comma-separated list of URLs')),
  /** timeout of calls to other services, ms */
  callTimeoutMs: z.coerce.number().int().positive().default(3000),
  /** OpenTelemetry traces (common/tracing.ts): on when the OTEL_* variables name a collector */
  tracing: z.custom<TracingConfig>((v) => typeof v === 'object' && v !== null && typeof (v as TracingConfig).enabled === 'boolean').default(TRACING_OFF),
});

export type ServiceConfig = z.infer<typeof serviceSchema> & { name: ServiceName };

export class ConfigError extends Error {}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid ${what} configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

function envBool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return !['0', 'false', 'no', 'off'].includes(v.toLowerCase());
}

/** URLs of every service, from SERVICE_URL_<NAME> or the default local ports. */
export function serviceUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<ServiceName, string> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) {
    urls[name] = env[`SERVICE_URL_${name.toUpperCase()}`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  }
  return urls;
}

export function identitySecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.IDENTITY_SECRET;
  if (!secret && env.NODE_ENV === 'production') {
    throw new ConfigError('IDENTITY_SECRET must be set in production (16+ characters, the same for the gateway and every service).');
  }
  return secret ?? DEV_SECRET;
}

export function loadServiceConfig(
  name: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServiceConfig> = {},
): ServiceConfig {
  const upper = name.toUpperCase();
  const raw = {
    port: env[`${upper}_PORT`] ?? env.PORT ?? DEFAULT_PORTS[name],
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DATA_DIR ?? 'data',
    databaseFile: env[`${upper}_DATABASE_FILE`],
    databaseUrl: env[`${upper}_DATABASE_URL`] ?? env.DATABASE_URL,
    databaseSchema: env[`${upper}_DATABASE_SCHEMA`],
    identitySecret: identitySecretFromEnv(env),
    seed: envBool(env.SEED, true),
    logLevel: env.LOG_LEVEL ?? 'info',
    production: env.NODE_ENV === 'production',
    urls: serviceUrlsFromEnv(env),
    callTimeoutMs: env.SERVICE_CALL_TIMEOUT_MS ?? 3000,
    tracing: tracingFromEnv(env),
  };
  return { ...parseOrThrow(serviceSchema, { ...raw, ...overrides }, name), name };
}
