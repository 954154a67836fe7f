import { userError } from '../../../../../common/errors.ts';
import type { Db, Queryable } from '../../../../../common/storage/index.ts';
import { CampaignRepository } from '../../data/campaignRepository.ts';
import { RedemptionRepository } from '../../data/redemptionRepository.ts';
import { toCampaignRecord, type CampaignRecord } from '../campaign.ts';
import { distinctCodes, type CartInput } from '../cart.ts';
import type { Evaluation } from '../evaluation.ts';
import { evaluateNative, type EngineResult } from '../native/engine.ts';
import type { PromotionProvider, ProviderContext, ProviderFactory, RedeemResult } from './provider.ts';

class BudgetExhausted extends Error {
  constructor(
    /** the campaign's name or the code */
    readonly what: string,
    readonly perCustomer: boolean,
  ) {
    super(`budget of ${what} exhausted`);
  }
}

/**
 * The project's own engine: campaigns in this service's database. An evaluation reads only the
 * market's live automatic campaigns and the campaigns of the entered codes.
 */
export class NativeProvider implements PromotionProvider {
  readonly name = 'native';
  constructor(private readonly db: Db) {}

  /** Loads the candidates (through q, so redeem can read inside its transaction) and runs the engine. */
  private async run(q: Queryable, cart: CartInput, now: Date): Promise<EngineResult> {
    const repo = new CampaignRepository(q);
    const codes = distinctCodes(cart.discountCodes).map((c) => c.upper);
    const [automatic, byCode] = await Promise.all([repo.automaticCandidates(cart.market, now.toISOString()), repo.byCodes(cart.market, codes)]);
    const campaigns = new Map<string, CampaignRecord>();
    for (const row of [...automatic, ...byCode]) if (!campaigns.has(row.id)) campaigns.set(row.id, toCampaignRecord(row));
    const codeOwners = new Map(byCode.map((r) => [r.matched_code, r.id]));
    return evaluateNative({ cart, now, campaigns: [...campaigns.values()], codeOwners });
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    return (await this.run(this.db, cart, ctx.now)).evaluation;
  }

  async redeem(orderId: string, cart: CartInput, customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const at = ctx.now.toISOString();
    try {
      await this.db.transaction(async (tx) => {
        const redemptions = new RedemptionRepository(tx);
        if (!(await redemptions.claimOrder(orderId, at))) return; // already redeemed: nothing doubled
        const { applied, evaluation } = await this.run(tx, cart, ctx.now);
        // an entered code whose budget ran out since the cart was priced: refuse rather than drop it silently
        const exhausted = evaluation.nonApplicableDiscountCodes.find((n) => n.reason === 'USAGE_LIMIT_REACHED');
        if (exhausted) throw new BudgetExhausted(exhausted.code, false);
        const campaigns = new Map((await new CampaignRepository(tx).byIds(applied.map((a) => a.campaignId))).map((r) => [r.id, toCampaignRecord(r)]));
        for (const a of applied) {
          const campaign = campaigns.get(a.campaignId);
          if (!campaign) continue;
          // the conditional update also locks the campaign, so the per-customer count below is not raced
          if (!(await redemptions.consumeBudget(campaign.id))) throw new BudgetExhausted(campaign.name, false);
          if (customerId !== null && campaign.maxRedemptionsPerCustomer !== null) {
            if ((await redemptions.activeForCustomer(campaign.id, customerId)) >= campaign.maxRedemptionsPerCustomer) {
              throw new BudgetExhausted(campaign.name, true);
            }
          }
          await redemptions.record({ order_id: orderId, campaign_id: campaign.id, code: a.code, customer_id: customerId, created_at: at });
        }
      });
      return { ok: true, userErrors: [] };
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      const message = e.perCustomer
        ? `"${e.what}" was already used the maximum number of times by this customer.`
        : `"${e.what}" has reached its usage limit.`;
      return { ok: false, userErrors: [userError('USAGE_LIMIT_REACHED', message)] };
    }
  }

  async release(orderId: string, ctx: ProviderContext): Promise<void> {
    await this.db.transaction((tx) => new RedemptionRepository(tx).release(orderId, ctx.now.toISOString()));
  }
}

export const nativeProvider: ProviderFactory = { name: 'native', create: ({ db }) => new NativeProvider(db) };
