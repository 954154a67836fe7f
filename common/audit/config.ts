import { z } from 'zod';
import { ConfigError } from '../config.ts';

const days = z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(36_500, 'must be at most 36500');

/** Days an audit event is kept, from the environment variable `name` (e.g. CATALOG_AUDIT_RETENTION_DAYS); undefined when unset. */
export function auditRetentionDaysFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const r = days.safeParse(raw);
  if (!r.success) throw new ConfigError(`Invalid configuration:\n  ${name}: ${r.error.issues[0].message}`);
  return r.data;
}
