import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PromotionsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in ISO-8601, UTC. */
  DateTime: { input: string; output: string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
};

/** One field that a change changed (top-level fields of the entity as recorded). */
export type AuditChange = {
  __typename?: 'AuditChange';
  after?: Maybe<Scalars['JSON']['output']>;
  before?: Maybe<Scalars['JSON']['output']>;
  field: Scalars['String']['output'];
};

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

/**
 * One administrative change: which entity (a campaign and its codes, a coupon batch, a market's
 * routing, a market's compliance policy, a market's shadow report, a customer's tax exemption, a price,
 * a price import; routing, policies and shadow reports are identified by their market, prices by their
 * SKU), what was done (CREATED, UPDATED, GENERATION_STARTED, RESET, SET, CLEARED, SCHEDULED, IMPORTED,
 * INTERRUPTED), by which key, when, and the entity before (null when created) and after, with the fields
 * that changed.
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: Scalars['String']['output'];
  after?: Maybe<Scalars['JSON']['output']>;
  at: Scalars['DateTime']['output'];
  before?: Maybe<Scalars['JSON']['output']>;
  changes: Array<AuditChange>;
  entityId: Scalars['ID']['output'];
  entityType: AuditEntityType;
  id: Scalars['ID']['output'];
  keyId: Scalars['String']['output'];
  market?: Maybe<Scalars['String']['output']>;
};

export type AuditEventPage = {
  __typename?: 'AuditEventPage';
  /** Newest first. */
  events: Array<AuditEvent>;
  pageInfo: PageInfo;
};

export type AuditFilter = {
  /** An entity's id (a campaign or batch id, the market of a routing, policy or shadow report, a customer id, a SKU, an import run); needs entityType. */
  entityId?: InputMaybe<Scalars['ID']['input']>;
  entityType?: InputMaybe<AuditEntityType>;
  /** The key that made the changes. */
  keyId?: InputMaybe<Scalars['String']['input']>;
};

export type Budget = {
  __typename?: 'Budget';
  maxRedemptions?: Maybe<Scalars['Int']['output']>;
  maxRedemptionsPerCustomer?: Maybe<Scalars['Int']['output']>;
};

export type BudgetInput = {
  maxRedemptions?: InputMaybe<Scalars['Int']['input']>;
  maxRedemptionsPerCustomer?: InputMaybe<Scalars['Int']['input']>;
};

export type Campaign = {
  __typename?: 'Campaign';
  budget?: Maybe<Budget>;
  /** Channels it applies to; empty means every channel. */
  channels: Array<Scalars['String']['output']>;
  /** Explicit codes (generated batch codes are not listed here). */
  codes: Array<Scalars['String']['output']>;
  conditions: Array<Rule>;
  /** When true, the campaign applies only when one of its codes is entered. */
  couponRequired: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  effect: Rule;
  id: Scalars['ID']['output'];
  market: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Higher priority is evaluated first. */
  priority: Scalars['Int']['output'];
  /** Redemptions so far (orders placed). */
  redemptions: Scalars['Int']['output'];
  stacking: StackingMode;
  status: CampaignStatus;
  updatedAt: Scalars['DateTime']['output'];
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  validUntil?: Maybe<Scalars['DateTime']['output']>;
};

