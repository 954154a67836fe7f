/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an audit event is about. */
export type AuditEntityType =
  | 'CAMPAIGN'
  | 'COMPLIANCE_POLICY'
  | 'COUPON_BATCH'
  /**
   * A price set through the graph (setPrice, setPrices), recorded by the catalog: entityId the SKU, market
   * the price's market; before the price in effect at the new price's start (null: not sold then), after
   * the new one ({ amount, currencyCode, validFrom, validUntil }); action SET (in effect now) or SCHEDULED.
   */
  | 'PRICE'
  /**
   * A run of the bulk import of prices (`npm run import -- prices`), recorded by the catalog: entityId the
   * run, no market (readers of every market), key `cli:<user>`, after the file and counts (rows, accepted,
   * rejected, complete, resumedAfterLine); action IMPORTED or INTERRUPTED.
   */
  | 'PRICE_IMPORT'
  | 'ROUTING'
  /** A market's shadow report started over (resetPromotionShadowReport): the counts before, action RESET. */
  | 'SHADOW_REPORT'
  /** A customer's tax exemption (entityId: the customer id; no market; read with the operations scope only): action SET or CLEARED. */
  | 'TAX_EXEMPTION';

export type AuditFilter = {
  /** An entity's id (a campaign or batch id, the market of a routing, policy or shadow report, a customer id, a SKU, an import run); needs entityType. */
  entityId?: string | number | null | undefined;
  entityType?: AuditEntityType | null | undefined;
  /** The key that made the changes. */
  keyId?: string | null | undefined;
};

export type BudgetInput = {
  maxRedemptions?: number | null | undefined;
  maxRedemptionsPerCustomer?: number | null | undefined;
};

export type CampaignFilter = {
  /** Campaigns valid (and not paused) at this instant. */
  activeAt?: string | null | undefined;
  /** Campaigns that run in this channel (a campaign without channels runs in every channel). */
  channel?: string | null | undefined;
  /** Campaigns that own this code (explicit or generated). */
  code?: string | null | undefined;
  /** Campaigns with this effect type (percentOffCart, bundlePrice, …). */
  effectType?: string | null | undefined;
  /**
   * Campaigns of the markets this engine prices (routing primary or rollout; a market without routing
   * is priced by native).
   */
  engine?: string | null | undefined;
  market?: string | null | undefined;
  /** Campaigns that name this SKU in their effect or conditions. */
  sku?: string | null | undefined;
  status?: CampaignStatus | null | undefined;
  /** Case-insensitive search in the campaign name. */
  text?: string | null | undefined;
};

export type CampaignInput = {
  budget?: BudgetInput | null | undefined;
  channels?: Array<string> | null | undefined;
  codes?: Array<string> | null | undefined;
  /**
   * All must hold. Types: minSubtotal { amount }, minQuantity { quantity }, skusInCart { skus, match },
   * channel { channels }, shippingMethod { methods } (the selected shipping method's code is one of them), firstOrder (no args): the cart's customer (Cart.customerId) has no earlier order.
   * firstOrder is decided from the orders promotions redeemed (recorded when placed, forgotten when
   * their redemptions are released, as for an order that failed after redeeming); orders that never
   * passed through promotions, such as imported offline sales, are not known, and a cart without a
   * customer never qualifies.
   */
  conditions?: Array<RuleInput> | null | undefined;
  couponRequired?: boolean | null | undefined;
  /**
   * Types: percentOffCart, amountOffCart, percentOffSkus, amountOffSkus, bundlePrice, buyXGetY,
   * freeShipping (no args: the selected method's charge), amountOffShipping { amount } (off the
   * shipping charge). Shipping effects grant nothing until the cart has a shipping method with a price.
   */
  effect: RuleInput;
  market: string;
  name: string;
  /** Create paused (not live) when true. */
  paused?: boolean | null | undefined;
  priority?: number | null | undefined;
  stacking?: StackingMode | null | undefined;
  validFrom?: string | null | undefined;
  validUntil?: string | null | undefined;
};

