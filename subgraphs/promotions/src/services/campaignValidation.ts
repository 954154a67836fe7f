import { userError, type UserError } from '../../../../common/errors.ts';
import { CHANNEL_PATTERN, CODE_PATTERN, MAX_EXPLICIT_CODES, MAX_NAME_LENGTH, MAX_PRIORITY, normalizeCode, type StackingMode } from './campaign.ts';
import { mayManage, type Caller } from './caller.ts';
import { validateRule } from './native/catalogue.ts';
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

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);

/**
 * Checks everything that needs no database: name, market (known and managed), channels, validity,
 * priority, codes (format, repeats), budget and every rule against the catalogue. Returns all errors.
 */
export function validateCampaignInput(input: CampaignInputData, caller: Caller, currency: string | null): { values: CampaignValues; errors: UserError[] } {
  const errors: UserError[] = [];
  const name = input.name.trim();
  if (!name) errors.push(userError('INVALID_NAME', 'A campaign needs a name.', 'name'));
  else if (name.length > MAX_NAME_LENGTH) errors.push(userError('INVALID_NAME', `The name is longer than ${MAX_NAME_LENGTH} characters.`, 'name'));

  if (currency === null) errors.push(userError('MARKET_UNKNOWN', `Unknown market ${input.market}.`, 'market'));
  else if (!mayManage(caller, input.market)) errors.push(userError('FORBIDDEN_MARKET', `This key does not manage market ${input.market}.`, 'market'));

  const channels = (input.channels ?? []).map((c) => c.trim());
  channels.forEach((c, i) => {
    if (!CHANNEL_PATTERN.test(c)) errors.push(userError('INVALID_CHANNEL', `"${c}" is not a channel code (e.g. web, pos, in-game).`, `channels[${i}]`));
  });

  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > MAX_PRIORITY) {
    errors.push(userError('INVALID_PRIORITY', `The priority must be an integer between -${MAX_PRIORITY} and ${MAX_PRIORITY}.`, 'priority'));
  }

  const validFrom = iso(input.validFrom);
  const validUntil = iso(input.validUntil);
  if (validFrom !== null && validUntil !== null && validFrom >= validUntil) {
    errors.push(userError('INVALID_VALIDITY', 'validFrom must be before validUntil.', 'validUntil'));
  }

  const codes = (input.codes ?? []).map(normalizeCode);
  if (codes.length > MAX_EXPLICIT_CODES) {
    errors.push(userError('TOO_MANY_CODES', `At most ${MAX_EXPLICIT_CODES} explicit codes; generate more with a coupon batch.`, 'codes'));
  }
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
