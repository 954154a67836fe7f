import { userError, type UserError } from '../../../../common/errors.ts';
import type { CompliancePolicyRow } from '../data/campaignRepository.ts';
import type { StackingMode } from './campaign.ts';
import { mayManage, type Caller } from './caller.ts';
import { marketCurrency } from './markets.ts';
import { effectPercent, validateRule } from './native/catalogue.ts';
import type { RuleSpec } from './native/rule.ts';

/** A campaign as a marketer submits it (the CampaignInput of the schema). */
export interface CampaignInputData {
  name: string;
  market: string;
  channels?: string[] | null;
  priority?: number | null;
  stacking?: StackingMode | null;
  validFrom?: string | null;
  validUntil?: string | null;
  couponRequired?: boolean | null;
  codes?: string[] | null;
  conditions?: { type: string; args?: unknown }[] | null;
  effect: { type: string; args?: unknown };
  budget?: { maxRedemptions?: number | null; maxRedemptionsPerCustomer?: number | null } | null;
  paused?: boolean | null;
}

/** The input after validation: trimmed, codes upper-case, defaults filled in. */
export interface CampaignValues {
  name: string;
  market: string;
  channels: string[];
  priority: number;
  stacking: StackingMode;
  validFrom: string | null;
  validUntil: string | null;
  couponRequired: boolean;
  codes: string[];
  conditions: RuleSpec[];
  effect: RuleSpec;
  maxRedemptions: number | null;
  maxRedemptionsPerCustomer: number | null;
  paused: boolean | null;
}

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;
const MAX_CODES = 1000;

/** Codes are case-insensitive: stored and compared upper-case. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);

/**
 * Checks everything that needs no database: name, market (known and managed), channels, validity,
 * priority, codes (format, repeats), budget and every rule against the catalogue. Returns all errors.
 */
export function validateCampaignInput(input: CampaignInputData, caller: Caller): { values: CampaignValues; errors: UserError[] } {
  const errors: UserError[] = [];
  const name = input.name.trim();
  if (!name) errors.push(userError('INVALID_NAME', 'A campaign needs a name.', 'name'));
  else if (name.length > 200) errors.push(userError('INVALID_NAME', 'The name is longer than 200 characters.', 'name'));

  const currency = marketCurrency(input.market);
  if (currency === null) errors.push(userError('MARKET_UNKNOWN', `Unknown market ${input.market}.`, 'market'));
  else if (!mayManage(caller, input.market)) errors.push(userError('FORBIDDEN_MARKET', `This key does not manage market ${input.market}.`, 'market'));

  const channels = (input.channels ?? []).map((c) => c.trim());
  channels.forEach((c, i) => {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(c)) errors.push(userError('INVALID_CHANNEL', `"${c}" is not a channel code (e.g. web, pos, in-game).`, `channels[${i}]`));
  });

  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000) {
    errors.push(userError('INVALID_PRIORITY', 'The priority must be an integer between -1000000 and 1000000.', 'priority'));
  }

  const validFrom = iso(input.validFrom);
  const validUntil = iso(input.validUntil);
  if (validFrom !== null && validUntil !== null && validFrom >= validUntil) {
    errors.push(userError('INVALID_VALIDITY', 'validFrom must be before validUntil.', 'validUntil'));
  }

  const codes = (input.codes ?? []).map(normalizeCode);
  if (codes.length > MAX_CODES) errors.push(userError('TOO_MANY_CODES', `At most ${MAX_CODES} explicit codes; generate more with a coupon batch.`, 'codes'));
  codes.forEach((code, i) => {
    if (!CODE_PATTERN.test(code)) {
      errors.push(userError('INVALID_CODE', `"${input.codes?.[i]}" is not a valid code (3–64 letters, digits, - or _).`, `codes[${i}]`));
    } else if (codes.indexOf(code) !== i) {
      errors.push(userError('DISCOUNT_CODE_TAKEN', `${code} is listed twice.`, `codes[${i}]`));
    }
  });

  const budget = input.budget ?? {};
  const maxRedemptions = budget.maxRedemptions ?? null;
  const maxRedemptionsPerCustomer = budget.maxRedemptionsPerCustomer ?? null;
  if (maxRedemptions !== null && maxRedemptions < 1) errors.push(userError('INVALID_BUDGET', 'maxRedemptions must be at least 1 (or null for no limit).', 'budget.maxRedemptions'));
  if (maxRedemptionsPerCustomer !== null && maxRedemptionsPerCustomer < 1) {
    errors.push(userError('INVALID_BUDGET', 'maxRedemptionsPerCustomer must be at least 1 (or null for no limit).', 'budget.maxRedemptionsPerCustomer'));
  }

  const ruleCtx = { currencyCode: currency ?? 'EUR' };
  const conditions: RuleSpec[] = (input.conditions ?? []).map((c) => ({ type: c.type, args: c.args ?? null }));
  conditions.forEach((c, i) => errors.push(...validateRule('condition', c, `conditions[${i}]`, ruleCtx)));
  const effect: RuleSpec = { type: input.effect.type, args: input.effect.args ?? null };
  errors.push(...validateRule('effect', effect, 'effect', ruleCtx));

  return {
    values: {
      name,
      market: input.market,
      channels,
      priority,
      stacking: input.stacking ?? 'STACKABLE',
      validFrom,
      validUntil,
      couponRequired: input.couponRequired ?? false,
      codes,
      conditions,
      effect,
      maxRedemptions,
      maxRedemptionsPerCustomer,
      paused: input.paused ?? null,
    },
    errors,
  };
}

/** The market's compliance policy: e.g. a maximum discount percent, a required end date. */
export function complianceViolations(values: CampaignValues, policy: CompliancePolicyRow | undefined): UserError[] {
  if (!policy) return [];
  const errors: UserError[] = [];
  const pct = effectPercent(values.effect);
  if (policy.max_percent !== null && pct !== null && pct > Number(policy.max_percent)) {
    errors.push(userError('DISCOUNT_CAP_EXCEEDED', `Market ${policy.market} allows at most ${policy.max_percent}% off.`, 'effect.args.percent'));
  }
  if (Number(policy.require_end_date) === 1 && values.validUntil === null) {
    errors.push(userError('END_DATE_REQUIRED', `Campaigns in market ${policy.market} need an end date (validUntil).`, 'validUntil'));
  }
  return errors;
}
