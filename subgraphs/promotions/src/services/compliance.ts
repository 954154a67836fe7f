import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { CampaignRepository, type CompliancePolicyRow } from '../data/campaignRepository.ts';
import { AuditRepository } from '../../../../common/audit/repository.ts';
import { auditRow } from './audit.ts';
import { mayManage, type Caller } from './caller.ts';
import type { CampaignValues } from './campaignValidation.ts';
import type { Markets } from './markets.ts';
import { EFFECTS, effectPercent } from './native/catalogue.ts';
import { amountMinor, formatAmount } from './native/rule.ts';

/** A market's compliance policy as the API shows it. A market without a row allows everything. */
export interface CompliancePolicyView {
  market: string;
  maxDiscountPercent: number | null;
  requireEndDate: boolean;
  maxDurationDays: number | null;
  noAmountAbovePrice: boolean;
  /** always true (deprecated in the API): the cap always bounds the combinable campaigns active together (stackingCap.ts) */
  capStacking: true;
  updatedAt: string | null;
}

export interface CompliancePolicyInputData {
  maxDiscountPercent?: number | null;
  requireEndDate?: boolean | null;
  maxDurationDays?: number | null;
  noAmountAbovePrice?: boolean | null;
  capStacking?: boolean | null;
}

/** Current catalog prices: sku → minor units; null when not sold in the market; unknown SKUs absent. */
export type PriceLookup = (market: string, skus: string[]) => Promise<Map<string, number | null>>;

const DAY_MS = 86_400_000;
const MAX_DURATION_DAYS = 3650;

export function toPolicyView(market: string, row: CompliancePolicyRow | undefined): CompliancePolicyView {
  return {
    market,
    maxDiscountPercent: row?.max_percent == null ? null : Number(row.max_percent),
    requireEndDate: Number(row?.require_end_date ?? 0) === 1,
    maxDurationDays: row?.max_duration_days == null ? null : Number(row.max_duration_days),
    noAmountAbovePrice: Number(row?.no_amount_above_price ?? 0) === 1,
    capStacking: true,
    updatedAt: row?.updated_at ?? null,
  };
}

/**
 * Every violation of the market's policy by a campaign about to be saved (`now`: the save instant,
 * the start of a campaign without validFrom). Prices are asked from the catalog only when the policy
 * caps amounts at the price and the effect takes an amount off SKUs.
 */
export async function complianceViolations(values: CampaignValues, policy: CompliancePolicyView, now: Date, prices: PriceLookup, currency: string | null): Promise<UserError[]> {
  const errors: UserError[] = [];
  const { market } = policy;
  const pct = effectPercent(values.effect);
  if (policy.maxDiscountPercent !== null && pct !== null && pct > policy.maxDiscountPercent) {
    errors.push(userError('DISCOUNT_CAP_EXCEEDED', `Market ${market} allows at most ${policy.maxDiscountPercent}% off.`, 'effect.args.percent'));
  }
  if (policy.requireEndDate && values.validUntil === null) {
    errors.push(userError('END_DATE_REQUIRED', `Campaigns in market ${market} need an end date (validUntil).`, 'validUntil'));
  }
  if (policy.maxDurationDays !== null) {
    const start = values.validFrom ? new Date(values.validFrom).getTime() : now.getTime();
    const tooLong = values.validUntil === null || new Date(values.validUntil).getTime() - start > policy.maxDurationDays * DAY_MS;
    if (tooLong && !errors.some((e) => e.code === 'END_DATE_REQUIRED')) {
      errors.push(userError('DURATION_TOO_LONG', `Campaigns in market ${market} may run at most ${policy.maxDurationDays} days (from validFrom, or from now, to validUntil).`, 'validUntil'));
    }
  }
  const abovePrice = policy.noAmountAbovePrice ? await amountAbovePrice(values, market, prices, currency) : [];
  if (policy.maxDiscountPercent !== null && pct === null) {
    // a SKU already reported above its price is not reported again for the cap
    const reported = new Set(abovePrice.map((e) => e.field));
    errors.push(...(await amountAboveCap(values, policy.maxDiscountPercent, market, prices, currency)).filter((e) => !reported.has(e.field)));
  }
  errors.push(...abovePrice);
  return errors;
}

