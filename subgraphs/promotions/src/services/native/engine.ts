import { byEvaluationOrder, normalizeCode, type CampaignRecord } from '../campaign.ts';
import { distinctCodes, lineTotalMinor, type CartInput } from '../cart.ts';
import type { CampaignDiscount, CodeDiscount, Evaluation, LineItemDiscounts, NonApplicableCode, NonApplicableReason, ShippingDiscount } from '../evaluation.ts';
import { compileRules, type CompiledRule, type CompiledRules } from './catalogue.ts';
import type { EffectType, RuleCart } from './rule.ts';

/**
 * The native engine: a pure function of the cart, the candidate campaigns and the instant.
 *
 * A campaign applies when its market and channel match, it is not paused, validFrom ≤ now < validUntil,
 * all its conditions hold, its budget is not exhausted and, if it needs a coupon, one of its codes is
 * entered. Campaigns run by priority DESC, createdAt, id. STACKABLE campaigns each work on what earlier
 * ones left; an EXCLUSIVE one applies only if nothing applied before, and then ends the evaluation.
 */
export interface EngineInput {
  cart: CartInput;
  now: Date;
  /**
   * The candidates: the market's live automatic campaigns and the campaigns of the entered codes.
   * `rules` may come precompiled (the in-memory index); without it they are compiled here.
   */
  campaigns: readonly Candidate[];
  /** UPPER-CASE code → owning campaign id (codes of the cart's market only) */
  codeOwners: ReadonlyMap<string, string>;
  /** whether the cart's customer has an earlier order (for firstOrder); omitted: not known */
  customerHasOrders?: boolean | null;
  /** campaign id → active redemptions by the cart's customer (for per-customer budgets); omitted: none known */
  customerRedemptions?: ReadonlyMap<string, number>;
}

/**
 * A campaign as the engine takes it. `rules` and the validity window in epoch milliseconds may come
 * precomputed (the in-memory index does both once per campaign); without them they are derived here.
 */
export type Candidate = CampaignRecord & { rules?: CompiledRules | null; validFromMs?: number | null; validUntilMs?: number | null };

export interface AppliedCampaign {
  campaignId: string;
  /** the code it applied through (upper case), or null */
  code: string | null;
  amountMinor: number;
}

export interface EngineResult {
  evaluation: Evaluation;
  applied: AppliedCampaign[];
  /** entered codes refused because their campaign's budget (in total, or of this customer) is used up */
  exhaustedCodes: { code: string; perCustomer: boolean }[];
}

export const NO_LONGER_VALID = 'This code is no longer valid.';

export function toRuleCart(cart: CartInput, customerHasOrders: boolean | null = null): RuleCart {
  const lines = cart.lines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, totalMinor: lineTotalMinor(l) }));
  return {
    id: cart.id,
    market: cart.market,
    channel: cart.channel,
    currencyCode: cart.currencyCode,
    lines,
    subtotalMinor: lines.reduce((s, l) => s + l.totalMinor, 0),
    units: lines.reduce((s, l) => s + l.quantity, 0),
    skus: new Set(lines.filter((l) => l.quantity > 0).map((l) => l.sku)),
    customerId: cart.customerId ?? null,
    customerHasOrders: cart.customerId ? customerHasOrders : null,
    shipping: cart.shipping ?? null,
  };
}

/**
 * Sorts by byEvaluationOrder. The index offers its automatic campaigns in that order and the campaigns of
 * the entered codes after them: the sorted prefix is found in one comparison per entry and the few
 * entries after it are inserted by binary search. Anything else is sorted as usual.
 */
