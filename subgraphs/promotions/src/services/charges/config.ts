import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../../../../common/config.ts';

/**
 * Tax providers per market, read once at start from `TAX_PROVIDERS_FILE` (a JSON file) or
 * `TAX_PROVIDERS` (the same JSON):
 *   { "remote": { "<name>": { "url": "http://…", "timeoutMs": 500, "token": "…" } },
 *     "markets": { "US": "<name>" } }
 * Markets not named use the native provider (the tables). Tokens are never logged.
 */
const remote = z.strictObject({
  url: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL'),
  timeoutMs: z.number().int().positive().max(60_000).default(500),
  token: z.string().min(1).optional(),
});

export const taxProvidersSchema = z
  .strictObject({
    remote: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case name'), remote).default({}),
    markets: z.record(z.string().regex(/^[A-Z]{2}$/), z.string()).default({}),
  })
  .superRefine((c, ctx) => {
    for (const [market, name] of Object.entries(c.markets)) {
      if (name !== 'native' && !(name in c.remote)) ctx.addIssue({ code: 'custom', path: ['markets', market], message: `no tax provider named ${name}` });
    }
  });

export type TaxProvidersConfig = z.infer<typeof taxProvidersSchema>;

export function parseTaxProviders(value: unknown): TaxProvidersConfig {
  const r = taxProvidersSchema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid tax provider configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

export function loadTaxProviders(env: NodeJS.ProcessEnv): TaxProvidersConfig {
  let text = env.TAX_PROVIDERS?.trim();
  if (env.TAX_PROVIDERS_FILE) {
    try {
      text = readFileSync(env.TAX_PROVIDERS_FILE, 'utf8');
    } catch (e) {
      throw new ConfigError(`TAX_PROVIDERS_FILE: ${(e as Error).message}`);
    }
  }
  if (!text) return parseTaxProviders({});
  try {
    return parseTaxProviders(JSON.parse(text));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`Invalid tax provider configuration: ${(e as Error).message}`);
  }
}