/**
 * A percent cap bounds amounts too. An amount off the cart is at most the cap of the smallest subtotal
 * it applies to (its minSubtotal condition: without one, any cart could reach 100%); an amount off
 * SKUs is at most the cap of each SKU's current price; a bundle price is at least (100 − cap)% of the
 * dearest bundle the SKUs' current prices can form (bundles take the dearest units first). Stacking:
 * stackingCap.ts.
 */
async function amountAboveCap(values: CampaignValues, cap: number, market: string, prices: PriceLookup, currency: string | null): Promise<UserError[]> {
  const def = EFFECTS.get(values.effect.type);
  const parsed = def?.args.safeParse(values.effect.args ?? undefined);
  if (!def || !parsed?.success || currency === null) return [];
  const args = parsed.data as Record<string, unknown>;
  const refuse = (message: string, field: string) => [userError('DISCOUNT_CAP_EXCEEDED', `Market ${market} allows at most ${cap}% off: ${message}`, field)];
  if (values.effect.type === 'amountOffCart') {
    const amount = amountMinor(String(args.amount), currency);
    const minimums = values.conditions
      .filter((c) => c.type === 'minSubtotal')
      .map((c) => amountMinor(String((c.args as { amount?: unknown } | null)?.amount ?? ''), currency))
      .filter((m): m is number => m !== null);
    const floor = minimums.length ? Math.max(...minimums) : 0;
    if (amount !== null && amount * 100 > floor * cap) {
      return refuse(`an amount off the cart needs a minSubtotal condition of at least ${formatAmount(Math.ceil((amount * 100) / cap), currency)}.`, 'effect.args.amount');
    }
    return [];
  }
  const off = def.amountOffUnits?.(parsed.data, currency);
  const bundle = values.effect.type === 'bundlePrice' ? (args as { skus: string[]; quantity: number; price: string }) : null;
  const skus = off?.skus ?? bundle?.skus;
  if (!skus) return [];
  let current: Map<string, number | null>;
  try {
    current = await prices(market, [...skus]);
  } catch {
    return [userError('PRICE_CHECK_UNAVAILABLE', 'The catalog could not be asked for prices, so the campaign cannot be checked against the cap. Try again.', 'effect.args')];
  }
  if (off) {
    return off.skus.flatMap((sku, i) => {
      const price = current.get(sku);
      if (price == null || off.amountMinor * 100 <= price * cap) return [];
      return refuse(`${sku} costs ${formatAmount(price, currency)}, so at most ${formatAmount(Math.floor((price * cap) / 100), currency)} may be taken off it.`, `effect.args.skus[${i}]`);
    });
  }
  if (bundle) {
    const unitPrices = bundle.skus.map((sku) => current.get(sku)).filter((p): p is number => p != null);
    const bundlePrice = amountMinor(bundle.price, currency);
    if (!unitPrices.length || bundlePrice === null) return [];
    // bundles take the dearest units first: the dearest bundle is the largest share off
    const dearest = Math.max(...unitPrices) * bundle.quantity;
    if ((dearest - bundlePrice) * 100 > dearest * cap) {
      return refuse(`the dearest bundle of these SKUs costs ${formatAmount(dearest, currency)}, so the bundle price must be at least ${formatAmount(Math.ceil((dearest * (100 - cap)) / 100), currency)}.`, 'effect.args.price');
    }
  }
  return [];
}