export type CampaignOrder = {
  direction?: CampaignOrderDirection | null | undefined;
  field: CampaignOrderField;
};

export type CampaignOrderDirection =
  | 'ASC'
  | 'DESC';

export type CampaignOrderField =
  /** validUntil (a campaign without one: last) */
  | 'END'
  /** validFrom (a campaign without one: its creation) */
  | 'START'
  /** the last change (updatedAt) */
  | 'UPDATED';

export type CampaignStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'PAUSED'
  | 'SCHEDULED';

export type CartLineInput = {
  attributes?: Array<TypedValueInput> | null | undefined;
  /** 1 to the per-line limit (default 100). */
  quantity: number;
  sku: string | number;
};

export type CouponBatchStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type CreateCartInput = {
  /**
   * No longer accepted: a value is refused with CUSTOMER_ID_NOT_ACCEPTED. The cart's customer is the
   * signed-in customer of the request (a token of the shop's identity system in `x-customer-token`).
   * @deprecated The customer comes from the signed-in customer's token (x-customer-token); a value is refused.
   */
  customerId?: string | number | null | undefined;
  /** Codes to apply at once; an unknown code is refused with DISCOUNT_CODE_INVALID. */
  discountCodes?: Array<string> | null | undefined;
  lines?: Array<CartLineInput> | null | undefined;
  /** Point of sale: the store location whose stock the cart sells. */
  location?: string | number | null | undefined;
  /** Market code, e.g. DE. The cart belongs to it for life. */
  market: string;
};

/** Why a valid code has no effect (yet). */
export type NonApplicableReason =
  | 'EXPIRED'
  | 'MIN_SUBTOTAL_NOT_REACHED'
  | 'NOT_COMBINABLE'
  | 'NOT_YET_VALID'
  | 'NO_QUALIFYING_ITEMS'
  | 'USAGE_LIMIT_REACHED'
  | 'WRONG_CHANNEL'
  | 'WRONG_MARKET';

export type PromotionRoutingInput = {
  market: string;
  provider: string;
  rollout?: RolloutInput | null | undefined;
  shadowProvider?: string | null | undefined;
};

/** How the engine's evaluation went. */
export type PromotionStatus =
  /** The provider evaluated the cart. */
  | 'EVALUATED'
  /** The provider failed or exceeded its time budget: base prices apply and orders with codes are refused until it recovers. */
  | 'UNAVAILABLE';

export type RolloutInput = {
  /** 0–100: share of carts (sticky per cart) priced by the rollout provider. */
  percent: number;
  provider: string;
};

export type RuleInput = {
  args?: unknown;
  type: string;
};

export type StackingMode =
  /** Applies alone: if it applies first nothing else applies; if something applied before it, it does not. */
  | 'EXCLUSIVE'
  /** Combines with other stackable campaigns. */
  | 'STACKABLE';

export type TypedValueInput = {
  data: unknown;
  type: string;
};

export type ConsoleAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAccessQuery = { marketingAccess: { keyId: string, channel: string, scopes: Array<string>, allMarkets: boolean, markets: Array<string> }, markets: Array<{ code: string, name: string, currencyCode: string }> };