export function sortInEvaluationOrder<T extends CampaignRecord>(list: T[]): void {
  let run = 1;
  while (run < list.length && byEvaluationOrder(list[run - 1], list[run]) <= 0) run++;
  if (list.length - run > 8) {
    list.sort(byEvaluationOrder);
    return;
  }
  for (let i = run; i < list.length; i++) {
    const item = list[i];
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byEvaluationOrder(list[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let j = i; j > lo; j--) list[j] = list[j - 1];
    list[lo] = item;
  }
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

type Block = { reason: NonApplicableReason; message: string; budget?: 'total' | 'customer' };

/** An ISO instant in epoch milliseconds (null stays null: no bound). */
export const epochMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** Why a campaign cannot apply to the cart now (checked in this order), or null. */
function blocked(c: Candidate, rules: CompiledRules, cart: RuleCart, nowMs: number, used: ReadonlyMap<string, number>): Block | null {
  if (c.market !== cart.market) return { reason: 'EXPIRED', message: NO_LONGER_VALID };
  if (c.paused) return { reason: 'EXPIRED', message: 'This code is not active at the moment.' };
  const fromMs = c.validFromMs !== undefined ? c.validFromMs : epochMs(c.validFrom);
  const untilMs = c.validUntilMs !== undefined ? c.validUntilMs : epochMs(c.validUntil);
  if (c.validFrom !== null && fromMs !== null && nowMs < fromMs) return { reason: 'NOT_YET_VALID', message: `This code is valid from ${when(c.validFrom)}.` };
  if (c.validUntil !== null && untilMs !== null && nowMs >= untilMs) return { reason: 'EXPIRED', message: `This code expired on ${when(c.validUntil)}.` };
  if (c.channels.length > 0 && !c.channels.includes(cart.channel)) {
    return { reason: 'WRONG_CHANNEL', message: 'This code cannot be used in this sales channel.' };
  }
  if (c.maxRedemptions !== null && c.redemptions >= c.maxRedemptions) {
    return { reason: 'USAGE_LIMIT_REACHED', message: 'This code has reached its usage limit.', budget: 'total' };
  }
  // a budget per customer counts verified customers only: a guest cannot be counted, so it never qualifies
  if (c.maxRedemptionsPerCustomer !== null && cart.customerId === null) {
    return { reason: 'NO_QUALIFYING_ITEMS', message: 'This code is for signed-in customers: sign in to use it.' };
  }
  if (c.maxRedemptionsPerCustomer !== null && (used.get(c.id) ?? 0) >= c.maxRedemptionsPerCustomer) {
    return { reason: 'USAGE_LIMIT_REACHED', message: 'You have already used this code as often as it allows.', budget: 'customer' };
  }
  for (let i = 0; i < rules.conditions.length; i++) {
    const cond = rules.conditions[i];
    const outcome = cond.def.evaluate(cond.args, cart);
    if (!outcome.ok) return { reason: outcome.reason, message: outcome.message, budget: outcome.limit };
  }
  return null;
}

/**
 * Runs an effect on the remaining amounts into `out` (by line position); every part is an integer
 * within [0, remaining of its line]. Returns the sum of the parts.
 */
function applyEffect(effect: CompiledRule<EffectType>, cart: RuleCart, remaining: readonly number[], out: number[], shippingLeft = 0): number {
  for (let i = 0; i < out.length; i++) out[i] = 0; // (Array.prototype.fill costs more on arrays this small)
  if (effect.def.scope === 'shipping') {
    const amount = effect.def.shipping?.(effect.args, cart, shippingLeft) ?? 0;
    return Number.isFinite(amount) ? Math.max(0, Math.min(Math.floor(amount), shippingLeft)) : 0;
  }
  effect.def.apply(effect.args, cart, remaining, out);
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const amount = out[i];
    const part = Number.isFinite(amount) ? Math.max(0, Math.min(Math.floor(amount), remaining[i])) : 0;
    out[i] = part;
    total += part;
  }
  return total;
}

export function evaluateNative({ cart, now, campaigns, codeOwners, customerHasOrders = null, customerRedemptions = new Map() }: EngineInput): EngineResult {
  const nowMs = now.getTime();
  const ruleCart = toRuleCart(cart, customerHasOrders);
  const entered = distinctCodes(cart.discountCodes);

  // the candidates: the market's automatic campaigns and the campaigns of entered codes, each once
  const owners = new Set<string>();
  for (const { upper } of entered) {
    const owner = codeOwners.get(upper);
    if (owner !== undefined) owners.add(owner);
  }
  const found = new Set<string>();
  const candidates: Candidate[] = [];
  for (const c of campaigns) {
    if (c.market !== cart.market) continue;
    if (owners.size > 0 && owners.has(c.id)) found.add(c.id);
    else if (c.couponRequired) continue;
    candidates.push(c);
  }
  sortInEvaluationOrder(candidates);
  // a campaign offered twice (automatic, and as the owner of a code) sorts next to itself: kept once
  let kept = 0;
  for (const c of candidates) if (kept === 0 || candidates[kept - 1].id !== c.id) candidates[kept++] = c;
  candidates.length = kept;

  const outcomes = new Map<string, NonApplicableCode | 'APPLIED'>();
  const codesOf = new Map<string, string[]>();
  for (const { entered: code, upper } of entered) {
    const owner = codeOwners.get(upper);
    if (owner === undefined || !found.has(owner)) {
      outcomes.set(code, { code, reason: 'EXPIRED', message: NO_LONGER_VALID });
      continue;
    }
    codesOf.set(owner, [...(codesOf.get(owner) ?? []), code]);
  }
  const exhaustedCodes: { code: string; perCustomer: boolean }[] = [];
  const refuse = (codes: readonly string[], { reason, message, budget }: Block) => {
    if (codes.length === 0) return;
    for (const code of codes) outcomes.set(code, { code, reason, message });
    if (budget) exhaustedCodes.push(...codes.map((code) => ({ code, perCustomer: budget === 'customer' })));
  };

  const lines = ruleCart.lines;
  const full = lines.map((l) => l.totalMinor);
  const remaining = full.slice();
  const parts = full.map(() => 0);
  const discounts: CampaignDiscount[] = [];
  const discountCodes: CodeDiscount[] = [];
  const perLine: (LineItemDiscounts | undefined)[] = lines.map(() => undefined);
  const shippingDiscounts: ShippingDiscount[] = [];
  const shippingFull = ruleCart.shipping?.amountMinor ?? 0;
  let shippingLeft = shippingFull;
  const applied: AppliedCampaign[] = [];
  let exclusiveApplied = false;

  const none: readonly string[] = [];
  const noItems: Block = {
    reason: 'NO_QUALIFYING_ITEMS',
    message: lines.length === 0 ? 'Add products to your cart to use this code.' : 'None of the products this code is for are in your cart.',
  };
  const noShipping: Block = {
    reason: 'NO_QUALIFYING_ITEMS',
    message: ruleCart.shipping === null ? 'Choose a shipping method to use this code.' : 'The chosen shipping costs nothing, so this code has no effect.',
  };

  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    const codes = codesOf.size > 0 ? (codesOf.get(c.id) ?? none) : none;
    const rules = c.rules !== undefined ? c.rules : compileRules(c.conditions, c.effect);
    if (!rules) {
      refuse(codes, { reason: 'EXPIRED', message: NO_LONGER_VALID });
      continue;
    }
    const block = blocked(c, rules, ruleCart, nowMs, customerRedemptions);
    if (block) {
      refuse(codes, block);
      continue;
    }
    if (exclusiveApplied || (c.stacking === 'EXCLUSIVE' && applied.length > 0)) {
      if (codes.length) {
        const wouldGrant = applyEffect(rules.effect, ruleCart, full, parts, shippingFull) > 0;
        const none = rules.effect.def.scope === 'shipping' ? noShipping : noItems;
        refuse(codes, wouldGrant ? { reason: 'NOT_COMBINABLE', message: 'This code cannot be combined with the other promotions in your cart.' } : none);
      }
      continue;
    }
    const total = applyEffect(rules.effect, ruleCart, remaining, parts, shippingLeft);
    if (total === 0) {
      refuse(codes, rules.effect.def.scope === 'shipping' ? noShipping : noItems);
      continue;
    }
    const code = codes.length ? codes[0] : null;
    if (codes.length > 1) refuse(codes.slice(1), { reason: 'NOT_COMBINABLE', message: 'Only one code of the same promotion applies.' });
    for (let i = 0; i < parts.length; i++) remaining[i] -= parts[i];
    if (rules.effect.def.scope === 'shipping') {
      shippingLeft -= total;
      shippingDiscounts.push({ campaignId: c.id, name: c.name, code, amountMinor: total });
    } else if (rules.effect.def.scope === 'cart') {
      if (code !== null) discountCodes.push({ code, name: c.name, amountMinor: total, campaignId: c.id });
      else discounts.push({ campaignId: c.id, name: c.name, amountMinor: total });
    } else {
      for (let i = 0; i < lines.length; i++) {
        const amount = parts[i];
        if (amount === 0) continue;
        const entry = (perLine[i] ??= { lineId: lines[i].id, discounts: [], discountCodes: [] });
        if (code !== null) entry.discountCodes.push({ code, name: c.name, amountMinor: amount, campaignId: c.id });
        else entry.discounts.push({ campaignId: c.id, name: c.name, amountMinor: amount });
      }
    }
    if (code !== null) outcomes.set(code, 'APPLIED');
    applied.push({ campaignId: c.id, code: code === null ? null : normalizeCode(code), amountMinor: total });
    if (c.stacking === 'EXCLUSIVE') exclusiveApplied = true;
  }

  const nonApplicable: NonApplicableCode[] = [];
  for (const { entered: code } of entered) {
    const o = outcomes.get(code);
    if (o && o !== 'APPLIED') nonApplicable.push(o);
  }
  return {
    evaluation: {
      discounts,
      discountCodes,
      lineItemPromotions: perLine.filter((entry) => entry !== undefined),
      nonApplicableDiscountCodes: nonApplicable,
      shippingDiscounts,
    },
    applied,
    exhaustedCodes,
  };
}
