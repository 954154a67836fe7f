import { z } from 'zod';
import { ConfigError } from '../../common/config.ts';
import type { RelaySettings, WebhookSubscriber } from '../../common/events/relay.ts';

/**
 * Settings of the orders service beyond the common service configuration, parsed once from the
 * environment (the only place of the orders service that reads process.env, with main.ts):
 *
 * - `ORDER_WEBHOOKS`: JSON list of subscribers, `[{"url":"https://…","secret":"…"}]`
 * - `ORDER_WEBHOOK_TIMEOUT_MS` (10000), `ORDER_WEBHOOK_BACKOFF_BASE_MS` (1000),
 *   `ORDER_WEBHOOK_BACKOFF_CAP_MS` (300000), `ORDER_WEBHOOK_MAX_ATTEMPTS` (8),
 *   `ORDER_WEBHOOK_POLL_MS` (1000)
 * - `ORDER_IDEMPOTENCY_RETENTION_HOURS` (168 = 7 days, at least 24)
 * - `ORDER_WEBHOOK_DELIVERED_RETENTION_HOURS` (720 = 30 days): delivered webhook rows kept this long
 * - `ORDER_ATTEMPT_TIMEOUT_MS` (120000): an unfinished placeOrder attempt older than
 *   this died with its process and is recovered
 * - `ORDER_RETENTION_INTERVAL_MS` (60000): how often retention and recovery run
 * - `ORDER_TASK_INTERVAL_MS` (2000): how often pending follow-up tasks are retried
 * - `PAYMENT_PROVIDER_URL`: the payment provider's HTTP API for refunds (docs/after-sales.md); unset
 *   = the manual provider (refunds recorded as paid out by the merchant). `PAYMENT_PROVIDER_KEY` (its
 *   API key, required with the URL), `PAYMENT_PROVIDER_TIMEOUT_MS` (5000 per attempt),
 *   `PAYMENT_PROVIDER_MAX_ATTEMPTS` (3)
 */
export interface OrdersSettings {
  webhooks: WebhookSubscriber[];
  relay: Partial<RelaySettings>;
  idempotencyRetentionMs: number;
  deliveredRetentionMs?: number;
  attemptTimeoutMs?: number;
  retentionIntervalMs?: number;
  taskIntervalMs?: number;
  /** the payment provider's HTTP API; absent = the manual provider */
  payments?: { url: string; apiKey: string; timeoutMs?: number; maxAttempts?: number };
}

export const MIN_IDEMPOTENCY_RETENTION_MS = 24 * 3600_000;
export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;

const subscriberSchema = z.object({
  url: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL'),
  secret: z.string().min(16, 'must have at least 16 characters'),
});

const webhooksSchema = z
  .array(subscriberSchema)
  .refine((list) => new Set(list.map((s) => s.url)).size === list.length, 'each URL may appear once');

const positiveInt = z.coerce.number().int().positive();

const settingsSchema = z.object({
  webhooks: webhooksSchema.default([]),
  timeoutMs: positiveInt.optional(),
  backoffBaseMs: positiveInt.optional(),
  backoffCapMs: positiveInt.optional(),
  maxAttempts: positiveInt.optional(),
  pollIntervalMs: positiveInt.optional(),
  idempotencyRetentionHours: z.coerce.number().int().min(24, 'must be at least 24 (keys are kept at least a day)').default(168),
  deliveredRetentionHours: positiveInt.optional(),
  attemptTimeoutMs: z.coerce.number().int().min(1000, 'must be at least 1000 (and longer than any attempt)').optional(),
  retentionIntervalMs: positiveInt.optional(),
  taskIntervalMs: positiveInt.optional(),
  paymentUrl: z.string().url().regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  paymentKey: z.string().min(1).optional(),
  paymentTimeoutMs: positiveInt.optional(),
  paymentMaxAttempts: z.coerce.number().int().min(1).max(10).optional(),
}).refine((s) => !s.paymentUrl || s.paymentKey, { message: 'PAYMENT_PROVIDER_KEY is required with PAYMENT_PROVIDER_URL', path: ['paymentKey'] });

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid orders configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Validates a webhook list (from ORDER_WEBHOOKS or from code); throws ConfigError. */
export function parseWebhooks(input: unknown): WebhookSubscriber[] {
  return parseOrThrow(webhooksSchema, input);
}

export function loadOrdersSettings(env: NodeJS.ProcessEnv = process.env): OrdersSettings {
  let webhooks: unknown = [];
  if (env.ORDER_WEBHOOKS?.trim()) {
    try {
      webhooks = JSON.parse(env.ORDER_WEBHOOKS);
    } catch {
      throw new ConfigError('Invalid orders configuration:\n  ORDER_WEBHOOKS: must be a JSON list like [{"url":"https://…","secret":"…"}]');
    }
  }
  const s = parseOrThrow(settingsSchema, {
    webhooks,
    timeoutMs: env.ORDER_WEBHOOK_TIMEOUT_MS || undefined,
    backoffBaseMs: env.ORDER_WEBHOOK_BACKOFF_BASE_MS || undefined,
    backoffCapMs: env.ORDER_WEBHOOK_BACKOFF_CAP_MS || undefined,
    maxAttempts: env.ORDER_WEBHOOK_MAX_ATTEMPTS || undefined,
    pollIntervalMs: env.ORDER_WEBHOOK_POLL_MS || undefined,
    idempotencyRetentionHours: env.ORDER_IDEMPOTENCY_RETENTION_HOURS || undefined,
    deliveredRetentionHours: env.ORDER_WEBHOOK_DELIVERED_RETENTION_HOURS || undefined,
    attemptTimeoutMs: env.ORDER_ATTEMPT_TIMEOUT_MS || undefined,
    retentionIntervalMs: env.ORDER_RETENTION_INTERVAL_MS || undefined,
    taskIntervalMs: env.ORDER_TASK_INTERVAL_MS || undefined,
    paymentUrl: env.PAYMENT_PROVIDER_URL || undefined,
    paymentKey: env.PAYMENT_PROVIDER_KEY || undefined,
    paymentTimeoutMs: env.PAYMENT_PROVIDER_TIMEOUT_MS || undefined,
    paymentMaxAttempts: env.PAYMENT_PROVIDER_MAX_ATTEMPTS || undefined,
  });
  const relay: Partial<RelaySettings> = {};
  for (const k of ['timeoutMs', 'backoffBaseMs', 'backoffCapMs', 'maxAttempts', 'pollIntervalMs'] as const) {
    if (s[k] !== undefined) relay[k] = s[k];
  }
  const settings: OrdersSettings = { webhooks: s.webhooks, relay, idempotencyRetentionMs: s.idempotencyRetentionHours * 3600_000 };
  if (s.deliveredRetentionHours !== undefined) settings.deliveredRetentionMs = s.deliveredRetentionHours * 3600_000;
  for (const k of ['attemptTimeoutMs', 'retentionIntervalMs', 'taskIntervalMs'] as const) {
    if (s[k] !== undefined) settings[k] = s[k];
  }
  if (s.paymentUrl && s.paymentKey) settings.payments = { url: s.paymentUrl, apiKey: s.paymentKey, timeoutMs: s.paymentTimeoutMs, maxAttempts: s.paymentMaxAttempts };
  return settings;
}
