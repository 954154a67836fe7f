import { z } from 'zod';
import { ConfigError } from '../config.ts';
import type { WebhookSubscriber } from './relay.ts';

const webhooksSchema = z
  .array(
    z.object({
      url: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL'),
      secret: z.string().min(16, 'must have at least 16 characters'),
    }),
  )
  .refine((list) => new Set(list.map((s) => s.url)).size === list.length, 'each URL may appear once');

/** Webhook subscribers of a service's change events from `<PREFIX>_WEBHOOKS` (JSON list of { url, secret }); throws ConfigError. */
export function webhooksFromEnv(prefix: string, env: NodeJS.ProcessEnv = process.env): WebhookSubscriber[] {
  const raw = env[`${prefix}_WEBHOOKS`]?.trim();
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${prefix}_WEBHOOKS: must be a JSON list like [{"url":"https://…","secret":"…"}]`);
  }
  return parseWebhookList(parsed, `${prefix}_WEBHOOKS`);
}

export function parseWebhookList(input: unknown, what = 'webhooks'): WebhookSubscriber[] {
  const r = webhooksSchema.safeParse(input);
  if (!r.success) throw new ConfigError(`Invalid ${what}:\n${r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  return r.data;
}
