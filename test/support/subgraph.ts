import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig, type ServiceConfig, type ServiceName } from '../../common/config.ts';
import { signIdentity, type Identity } from '../../common/identity.ts';
import { rootFieldsOf } from '../../common/rootFields.ts';
import { createLogger } from '../../common/log.ts';

export const TEST_SECRET = 'test-identity-secret-0123456789';

/**
 * A service config for tests: port 0, a fresh temporary data dir, quiet logs, service calls that time
 * out only when something hangs (a loaded machine is slow; tests of timeouts set their own). With
 * TEST_DATABASE_URL set, the service runs on PostgreSQL in a fresh schema instead of SQLite.
 */
export function testConfig(name: ServiceName, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const pgUrl = process.env.TEST_DATABASE_URL;
  return loadServiceConfig(name, {}, {
    ...(pgUrl ? { databaseUrl: pgUrl, databaseSchema: `t_${name}_${randomBytes(6).toString('hex')}` } : {}),
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), `cg-${name}-`)),
    identitySecret: TEST_SECRET,
    logLevel: 'silent',
    callTimeoutMs: 60_000,
    ...overrides,
  });
}

export const quietLog = createLogger('test', 'silent');

export const identities = {
  web: { keyId: 'k-web', channel: 'web', scopes: ['storefront'], markets: [] },
  pos: { keyId: 'k-pos', channel: 'pos', scopes: ['storefront', 'pos'], markets: [] },
  kiosk: { keyId: 'k-kiosk', channel: 'kiosk', scopes: ['storefront'], markets: [] },
  marketing: { keyId: 'k-mkt', channel: 'marketing', scopes: ['marketing', 'catalog:write'], markets: ['*'] },
  marketingDE: { keyId: 'k-mkt-de', channel: 'marketing', scopes: ['marketing'], markets: ['DE'] },
  operations: { keyId: 'k-ops', channel: 'operations', scopes: ['operations', 'marketing', 'catalog:write', 'pos', 'preview'], markets: ['*'] },
  /** another service's own identity: internal fields only (narrowed to the call's root fields by callSubgraph) */
  service: { keyId: 'service:test', channel: 'service', scopes: ['service'], markets: [], via: 'test' },
} satisfies Record<string, Identity>;

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** Posts a GraphQL request to a subgraph with a signed identity (or none). */
export async function callSubgraph<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = identities.service,
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity) {
    // like GraphClient: a service's token is narrowed to the root fields of its call
    const narrowed = identity.scopes.includes('service') && !identity.fields ? { ...identity, fields: rootFieldsOf(query) } : identity;
    headers['x-commerce-identity'] = signIdentity(narrowed, TEST_SECRET);
  }
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GqlResponse<T>;
  return { ...body, status: res.status };
}