export type ConsoleAuditTrailQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAuditTrailQuery = { auditTrail: { events: Array<{ id: string, entityType: AuditEntityType, entityId: string, action: string, keyId: string, at: string, market: string | null, changes: Array<{ field: string, before: unknown, after: unknown }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCampaignFieldsFragment = { id: string, name: string, market: string, status: CampaignStatus, priority: number, stacking: StackingMode, channels: Array<string>, codes: Array<string>, couponRequired: boolean, validFrom: string | null, validUntil: string | null, redemptions: number, createdAt: string, updatedAt: string, effect: { type: string, args: unknown }, conditions: Array<{ type: string, args: unknown }>, budget: { maxRedemptions: number | null, maxRedemptionsPerCustomer: number | null } | null };

export type ConsoleCampaignsQueryVariables = Exact<{
  filter?: CampaignFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: CampaignOrder | null | undefined;
}>;


export type ConsoleCampaignsQuery = { campaigns: { totalCount: number, edges: Array<{ node: { id: string, name: string, market: string, status: CampaignStatus, priority: number, stacking: StackingMode, channels: Array<string>, codes: Array<string>, couponRequired: boolean, validFrom: string | null, validUntil: string | null, redemptions: number, createdAt: string, updatedAt: string, effect: { type: string, args: unknown }, conditions: Array<{ type: string, args: unknown }>, budget: { maxRedemptions: number | null, maxRedemptionsPerCustomer: number | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCampaignQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCampaignQuery = { campaign: { id: string, name: string, market: string, status: CampaignStatus, priority: number, stacking: StackingMode, channels: Array<string>, codes: Array<string>, couponRequired: boolean, validFrom: string | null, validUntil: string | null, redemptions: number, createdAt: string, updatedAt: string, effect: { type: string, args: unknown }, conditions: Array<{ type: string, args: unknown }>, budget: { maxRedemptions: number | null, maxRedemptionsPerCustomer: number | null } | null } | null };

export type ConsoleCreateCampaignMutationVariables = Exact<{
  input: CampaignInput;
}>;


export type ConsoleCreateCampaignMutation = { createCampaign: { campaign: { id: string, name: string, market: string, status: CampaignStatus, priority: number, stacking: StackingMode, channels: Array<string>, codes: Array<string>, couponRequired: boolean, validFrom: string | null, validUntil: string | null, redemptions: number, createdAt: string, updatedAt: string, effect: { type: string, args: unknown }, conditions: Array<{ type: string, args: unknown }>, budget: { maxRedemptions: number | null, maxRedemptionsPerCustomer: number | null } | null } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsoleUpdateCampaignMutationVariables = Exact<{
  id: string | number;
  input: CampaignInput;
}>;


export type ConsoleUpdateCampaignMutation = { updateCampaign: { campaign: { id: string, name: string, market: string, status: CampaignStatus, priority: number, stacking: StackingMode, channels: Array<string>, codes: Array<string>, couponRequired: boolean, validFrom: string | null, validUntil: string | null, redemptions: number, createdAt: string, updatedAt: string, effect: { type: string, args: unknown }, conditions: Array<{ type: string, args: unknown }>, budget: { maxRedemptions: number | null, maxRedemptionsPerCustomer: number | null } | null } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsoleBatchFieldsFragment = { id: string, campaignId: string, count: number, generated: number, status: CouponBatchStatus, pattern: string, createdAt: string, error: string | null };

export type ConsoleGenerateCouponCodesMutationVariables = Exact<{
  campaignId: string | number;
  count: number;
  pattern?: string | null | undefined;
}>;


export type ConsoleGenerateCouponCodesMutation = { generateCouponCodes: { batch: { id: string, campaignId: string, count: number, generated: number, status: CouponBatchStatus, pattern: string, createdAt: string, error: string | null } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsoleCouponBatchQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCouponBatchQuery = { couponBatch: { id: string, campaignId: string, count: number, generated: number, status: CouponBatchStatus, pattern: string, createdAt: string, error: string | null } | null };

export type ConsoleRecentBatchesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ConsoleRecentBatchesQuery = { auditTrail: { events: Array<{ id: string, entityId: string, market: string | null, at: string, keyId: string, action: string, after: unknown }> } };

export type ConsolePreviewCartMutationVariables = Exact<{
  input: CreateCartInput;
}>;


export type ConsolePreviewCartMutation = { createCart: { cart: { id: string, market: string, preview: boolean, currencyCode: string, discountCodes: Array<string>, lines: Array<{ id: string, sku: string, quantity: number, unitPrice: { amount: string, currencyCode: string } }>, promotion: { provider: string, status: PromotionStatus, discounts: Array<{ id: string, name: string, amount: { amount: string, currencyCode: string } }>, discountCodes: Array<{ code: string, name: string, amount: { amount: string, currencyCode: string } }>, lineItemPromotions: Array<{ lineId: string, discounts: Array<{ id: string, name: string, amount: { amount: string, currencyCode: string } }> }>, nonApplicableDiscountCodes: Array<{ code: string, reason: NonApplicableReason, message: string }> } | null, totals: { subtotal: { amount: string, currencyCode: string }, discount: { amount: string, currencyCode: string }, total: { amount: string, currencyCode: string } } | null } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsolePreviewDiffQueryVariables = Exact<{
  market: string;
  at: string;
}>;


export type ConsolePreviewDiffQuery = { previewDiff: { from: string, at: string, campaignsStarting: Array<{ id: string, name: string, validFrom: string | null }>, campaignsEnding: Array<{ id: string, name: string, validUntil: string | null }>, priceChanges: Array<{ sku: string, at: string, before: { amount: string, currencyCode: string } | null, after: { amount: string, currencyCode: string } | null }> } | null };

export type ConsoleRoutingFieldsFragment = { market: string, provider: string, shadowProvider: string | null, rollout: { provider: string, percent: number } | null };

export type ConsoleRoutingQueryVariables = Exact<{
  market: string;
}>;


export type ConsoleRoutingQuery = { promotionRouting: { market: string, provider: string, shadowProvider: string | null, rollout: { provider: string, percent: number } | null } | null };

export type ConsolePromotionProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsolePromotionProvidersQuery = { promotionProviders: Array<string> };

export type ConsoleSetRoutingsMutationVariables = Exact<{
  inputs: Array<PromotionRoutingInput> | PromotionRoutingInput;
}>;


export type ConsoleSetRoutingsMutation = { setPromotionRoutings: { routings: Array<{ market: string, provider: string, shadowProvider: string | null, rollout: { provider: string, percent: number } | null }> | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsoleShadowReportQueryVariables = Exact<{
  market: string;
}>;


export type ConsoleShadowReportQuery = { promotionShadowReport: { market: string, primaryProvider: string, shadowProvider: string | null, evaluations: number, mismatches: number, since: string | null, samples: Array<{ at: string, cartId: string, differences: Array<string>, primaryTotal: { amount: string, currencyCode: string }, shadowTotal: { amount: string, currencyCode: string } }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleCampaignFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleCampaignFields on Campaign {
  id
  name
  market
  status
  priority
  stacking
  channels
  codes
  couponRequired
  validFrom
  validUntil
  redemptions
  createdAt
  updatedAt
  effect {
    type
    args
  }
  conditions {
    type
    args
  }
  budget {
    maxRedemptions
    maxRedemptionsPerCustomer
  }
}
    `, {"fragmentName":"ConsoleCampaignFields"}) as unknown as TypedDocumentString<ConsoleCampaignFieldsFragment, unknown>;
export const ConsoleBatchFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleBatchFields on CouponBatch {
  id
  campaignId
  count
  generated
  status
  pattern
  createdAt
  error
}
    `, {"fragmentName":"ConsoleBatchFields"}) as unknown as TypedDocumentString<ConsoleBatchFieldsFragment, unknown>;
export const ConsoleRoutingFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleRoutingFields on PromotionRouting {
  market
  provider
  shadowProvider
  rollout {
    provider
    percent
  }
}
    `, {"fragmentName":"ConsoleRoutingFields"}) as unknown as TypedDocumentString<ConsoleRoutingFieldsFragment, unknown>;
export const ConsoleAccessDocument = new TypedDocumentString(`
    query ConsoleAccess {
  marketingAccess {
    keyId
    channel
    scopes
    allMarkets
    markets
  }
  markets {
    code
    name
    currencyCode
  }
}
    `) as unknown as TypedDocumentString<ConsoleAccessQuery, ConsoleAccessQueryVariables>;
export const ConsoleAuditTrailDocument = new TypedDocumentString(`
    query ConsoleAuditTrail($filter: AuditFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    events {
      id
      entityType
      entityId
      action
      keyId
      at
      market
      changes {
        field
        before
        after
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditTrailQuery, ConsoleAuditTrailQueryVariables>;
export const ConsoleCampaignsDocument = new TypedDocumentString(`
    query ConsoleCampaigns($filter: CampaignFilter, $first: Int, $after: String, $orderBy: CampaignOrder) {
  campaigns(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    edges {
      node {
        ...ConsoleCampaignFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment ConsoleCampaignFields on Campaign {
  id
  name
  market
  status
  priority
  stacking
  channels
  codes
  couponRequired
  validFrom
  validUntil
  redemptions
  createdAt
  updatedAt
  effect {
    type
    args
  }
  conditions {
    type
    args
  }
  budget {
    maxRedemptions
    maxRedemptionsPerCustomer
  }
}`) as unknown as TypedDocumentString<ConsoleCampaignsQuery, ConsoleCampaignsQueryVariables>;
export const ConsoleCampaignDocument = new TypedDocumentString(`
    query ConsoleCampaign($id: ID!) {
  campaign(id: $id) {
    ...ConsoleCampaignFields
  }
}
    fragment ConsoleCampaignFields on Campaign {
  id
  name
  market
  status
  priority
  stacking
  channels
  codes
  couponRequired
  validFrom
  validUntil
  redemptions
  createdAt
  updatedAt
  effect {
    type
    args
  }
  conditions {
    type
    args
  }
  budget {
    maxRedemptions
    maxRedemptionsPerCustomer
  }
}`) as unknown as TypedDocumentString<ConsoleCampaignQuery, ConsoleCampaignQueryVariables>;
export const ConsoleCreateCampaignDocument = new TypedDocumentString(`
    mutation ConsoleCreateCampaign($input: CampaignInput!) {
  createCampaign(input: $input) {
    campaign {
      ...ConsoleCampaignFields
    }
    userErrors {
      code
      field
      message
    }
  }
}
    fragment ConsoleCampaignFields on Campaign {
  id
  name
  market
  status
  priority
  stacking
  channels
  codes
  couponRequired
  validFrom
  validUntil
  redemptions
  createdAt
  updatedAt
  effect {
    type
    args
  }
  conditions {
    type
    args
  }
  budget {
    maxRedemptions
    maxRedemptionsPerCustomer
  }
}`) as unknown as TypedDocumentString<ConsoleCreateCampaignMutation, ConsoleCreateCampaignMutationVariables>;
export const ConsoleUpdateCampaignDocument = new TypedDocumentString(`
    mutation ConsoleUpdateCampaign($id: ID!, $input: CampaignInput!) {
  updateCampaign(id: $id, input: $input) {
    campaign {
      ...ConsoleCampaignFields
    }
    userErrors {
      code
      field
      message
    }
  }
}
    fragment ConsoleCampaignFields on Campaign {
  id
  name
  market
  status
  priority
  stacking
  channels
  codes
  couponRequired
  validFrom
  validUntil
  redemptions
  createdAt
  updatedAt
  effect {
    type
    args
  }
  conditions {
    type
    args
  }
  budget {
    maxRedemptions
    maxRedemptionsPerCustomer
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateCampaignMutation, ConsoleUpdateCampaignMutationVariables>;
export const ConsoleGenerateCouponCodesDocument = new TypedDocumentString(`
    mutation ConsoleGenerateCouponCodes($campaignId: ID!, $count: Int!, $pattern: String) {
  generateCouponCodes(campaignId: $campaignId, count: $count, pattern: $pattern) {
    batch {
      ...ConsoleBatchFields
    }
    userErrors {
      code
      field
      message
    }
  }
}
    fragment ConsoleBatchFields on CouponBatch {
  id
  campaignId
  count
  generated
  status
  pattern
  createdAt
  error
}`) as unknown as TypedDocumentString<ConsoleGenerateCouponCodesMutation, ConsoleGenerateCouponCodesMutationVariables>;
export const ConsoleCouponBatchDocument = new TypedDocumentString(`
    query ConsoleCouponBatch($id: ID!) {
  couponBatch(id: $id) {
    ...ConsoleBatchFields
  }
}
    fragment ConsoleBatchFields on CouponBatch {
  id
  campaignId
  count
  generated
  status
  pattern
  createdAt
  error
}`) as unknown as TypedDocumentString<ConsoleCouponBatchQuery, ConsoleCouponBatchQueryVariables>;
export const ConsoleRecentBatchesDocument = new TypedDocumentString(`
    query ConsoleRecentBatches($first: Int) {
  auditTrail(filter: {entityType: COUPON_BATCH}, first: $first) {
    events {
      id
      entityId
      market
      at
      keyId
      action
      after
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecentBatchesQuery, ConsoleRecentBatchesQueryVariables>;
export const ConsolePreviewCartDocument = new TypedDocumentString(`
    mutation ConsolePreviewCart($input: CreateCartInput!) {
  createCart(input: $input) {
    cart {
      id
      market
      preview
      currencyCode
      discountCodes
      lines {
        id
        sku
        quantity
        unitPrice {
          amount
          currencyCode
        }
      }
      promotion {
        provider
        status
        discounts {
          id
          name
          amount {
            amount
            currencyCode
          }
        }
        discountCodes {
          code
          name
          amount {
            amount
            currencyCode
          }
        }
        lineItemPromotions {
          lineId
          discounts {
            id
            name
            amount {
              amount
              currencyCode
            }
          }
        }
        nonApplicableDiscountCodes {
          code
          reason
          message
        }
      }
      totals {
        subtotal {
          amount
          currencyCode
        }
        discount {
          amount
          currencyCode
        }
        total {
          amount
          currencyCode
        }
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePreviewCartMutation, ConsolePreviewCartMutationVariables>;
export const ConsolePreviewDiffDocument = new TypedDocumentString(`
    query ConsolePreviewDiff($market: String!, $at: DateTime!) {
  previewDiff(market: $market, at: $at) {
    from
    at
    campaignsStarting {
      id
      name
      validFrom
    }
    campaignsEnding {
      id
      name
      validUntil
    }
    priceChanges {
      sku
      at
      before {
        amount
        currencyCode
      }
      after {
        amount
        currencyCode
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePreviewDiffQuery, ConsolePreviewDiffQueryVariables>;
export const ConsoleRoutingDocument = new TypedDocumentString(`
    query ConsoleRouting($market: String!) {
  promotionRouting(market: $market) {
    ...ConsoleRoutingFields
  }
}
    fragment ConsoleRoutingFields on PromotionRouting {
  market
  provider
  shadowProvider
  rollout {
    provider
    percent
  }
}`) as unknown as TypedDocumentString<ConsoleRoutingQuery, ConsoleRoutingQueryVariables>;
export const ConsolePromotionProvidersDocument = new TypedDocumentString(`
    query ConsolePromotionProviders {
  promotionProviders
}
    `) as unknown as TypedDocumentString<ConsolePromotionProvidersQuery, ConsolePromotionProvidersQueryVariables>;
export const ConsoleSetRoutingsDocument = new TypedDocumentString(`
    mutation ConsoleSetRoutings($inputs: [PromotionRoutingInput!]!) {
  setPromotionRoutings(inputs: $inputs) {
    routings {
      ...ConsoleRoutingFields
    }
    userErrors {
      code
      field
      message
    }
  }
}
    fragment ConsoleRoutingFields on PromotionRouting {
  market
  provider
  shadowProvider
  rollout {
    provider
    percent
  }
}`) as unknown as TypedDocumentString<ConsoleSetRoutingsMutation, ConsoleSetRoutingsMutationVariables>;
export const ConsoleShadowReportDocument = new TypedDocumentString(`
    query ConsoleShadowReport($market: String!) {
  promotionShadowReport(market: $market) {
    market
    primaryProvider
    shadowProvider
    evaluations
    mismatches
    since
    samples {
      at
      cartId
      primaryTotal {
        amount
        currencyCode
      }
      shadowTotal {
        amount
        currencyCode
      }
      differences
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleShadowReportQuery, ConsoleShadowReportQueryVariables>;