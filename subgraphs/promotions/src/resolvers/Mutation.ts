import { badInput, unavailable, withUserErrors } from '../../../../common/errors.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { views } from '../services/charges/edits.ts';
import { ProviderUnavailableError } from '../services/evaluationService.ts';
import { requireScope, requireService, requireWritable, withCart } from './guards.ts';

export const Mutation: MutationResolvers = {
  createCampaign: (_, { input }, ctx) => {
    requireScope(ctx, 'marketing', 'Creating campaigns');
    requireWritable(ctx);
    return withUserErrors(async () => ({ campaign: await ctx.campaigns.create(input) }), { campaign: null });
  },
  updateCampaign: (_, { id, input }, ctx) => {
    requireScope(ctx, 'marketing', 'Changing campaigns');
    requireWritable(ctx);
    return withUserErrors(async () => ({ campaign: await ctx.campaigns.update(id, input) }), { campaign: null });
  },
  generateCouponCodes: (_, { campaignId, count, pattern }, ctx) => {
    requireScope(ctx, 'marketing', 'Generating coupon codes');
    requireWritable(ctx);
    return withUserErrors(async () => ({ batch: await ctx.coupons.generate(campaignId, count, pattern) }), { batch: null });
  },
  setPromotionRouting: (_, { input }, ctx) => {
    requireScope(ctx, 'marketing', 'Changing promotion routing');
    requireWritable(ctx);
    return withUserErrors(async () => ({ routing: await ctx.routing.setRouting(input) }), { routing: null });
  },
  setPromotionRoutings: (_, { inputs }, ctx) => {
    requireScope(ctx, 'marketing', 'Changing promotion routing');
    requireWritable(ctx);
    return withUserErrors(async () => ({ routings: await ctx.routing.setRoutings(inputs) }), { routings: null });
  },
  resetPromotionShadowReport: (_, { market }, ctx) => {
    requireScope(ctx, 'marketing', 'Resetting the shadow report');
    requireWritable(ctx);
    return withUserErrors(async () => ({ report: await ctx.routing.resetShadowReport(market) }), { report: null });
  },
  setCompliancePolicy: (_, { market, input }, ctx) => {
    requireScope(ctx, 'operations', 'Changing compliance policies');
    requireWritable(ctx);
    return withUserErrors(async () => ({ policy: await ctx.compliance.set(market, input) }), { policy: null });
  },
  setCustomerTaxExemption: (_, { customerId, exempt, reason }, ctx) => {
    requireScope(ctx, 'operations', 'Changing tax exemptions');
    requireWritable(ctx);
    return withUserErrors(async () => ({ exemption: await ctx.taxExemptions.set(customerId, exempt, reason) }), { exemption: null });
  },
  upsertTaxMarket: (_, { input }, ctx) => {
    requireScope(ctx, 'operations', 'Changing the tax tables');
    requireWritable(ctx);
    return withUserErrors(async () => {
      const { value, version } = await ctx.chargeTables.upsert('tax-markets', input);
      return { taxMarket: views.taxMarket(value), version };
    }, { taxMarket: null, version: null });
  },
  upsertTaxRate: (_, { input }, ctx) => {
    requireScope(ctx, 'operations', 'Changing the tax tables');
    requireWritable(ctx);
    return withUserErrors(async () => {
      const { value, version } = await ctx.chargeTables.upsert('tax-rates', input);
      return { taxRate: views.taxRate(value), version };
    }, { taxRate: null, version: null });
  },
  removeTaxRate: (_, { input }, ctx) => {
    requireScope(ctx, 'operations', 'Changing the tax tables');
    requireWritable(ctx);
    return withUserErrors(async () => {
      const { value, version } = await ctx.chargeTables.remove('tax-rates', input);
      return { taxRate: views.taxRate(value), version };
    }, { taxRate: null, version: null });
  },
  upsertShippingMethod: (_, { input }, ctx) => {
    requireScope(ctx, 'operations', 'Changing the shipping tables');
    requireWritable(ctx);
    return withUserErrors(async () => {
      const { value, version } = await ctx.chargeTables.upsert('shipping-methods', input);
      return { shippingMethod: views.shippingMethod(value), version };
    }, { shippingMethod: null, version: null });
  },
  removeShippingMethod: (_, { market, code }, ctx) => {
    requireScope(ctx, 'operations', 'Changing the shipping tables');
    requireWritable(ctx);
    return withUserErrors(async () => {
      const { value, version } = await ctx.chargeTables.remove('shipping-methods', { market, code });
      return { shippingMethod: views.shippingMethod(value), version };
    }, { shippingMethod: null, version: null });
  },
  redeemPromotions: (_, { orderId, cart, customerId }, ctx) => {
    requireService(ctx);
    requireWritable(ctx);
    return withCart(() => ctx.evaluation.redeem(orderId, cart, customerId ?? null));
  },
  releaseRedemptions: async (_, { orderId }, ctx) => {
    requireService(ctx);
    requireWritable(ctx);
    try {
      return await ctx.evaluation.release(orderId);
    } catch (e) {
      if (e instanceof ProviderUnavailableError) throw unavailable(`The promotion engine (${e.provider}) could not release the order's redemptions; try again.`);
      throw e;
    }
  },
  recordReturnedItems: async (_, { orderId, items }, ctx) => {
    requireService(ctx);
    requireWritable(ctx);
    if (items.some((i) => !i.sku || !Number.isInteger(i.quantity) || i.quantity <= 0)) throw badInput('Every returned item needs a SKU and a quantity of at least 1.', 'items');
    try {
      return await ctx.evaluation.returnItems(orderId, items.map((i) => ({ sku: i.sku, quantity: i.quantity })));
    } catch (e) {
      if (e instanceof ProviderUnavailableError) throw unavailable(`The promotion engine (${e.provider}) could not record the return; try again.`);
      throw e;
    }
  },
};
