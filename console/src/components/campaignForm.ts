import type { CampaignInput, ConsoleCampaignFieldsFragment, StackingMode } from '../generated/graphql';
import { isoFromLocal, json, localFromIso, words } from '../format';
import { EFFECT_TYPES } from '../rules';
import type { FieldError } from './Field';

/** The campaign form's values, as the inputs hold them (text). */
export interface CampaignForm {
  name: string;
  market: string;
  channels: string;
  priority: string;
  stacking: StackingMode;
  validFrom: string;
  validUntil: string;
  couponRequired: boolean;
  codes: string;
  paused: boolean;
  effectType: string;
  effectArgs: string;
  conditions: string;
  maxRedemptions: string;
  maxRedemptionsPerCustomer: string;
}

export const emptyForm = (market: string): CampaignForm => ({
  name: '', market, channels: '', priority: '0', stacking: 'STACKABLE', validFrom: '', validUntil: '', couponRequired: false,
  codes: '', paused: false, effectType: 'percentOffCart', effectArgs: json(EFFECT_TYPES.percentOffCart), conditions: '[]',
  maxRedemptions: '', maxRedemptionsPerCustomer: '',
});

export const formOf = (c: ConsoleCampaignFieldsFragment): CampaignForm => ({
  name: c.name, market: c.market, channels: c.channels.join(', '), priority: String(c.priority), stacking: c.stacking,
  validFrom: localFromIso(c.validFrom), validUntil: localFromIso(c.validUntil), couponRequired: c.couponRequired,
  codes: c.codes.join(', '), paused: c.status === 'PAUSED', effectType: c.effect.type, effectArgs: json(c.effect.args),
  conditions: JSON.stringify(c.conditions.map((r) => (r.args === null || r.args === undefined ? { type: r.type } : { type: r.type, args: r.args }))),
  maxRedemptions: c.budget?.maxRedemptions?.toString() ?? '', maxRedemptionsPerCustomer: c.budget?.maxRedemptionsPerCustomer?.toString() ?? '',
});

function parseJson(text: string, field: string, errors: FieldError[]): unknown {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch {
    errors.push({ code: 'INVALID_JSON', field, message: 'Not valid JSON.' });
    return null;
  }
}

function int(text: string, field: string, errors: FieldError[]): number | null {
  if (!text.trim()) return null;
  const n = Number(text);
  if (!Number.isInteger(n)) errors.push({ code: 'NOT_A_WHOLE_NUMBER', field, message: 'A whole number is needed.' });
  return n;
}

/** The CampaignInput of the form, or the errors (JSON that does not parse, numbers that are not) found before asking the API. */
export function inputOf(f: CampaignForm): { input: CampaignInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const args = parseJson(f.effectArgs, 'effect.args', errors);
  const conditions = parseJson(f.conditions, 'conditions', errors) ?? [];
  if (!Array.isArray(conditions)) errors.push({ code: 'INVALID_JSON', field: 'conditions', message: 'Conditions are a JSON list of { "type", "args" }.' });
  const maxRedemptions = int(f.maxRedemptions, 'budget.maxRedemptions', errors);
  const maxRedemptionsPerCustomer = int(f.maxRedemptionsPerCustomer, 'budget.maxRedemptionsPerCustomer', errors);
  const input: CampaignInput = {
    name: f.name,
    market: f.market,
    channels: words(f.channels),
    priority: int(f.priority, 'priority', errors) ?? 0,
    stacking: f.stacking,
    validFrom: isoFromLocal(f.validFrom),
    validUntil: isoFromLocal(f.validUntil),
    couponRequired: f.couponRequired,
    codes: words(f.codes),
    paused: f.paused,
    effect: args === null ? { type: f.effectType } : { type: f.effectType, args },
    conditions: Array.isArray(conditions) ? conditions : [],
    budget: maxRedemptions === null && maxRedemptionsPerCustomer === null ? null : { maxRedemptions, maxRedemptionsPerCustomer },
  };
  return { input, errors };
}

/** Which form field shows an error: `effect.args.percent` → effect, `conditions[0].args` → conditions, `budget.maxRedemptions` → maxRedemptions. */
export function formFieldOf(field: string | null | undefined): keyof CampaignForm | null {
  if (!field) return null;
  const f = field.replace(/^input\./, '');
  if (f.startsWith('effect.args')) return 'effectArgs';
  if (f.startsWith('effect')) return 'effectType';
  if (f.startsWith('conditions')) return 'conditions';
  if (f.startsWith('budget.')) return f.slice('budget.'.length) as keyof CampaignForm;
  const known: (keyof CampaignForm)[] = ['name', 'market', 'channels', 'priority', 'stacking', 'validFrom', 'validUntil', 'couponRequired', 'codes', 'paused'];
  const top = f.split(/[.[]/)[0] as keyof CampaignForm;
  return known.includes(top) ? top : null;
}
