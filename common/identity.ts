import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The caller's identity, established by the gateway from an API key (and, when the shopper signed in,
 * a verified customer token) and forwarded to subgraphs in a signed header. Subgraphs trust only a
 * valid, unexpired signature: a subgraph reached directly without it refuses.
 *
 * A service calling another forwards the caller's identity narrowed to that one call: addressed to
 * the called service (`aud`), usable only for the root fields the call selects (`fields`), bound to
 * the request id and valid for a few seconds. The `service` scope grants the internal (`@inaccessible`)
 * fields only, and only inside such a narrowed token; it never stands for another scope or market.
 */
export interface Identity {
  /** key id (never the key itself) */
  keyId: string;
  channel: string;
  scopes: string[];
  /** markets a key may act in (marketing, catalog, point of sale); empty = none, ['*'] = all */
  markets: string[];
  /** stock locations a point-of-sale key may sell from; absent = none, ['*'] = all */
  locations?: string[];
  /** the signed-in customer, verified by the gateway from the shop's identity system; absent for a guest */
  customerId?: string;
  /** the client's address as the gateway saw it (limits per client, not only per key) */
  client?: string;
  /** optional preview instant (ISO) allowed by the gateway */
  previewAt?: string;
  /** request id for logs (and the request a forwarded token is bound to) */
  requestId?: string;
  /** set on a token a service signed for a call to another service: the calling service */
  via?: string;
  /** the service a forwarded token is addressed to */
  aud?: string;
  /** the root fields a forwarded token may be used for */
  fields?: string[];
}

export const IDENTITY_HEADER = 'x-commerce-identity';
export const REQUEST_ID_HEADER = 'x-request-id';

export type Scope = 'storefront' | 'pos' | 'marketing' | 'catalog:write' | 'operations' | 'preview' | 'service';

/** How long the gateway's token for one request is valid (covers every subgraph call of the request). */
export const GATEWAY_TOKEN_TTL_MS = 30_000;
/** How long a token one service signs for one call to another is valid. */
export const SERVICE_TOKEN_TTL_MS = 10_000;
/** No token is accepted that claims to live longer than this, whoever signed it. */
const MAX_TTL_MS = 60_000;
/** Tolerated clock difference between processes. */
const SKEW_MS = 5_000;

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

export interface SignOptions {
  now?: number;
  ttlMs?: number;
}

export function signIdentity(identity: Identity, secret: string, options: SignOptions = {}): string {
  const now = options.now ?? Date.now();
  const ttl = Math.min(options.ttlMs ?? GATEWAY_TOKEN_TTL_MS, MAX_TTL_MS);
  const payload = b64(JSON.stringify({ ...identity, iat: now, exp: now + ttl }));
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${mac}`;
}

export interface VerifyOptions {
  now?: number;
  /** the verifying service: a token addressed to another service is refused */
  audience?: string;
}

/** Returns the identity or null when the header is missing, forged, expired or addressed to another service. */
export function verifyIdentity(header: string | undefined | null, secret: string, options: VerifyOptions = {}): Identity | null {
  if (!header) return null;
  const now = options.now ?? Date.now();
  const dot = header.indexOf('.');
  if (dot <= 0) return null;
  const payload = header.slice(0, dot);
  const mac = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(payload).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Identity & { iat: number; exp: number };
    if (typeof parsed.iat !== 'number' || typeof parsed.exp !== 'number') return null;
    if (parsed.iat > now + SKEW_MS || now > parsed.exp || parsed.exp - parsed.iat > MAX_TTL_MS) return null;
    if (typeof parsed.channel !== 'string' || !Array.isArray(parsed.scopes)) return null;
    if (parsed.aud !== undefined && parsed.aud !== options.audience) return null;
    // the service scope exists only on a token narrowed to one call between services
    if (parsed.scopes.includes('service') && !(parsed.via && Array.isArray(parsed.fields))) return null;
    const { iat: _iat, exp: _exp, ...identity } = parsed;
    return { ...identity, markets: Array.isArray(identity.markets) ? identity.markets : [] };
  } catch {
    return null;
  }
}

/** The caller's key has this scope. `service` is not a wildcard: it is one scope among others. */
export function hasScope(identity: Identity | null | undefined, scope: Scope): boolean {
  if (!identity) return false;
  return identity.scopes.includes(scope);
}

/** A call from another service, on a token narrowed to this call (internal fields). */
export function isServiceCall(identity: Identity | null | undefined): boolean {
  return !!identity && identity.scopes.includes('service') && !!identity.via;
}

export function mayManageMarket(identity: Identity | null | undefined, market: string): boolean {
  if (!identity) return false;
  return identity.markets.includes('*') || identity.markets.includes(market);
}

/** A point-of-sale key may sell from the locations it lists ('*' = all). */
export function maySellFromLocation(identity: Identity | null | undefined, location: string): boolean {
  if (!identity?.locations) return false;
  return identity.locations.includes('*') || identity.locations.includes(location);
}

/** A service's own identity, for work no caller asked for (background tasks): internal fields only. */
export const serviceIdentity = (name: string): Identity => ({
  keyId: `service:${name}`,
  channel: 'service',
  scopes: ['service'],
  markets: [],
});
