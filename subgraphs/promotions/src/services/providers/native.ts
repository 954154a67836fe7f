import { userError } from '../../../../../common/errors.ts';
import type { Db, Queryable } from '../../../../../common/storage/index.ts';
import { CampaignRepository } from '../../data/campaignRepository.ts';
import { CustomerOrderRepository } from '../../data/customerOrderRepository.ts';
import { RedemptionRepository } from '../../data/redemptionRepository.ts';
import { toCampaignRecord } from '../campaign.ts';
import { distinctCodes, type CartInput } from '../cart.ts';
import type { Evaluation } from '../evaluation.ts';
import { CampaignIndex, compileCampaign, type IndexedCampaign } from '../native/campaignIndex.ts';
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

/** Whether the customer's order history matters to one of the campaigns (a firstOrder condition). */
const needsHistory = (campaigns: readonly IndexedCampaign[]) =>
  campaigns.some((c) => c.rules?.conditions.some((cond) => cond.def.needsCustomerHistory));

/**
 * What the engine needs to know about the cart's customer, looked up only when a candidate needs it:
 * whether they have an earlier order (firstOrder) and their redemptions of campaigns with a
 * per-customer budget. `exceptOrderId`: the order being redeemed does not count against itself.
 */
async function customerFacts(q: Queryable, cart: CartInput, campaigns: readonly IndexedCampaign[], exceptOrderId: string | null) {
  if (!cart.customerId) return { customerHasOrders: null, customerRedemptions: undefined };
  const limited = campaigns.filter((c) => c.maxRedemptionsPerCustomer !== null).map((c) => c.id);
  const [customerHasOrders, customerRedemptions] = await Promise.all([
    needsHistory(campaigns) ? new CustomerOrderRepository(q).hasOrders(cart.customerId, exceptOrderId) : null,
    limited.length ? new RedemptionRepository(q).customerCounts(cart.customerId, limited, exceptOrderId) : undefined,
  ]);
  return { customerHasOrders, customerRedemptions };
}

/**
 * The project's own engine: campaigns in this service's database. An evaluation reads the market's
 * change counter and the entered codes' owners, and takes the candidates (the automatic campaigns that
 * could apply to the cart's channel and SKUs, and the campaigns of the codes) from an in-memory index
 * (native/campaignIndex.ts). A redemption reads everything inside its transaction instead.
 */
export class NativeProvider implements PromotionProvider {
  readonly name = 'native';
  private readonly index: CampaignIndex;

  constructor(private readonly db: Db) {
    this.index = new CampaignIndex(db);
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    const codes = distinctCodes(cart.discountCodes).map((c) => c.upper);
    const { campaigns, codeOwners } = await this.index.candidates(cart.market, cart.channel, cart.lines.map((l) => l.sku), codes, ctx.now.toISOString());
    return evaluateNative({ cart, now: ctx.now, campaigns, codeOwners, ...(await customerFacts(this.db, cart, campaigns, null)) }).evaluation;
  }

  /** Loads the candidates inside the redemption's transaction (exact budgets) and runs the engine. */
  private async run(q: Queryable, cart: CartInput, now: Date, orderId: string): Promise<EngineResult> {
    const repo = new CampaignRepository(q);
    const codes = distinctCodes(cart.discountCodes).map((c) => c.upper);
    const [automatic, byCode] = await Promise.all([repo.automaticCandidates(cart.market, now.toISOString()), repo.byCodes(cart.market, codes)]);
    const campaigns = new Map<string, IndexedCampaign>();
    for (const row of [...automatic, ...byCode]) if (!campaigns.has(row.id)) campaigns.set(row.id, compileCampaign(row));
    const codeOwners = new Map(byCode.map((r) => [r.matched_code, r.id]));
    const candidates = [...campaigns.values()];
    return evaluateNative({ cart, now, campaigns: candidates, codeOwners, ...(await customerFacts(q, cart, candidates, orderId)) });
  }

  async redeem(orderId: string, cart: CartInput, customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const at = ctx.now.toISOString();
    try {
      await this.db.transaction(async (tx) => {
        const redemptions = new RedemptionRepository(tx);
        if (!(await redemptions.claimOrder(orderId, at))) return; // already redeemed: nothing doubled
        const customers = new CustomerOrderRepository(tx);
        if (customerId !== null) await customers.lockCustomer(customerId);
        const { applied, exhaustedCodes } = await this.run(tx, { ...cart, customerId }, ctx.now, orderId);
        // an entered code whose budget ran out since the cart was priced: refuse rather than drop it silently
        if (exhaustedCodes.length) throw new BudgetExhausted(exhaustedCodes[0].code, exhaustedCodes[0].perCustomer);
        const campaigns = new Map((await new CampaignRepository(tx).byIds(applied.map((a) => a.campaignId))).map((r) => [r.id, toCampaignRecord(r)]));
        // campaign rows locked in id order (as a release does), the change counters bumped last
        for (const a of [...applied].sort((x, y) => (x.campaignId < y.campaignId ? -1 : x.campaignId > y.campaignId ? 1 : 0))) {
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
        // under the customer's lock: a concurrent redemption for them sees this order when it gets the lock
        if (customerId !== null) await customers.record(orderId, customerId, cart.market, at);
        await redemptions.bumpVersions();
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