export type CampaignConnection = {
  __typename?: 'CampaignConnection';
  edges: Array<CampaignEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CampaignEdge = {
  __typename?: 'CampaignEdge';
  cursor: Scalars['String']['output'];
  node: Campaign;
};

export type CampaignFilter = {
  /** Campaigns valid (and not paused) at this instant. */
  activeAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Campaigns that run in this channel (a campaign without channels runs in every channel). */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** Campaigns that own this code (explicit or generated). */
  code?: InputMaybe<Scalars['String']['input']>;
  /** Campaigns with this effect type (percentOffCart, bundlePrice, …). */
  effectType?: InputMaybe<Scalars['String']['input']>;
  /**
   * Campaigns of the markets this engine prices (routing primary or rollout; a market without routing
   * is priced by native).
   */
  engine?: InputMaybe<Scalars['String']['input']>;
  market?: InputMaybe<Scalars['String']['input']>;
  /** Campaigns that name this SKU in their effect or conditions. */
  sku?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<CampaignStatus>;
  /** Case-insensitive search in the campaign name. */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type CampaignInput = {
  budget?: InputMaybe<BudgetInput>;
  channels?: InputMaybe<Array<Scalars['String']['input']>>;
  codes?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * All must hold. Types: minSubtotal { amount }, minQuantity { quantity }, skusInCart { skus, match },
   * channel { channels }, shippingMethod { methods } (the selected shipping method's code is one of them), firstOrder (no args): the cart's customer (Cart.customerId) has no earlier order.
   * firstOrder is decided from the orders promotions redeemed (recorded when placed, forgotten when
   * their redemptions are released, as for an order that failed after redeeming); orders that never
   * passed through promotions, such as imported offline sales, are not known, and a cart without a
   * customer never qualifies.
   */
  conditions?: InputMaybe<Array<RuleInput>>;
  couponRequired?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Types: percentOffCart, amountOffCart, percentOffSkus, amountOffSkus, bundlePrice, buyXGetY,
   * freeShipping (no args: the selected method's charge), amountOffShipping { amount } (off the
   * shipping charge). Shipping effects grant nothing until the cart has a shipping method with a price.
   */
  effect: RuleInput;
  market: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Create paused (not live) when true. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  priority?: InputMaybe<Scalars['Int']['input']>;
  stacking?: InputMaybe<StackingMode>;
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CampaignOrder = {
  direction?: InputMaybe<CampaignOrderDirection>;
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

export type CampaignPayload = {
  __typename?: 'CampaignPayload';
  campaign?: Maybe<Campaign>;
  userErrors: Array<UserError>;
};

export type CampaignStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'PAUSED'
  | 'SCHEDULED';

export type Cart = {
  __typename?: 'Cart';
  channel: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
  customerId?: Maybe<Scalars['ID']['output']>;
  discountCodes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lines: Array<CartLine>;
  location?: Maybe<Scalars['ID']['output']>;
  market: Scalars['String']['output'];
  pickupLocation?: Maybe<Scalars['ID']['output']>;
  /**
   * Promotions evaluated now by the market's provider; null only when the promotions service is unreachable.
   * Remote engines that need an address to place an order (commercetools) receive the cart's shipping
   * address, or for a cart without one the configured address of its location or market.
   */
  promotion?: Maybe<Promotion>;
  shippingAddress?: Maybe<TypedValue>;
  shippingMethod?: Maybe<Scalars['String']['output']>;
  /**
   * The shipping options for the cart now: the market's methods offered in the cart's channel that
   * reach its address (delivery), its stores (click-and-collect, one option per store) or the game
   * (digital), priced by subtotal band and weight, before shipping discounts. Select one with
   * selectShippingMethod. Null only when the promotions service is unreachable.
   */
  shippingOptions?: Maybe<Array<ShippingOption>>;
  /** Totals after promotions, with shipping and tax; null only when the promotions service is unreachable. */
  totals?: Maybe<Totals>;
};

export type CartLine = {
  __typename?: 'CartLine';
  id: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
  unitPrice: Money;
};

/**
 * A market's compliance policy, checked whenever a campaign of the market is created or changed: a
 * violation is a user error with its code and nothing is saved. Campaigns saved before a policy changed
 * stay as they are until they are changed. A market without a policy allows everything.
 */
export type CompliancePolicy = {
  __typename?: 'CompliancePolicy';
  /**
   * Always true: the percent cap always bounds stacking (see maxDiscountPercent); kept for the clients
   * that read it.
   * @deprecated The percent cap always bounds stacking: see maxDiscountPercent.
   */
  capStacking: Scalars['Boolean']['output'];
  market: Scalars['String']['output'];
  /**
   * Highest percent a campaign may take off a cart's subtotal, alone and stacked. Violation:
   * DISCOUNT_CAP_EXCEEDED. Alone: a percent effect (percentOffCart, percentOffSkus, buyXGetY) at most
   * this percent; an amountOffCart at most this percent of its minSubtotal; an amountOffSkus at most this
   * percent of each SKU's price; a bundlePrice at least (100 − cap)% of its dearest bundle. Stacked (field
   * `stacking`): a STACKABLE campaign is refused when, with the market's other STACKABLE campaigns that
   * could apply at the same time (overlapping validity, a shared channel, not paused), some cart could
   * get more than this percent off its subtotal: the worst case of every effect type (percentOffCart and
   * percentOffSkus on what earlier campaigns left; buyXGetY get / (buy + get) × percent of the subtotal,
   * as it is taken from unit prices; amountOffCart over its minSubtotal; amountOffSkus over the cheapest of
   * its SKUs; bundlePrice over its dearest bundle; shipping effects take nothing off the goods; of the
   * coupon campaigns, the ten that take the most, as a cart carries at most ten codes). Checked when a
   * campaign is saved, once it passes every other check; lowering the cap does not change campaigns
   * already saved (their next change is checked).
   */
  maxDiscountPercent?: Maybe<Scalars['Int']['output']>;
  /**
   * Longest validity in days, from validFrom (or from the save, without validFrom) to validUntil; an
   * open-ended campaign is too long. Violation: DURATION_TOO_LONG.
   */
  maxDurationDays?: Maybe<Scalars['Int']['output']>;
  /**
   * An amount off a SKU (amountOffSkus) may not exceed the SKU's current catalog price in the market,
   * asked from the catalog when the campaign is saved (SKUs without a price in the market are not
   * checked; a later price cut is not re-checked, and the engine never takes a line below zero).
   * Violation: DISCOUNT_ABOVE_PRICE; PRICE_CHECK_UNAVAILABLE when the catalog cannot answer (retry).
   */
  noAmountAbovePrice: Scalars['Boolean']['output'];
  /** Campaigns need an end date (validUntil). Violation: END_DATE_REQUIRED. */
  requireEndDate: Scalars['Boolean']['output'];
  /** When the policy last changed; null for a market that never had one. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** The whole policy: omitted limits are removed. */
export type CompliancePolicyInput = {
  /**
   * The percent cap always bounds stacking: null or true; false is refused (INVALID_POLICY).
   * @deprecated The percent cap always bounds stacking: see CompliancePolicy.maxDiscountPercent.
   */
  capStacking?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1–100 */
  maxDiscountPercent?: InputMaybe<Scalars['Int']['input']>;
  /** 1–3650 */
  maxDurationDays?: InputMaybe<Scalars['Int']['input']>;
  noAmountAbovePrice?: InputMaybe<Scalars['Boolean']['input']>;
  requireEndDate?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CompliancePolicyPayload = {
  __typename?: 'CompliancePolicyPayload';
  policy?: Maybe<CompliancePolicy>;
  userErrors: Array<UserError>;
};

/** Codes generated in the background from a pattern (# = digit, A = letter, X = letter or digit). */
export type CouponBatch = {
  __typename?: 'CouponBatch';
  campaignId: Scalars['ID']['output'];
  /** Codes requested. */
  count: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** Codes generated so far. */
  generated: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  pattern: Scalars['String']['output'];
  status: CouponBatchStatus;
};

export type CouponBatchPayload = {
  __typename?: 'CouponBatchPayload';
  batch?: Maybe<CouponBatch>;
  userErrors: Array<UserError>;
};

export type CouponBatchStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type DeliveryEstimate = {
  __typename?: 'DeliveryEstimate';
  /** The dates (YYYY-MM-DD, UTC) for an order placed now (or at the previewed instant). */
  earliest: Scalars['String']['output'];
  latest: Scalars['String']['output'];
  maxDays: Scalars['Int']['output'];
  /** Working days (Monday to Friday) from the order, at the earliest and at the latest. */
  minDays: Scalars['Int']['output'];
};

/** A discount granted by a campaign. */
export type Discount = {
  __typename?: 'Discount';
  amount: Money;
  /** The campaign id. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** A discount granted through an entered code. */
export type DiscountCodeApplication = {
  __typename?: 'DiscountCodeApplication';
  amount: Money;
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type DiscountCodeCheck = {
  __typename?: 'DiscountCodeCheck';
  code: Scalars['String']['output'];
  valid: Scalars['Boolean']['output'];
};

export type LineItemPromotion = {
  __typename?: 'LineItemPromotion';
  discountCodes: Array<DiscountCodeApplication>;
  discounts: Array<Discount>;
  lineId: Scalars['ID']['output'];
};

/** The caller's key as the marketing console needs it (see Query.marketingAccess). */
export type MarketingAccess = {
  __typename?: 'MarketingAccess';
  /** True when the key manages every market (present and future); `markets` is then empty. */
  allMarkets: Scalars['Boolean']['output'];
  channel: Scalars['String']['output'];
  /** The key's id (never the key itself), as the audit trail records it. */
  keyId: Scalars['String']['output'];
  /** The markets the key manages, when not all. */
  markets: Array<Scalars['String']['output']>;
  scopes: Array<Scalars['String']['output']>;
};

export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  createCampaign: CampaignPayload;
  generateCouponCodes: CouponBatchPayload;
  /** Internal (orders): units of an order were returned; reported to the engine that redeemed it (the redemption stands). */
  recordReturnedItems: Scalars['Boolean']['output'];
  /**
   * Internal (orders): redeem the codes and budgets of an order, idempotent per order. `customerId`
   * (else the cart's own) counts per-customer budgets and records the customer's order for firstOrder.
   */
  redeemPromotions: RedemptionResult;
  /** Internal (orders): release an order's redemptions, idempotent. */
  releaseRedemptions: Scalars['Boolean']['output'];
  /** Removes a shipping method (operations scope): NOT_FOUND. Carts that selected it get SHIPPING_METHOD_UNAVAILABLE at their next read. */
  removeShippingMethod: ShippingMethodPayload;
  /** Removes a tax rate row (operations scope): NOT_FOUND. */
  removeTaxRate: TaxRatePayload;
  /**
   * Starts a market's shadow report over: counts and samples from now on (e.g. after fixing a
   * difference). A comparison of an evaluation made before the reset is not counted.
   */
  resetPromotionShadowReport: PromotionShadowReportPayload;
  /**
   * Replaces a market's compliance policy (operations scope, own markets only: the guard exists so that
   * marketers cannot loosen it). Applies to campaigns created or changed from now on.
   */
  setCompliancePolicy: CompliancePolicyPayload;
  /**
   * Sets or clears a customer's tax exemption (operations scope): an exempt customer's carts and
   * orders carry no tax (status EXEMPT). A `reason` (e.g. the exemption certificate) is required to set
   * it: INVALID_REASON; a blank customer id: INVALID_CUSTOMER_ID. Every change is audited (key, time,
   * before and after).
   */
  setCustomerTaxExemption: TaxExemptionPayload;
  setPromotionRouting: PromotionRoutingPayload;
  /**
   * Routing for several markets in one change, all or nothing (1–100 markets): every input is checked
   * as setPromotionRouting checks it, errors name `inputs[i].field` (MARKET_UNKNOWN, FORBIDDEN_MARKET,
   * UNKNOWN_PROVIDER, INVALID_PERCENT, DUPLICATE_MARKET; INVALID_COUNT for `inputs`), and nothing is
   * saved unless every market can be.
   */
  setPromotionRoutings: PromotionRoutingsPayload;
  updateCampaign: CampaignPayload;
  /**
   * Adds or replaces a shipping method with its rate bands (operations scope; keyed by market and
   * code). MARKET_UNKNOWN (no tax market of that code), INVALID_AMOUNT (a price or subtotal the
   * market's currency cannot express, or negative), OVERLAPPING_BANDS (a band an earlier band
   * covers: no cart could ever reach it), INVALID_COUNTRY, INVALID_VALUE (a delivery method without
   * countries, a pickup method without locations of the market, minDays above maxDays …); nothing
   * changed on error. Carts that selected it are re-priced at their next read: SHIPPING_PRICE_CHANGED
   * where their price moved.
   */
  upsertShippingMethod: ShippingMethodPayload;
  /**
   * Adds or replaces how a market is taxed by the native provider (operations scope). Every replica
   * prices carts with it from their next read. INVALID_CURRENCY, CURRENCY_MISMATCH (the catalog's
   * market has another currency), INVALID_COUNTRY, INVALID_VALUE, and whatever the tables would no
   * longer satisfy (a method whose prices the currency cannot express): nothing changed on error.
   * Audited (key, time, before, after).
   */
  upsertTaxMarket: TaxMarketPayload;
  /**
   * Adds or replaces a tax rate (operations scope; keyed by country, region, postal prefix and
   * category). INVALID_RATE (not a percent such as "19" or "8.875": negative, above 999, more than 4
   * decimals), INVALID_COUNTRY, INVALID_VALUE; nothing changed on error. Carts are re-priced at their
   * next read.
   */
  upsertTaxRate: TaxRatePayload;
};


export type MutationCreateCampaignArgs = {
  input: CampaignInput;
};


export type MutationGenerateCouponCodesArgs = {
  campaignId: Scalars['ID']['input'];
  count: Scalars['Int']['input'];
  pattern?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRecordReturnedItemsArgs = {
  items: Array<ReturnedItemInput>;
  orderId: Scalars['ID']['input'];
};


export type MutationRedeemPromotionsArgs = {
  cart: Scalars['JSON']['input'];
  customerId?: InputMaybe<Scalars['String']['input']>;
  orderId: Scalars['ID']['input'];
};


export type MutationReleaseRedemptionsArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationRemoveShippingMethodArgs = {
  code: Scalars['String']['input'];
  market: Scalars['String']['input'];
};


export type MutationRemoveTaxRateArgs = {
  input: TaxRateKeyInput;
};


export type MutationResetPromotionShadowReportArgs = {
  market: Scalars['String']['input'];
};


export type MutationSetCompliancePolicyArgs = {
  input: CompliancePolicyInput;
  market: Scalars['String']['input'];
};


export type MutationSetCustomerTaxExemptionArgs = {
  customerId: Scalars['ID']['input'];
  exempt: Scalars['Boolean']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetPromotionRoutingArgs = {
  input: PromotionRoutingInput;
};


export type MutationSetPromotionRoutingsArgs = {
  inputs: Array<PromotionRoutingInput>;
};


export type MutationUpdateCampaignArgs = {
  id: Scalars['ID']['input'];
  input: CampaignInput;
};


export type MutationUpsertShippingMethodArgs = {
  input: ShippingMethodInput;
};


export type MutationUpsertTaxMarketArgs = {
  input: TaxMarketInput;
};


export type MutationUpsertTaxRateArgs = {
  input: TaxRateInput;
};

export type NonApplicableDiscountCode = {
  __typename?: 'NonApplicableDiscountCode';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  reason: NonApplicableReason;
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

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A code that becomes valid or expires because its campaign starts or ends. */
export type PreviewCodeChange = {
  __typename?: 'PreviewCodeChange';
  /** When the code becomes valid or expires. */
  at: Scalars['DateTime']['output'];
  /** The generated batch, listed as a whole rather than code by code. */
  batch?: Maybe<CouponBatch>;
  campaign: Campaign;
  /** An explicit code; null for a generated batch (see `batch`). */
  code?: Maybe<Scalars['String']['output']>;
  /** 1 for an explicit code; the codes generated so far for a batch. */
  count: Scalars['Int']['output'];
};

/**
 * What changes in a market between now and a future instant, for staging a sales event. Promotions
 * contributes campaigns and codes; catalog contributes the price changes.
 */
export type PreviewDiff = {
  __typename?: 'PreviewDiff';
  /** The future instant compared with now. */
  at: Scalars['DateTime']['output'];
  /** Campaigns (not paused) whose validUntil falls in (from, at], by end. */
  campaignsEnding: Array<Campaign>;
  /** Campaigns (not paused) whose validFrom falls in (from, at], by start. */
  campaignsStarting: Array<Campaign>;
  codesBecomingValid: Array<PreviewCodeChange>;
  codesExpiring: Array<PreviewCodeChange>;
  /** Now: the start of the compared window (exclusive); `at` is its end (inclusive). */
  from: Scalars['DateTime']['output'];
  market: Scalars['String']['output'];
};

/**
 * The outcome of promotion evaluation, the same on Cart and Order whatever engine computed it.
 * Cart-level discounts are in `discounts` / `discountCodes`; discounts on given lines in
 * `lineItemPromotions`.
 */
export type Promotion = {
  __typename?: 'Promotion';
  discountCodes: Array<DiscountCodeApplication>;
  discounts: Array<Discount>;
  lineItemPromotions: Array<LineItemPromotion>;
  /** Valid codes that have no effect yet, with the reason. */
  nonApplicableDiscountCodes: Array<NonApplicableDiscountCode>;
  /** The engine that evaluated (or failed to evaluate) the cart, e.g. native. */
  provider: Scalars['String']['output'];
  /** Discounts on the shipping charge (freeShipping, amountOffShipping); not part of `Totals.discount`, see `Totals.shippingDiscount`. */
  shippingDiscounts: Array<ShippingDiscount>;
  status: PromotionStatus;
};

export type PromotionRouting = {
  __typename?: 'PromotionRouting';
  market: Scalars['String']['output'];
  /** Primary provider of the market. */
  provider: Scalars['String']['output'];
  rollout?: Maybe<Rollout>;
  /** Evaluated on the same carts in the background; compared, never shown. */
  shadowProvider?: Maybe<Scalars['String']['output']>;
};

export type PromotionRoutingInput = {
  market: Scalars['String']['input'];
  provider: Scalars['String']['input'];
  rollout?: InputMaybe<RolloutInput>;
  shadowProvider?: InputMaybe<Scalars['String']['input']>;
};

export type PromotionRoutingPayload = {
  __typename?: 'PromotionRoutingPayload';
  routing?: Maybe<PromotionRouting>;
  userErrors: Array<UserError>;
};

export type PromotionRoutingsPayload = {
  __typename?: 'PromotionRoutingsPayload';
  /** The markets' routing as saved, in the order given; null when nothing was saved. */
  routings?: Maybe<Array<PromotionRouting>>;
  userErrors: Array<UserError>;
};

export type PromotionShadowReport = {
  __typename?: 'PromotionShadowReport';
  evaluations: Scalars['Int']['output'];
  market: Scalars['String']['output'];
  mismatches: Scalars['Int']['output'];
  primaryProvider: Scalars['String']['output'];
  /** Most recent differing evaluations. */
  samples: Array<ShadowSample>;
  shadowProvider?: Maybe<Scalars['String']['output']>;
  /**
   * Since when this report counts: its last reset, the last change of the compared providers, or the
   * first comparison (null before any of these).
   */
  since?: Maybe<Scalars['DateTime']['output']>;
};

export type PromotionShadowReportPayload = {
  __typename?: 'PromotionShadowReportPayload';
  report?: Maybe<PromotionShadowReport>;
  userErrors: Array<UserError>;
};

/** How the engine's evaluation went. */
export type PromotionStatus =
  /** The provider evaluated the cart. */
  | 'EVALUATED'
  /** The provider failed or exceeded its time budget: base prices apply and orders with codes are refused until it recovers. */
  | 'UNAVAILABLE';

export type Query = {
  __typename?: 'Query';
  /**
   * The audit trail of campaigns, coupon batches, routing, compliance policies, shadow report resets and
   * tax exemptions (recorded by promotions) and of prices and price imports (recorded by the catalog,
   * read through its API: when the catalog cannot answer, a query that includes them fails rather than
   * leave them out), as one trail (marketing or operations scope), newest first, of the markets the
   * caller manages (events without a market: callers of every market; tax exemptions: operations scope);
   * per entity (entityType and entityId) or per key (keyId). `first` at most 200. Events are kept for the
   * configured retention of the service that recorded them (PROMOTION_AUDIT_RETENTION_DAYS,
   * CATALOG_AUDIT_RETENTION_DAYS, default 400 days each).
   */
  auditTrail: AuditEventPage;
  /** A campaign by id (marketing scope, own markets only). */
  campaign?: Maybe<Campaign>;
  /** Search campaigns of the markets the caller manages. */
  campaigns: CampaignConnection;
  /** The change counter of the native provider's tables: every import and edit moves it. */
  chargeTablesVersion: Scalars['Int']['output'];
  /** The market's compliance policy (marketing scope, own markets only; null for another or an unknown market). */
  compliancePolicy?: Maybe<CompliancePolicy>;
  couponBatch?: Maybe<CouponBatch>;
  /** Internal: which codes exist in the market (an unknown code and another market's code look the same). */
  discountCodeChecks: Array<DiscountCodeCheck>;
  /**
   * What the caller's key may do in marketing (marketing or operations scope): its key id, channel,
   * scopes and the markets it manages. The marketing console reads it when a user signs in.
   */
  marketingAccess: MarketingAccess;
  /**
   * What changes in a market between now and `at` (up to 400 days ahead): campaigns that start or end,
   * codes that become valid or expire, prices that change (marketing scope, own markets only; null for
   * another market). Native campaigns only; a market routed to another engine lists its native campaigns.
   */
  previewDiff?: Maybe<PreviewDiff>;
  /** Providers this service can route to. */
  promotionProviders: Array<Scalars['String']['output']>;
  promotionRouting?: Maybe<PromotionRouting>;
  promotionShadowReport?: Maybe<PromotionShadowReport>;
  /** The native provider's shipping methods of a market with their rate bands (operations scope). */
  shippingMethods: Array<ShippingMethod>;
  /** A customer's tax exemption (operations scope); exempt false when none is set. */
  taxExemption?: Maybe<TaxExemption>;
  /** The native provider's tax markets (operations scope). */
  taxMarkets: Array<TaxMarket>;
  /** The native provider's tax rates (operations scope), of one country or all. */
  taxRates: Array<TaxRate>;
};


export type QueryAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CampaignFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CampaignOrder>;
};


export type QueryCompliancePolicyArgs = {
  market: Scalars['String']['input'];
};


export type QueryCouponBatchArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDiscountCodeChecksArgs = {
  codes: Array<Scalars['String']['input']>;
  market: Scalars['String']['input'];
};


export type QueryPreviewDiffArgs = {
  at: Scalars['DateTime']['input'];
  market: Scalars['String']['input'];
};


export type QueryPromotionRoutingArgs = {
  market: Scalars['String']['input'];
};


export type QueryPromotionShadowReportArgs = {
  market: Scalars['String']['input'];
};


export type QueryShippingMethodsArgs = {
  market: Scalars['String']['input'];
};


export type QueryTaxExemptionArgs = {
  customerId: Scalars['ID']['input'];
};


export type QueryTaxRatesArgs = {
  country?: InputMaybe<Scalars['String']['input']>;
};

export type RedemptionResult = {
  __typename?: 'RedemptionResult';
  ok: Scalars['Boolean']['output'];
  userErrors: Array<UserError>;
};

/** Internal: units of an order that came back. */
export type ReturnedItemInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

export type Rollout = {
  __typename?: 'Rollout';
  percent: Scalars['Int']['output'];
  provider: Scalars['String']['output'];
};

export type RolloutInput = {
  /** 0–100: share of carts (sticky per cart) priced by the rollout provider. */
  percent: Scalars['Int']['input'];
  provider: Scalars['String']['input'];
};

/** A condition or an effect: a type from the catalogue and its arguments. */
export type Rule = {
  __typename?: 'Rule';
  args?: Maybe<Scalars['JSON']['output']>;
  type: Scalars['String']['output'];
};

export type RuleInput = {
  args?: InputMaybe<Scalars['JSON']['input']>;
  type: Scalars['String']['input'];
};

export type ShadowSample = {
  __typename?: 'ShadowSample';
  at: Scalars['DateTime']['output'];
  /** A stable pseudonym of the cart (the same cart, the same value), never its id: a cart id reaches a guest's cart. */
  cartId: Scalars['ID']['output'];
  /** Human-readable differences: per line, per code status, per total. */
  differences: Array<Scalars['String']['output']>;
  primaryTotal: Money;
  shadowTotal: Money;
};

/** A discount on the shipping charge, granted by a campaign (through a code or not). */
export type ShippingDiscount = {
  __typename?: 'ShippingDiscount';
  amount: Money;
  /** The code it applied through, as entered; null for an automatic campaign. */
  code?: Maybe<Scalars['String']['output']>;
  /** The campaign id. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type ShippingKind =
  /** Delivered to the shipping address. */
  | 'DELIVERY'
  /** Delivered in the game or app, no address. */
  | 'DIGITAL'
  /** Collected at a store (click-and-collect), named by `location`. */
  | 'PICKUP';

/** A shipping method of a market as the tables hold it. */
export type ShippingMethod = {
  __typename?: 'ShippingMethod';
  /** Channels it is offered in; empty: every channel. */
  channels: Array<Scalars['String']['output']>;
  code: Scalars['String']['output'];
  /** DELIVERY: the destination countries. */
  countries: Array<Scalars['String']['output']>;
  kind: ShippingKind;
  /** PICKUP: the locations (codes) one collects from. */
  locations: Array<Scalars['String']['output']>;
  market: Scalars['String']['output'];
  maxDays: Scalars['Int']['output'];
  minDays: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  rates: Array<ShippingRateBand>;
};

export type ShippingMethodInput = {
  channels?: InputMaybe<Array<Scalars['String']['input']>>;
  code: Scalars['String']['input'];
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  kind: ShippingKind;
  locations?: InputMaybe<Array<Scalars['String']['input']>>;
  market: Scalars['String']['input'];
  maxDays: Scalars['Int']['input'];
  minDays: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  rates: Array<ShippingRateBandInput>;
};

export type ShippingMethodPayload = {
  __typename?: 'ShippingMethodPayload';
  shippingMethod?: Maybe<ShippingMethod>;
  userErrors: Array<UserError>;
  version?: Maybe<Scalars['Int']['output']>;
};

export type ShippingOption = {
  __typename?: 'ShippingOption';
  /** The method's code, e.g. standard, express, click-and-collect. */
  code: Scalars['String']['output'];
  estimate: DeliveryEstimate;
  kind: ShippingKind;
  /** PICKUP: the store's location code. */
  location?: Maybe<Scalars['ID']['output']>;
  locationName?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The price for this cart (before shipping discounts). */
  price: Money;
};

/** A rate band of a shipping method: the first band that fits the cart (subtotal, weight) gives the price. */
export type ShippingRateBand = {
  __typename?: 'ShippingRateBand';
  /** The band applies below this subtotal of the goods (exclusive); null: no upper bound. */
  maxSubtotal?: Maybe<Scalars['String']['output']>;
  /** The band applies up to this weight (inclusive); null: any weight. */
  maxWeightGrams?: Maybe<Scalars['Int']['output']>;
  price: Scalars['String']['output'];
};

export type ShippingRateBandInput = {
  maxSubtotal?: InputMaybe<Scalars['String']['input']>;
  maxWeightGrams?: InputMaybe<Scalars['Int']['input']>;
  price: Scalars['String']['input'];
};

export type StackingMode =
  /** Applies alone: if it applies first nothing else applies; if something applied before it, it does not. */
  | 'EXCLUSIVE'
  /** Combines with other stackable campaigns. */
  | 'STACKABLE';

/** A place tax is due at. */
export type TaxDestination = {
  __typename?: 'TaxDestination';
  country: Scalars['String']['output'];
  postalCode?: Maybe<Scalars['String']['output']>;
  region?: Maybe<Scalars['String']['output']>;
};

export type TaxDestinationInput = {
  country: Scalars['String']['input'];
  postalCode?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type TaxExemption = {
  __typename?: 'TaxExemption';
  customerId: Scalars['ID']['output'];
  exempt: Scalars['Boolean']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type TaxExemptionPayload = {
  __typename?: 'TaxExemptionPayload';
  exemption?: Maybe<TaxExemption>;
  userErrors: Array<UserError>;
};

/** The tax of one line: an item line after its discounts, or the shipping charge after shipping discounts; rounded half-even per line. */
export type TaxLine = {
  __typename?: 'TaxLine';
  amount: Money;
  kind: TaxLineKind;
  /** The cart or order line; null for the shipping line. */
  lineId?: Maybe<Scalars['ID']['output']>;
  /** E.g. VAT 19%, NYC sales tax. */
  name: Scalars['String']['output'];
  /** Percent, e.g. 19 or 8.875. */
  rate: Scalars['String']['output'];
  /** The amount taxed (including the tax where prices include it). */
  taxable: Money;
};

export type TaxLineKind =
  | 'ITEM'
  | 'SHIPPING';

/** How a market is taxed by the native provider's tables. */
export type TaxMarket = {
  __typename?: 'TaxMarket';
  /** The countries a shipping address in the market may be in. */
  countries: Array<Scalars['String']['output']>;
  currencyCode: Scalars['String']['output'];
  /**
   * Where tax is due for goods delivered digitally (in a game: no address) when the cart gives no
   * address in the market, e.g. the merchant's own state; null: the home country, else an address is
   * required (ADDRESS_REQUIRED).
   */
  digitalDestination?: Maybe<TaxDestination>;
  /** Where tax is due when a cart names no destination; null: a destination is required (sales tax). */
  homeCountry?: Maybe<Scalars['String']['output']>;
  market: Scalars['String']['output'];
  /** Whether the tables take prices to include tax (the catalog's market flag wins where it is set). */
  pricesIncludeTax: Scalars['Boolean']['output'];
  /** VAT, TVA, Sales tax … */
  taxName: Scalars['String']['output'];
};

export type TaxMarketInput = {
  countries: Array<Scalars['String']['input']>;
  currencyCode: Scalars['String']['input'];
  digitalDestination?: InputMaybe<TaxDestinationInput>;
  homeCountry?: InputMaybe<Scalars['String']['input']>;
  market: Scalars['String']['input'];
  pricesIncludeTax: Scalars['Boolean']['input'];
  taxName: Scalars['String']['input'];
};

export type TaxMarketPayload = {
  __typename?: 'TaxMarketPayload';
  taxMarket?: Maybe<TaxMarket>;
  userErrors: Array<UserError>;
  /** The tables' change counter after the change. */
  version?: Maybe<Scalars['Int']['output']>;
};

/** A tax rate by destination (country, region, postal-code prefix: the most specific row applies) and product category. */
export type TaxRate = {
  __typename?: 'TaxRate';
  /** A product tax category (standard, reduced …) or shipping for shipping charges. */
  category: Scalars['String']['output'];
  country: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
  postalPrefix?: Maybe<Scalars['String']['output']>;
  /** Percent, e.g. 19 or 8.875. */
  rate: Scalars['String']['output'];
  region?: Maybe<Scalars['String']['output']>;
};

/** Tax lines grouped by rate: sums of the lines' amounts. */
export type TaxRateAmount = {
  __typename?: 'TaxRateAmount';
  amount: Money;
  name: Scalars['String']['output'];
  rate: Scalars['String']['output'];
  taxable: Money;
};

export type TaxRateInput = {
  category: Scalars['String']['input'];
  country: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  postalPrefix?: InputMaybe<Scalars['String']['input']>;
  rate: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
};

/** Which tax rate row (its natural key). */
export type TaxRateKeyInput = {
  category: Scalars['String']['input'];
  country: Scalars['String']['input'];
  postalPrefix?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type TaxRatePayload = {
  __typename?: 'TaxRatePayload';
  taxRate?: Maybe<TaxRate>;
  userErrors: Array<UserError>;
  version?: Maybe<Scalars['Int']['output']>;
};

/**
 * How the tax of a cart or order stands. CALCULATED: every line taxed. EXEMPT: the customer is
 * tax-exempt (nothing added; where prices include tax, the included tax is taken off, see
 * `Totals.taxExempted`). ADDRESS_REQUIRED: the tax depends on a destination the cart does not give
 * (US sales tax): set a shipping address or choose a pickup store; orders are refused until then.
 * UNAVAILABLE: the tax provider did not answer; orders are refused rather than charged a wrong tax.
 * NOT_RECORDED: an order placed before tax was recorded.
 */
export type TaxStatus =
  | 'ADDRESS_REQUIRED'
  | 'CALCULATED'
  | 'EXEMPT'
  | 'NOT_RECORDED'
  | 'UNAVAILABLE';

/**
 * subtotal = Σ unit price × quantity; discount = Σ the discounts on items (promotion.discounts,
 * discountCodes, lineItemPromotions); total = subtotal − discount + shipping − shippingDiscount, plus
 * tax where prices exclude it (US), minus taxExempted for a tax-exempt customer where prices include it.
 */
export type Totals = {
  __typename?: 'Totals';
  discount: Money;
  /** The selected shipping method's price (zero when none is selected). */
  shipping: Money;
  /** Σ promotion.shippingDiscounts (never more than shipping). */
  shippingDiscount: Money;
  subtotal: Money;
  /** The tax: included in the prices (taxIncluded, DE, FR, GB, JP) or added to the total (US). Σ taxLines.amount, exactly. */
  tax: Money;
  /** taxLines grouped by rate. */
  taxBreakdown: Array<TaxRateAmount>;
  /** For a tax-exempt customer where prices include tax: the tax taken off the total. */
  taxExempted: Money;
  /** True where prices include tax (the tax is shown, not added). */
  taxIncluded: Scalars['Boolean']['output'];
  /** The tax of every line: each item line and the shipping line. */
  taxLines: Array<TaxLine>;
  /** Why the tax is not CALCULATED, for the customer; null when it is. */
  taxMessage?: Maybe<Scalars['String']['output']>;
  taxStatus: TaxStatus;
  total: Money;
};

/** An opaque typed JSON value (e.g. address/v1). */
export type TypedValue = {
  __typename?: 'TypedValue';
  data?: Maybe<Scalars['JSON']['output']>;
  type: Scalars['String']['output'];
};

export type UserError = {
  __typename?: 'UserError';
  code: Scalars['String']['output'];
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Campaign: Campaign;
  Cart: Cart;
  PreviewDiff: PreviewDiff;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Campaign:
    ( { __typename: 'Campaign' }
    & GraphQLRecursivePick<FederationTypes['Campaign'], {"id":true}> );
  Cart:
    ( { __typename: 'Cart' }
    & GraphQLRecursivePick<FederationTypes['Cart'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}>
        | GraphQLRecursivePick<FederationTypes['Cart'], {"market":true,"channel":true,"currencyCode":true,"discountCodes":true,"customerId":true,"location":true,"lines":{"id":true,"sku":true,"quantity":true,"unitPrice":{"amount":true,"currencyCode":true}},"shippingMethod":true,"pickupLocation":true,"shippingAddress":{"type":true,"data":true}}> ) );
  PreviewDiff:
    ( { __typename: 'PreviewDiff' }
    & GraphQLRecursivePick<FederationTypes['PreviewDiff'], {"market":true,"at":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuditChange: ResolverTypeWrapper<AuditChange>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditEntityType: AuditEntityType;
  AuditEvent: ResolverTypeWrapper<AuditEvent>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventPage: ResolverTypeWrapper<AuditEventPage>;
  AuditFilter: AuditFilter;
  Budget: ResolverTypeWrapper<Budget>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BudgetInput: BudgetInput;
  Campaign: ResolverTypeWrapper<Campaign>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CampaignConnection: ResolverTypeWrapper<CampaignConnection>;
  CampaignEdge: ResolverTypeWrapper<CampaignEdge>;
  CampaignFilter: CampaignFilter;
  CampaignInput: CampaignInput;
  CampaignOrder: CampaignOrder;
  CampaignOrderDirection: CampaignOrderDirection;
  CampaignOrderField: CampaignOrderField;
  CampaignPayload: ResolverTypeWrapper<CampaignPayload>;
  CampaignStatus: CampaignStatus;
  Cart: ResolverTypeWrapper<Cart>;
  CartLine: ResolverTypeWrapper<CartLine>;
  CompliancePolicy: ResolverTypeWrapper<CompliancePolicy>;
  CompliancePolicyInput: CompliancePolicyInput;
  CompliancePolicyPayload: ResolverTypeWrapper<CompliancePolicyPayload>;
  CouponBatch: ResolverTypeWrapper<CouponBatch>;
  CouponBatchPayload: ResolverTypeWrapper<CouponBatchPayload>;
  CouponBatchStatus: CouponBatchStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryEstimate: ResolverTypeWrapper<DeliveryEstimate>;
  Discount: ResolverTypeWrapper<Discount>;
  DiscountCodeApplication: ResolverTypeWrapper<DiscountCodeApplication>;
  DiscountCodeCheck: ResolverTypeWrapper<DiscountCodeCheck>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LineItemPromotion: ResolverTypeWrapper<LineItemPromotion>;
  MarketingAccess: ResolverTypeWrapper<MarketingAccess>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NonApplicableDiscountCode: ResolverTypeWrapper<NonApplicableDiscountCode>;
  NonApplicableReason: NonApplicableReason;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PreviewCodeChange: ResolverTypeWrapper<PreviewCodeChange>;
  PreviewDiff: ResolverTypeWrapper<PreviewDiff>;
  Promotion: ResolverTypeWrapper<Promotion>;
  PromotionRouting: ResolverTypeWrapper<PromotionRouting>;
  PromotionRoutingInput: PromotionRoutingInput;
  PromotionRoutingPayload: ResolverTypeWrapper<PromotionRoutingPayload>;
  PromotionRoutingsPayload: ResolverTypeWrapper<PromotionRoutingsPayload>;
  PromotionShadowReport: ResolverTypeWrapper<PromotionShadowReport>;
  PromotionShadowReportPayload: ResolverTypeWrapper<PromotionShadowReportPayload>;
  PromotionStatus: PromotionStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RedemptionResult: ResolverTypeWrapper<RedemptionResult>;
  ReturnedItemInput: ReturnedItemInput;
  Rollout: ResolverTypeWrapper<Rollout>;
  RolloutInput: RolloutInput;
  Rule: ResolverTypeWrapper<Rule>;
  RuleInput: RuleInput;
  ShadowSample: ResolverTypeWrapper<ShadowSample>;
  ShippingDiscount: ResolverTypeWrapper<ShippingDiscount>;
  ShippingKind: ShippingKind;
  ShippingMethod: ResolverTypeWrapper<ShippingMethod>;
  ShippingMethodInput: ShippingMethodInput;
  ShippingMethodPayload: ResolverTypeWrapper<ShippingMethodPayload>;
  ShippingOption: ResolverTypeWrapper<ShippingOption>;
  ShippingRateBand: ResolverTypeWrapper<ShippingRateBand>;
  ShippingRateBandInput: ShippingRateBandInput;
  StackingMode: StackingMode;
  TaxDestination: ResolverTypeWrapper<TaxDestination>;
  TaxDestinationInput: TaxDestinationInput;
  TaxExemption: ResolverTypeWrapper<TaxExemption>;
  TaxExemptionPayload: ResolverTypeWrapper<TaxExemptionPayload>;
  TaxLine: ResolverTypeWrapper<TaxLine>;
  TaxLineKind: TaxLineKind;
  TaxMarket: ResolverTypeWrapper<TaxMarket>;
  TaxMarketInput: TaxMarketInput;
  TaxMarketPayload: ResolverTypeWrapper<TaxMarketPayload>;
  TaxRate: ResolverTypeWrapper<TaxRate>;
  TaxRateAmount: ResolverTypeWrapper<TaxRateAmount>;
  TaxRateInput: TaxRateInput;
  TaxRateKeyInput: TaxRateKeyInput;
  TaxRatePayload: ResolverTypeWrapper<TaxRatePayload>;
  TaxStatus: TaxStatus;
  Totals: ResolverTypeWrapper<Totals>;
  TypedValue: ResolverTypeWrapper<TypedValue>;
  UserError: ResolverTypeWrapper<UserError>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditChange: AuditChange;
  String: Scalars['String']['output'];
  AuditEvent: AuditEvent;
  ID: Scalars['ID']['output'];
  AuditEventPage: AuditEventPage;
  AuditFilter: AuditFilter;
  Budget: Budget;
  Int: Scalars['Int']['output'];
  BudgetInput: BudgetInput;
  Campaign: Campaign | FederationReferenceTypes['Campaign'];
  Boolean: Scalars['Boolean']['output'];
  CampaignConnection: CampaignConnection;
  CampaignEdge: CampaignEdge;
  CampaignFilter: CampaignFilter;
  CampaignInput: CampaignInput;
  CampaignOrder: CampaignOrder;
  CampaignPayload: CampaignPayload;
  Cart: Cart | FederationReferenceTypes['Cart'];
  CartLine: CartLine;
  CompliancePolicy: CompliancePolicy;
  CompliancePolicyInput: CompliancePolicyInput;
  CompliancePolicyPayload: CompliancePolicyPayload;
  CouponBatch: CouponBatch;
  CouponBatchPayload: CouponBatchPayload;
  DateTime: Scalars['DateTime']['output'];
  DeliveryEstimate: DeliveryEstimate;
  Discount: Discount;
  DiscountCodeApplication: DiscountCodeApplication;
  DiscountCodeCheck: DiscountCodeCheck;
  JSON: Scalars['JSON']['output'];
  LineItemPromotion: LineItemPromotion;
  MarketingAccess: MarketingAccess;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  NonApplicableDiscountCode: NonApplicableDiscountCode;
  PageInfo: PageInfo;
  PreviewCodeChange: PreviewCodeChange;
  PreviewDiff: PreviewDiff | FederationReferenceTypes['PreviewDiff'];
  Promotion: Promotion;
  PromotionRouting: PromotionRouting;
  PromotionRoutingInput: PromotionRoutingInput;
  PromotionRoutingPayload: PromotionRoutingPayload;
  PromotionRoutingsPayload: PromotionRoutingsPayload;
  PromotionShadowReport: PromotionShadowReport;
  PromotionShadowReportPayload: PromotionShadowReportPayload;
  Query: Record<PropertyKey, never>;
  RedemptionResult: RedemptionResult;
  ReturnedItemInput: ReturnedItemInput;
  Rollout: Rollout;
  RolloutInput: RolloutInput;
  Rule: Rule;
  RuleInput: RuleInput;
  ShadowSample: ShadowSample;
  ShippingDiscount: ShippingDiscount;
  ShippingMethod: ShippingMethod;
  ShippingMethodInput: ShippingMethodInput;
  ShippingMethodPayload: ShippingMethodPayload;
  ShippingOption: ShippingOption;
  ShippingRateBand: ShippingRateBand;
  ShippingRateBandInput: ShippingRateBandInput;
  TaxDestination: TaxDestination;
  TaxDestinationInput: TaxDestinationInput;
  TaxExemption: TaxExemption;
  TaxExemptionPayload: TaxExemptionPayload;
  TaxLine: TaxLine;
  TaxMarket: TaxMarket;
  TaxMarketInput: TaxMarketInput;
  TaxMarketPayload: TaxMarketPayload;
  TaxRate: TaxRate;
  TaxRateAmount: TaxRateAmount;
  TaxRateInput: TaxRateInput;
  TaxRateKeyInput: TaxRateKeyInput;
  TaxRatePayload: TaxRatePayload;
  Totals: Totals;
  TypedValue: TypedValue;
  UserError: UserError;
}>;

export type AuditChangeResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['AuditChange'] = ResolversParentTypes['AuditChange']> = ResolversObject<{
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AuditEventResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['AuditChange']>, ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  entityType?: Resolver<ResolversTypes['AuditEntityType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  market?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AuditEventPageResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['AuditEventPage'] = ResolversParentTypes['AuditEventPage']> = ResolversObject<{
  events?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type BudgetResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Budget'] = ResolversParentTypes['Budget']> = ResolversObject<{
  maxRedemptions?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxRedemptionsPerCustomer?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type CampaignResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Campaign'] = ResolversParentTypes['Campaign'], FederationReferenceType extends FederationReferenceTypes['Campaign'] = FederationReferenceTypes['Campaign']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Campaign']> | FederationReferenceType, FederationReferenceType, ContextType>;
  budget?: Resolver<Maybe<ResolversTypes['Budget']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  codes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  conditions?: Resolver<Array<ResolversTypes['Rule']>, ParentType, ContextType>;
  couponRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  effect?: Resolver<ResolversTypes['Rule'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  redemptions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stacking?: Resolver<ResolversTypes['StackingMode'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CampaignStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type CampaignConnectionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CampaignConnection'] = ResolversParentTypes['CampaignConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CampaignEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CampaignEdgeResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CampaignEdge'] = ResolversParentTypes['CampaignEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
}>;

export type CampaignPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CampaignPayload'] = ResolversParentTypes['CampaignPayload']> = ResolversObject<{
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type CartResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Cart'] = ResolversParentTypes['Cart'], FederationReferenceType extends FederationReferenceTypes['Cart'] = FederationReferenceTypes['Cart']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cart']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  promotion?: Resolver<Maybe<ResolversTypes['Promotion']>, ParentType, ContextType>;
  shippingOptions?: Resolver<Maybe<Array<ResolversTypes['ShippingOption']>>, ParentType, ContextType>;
  totals?: Resolver<Maybe<ResolversTypes['Totals']>, ParentType, ContextType>;
}>;

export type CartLineResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CompliancePolicyResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CompliancePolicy'] = ResolversParentTypes['CompliancePolicy']> = ResolversObject<{
  capStacking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxDiscountPercent?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxDurationDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  noAmountAbovePrice?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  requireEndDate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type CompliancePolicyPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CompliancePolicyPayload'] = ResolversParentTypes['CompliancePolicyPayload']> = ResolversObject<{
  policy?: Resolver<Maybe<ResolversTypes['CompliancePolicy']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type CouponBatchResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CouponBatch'] = ResolversParentTypes['CouponBatch']> = ResolversObject<{
  campaignId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  generated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pattern?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CouponBatchStatus'], ParentType, ContextType>;
}>;

export type CouponBatchPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['CouponBatchPayload'] = ResolversParentTypes['CouponBatchPayload']> = ResolversObject<{
  batch?: Resolver<Maybe<ResolversTypes['CouponBatch']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryEstimateResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['DeliveryEstimate'] = ResolversParentTypes['DeliveryEstimate']> = ResolversObject<{
  earliest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  latest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DiscountResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Discount'] = ResolversParentTypes['Discount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DiscountCodeApplicationResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['DiscountCodeApplication'] = ResolversParentTypes['DiscountCodeApplication']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DiscountCodeCheckResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['DiscountCodeCheck'] = ResolversParentTypes['DiscountCodeCheck']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LineItemPromotionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['LineItemPromotion'] = ResolversParentTypes['LineItemPromotion']> = ResolversObject<{
  discountCodes?: Resolver<Array<ResolversTypes['DiscountCodeApplication']>, ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['Discount']>, ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MarketingAccessResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['MarketingAccess'] = ResolversParentTypes['MarketingAccess']> = ResolversObject<{
  allMarkets?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  markets?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createCampaign?: Resolver<ResolversTypes['CampaignPayload'], ParentType, ContextType, RequireFields<MutationCreateCampaignArgs, 'input'>>;
  generateCouponCodes?: Resolver<ResolversTypes['CouponBatchPayload'], ParentType, ContextType, RequireFields<MutationGenerateCouponCodesArgs, 'campaignId' | 'count'>>;
  recordReturnedItems?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordReturnedItemsArgs, 'items' | 'orderId'>>;
  redeemPromotions?: Resolver<ResolversTypes['RedemptionResult'], ParentType, ContextType, RequireFields<MutationRedeemPromotionsArgs, 'cart' | 'orderId'>>;
  releaseRedemptions?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationReleaseRedemptionsArgs, 'orderId'>>;
  removeShippingMethod?: Resolver<ResolversTypes['ShippingMethodPayload'], ParentType, ContextType, RequireFields<MutationRemoveShippingMethodArgs, 'code' | 'market'>>;
  removeTaxRate?: Resolver<ResolversTypes['TaxRatePayload'], ParentType, ContextType, RequireFields<MutationRemoveTaxRateArgs, 'input'>>;
  resetPromotionShadowReport?: Resolver<ResolversTypes['PromotionShadowReportPayload'], ParentType, ContextType, RequireFields<MutationResetPromotionShadowReportArgs, 'market'>>;
  setCompliancePolicy?: Resolver<ResolversTypes['CompliancePolicyPayload'], ParentType, ContextType, RequireFields<MutationSetCompliancePolicyArgs, 'input' | 'market'>>;
  setCustomerTaxExemption?: Resolver<ResolversTypes['TaxExemptionPayload'], ParentType, ContextType, RequireFields<MutationSetCustomerTaxExemptionArgs, 'customerId' | 'exempt'>>;
  setPromotionRouting?: Resolver<ResolversTypes['PromotionRoutingPayload'], ParentType, ContextType, RequireFields<MutationSetPromotionRoutingArgs, 'input'>>;
  setPromotionRoutings?: Resolver<ResolversTypes['PromotionRoutingsPayload'], ParentType, ContextType, RequireFields<MutationSetPromotionRoutingsArgs, 'inputs'>>;
  updateCampaign?: Resolver<ResolversTypes['CampaignPayload'], ParentType, ContextType, RequireFields<MutationUpdateCampaignArgs, 'id' | 'input'>>;
  upsertShippingMethod?: Resolver<ResolversTypes['ShippingMethodPayload'], ParentType, ContextType, RequireFields<MutationUpsertShippingMethodArgs, 'input'>>;
  upsertTaxMarket?: Resolver<ResolversTypes['TaxMarketPayload'], ParentType, ContextType, RequireFields<MutationUpsertTaxMarketArgs, 'input'>>;
  upsertTaxRate?: Resolver<ResolversTypes['TaxRatePayload'], ParentType, ContextType, RequireFields<MutationUpsertTaxRateArgs, 'input'>>;
}>;

export type NonApplicableDiscountCodeResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['NonApplicableDiscountCode'] = ResolversParentTypes['NonApplicableDiscountCode']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['NonApplicableReason'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PreviewCodeChangeResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PreviewCodeChange'] = ResolversParentTypes['PreviewCodeChange']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  batch?: Resolver<Maybe<ResolversTypes['CouponBatch']>, ParentType, ContextType>;
  campaign?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PreviewDiffResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PreviewDiff'] = ResolversParentTypes['PreviewDiff'], FederationReferenceType extends FederationReferenceTypes['PreviewDiff'] = FederationReferenceTypes['PreviewDiff']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PreviewDiff']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  campaignsEnding?: Resolver<Array<ResolversTypes['Campaign']>, ParentType, ContextType>;
  campaignsStarting?: Resolver<Array<ResolversTypes['Campaign']>, ParentType, ContextType>;
  codesBecomingValid?: Resolver<Array<ResolversTypes['PreviewCodeChange']>, ParentType, ContextType>;
  codesExpiring?: Resolver<Array<ResolversTypes['PreviewCodeChange']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PromotionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Promotion'] = ResolversParentTypes['Promotion']> = ResolversObject<{
  discountCodes?: Resolver<Array<ResolversTypes['DiscountCodeApplication']>, ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['Discount']>, ParentType, ContextType>;
  lineItemPromotions?: Resolver<Array<ResolversTypes['LineItemPromotion']>, ParentType, ContextType>;
  nonApplicableDiscountCodes?: Resolver<Array<ResolversTypes['NonApplicableDiscountCode']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shippingDiscounts?: Resolver<Array<ResolversTypes['ShippingDiscount']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PromotionStatus'], ParentType, ContextType>;
}>;

export type PromotionRoutingResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionRouting'] = ResolversParentTypes['PromotionRouting']> = ResolversObject<{
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rollout?: Resolver<Maybe<ResolversTypes['Rollout']>, ParentType, ContextType>;
  shadowProvider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PromotionRoutingPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionRoutingPayload'] = ResolversParentTypes['PromotionRoutingPayload']> = ResolversObject<{
  routing?: Resolver<Maybe<ResolversTypes['PromotionRouting']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type PromotionRoutingsPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionRoutingsPayload'] = ResolversParentTypes['PromotionRoutingsPayload']> = ResolversObject<{
  routings?: Resolver<Maybe<Array<ResolversTypes['PromotionRouting']>>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type PromotionShadowReportResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionShadowReport'] = ResolversParentTypes['PromotionShadowReport']> = ResolversObject<{
  evaluations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mismatches?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  primaryProvider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  samples?: Resolver<Array<ResolversTypes['ShadowSample']>, ParentType, ContextType>;
  shadowProvider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  since?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type PromotionShadowReportPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionShadowReportPayload'] = ResolversParentTypes['PromotionShadowReportPayload']> = ResolversObject<{
  report?: Resolver<Maybe<ResolversTypes['PromotionShadowReport']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditTrail?: Resolver<ResolversTypes['AuditEventPage'], ParentType, ContextType, RequireFields<QueryAuditTrailArgs, 'first'>>;
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<QueryCampaignArgs, 'id'>>;
  campaigns?: Resolver<ResolversTypes['CampaignConnection'], ParentType, ContextType, RequireFields<QueryCampaignsArgs, 'first'>>;
  chargeTablesVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  compliancePolicy?: Resolver<Maybe<ResolversTypes['CompliancePolicy']>, ParentType, ContextType, RequireFields<QueryCompliancePolicyArgs, 'market'>>;
  couponBatch?: Resolver<Maybe<ResolversTypes['CouponBatch']>, ParentType, ContextType, RequireFields<QueryCouponBatchArgs, 'id'>>;
  discountCodeChecks?: Resolver<Array<ResolversTypes['DiscountCodeCheck']>, ParentType, ContextType, RequireFields<QueryDiscountCodeChecksArgs, 'codes' | 'market'>>;
  marketingAccess?: Resolver<ResolversTypes['MarketingAccess'], ParentType, ContextType>;
  previewDiff?: Resolver<Maybe<ResolversTypes['PreviewDiff']>, ParentType, ContextType, RequireFields<QueryPreviewDiffArgs, 'at' | 'market'>>;
  promotionProviders?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  promotionRouting?: Resolver<Maybe<ResolversTypes['PromotionRouting']>, ParentType, ContextType, RequireFields<QueryPromotionRoutingArgs, 'market'>>;
  promotionShadowReport?: Resolver<Maybe<ResolversTypes['PromotionShadowReport']>, ParentType, ContextType, RequireFields<QueryPromotionShadowReportArgs, 'market'>>;
  shippingMethods?: Resolver<Array<ResolversTypes['ShippingMethod']>, ParentType, ContextType, RequireFields<QueryShippingMethodsArgs, 'market'>>;
  taxExemption?: Resolver<Maybe<ResolversTypes['TaxExemption']>, ParentType, ContextType, RequireFields<QueryTaxExemptionArgs, 'customerId'>>;
  taxMarkets?: Resolver<Array<ResolversTypes['TaxMarket']>, ParentType, ContextType>;
  taxRates?: Resolver<Array<ResolversTypes['TaxRate']>, ParentType, ContextType, Partial<QueryTaxRatesArgs>>;
}>;

export type RedemptionResultResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['RedemptionResult'] = ResolversParentTypes['RedemptionResult']> = ResolversObject<{
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type RolloutResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Rollout'] = ResolversParentTypes['Rollout']> = ResolversObject<{
  percent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RuleResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Rule'] = ResolversParentTypes['Rule']> = ResolversObject<{
  args?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShadowSampleResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShadowSample'] = ResolversParentTypes['ShadowSample']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cartId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  differences?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  primaryTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  shadowTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type ShippingDiscountResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShippingDiscount'] = ResolversParentTypes['ShippingDiscount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ShippingMethodResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShippingMethod'] = ResolversParentTypes['ShippingMethod']> = ResolversObject<{
  channels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  countries?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ShippingKind'], ParentType, ContextType>;
  locations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rates?: Resolver<Array<ResolversTypes['ShippingRateBand']>, ParentType, ContextType>;
}>;

export type ShippingMethodPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShippingMethodPayload'] = ResolversParentTypes['ShippingMethodPayload']> = ResolversObject<{
  shippingMethod?: Resolver<Maybe<ResolversTypes['ShippingMethod']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type ShippingOptionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShippingOption'] = ResolversParentTypes['ShippingOption']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  estimate?: Resolver<ResolversTypes['DeliveryEstimate'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ShippingKind'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  locationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type ShippingRateBandResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['ShippingRateBand'] = ResolversParentTypes['ShippingRateBand']> = ResolversObject<{
  maxSubtotal?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maxWeightGrams?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaxDestinationResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxDestination'] = ResolversParentTypes['TaxDestination']> = ResolversObject<{
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type TaxExemptionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxExemption'] = ResolversParentTypes['TaxExemption']> = ResolversObject<{
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  exempt?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type TaxExemptionPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxExemptionPayload'] = ResolversParentTypes['TaxExemptionPayload']> = ResolversObject<{
  exemption?: Resolver<Maybe<ResolversTypes['TaxExemption']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type TaxLineResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxLine'] = ResolversParentTypes['TaxLine']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TaxLineKind'], ParentType, ContextType>;
  lineId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taxable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TaxMarketResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxMarket'] = ResolversParentTypes['TaxMarket']> = ResolversObject<{
  countries?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  digitalDestination?: Resolver<Maybe<ResolversTypes['TaxDestination']>, ParentType, ContextType>;
  homeCountry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pricesIncludeTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  taxName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaxMarketPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxMarketPayload'] = ResolversParentTypes['TaxMarketPayload']> = ResolversObject<{
  taxMarket?: Resolver<Maybe<ResolversTypes['TaxMarket']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type TaxRateResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxRate'] = ResolversParentTypes['TaxRate']> = ResolversObject<{
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalPrefix?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type TaxRateAmountResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxRateAmount'] = ResolversParentTypes['TaxRateAmount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taxable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TaxRatePayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TaxRatePayload'] = ResolversParentTypes['TaxRatePayload']> = ResolversObject<{
  taxRate?: Resolver<Maybe<ResolversTypes['TaxRate']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type TotalsResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Totals'] = ResolversParentTypes['Totals']> = ResolversObject<{
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  shipping?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  shippingDiscount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  tax?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  taxBreakdown?: Resolver<Array<ResolversTypes['TaxRateAmount']>, ParentType, ContextType>;
  taxExempted?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  taxIncluded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  taxLines?: Resolver<Array<ResolversTypes['TaxLine']>, ParentType, ContextType>;
  taxMessage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taxStatus?: Resolver<ResolversTypes['TaxStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TypedValueResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['TypedValue'] = ResolversParentTypes['TypedValue']> = ResolversObject<{
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = PromotionsContext> = ResolversObject<{
  AuditChange?: AuditChangeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventPage?: AuditEventPageResolvers<ContextType>;
  Budget?: BudgetResolvers<ContextType>;
  Campaign?: CampaignResolvers<ContextType>;
  CampaignConnection?: CampaignConnectionResolvers<ContextType>;
  CampaignEdge?: CampaignEdgeResolvers<ContextType>;
  CampaignPayload?: CampaignPayloadResolvers<ContextType>;
  Cart?: CartResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  CompliancePolicy?: CompliancePolicyResolvers<ContextType>;
  CompliancePolicyPayload?: CompliancePolicyPayloadResolvers<ContextType>;
  CouponBatch?: CouponBatchResolvers<ContextType>;
  CouponBatchPayload?: CouponBatchPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeliveryEstimate?: DeliveryEstimateResolvers<ContextType>;
  Discount?: DiscountResolvers<ContextType>;
  DiscountCodeApplication?: DiscountCodeApplicationResolvers<ContextType>;
  DiscountCodeCheck?: DiscountCodeCheckResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LineItemPromotion?: LineItemPromotionResolvers<ContextType>;
  MarketingAccess?: MarketingAccessResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NonApplicableDiscountCode?: NonApplicableDiscountCodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PreviewCodeChange?: PreviewCodeChangeResolvers<ContextType>;
  PreviewDiff?: PreviewDiffResolvers<ContextType>;
  Promotion?: PromotionResolvers<ContextType>;
  PromotionRouting?: PromotionRoutingResolvers<ContextType>;
  PromotionRoutingPayload?: PromotionRoutingPayloadResolvers<ContextType>;
  PromotionRoutingsPayload?: PromotionRoutingsPayloadResolvers<ContextType>;
  PromotionShadowReport?: PromotionShadowReportResolvers<ContextType>;
  PromotionShadowReportPayload?: PromotionShadowReportPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RedemptionResult?: RedemptionResultResolvers<ContextType>;
  Rollout?: RolloutResolvers<ContextType>;
  Rule?: RuleResolvers<ContextType>;
  ShadowSample?: ShadowSampleResolvers<ContextType>;
  ShippingDiscount?: ShippingDiscountResolvers<ContextType>;
  ShippingMethod?: ShippingMethodResolvers<ContextType>;
  ShippingMethodPayload?: ShippingMethodPayloadResolvers<ContextType>;
  ShippingOption?: ShippingOptionResolvers<ContextType>;
  ShippingRateBand?: ShippingRateBandResolvers<ContextType>;
  TaxDestination?: TaxDestinationResolvers<ContextType>;
  TaxExemption?: TaxExemptionResolvers<ContextType>;
  TaxExemptionPayload?: TaxExemptionPayloadResolvers<ContextType>;
  TaxLine?: TaxLineResolvers<ContextType>;
  TaxMarket?: TaxMarketResolvers<ContextType>;
  TaxMarketPayload?: TaxMarketPayloadResolvers<ContextType>;
  TaxRate?: TaxRateResolvers<ContextType>;
  TaxRateAmount?: TaxRateAmountResolvers<ContextType>;
  TaxRatePayload?: TaxRatePayloadResolvers<ContextType>;
  Totals?: TotalsResolvers<ContextType>;
  TypedValue?: TypedValueResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
}>;

