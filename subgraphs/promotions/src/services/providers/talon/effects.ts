import { distinctCodes, type CartInput } from '../../cart.ts';
import { REASON_MESSAGES } from '../remote/reasons.ts';
import { InvalidEvaluationError, type CampaignDiscount, type CodeDiscount, type Evaluation, type NonApplicableReason } from '../../evaluation.ts';
import { decimalNumberToMinor } from '../remote/money.ts';
import type { TalonEffect, TalonIntegrationState, TalonRuleFailure } from './client.ts';

/**
 * Talon.One's coupon rejection reasons (rejectCoupon effect, `rejectionReason`) mapped to our fixed
 * list. `CouponNotFound` is not a reason: the code is invalid (DISCOUNT_CODE_INVALID at entry).
 * Rejections "by condition" are told apart by the failed condition (see conditionReason).
 */
export const TALON_REJECTION_REASONS: Record<string, NonApplicableReason | 'INVALID' | 'BY_CONDITION'> = {
  CouponNotFound: 'INVALID',
  CouponPartOfNotRunningCampaign: 'EXPIRED',
  CouponLimitReached: 'USAGE_LIMIT_REACHED',
  CampaignLimitReached: 'USAGE_LIMIT_REACHED',
  ProfileLimitReached: 'USAGE_LIMIT_REACHED',
  // reserved for another customer, or only for identified customers: used up for this cart
  CouponRecipientDoesNotMatch: 'USAGE_LIMIT_REACHED',
  ProfileRequired: 'USAGE_LIMIT_REACHED',
  CouponReservationRequired: 'USAGE_LIMIT_REACHED',
  CouponExpired: 'EXPIRED',
  CouponStartDateInFuture: 'NOT_YET_VALID',
  CouponRejectedByCondition: 'BY_CONDITION',
  CouponPartOfNotTriggeredCampaign: 'BY_CONDITION',
  // a limit of the effect (e.g. the discount budget) was reached
  EffectCouldNotBeApplied: 'USAGE_LIMIT_REACHED',
};


const SUBTOTAL_WORDS = /subtotal|total|amount|spend|minimum/i;

/** A rejection "by condition": the amount condition failed, or else the items condition. */
function conditionReason(code: string, campaignId: number, props: Record<string, unknown>, failures: TalonRuleFailure[]): NonApplicableReason {
  const texts = [String(props.details ?? '')];
  for (const f of failures) {
    if (f.campaignID === campaignId || (f.couponValue && f.couponValue.toUpperCase() === code)) texts.push(String(f.details ?? ''), String(f.ruleName ?? ''));
  }
  return texts.some((t) => SUBTOTAL_WORDS.test(t)) ? 'MIN_SUBTOTAL_NOT_REACHED' : 'NO_QUALIFYING_ITEMS';
}

export const HANDLED_EFFECTS = new Set(['setDiscount', 'setDiscountPerItem', 'acceptCoupon', 'rejectCoupon']);

export interface MappedEffects {
  evaluation: Evaluation;
  /** entered codes Talon.One does not know (CouponNotFound), upper case */
  unknownCodes: string[];
}

const campaignKey = (id: number) => `talon-${id}`;

/** The cart lines sent as cart items, in this order (a `position` indexes this list). */
export const talonItems = (cart: CartInput) => cart.lines.filter((l) => l.quantity > 0);

/**
 * Maps the effects of an integration state to the promotion object. Discounts of a campaign whose
 * coupon was accepted belong to that code; setDiscountPerItem goes to the line at `position` (cart
 * items are sent in the cart's line order). Unknown effect types are ignored and reported.
 */
