import { badInput } from '../../../../common/errors.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { views } from '../services/charges/edits.ts';
import { tablesToRows, type ChargeValue } from '../services/charges/rows.ts';
import { requireAnyScope, requireScope, requireService } from './guards.ts';

export const Query: QueryResolvers = {
  campaign: (_, { id }, ctx) => {
    requireScope(ctx, 'marketing', 'Reading campaigns');
    return ctx.campaigns.get(id);
  },
  campaigns: async (_, { filter, first, after, orderBy }, ctx) => {
    requireScope(ctx, 'marketing', 'Searching campaigns');
    const page = await ctx.campaigns.search(filter, first, after, orderBy ? { field: orderBy.field, direction: orderBy.direction ?? 'ASC' } : null);
    return { edges: page.items, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount };
  },
  taxExemption: (_, { customerId }, ctx) => {
    requireScope(ctx, 'operations', 'Reading tax exemptions');
    if (!customerId.trim() || customerId.length > 200) throw badInput('A customer id has 1 to 200 characters.', 'customerId');
    return ctx.taxExemptions.get(customerId);
  },
  taxMarkets: async (_, __, ctx) => {
    requireScope(ctx, 'operations', 'Reading the tax tables');
    const rows = tablesToRows(await ctx.chargeTables.tables()).filter((r) => r.kind === 'tax-markets');
    return rows.map((r) => views.taxMarket(r.value as ChargeValue<'tax-markets'>));
  },
  taxRates: async (_, { country }, ctx) => {
    requireScope(ctx, 'operations', 'Reading the tax tables');
    const rates = (await ctx.chargeTables.tables()).taxRates;
    return rates.filter((r) => !country || r.country === country).map(views.taxRate);
  },
  shippingMethods: async (_, { market }, ctx) => {
    requireScope(ctx, 'operations', 'Reading the shipping tables');
    return (await ctx.chargeTables.tables()).shippingMethods.filter((m) => m.market === market).map(views.shippingMethod);
  },
  chargeTablesVersion: (_, __, ctx) => {
    requireScope(ctx, 'operations', 'Reading the tax tables');
    return ctx.chargeTables.version();
  },
  couponBatch: (_, { id }, ctx) => {
    requireScope(ctx, 'marketing', 'Reading coupon batches');
    return ctx.coupons.batch(id);
  },
  promotionRouting: (_, { market }, ctx) => {
    requireScope(ctx, 'marketing', 'Reading promotion routing');
    return ctx.routing.routing(market);
  },
  compliancePolicy: (_, { market }, ctx) => {
    requireScope(ctx, 'marketing', 'Reading compliance policies');
    return ctx.compliance.get(market);
  },
  promotionShadowReport: (_, { market }, ctx) => {
    requireScope(ctx, 'marketing', 'Reading the shadow report');
    return ctx.routing.shadowReport(market);
  },
  promotionProviders: (_, __, ctx) => {
    requireScope(ctx, 'marketing', 'Listing promotion providers');
    return ctx.routing.providers();
  },
  previewDiff: (_, { market, at }, ctx) => {
    requireScope(ctx, 'marketing', 'Comparing now with a future instant');
    return ctx.previews.diff(market, at);
  },
  marketingAccess: (_, __, ctx) => {
    requireAnyScope(ctx, ['marketing', 'operations'], 'Reading marketing access');
    const { keyId, channel, scopes, markets } = ctx.identity;
    const allMarkets = markets.includes('*');
    return { keyId, channel, scopes: scopes.filter((s) => s !== 'service'), allMarkets, markets: allMarkets ? [] : markets };
  },
  auditTrail: async (_, { filter, first, after }, ctx) => {
    requireAnyScope(ctx, ['marketing', 'operations'], 'Reading the audit trail');
    const page = await ctx.audit.trail(filter, first, after);
    return { events: page.events, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  },
  discountCodeChecks: async (_, { market, codes }, ctx) => {
    requireService(ctx);
    return ctx.remoteCodes.complete(market, await ctx.campaigns.checkCodes(market, codes));
  },
};
