import { userError, type UserError } from '../../../../../common/errors.ts';
import { CONDITION_TYPES } from './conditions/index.ts';
import { EFFECT_TYPES } from './effects/index.ts';
import type { ConditionType, EffectType, RuleContext, RuleSpec } from './rule.ts';

export const CONDITIONS: ReadonlyMap<string, ConditionType> = new Map(CONDITION_TYPES.map((c) => [c.type, c]));
export const EFFECTS: ReadonlyMap<string, EffectType> = new Map(EFFECT_TYPES.map((e) => [e.type, e]));

/** `effect.args` + ['skus', 0] → `effect.args.skus[0]` */
export function fieldPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), base);
}

/**
 * Validates one rule against the catalogue. `field` names it in the input (`effect`, `conditions[0]`).
 * Unknown type → UNKNOWN_RULE_TYPE at `<field>.type`; bad args → INVALID_RULE_ARGS at `<field>.args.<path>`.
 */
export function validateRule(kind: 'condition' | 'effect', spec: RuleSpec, field: string, ctx: RuleContext): UserError[] {
  const def = kind === 'condition' ? CONDITIONS.get(spec.type) : EFFECTS.get(spec.type);
  if (!def) {
    const known = [...(kind === 'condition' ? CONDITIONS : EFFECTS).keys()].join(', ');
    return [userError('UNKNOWN_RULE_TYPE', `Unknown ${kind} type "${spec.type}". Known: ${known}.`, `${field}.type`)];
  }
  const parsed = def.args.safeParse(spec.args ?? undefined);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const path: PropertyKey[] = [...issue.path];
      if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0]);
      return userError('INVALID_RULE_ARGS', `${spec.type}: ${fieldPath('args', path)} ${issue.message}`, fieldPath(`${field}.args`, path));
    });
  }
  return (def.check?.(parsed.data as never, ctx) ?? []).map((issue) =>
    userError('INVALID_RULE_ARGS', `${spec.type}: ${fieldPath('args', issue.path)} ${issue.message}`, fieldPath(`${field}.args`, issue.path)),
  );
}

export interface CompiledRule<D> {
  def: D;
  args: unknown;
}

export interface CompiledRules {
  conditions: CompiledRule<ConditionType>[];
  effect: CompiledRule<EffectType>;
}

/** Parses stored rules for evaluation; null when one is unknown or invalid (the campaign then never applies). */
export function compileRules(conditions: readonly RuleSpec[], effect: RuleSpec): CompiledRules | null {
  const compiled: CompiledRule<ConditionType>[] = [];
  for (const c of conditions) {
    const def = CONDITIONS.get(c.type);
    const parsed = def?.args.safeParse(c.args ?? undefined);
    if (!def || !parsed?.success) return null;
    compiled.push({ def, args: parsed.data });
  }
  const def = EFFECTS.get(effect.type);
  const parsed = def?.args.safeParse(effect.args ?? undefined);
  if (!def || !parsed?.success) return null;
  return { conditions: compiled, effect: { def, args: parsed.data } };
}

/** The highest percent a campaign's effect takes off (for compliance caps), or null. */
export function effectPercent(effect: RuleSpec): number | null {
  const def = EFFECTS.get(effect.type);
  const parsed = def?.args.safeParse(effect.args ?? undefined);
  if (!def?.percent || !parsed?.success) return null;
  return def.percent(parsed.data);
}
