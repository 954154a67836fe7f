import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../../../../../common/config.ts';

/**
 * Configuration of the remote promotion engines (Talon.One, commercetools). A provider is registered
 * only when its section is present. Read once at start from `PROMOTION_PROVIDERS_FILE` (a JSON file)
 * or `PROMOTION_PROVIDERS` (the same JSON in the environment). Secrets (API keys, client secrets) are
 * never logged: describeRemoteConfig() is what may be logged.
 */
const market = z.string().regex(/^[A-Z]{2}$/, 'must be a market code such as FR');
const httpUrl = z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL');
const transport = {
  /** per HTTP call; the evaluation's time budget still bounds the whole call */
  timeoutMs: z.number().int().positive().max(60_000).default(1000),
  /** keep-alive sockets per engine */
  maxSockets: z.number().int().positive().max(1024).default(32),
  /** attempts of one call on 429, 5xx and network errors (the time budget still applies) */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** first retry delay; doubles per attempt; a Retry-After header wins when it fits the budget */
  retryBaseMs: z.number().int().min(0).max(10_000).default(25),
};

export const talonConfigSchema = z
  .object({
    /** the deployment's base URL, e.g. https://yourbaseurl.talon.one (no trailing slash needed) */
    baseUrl: httpUrl,
    /** one Application per market, each with its Integration API key */
    applications: z.record(market, z.object({ apiKey: z.string().min(8, 'must be an Integration API key') })),
    /** optional SKU → category sent with cart items (the catalog has no categories) */
    categories: z.record(z.string(), z.string()).default({}),
    ...transport,
  })
  .strict();

/** A postal address as commercetools takes it (BaseAddress): the country is required, the rest optional. */
const commercetoolsAddress = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FR'),
    streetName: z.string().max(200).optional(),
    streetNumber: z.string().max(50).optional(),
    postalCode: z.string().max(50).optional(),
    city: z.string().max(200).optional(),
    region: z.string().max(200).optional(),
    state: z.string().max(200).optional(),
    company: z.string().max(200).optional(),
  })
  .strict();

export const commercetoolsConfigSchema = z
  .object({
    /** API URL of the region, e.g. https://api.europe-west1.gcp.commercetools.com */
    apiUrl: httpUrl,
    /** auth URL of the region, e.g. https://auth.europe-west1.gcp.commercetools.com */
    authUrl: httpUrl,
    projectKey: z.string().regex(/^[a-z0-9_-]{2,36}$/, 'must be a commercetools project key'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.array(z.string()).default([]),
    /**
     * One Store per market (and the country set on the shadow carts). commercetools creates an order
     * only from a cart with a shipping address: a cart without one (pickup, kiosk, in-game …) gets
     * the address of its location (`locations`, by location id) or else the market's `address`.
     */
    markets: z.record(
      market,
      z
        .object({
          storeKey: z.string().regex(/^[A-Za-z0-9_-]{2,256}$/),
          country: z.string().regex(/^[A-Z]{2}$/).optional(),
          address: commercetoolsAddress.optional(),
          locations: z.record(z.string().min(1).max(200), commercetoolsAddress).default({}),
        })
        .strict(),
    ),
    /** the locale of cart discount names */
    locale: z.string().default('en'),
    ...transport,
  })
  .strict();

export const remoteProvidersSchema = z
  .object({
    talon: talonConfigSchema.optional(),
    commercetools: commercetoolsConfigSchema.optional(),
  })
  .strict();

export type TalonConfig = z.infer<typeof talonConfigSchema>;
export type CommercetoolsConfig = z.infer<typeof commercetoolsConfigSchema>;
export type CommercetoolsAddress = z.infer<typeof commercetoolsAddress>;
export type CommercetoolsMarket = CommercetoolsConfig['markets'][string];
export type RemoteProvidersConfig = z.infer<typeof remoteProvidersSchema>;

/** Validates a configuration object (from a file, the environment or a test); throws ConfigError naming the fields. */
export function parseRemoteProviders(input: unknown): RemoteProvidersConfig {
  const r = remoteProvidersSchema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid promotion providers configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Reads PROMOTION_PROVIDERS_FILE or PROMOTION_PROVIDERS; none → no remote engine. */
export function loadRemoteProviders(env: NodeJS.ProcessEnv): RemoteProvidersConfig {
  let text: string | undefined;
  if (env.PROMOTION_PROVIDERS_FILE?.trim()) {
    try {
      text = readFileSync(env.PROMOTION_PROVIDERS_FILE, 'utf8');
    } catch (e) {
      throw new ConfigError(`Invalid promotion providers configuration:\n  PROMOTION_PROVIDERS_FILE: cannot read ${env.PROMOTION_PROVIDERS_FILE} (${(e as NodeJS.ErrnoException).code})`);
    }
  } else if (env.PROMOTION_PROVIDERS?.trim()) {
    text = env.PROMOTION_PROVIDERS;
  }
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError('Invalid promotion providers configuration:\n  (root): not valid JSON');
  }
  return parseRemoteProviders(json);
}

/** What may be logged about the configuration: engines, URLs and markets, never keys or secrets. */
export function describeRemoteConfig(config: RemoteProvidersConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (config.talon) out.talon = { baseUrl: config.talon.baseUrl, markets: Object.keys(config.talon.applications).sort() };
  if (config.commercetools) {
    const c = config.commercetools;
    out.commercetools = { apiUrl: c.apiUrl, projectKey: c.projectKey, markets: Object.keys(c.markets).sort() };
  }
  return out;
}
