import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The caller's identity, established by the gateway from an API key and forwarded to subgraphs in
 * a signed header. Subgraphs trust only a valid signature: a subgraph reached directly without it
 * refuses. Services calling each other sign their own identity (channel `service`).
 */
export interface Identity {
  /** key id (never the key itself) */
  keyId: string;
  channel: string;
  scopes: string[];
  /** markets a marketer may manage; empty = none, ['*'] = all */
  markets: string[];
  /** optional preview instant (ISO) allowed by the gateway */
  previewAt?: string;
  /** request id for logs */
  requestId?: string;
}

export const IDENTITY_HEADER = 'x-commerce-identity';
export const REQUEST_ID_HEADER = 'x-request-id';

export type Scope = 'storefront' | 'pos' | 'marketing' | 'catalog:write' | 'operations' | 'preview' | 'service';

const MAX_AGE_MS = 5 * 60_000;

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

export function signIdentity(identity: Identity, secret: string, now = Date.now()): string {
  const payload = b64(JSON.stringify({ ...identity, iat: now }));
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

/** Returns the identity or null when the header is missing, forged or too old. */
export function verifyIdentity(header: string | undefined | null, secret: string, now = Date.now()): Identity | null {
  if (!header) return null;
  const dot = header.indexOf('.');
  if (dot <= 0) return null;
  const payload = header.slice(0, dot);
  const mac = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(payload).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Identity & { iat: number };
    if (typeof parsed.iat !== 'number' || Math.abs(now - parsed.iat) > MAX_AGE_MS) return null;
    if (typeof parsed.channel !== 'string' || !Array.isArray(parsed.scopes)) return null;
    const { iat: _iat, ...identity } = parsed;
    return { ...identity, markets: Array.isArray(identity.markets) ? identity.markets : [] };
  } catch {
    return null;
  }
}

export function hasScope(identity: Identity | null | undefined, scope: Scope): boolean {
  if (!identity) return false;
  return identity.scopes.includes(scope) || identity.scopes.includes('service');
}

export function mayManageMarket(identity: Identity | null | undefined, market: string): boolean {
  if (!identity) return false;
  if (identity.scopes.includes('service')) return true;
  return identity.markets.includes('*') || identity.markets.includes(market);
}

export const serviceIdentity = (name: string): Identity => ({
  keyId: `service:${name}`,
  channel: 'service',
  scopes: ['service'],
  markets: ['*'],
});
