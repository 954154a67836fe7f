import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEMO_KEYS } from '../common/demo.ts';
import type { Identity } from '../common/identity.ts';
import { bucketSchema } from './config.ts';
import type { RateLimitSettings } from './edge/rateLimit.ts';

/**
 * Channel credentials. Keys are stored as SHA-256 hashes; the plain key is never kept.
 * A key file is JSON: [{ "id", "sha256" (hex) or "key" (plain, hashed on load), "channel", "scopes", "markets" }].
 */
const entrySchema = z.object({
  id: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  key: z.string().min(8).optional(),
  channel: z.string().min(1),
  scopes: z.array(z.string()),
  markets: z.array(z.string()).default([]),
  /** stock locations a point-of-sale key sells from ('*' = all) */
  locations: z.array(z.string()).default([]),
  /** this key's request rate limits (token buckets), instead of the gateway's defaults */
  rateLimit: z.object({ client: bucketSchema.optional(), key: bucketSchema.optional() }).optional(),
  /** runs trusted documents only (default: whether its channel is in PERSISTED_ONLY_CHANNELS) */
  persistedOnly: z.boolean().optional(),
}).refine((e) => e.sha256 || e.key, { message: 'each key needs sha256 or key' });

export interface KeyEntry {
  id: string;
  hash: Buffer;
  channel: string;
  scopes: string[];
  markets: string[];
  locations: string[];
  rateLimit?: Partial<RateLimitSettings>;
  persistedOnly?: boolean;
}

/** Scopes a key can never carry: `service` belongs to tokens services narrow for each other. */
const INTERNAL_SCOPES = new Set(['service']);

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export function parseKeyFile(text: string): KeyEntry[] {
  const entries = z.array(entrySchema).parse(JSON.parse(text));
  return entries.map((e) => ({
    id: e.id,
    hash: e.sha256 ? Buffer.from(e.sha256, 'hex') : hashKey(e.key!),
    channel: e.channel,
    scopes: e.scopes.filter((s) => !INTERNAL_SCOPES.has(s)),
    markets: e.markets,
    locations: e.locations,
    ...(e.rateLimit ? { rateLimit: e.rateLimit } : {}),
    ...(e.persistedOnly !== undefined ? { persistedOnly: e.persistedOnly } : {}),
  }));
}

export function demoKeys(): KeyEntry[] {
  // ids name the key without containing it: ids are logged and recorded, keys never are
  return DEMO_KEYS.map((k) => ({ id: k.id, hash: hashKey(k.key), channel: k.channel, scopes: k.scopes, markets: k.markets, locations: k.locations }));
}

/** Looks keys up by hash in constant time per entry. Reloadable without restart. */
export class KeyStore {
  private entries: KeyEntry[];
  constructor(entries: KeyEntry[], private readonly file?: string) {
    this.entries = entries;
  }

  static fromFile(file: string): KeyStore {
    return new KeyStore(parseKeyFile(readFileSync(file, 'utf8')), file);
  }

  /**
   * Re-reads the key file (rotation without restart; `kill -HUP` the gateway). A file that cannot be
   * read or parsed changes nothing: the keys in use stay, and the error is returned for the log.
   */
  reload(): { ok: true; keys: number } | { ok: false; error: string } {
    if (!this.file) return { ok: false, error: 'keys do not come from a file (API_KEYS_FILE)' };
    try {
      this.entries = parseKeyFile(readFileSync(this.file, 'utf8'));
      return { ok: true, keys: this.entries.length };
    } catch (e) {
      const error = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
      return { ok: false, error };
    }
  }

  /** A key's own rate limits from the key file, if it has any. */
  rateLimitOf(keyId: string): Partial<RateLimitSettings> | undefined {
    return this.entries.find((e) => e.id === keyId)?.rateLimit;
  }

  /** Whether the key file marks a key persisted-only (undefined: its channel decides). */
  persistedOnlyOf(keyId: string): boolean | undefined {
    return this.entries.find((e) => e.id === keyId)?.persistedOnly;
  }

  get size(): number {
    return this.entries.length;
  }

  identify(key: string | undefined): Identity | null {
    if (!key) return null;
    const h = hashKey(key);
    const entry = this.entries.find((e) => e.hash.length === h.length && timingSafeEqual(e.hash, h));
    if (!entry) return null;
    return { keyId: entry.id, channel: entry.channel, scopes: entry.scopes, markets: entry.markets, locations: entry.locations };
  }
}

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers['authorization'];
  const value = Array.isArray(auth) ? auth[0] : auth;
  if (value) {
    const m = /^(?:Bearer|ApiKey)\s+(.+)$/i.exec(value.trim());
    return m ? m[1].trim() : value.trim();
  }
  const x = headers['x-api-key'];
  return (Array.isArray(x) ? x[0] : x)?.trim() || undefined;
}

/** The gateway's keys: the key file (API_KEYS_FILE, reloadable), else API_KEYS (JSON), else the demo keys when allowed. */
export function keyStoreFromConfig(config: { keysFile?: string; keysJson?: string; demoKeys: boolean }): KeyStore {
  try {
    if (config.keysFile) return KeyStore.fromFile(config.keysFile);
    if (config.keysJson) return new KeyStore(parseKeyFile(config.keysJson));
  } catch (e) {
    const detail = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    throw new Error(`Invalid API keys (${config.keysFile ? `file ${config.keysFile}` : 'API_KEYS'}): ${detail}`);
  }
  return new KeyStore(config.demoKeys ? demoKeys() : []);
}