export function mapEffects(cart: CartInput, state: TalonIntegrationState, onUnknown: (effectType: string) => void): MappedEffects {
  const effects: TalonEffect[] = state.effects ?? [];
  const failures = state.ruleFailureReasons ?? [];
  const entered = new Map(distinctCodes(cart.discountCodes).map((c) => [c.upper, c.entered]));
  const amount = (value: unknown, where: string) => {
    try {
      const minor = decimalNumberToMinor(value, cart.currencyCode);
      if (minor < 0) throw new Error('negative');
      return minor;
    } catch {
      throw new InvalidEvaluationError(`talon ${where}: ${String(value)} is not a discount amount`);
    }
  };

  const accepted = new Map<number, string>(); // campaign → entered code
  for (const e of effects) {
    if (e.effectType !== 'acceptCoupon') continue;
    const code = String(e.props?.value ?? '').toUpperCase();
    const shown = entered.get(code);
    if (shown !== undefined) accepted.set(e.campaignId, shown);
  }

  const cartDiscounts = new Map<number, CampaignDiscount>();
  const cartCodes = new Map<number, CodeDiscount>();
  const lineDiscounts = new Map<string, { discounts: Map<number, CampaignDiscount>; codes: Map<number, CodeDiscount> }>();
  const add = <T extends { amountMinor: number }>(map: Map<number, T>, id: number, create: () => T, minor: number) => {
    const existing = map.get(id);
    if (existing) existing.amountMinor += minor;
    else map.set(id, { ...create(), amountMinor: minor });
  };
  const rejected = new Map<string, NonApplicableReason>();
  const unknownCodes: string[] = [];

  for (const e of effects) {
    const props = e.props ?? {};
    const name = String(props.name ?? e.ruleName ?? `Talon.One campaign ${e.campaignId}`);
    const code = accepted.get(e.campaignId);
    switch (e.effectType) {
      case 'setDiscount': {
        const minor = amount(props.value, 'setDiscount.value');
        if (code !== undefined) add(cartCodes, e.campaignId, () => ({ code, name, campaignId: campaignKey(e.campaignId), amountMinor: 0 }), minor);
        else add(cartDiscounts, e.campaignId, () => ({ campaignId: campaignKey(e.campaignId), name, amountMinor: 0 }), minor);
        break;
      }
      case 'setDiscountPerItem': {
        const position = Number(props.position);
        const line = Number.isInteger(position) ? talonItems(cart)[position] : undefined;
        if (!line) throw new InvalidEvaluationError(`talon setDiscountPerItem: no cart item at position ${String(props.position)}`);
        const minor = amount(props.value, 'setDiscountPerItem.value');
        const entry = lineDiscounts.get(line.id) ?? { discounts: new Map(), codes: new Map() };
        lineDiscounts.set(line.id, entry);
        if (code !== undefined) add(entry.codes, e.campaignId, () => ({ code, name, campaignId: campaignKey(e.campaignId), amountMinor: 0 }), minor);
        else add(entry.discounts, e.campaignId, () => ({ campaignId: campaignKey(e.campaignId), name, amountMinor: 0 }), minor);
        break;
      }
      case 'acceptCoupon':
        break;
      case 'rejectCoupon': {
        const upper = String(props.value ?? '').toUpperCase();
        if (!entered.has(upper) || rejected.has(upper)) break;
        const mapped = TALON_REJECTION_REASONS[String(props.rejectionReason)] ?? 'BY_CONDITION';
        if (mapped === 'INVALID') unknownCodes.push(upper);
        else rejected.set(upper, mapped === 'BY_CONDITION' ? conditionReason(upper, e.campaignId, props, failures) : mapped);
        break;
      }
      default:
        onUnknown(String(e.effectType));
    }
  }

  // an accepted code with no monetary effect (yet) still counts as applied
  const codesWithAmounts = new Set<number>([...cartCodes.keys(), ...[...lineDiscounts.values()].flatMap((l) => [...l.codes.keys()])]);
  for (const [campaignId, code] of accepted) {
    if (!codesWithAmounts.has(campaignId)) cartCodes.set(campaignId, { code, name: `Talon.One campaign ${campaignId}`, campaignId: campaignKey(campaignId), amountMinor: 0 });
  }
  const appliedCodes = new Set([...accepted.values()].map((c) => c.toUpperCase()));

  return {
    evaluation: {
      discounts: [...cartDiscounts.values()],
      discountCodes: [...cartCodes.values()],
      lineItemPromotions: cart.lines
        .filter((l) => lineDiscounts.has(l.id))
        .map((l) => ({ lineId: l.id, discounts: [...lineDiscounts.get(l.id)!.discounts.values()], discountCodes: [...lineDiscounts.get(l.id)!.codes.values()] })),
      nonApplicableDiscountCodes: [...rejected]
        .filter(([code]) => !appliedCodes.has(code))
        .map(([code, reason]) => ({ code: entered.get(code) ?? code, reason, message: REASON_MESSAGES[reason] })),
    },
    unknownCodes,
  };
}