/** DISCOUNT_ABOVE_PRICE for every SKU whose current catalog price is below the amount taken off a unit. */
async function amountAbovePrice(values: CampaignValues, market: string, prices: PriceLookup, currency: string | null): Promise<UserError[]> {
  const def = EFFECTS.get(values.effect.type);
  const parsed = def?.args.safeParse(values.effect.args ?? undefined);
  if (!def?.amountOffUnits || !parsed?.success || currency === null) return [];
  const off = def.amountOffUnits(parsed.data, currency);
  if (!off) return [];
  let current: Map<string, number | null>;
  try {
    current = await prices(market, [...off.skus]);
  } catch {
    return [userError('PRICE_CHECK_UNAVAILABLE', 'The catalog could not be asked for prices, so the campaign cannot be checked against them. Try again.', 'effect.args.amount')];
  }
  return off.skus.flatMap((sku, i) => {
    const price = current.get(sku);
    if (price == null || off.amountMinor <= price) return [];
    return [userError('DISCOUNT_ABOVE_PRICE', `${sku} costs less than the amount taken off it in market ${market}.`, `effect.args.skus[${i}]`)];
  });
}

function validatePolicyInput(input: CompliancePolicyInputData): UserError[] {
  const errors: UserError[] = [];
  const pct = input.maxDiscountPercent;
  if (pct != null && (!Number.isInteger(pct) || pct < 1 || pct > 100)) {
    errors.push(userError('INVALID_POLICY', 'maxDiscountPercent must be an integer from 1 to 100 (or null for no cap).', 'maxDiscountPercent'));
  }
  const days = input.maxDurationDays;
  if (days != null && (!Number.isInteger(days) || days < 1 || days > MAX_DURATION_DAYS)) {
    errors.push(userError('INVALID_POLICY', `maxDurationDays must be an integer from 1 to ${MAX_DURATION_DAYS} (or null for no limit).`, 'maxDurationDays'));
  }
  if (input.capStacking === false) {
    errors.push(userError('INVALID_POLICY', 'The percent cap always bounds the combinable campaigns active together: capStacking cannot be false (omit it).', 'capStacking'));
  }
  return errors;
}

/** Reading and replacing compliance policies (per request): own markets only. */
export class ComplianceService {
  private readonly repo: CampaignRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly caller: Caller,
    private readonly markets: Markets,
  ) {
    this.repo = new CampaignRepository(db);
  }

  /** The market's policy; null for an unknown market or one the caller does not manage. */
  async get(market: string): Promise<CompliancePolicyView | null> {
    if (!mayManage(this.caller, market) || (await this.markets.currency(market)) === null) return null;
    return toPolicyView(market, await this.repo.compliancePolicy(market));
  }

  /** Replaces the whole policy; omitted limits are removed. Throws all user errors at once. */
  async set(market: string, input: CompliancePolicyInputData): Promise<CompliancePolicyView> {
    if ((await this.markets.currency(market)) === null) throw new UserErrorException(userError('MARKET_UNKNOWN', `Unknown market ${market}.`, 'market'));
    if (!mayManage(this.caller, market)) throw new UserErrorException(userError('FORBIDDEN_MARKET', `This key does not manage market ${market}.`, 'market'));
    const errors = validatePolicyInput(input);
    if (errors.length) throw new UserErrorException(errors);
    const at = this.clock.now().toISOString();
    await this.db.transaction(async (tx) => {
      const repo = new CampaignRepository(tx);
      const before = await repo.compliancePolicy(market);
      await repo.upsertCompliancePolicy({
        market,
        max_percent: input.maxDiscountPercent ?? null,
        require_end_date: input.requireEndDate ? 1 : 0,
        max_duration_days: input.maxDurationDays ?? null,
        no_amount_above_price: input.noAmountAbovePrice ? 1 : 0,
        updated_at: at,
      });
      const state = (row: CompliancePolicyRow | undefined) => {
        const { updatedAt: _, ...policy } = toPolicyView(market, row);
        return policy;
      };
      await new AuditRepository(tx).record(auditRow(this.caller.identity, at, {
        entityType: 'COMPLIANCE_POLICY', entityId: market, market, action: before ? 'UPDATED' : 'CREATED',
        before: before ? state(before) : null, after: state(await repo.compliancePolicy(market)),
      }));
    });
    return toPolicyView(market, await this.repo.compliancePolicy(market));
  }
}
