import type { CampaignRow } from '../data/campaignRepository.ts';
import type { RuleSpec } from './native/rule.ts';

export type StackingMode = 'STACKABLE' | 'EXCLUSIVE';
export type CampaignStatus = 'SCHEDULED' | 'ACTIVE' | 'EXPIRED' | 'PAUSED';

// --- the limits of a campaign, in one place (validation, messages and the engine use these) ---

/** A code: 3–64 upper-case letters, digits, - or _, starting with a letter or digit. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;
/** Explicit codes per campaign; more come from coupon batches. */
export const MAX_EXPLICIT_CODES = 1000;
export const MAX_NAME_LENGTH = 200;
/** |priority| ≤ this */
export const MAX_PRIORITY = 1_000_000;
/** A channel code: web, pos, kiosk, in-game … */
export const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Codes are case-insensitive: stored and compared upper-case. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** A campaign of the native engine, as stored. Instants are ISO-8601 strings. */
export interface CampaignRecord {
  id: string;
  market: string;
  name: string;
  channels: string[];
  priority: number;
  stacking: StackingMode;
  validFrom: string | null;
  validUntil: string | null;
  couponRequired: boolean;
  paused: boolean;
  conditions: RuleSpec[];
  effect: RuleSpec;
  maxRedemptions: number | null;
  maxRedemptionsPerCustomer: number | null;
  redemptions: number;
  createdAt: string;
  updatedAt: string;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toCampaignRecord(row: CampaignRow): CampaignRecord {
  return {
    id: row.id,
    market: row.market,
    name: row.name,
    channels: parseJson<string[]>(row.channels, []),
    priority: Number(row.priority),
    stacking: row.stacking === 'EXCLUSIVE' ? 'EXCLUSIVE' : 'STACKABLE',
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    couponRequired: Number(row.coupon_required) === 1,
    paused: Number(row.paused) === 1,
    conditions: parseJson<RuleSpec[]>(row.conditions, []),
    effect: parseJson<RuleSpec>(row.effect, { type: '', args: null }),
    maxRedemptions: row.max_redemptions === null ? null : Number(row.max_redemptions),
    maxRedemptionsPerCustomer: row.max_redemptions_per_customer === null ? null : Number(row.max_redemptions_per_customer),
    redemptions: Number(row.redemptions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCampaignRow(c: CampaignRecord): CampaignRow {
  return {
    id: c.id,
    market: c.market,
    name: c.name,
    channels: JSON.stringify(c.channels),
    priority: c.priority,
    stacking: c.stacking,
    valid_from: c.validFrom,
    valid_until: c.validUntil,
    coupon_required: c.couponRequired ? 1 : 0,
    paused: c.paused ? 1 : 0,
    conditions: JSON.stringify(c.conditions),
    effect: JSON.stringify(c.effect),
    max_redemptions: c.maxRedemptions,
    max_redemptions_per_customer: c.maxRedemptionsPerCustomer,
    redemptions: c.redemptions,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** PAUSED if paused, SCHEDULED before validFrom, EXPIRED from validUntil on, else ACTIVE. */
export function campaignStatus(c: Pick<CampaignRecord, 'paused' | 'validFrom' | 'validUntil'>, now: Date): CampaignStatus {
  const at = now.toISOString();
  if (c.paused) return 'PAUSED';
  if (c.validFrom !== null && c.validFrom > at) return 'SCHEDULED';
  if (c.validUntil !== null && c.validUntil <= at) return 'EXPIRED';
  return 'ACTIVE';
}

/** Evaluation order: priority DESC, then createdAt, then id. */
export function byEvaluationOrder(a: CampaignRecord, b: CampaignRecord): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
