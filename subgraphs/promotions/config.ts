import { z } from 'zod';
import { ConfigError } from '../../common/config.ts';
import { loadTaxProviders, type TaxProvidersConfig } from './src/services/charges/config.ts';
import { loadTablesFile } from './src/services/charges/rows.ts';
import { ChargeTablesError, type ChargeTables } from './src/services/charges/tables.ts';
import { loadRemoteProviders, type RemoteProvidersConfig } from './src/services/providers/remote/config.ts';

/**
 * Settings of the promotions service beyond the common service configuration, parsed once from the
 * environment (the only place of the promotions service that reads process.env, with main.ts):
 *
 * - `PROMOTION_EVALUATION_TIMEOUT_MS` (150): time budget of one engine evaluation of a cart; an engine
 *   slower than this prices the cart at base prices with `PROMOTIONS_UNAVAILABLE`
 * - `PROMOTION_EVALUATION_SHARE_MS` (10000): how long the subgraph requests of one operation (the
 *   cart's warnings, Cart.promotion/totals) share one engine evaluation; 0 calls the engine every time
 * - `PROMOTION_AUDIT_RETENTION_DAYS` (400): days an audit event recorded by promotions (campaign,
 *   coupon batch, routing, compliance policy, shadow report, tax exemption changes) is kept; the
 *   catalog's (prices) have CATALOG_AUDIT_RETENTION_DAYS
 * - `PROMOTION_REDEMPTION_TIMEOUT_MS` (2000): time budget of a redemption or release at placeOrder
 * - `PROMOTION_PROVIDERS_FILE` / `PROMOTION_PROVIDERS`: the remote engines (see remote/config.ts)
 * - `CHARGES_TABLES_FILE`: the tax and shipping tables the database is seeded with on first start
 *   (default: data/charges.demo.json); afterwards they are data, imported and edited (docs/shipping-and-tax.md)
 * - `TAX_PROVIDERS_FILE` / `TAX_PROVIDERS`: remote tax services per market (see charges/config.ts)
 * - `TAX_TIMEOUT_MS` (1000): time budget of one tax calculation; a slower provider makes the tax
 *   UNAVAILABLE and orders are refused
 */
export interface PromotionsSettings {
  providerTimeoutMs?: number;
  evaluationShareMs?: number;
  auditRetentionDays?: number;
  redemptionTimeoutMs?: number;
  remoteProviders: RemoteProvidersConfig;
  chargeTables?: ChargeTables;
  taxProviders?: TaxProvidersConfig;
  taxTimeoutMs?: number;
}

const budget = (max: number) => z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

const settingsSchema = z.object({
  PROMOTION_EVALUATION_TIMEOUT_MS: budget(60_000).optional(),
  PROMOTION_REDEMPTION_TIMEOUT_MS: budget(120_000).optional(),
  PROMOTION_AUDIT_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(36_500, 'must be at most 36500').optional(),
  PROMOTION_EVALUATION_SHARE_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').min(0, 'must be 0 or more').max(60_000, 'must be at most 60000').optional(),
  TAX_TIMEOUT_MS: budget(60_000).optional(),
});

export function loadPromotionsSettings(env: NodeJS.ProcessEnv = process.env): PromotionsSettings {
  const r = settingsSchema.safeParse({
    PROMOTION_EVALUATION_TIMEOUT_MS: env.PROMOTION_EVALUATION_TIMEOUT_MS?.trim() || undefined,
    PROMOTION_REDEMPTION_TIMEOUT_MS: env.PROMOTION_REDEMPTION_TIMEOUT_MS?.trim() || undefined,
    TAX_TIMEOUT_MS: env.TAX_TIMEOUT_MS?.trim() || undefined,
    PROMOTION_EVALUATION_SHARE_MS: env.PROMOTION_EVALUATION_SHARE_MS?.trim() || undefined,
    PROMOTION_AUDIT_RETENTION_DAYS: env.PROMOTION_AUDIT_RETENTION_DAYS?.trim() || undefined,
  });
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid promotions configuration:\n${lines.join('\n')}`);
  }
  const settings: PromotionsSettings = { remoteProviders: loadRemoteProviders(env) };
  if (env.TAX_PROVIDERS?.trim() || env.TAX_PROVIDERS_FILE?.trim()) settings.taxProviders = loadTaxProviders(env);
  if (env.CHARGES_TABLES_FILE?.trim()) {
    try {
      settings.chargeTables = loadTablesFile(env.CHARGES_TABLES_FILE.trim());
    } catch (e) {
      if (e instanceof ChargeTablesError) throw new ConfigError(`Invalid tax and shipping tables (CHARGES_TABLES_FILE): ${e.message}`);
      throw e;
    }
  }
  if (r.data.TAX_TIMEOUT_MS !== undefined) settings.taxTimeoutMs = r.data.TAX_TIMEOUT_MS;
  if (r.data.PROMOTION_EVALUATION_TIMEOUT_MS !== undefined) settings.providerTimeoutMs = r.data.PROMOTION_EVALUATION_TIMEOUT_MS;
  if (r.data.PROMOTION_AUDIT_RETENTION_DAYS !== undefined) settings.auditRetentionDays = r.data.PROMOTION_AUDIT_RETENTION_DAYS;
  if (r.data.PROMOTION_EVALUATION_SHARE_MS !== undefined) settings.evaluationShareMs = r.data.PROMOTION_EVALUATION_SHARE_MS;
  if (r.data.PROMOTION_REDEMPTION_TIMEOUT_MS !== undefined) settings.redemptionTimeoutMs = r.data.PROMOTION_REDEMPTION_TIMEOUT_MS;
  return settings;
}
