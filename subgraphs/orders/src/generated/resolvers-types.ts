import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuarantinedOrderRecord } from '../services/quarantine.ts';
import type { OrdersContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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

/** Why an order is adjusted. */
export type AdjustmentReasonCode =
  /** A goodwill credit (late delivery, complaint). */
  | 'GOODWILL'
  | 'OTHER'
  /** A price was wrong when the order was placed. */
  | 'PRICE_CORRECTION'
  /** Tax was computed or rounded incorrectly. */
  | 'TAX_CORRECTION';

/** One after-sales action: who (key id), why, what. */
export type AfterSalesAction = {
  __typename?: 'AfterSalesAction';
  /** Key id of the person or system that acted. */
  actor: Scalars['String']['output'];
  adjustmentReason?: Maybe<AdjustmentReasonCode>;
  /** Money owed back to the customer by this action (refund or credit). */
  amount: Money;
  at: Scalars['DateTime']['output'];
  /** The channel of the key. */
  channel: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: AfterSalesKind;
  /** Units concerned (fulfilment, return). */
  lines: Array<AfterSalesLine>;
  /** Fulfilment: where from; return: where restocked. */
  location?: Maybe<Scalars['ID']['output']>;
  /** Why (free text for cancellations and adjustments, the reason code for adjustments). */
  reason?: Maybe<Scalars['String']['output']>;
};

export type AfterSalesKind =
  | 'ADJUST'
  | 'CANCEL'
  | 'FULFIL'
  | 'RETURN';

export type AfterSalesLine = {
  __typename?: 'AfterSalesLine';
  /** RESTOCKED or WRITTEN_OFF (returns). */
  disposition?: Maybe<Scalars['String']['output']>;
  lineId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  /** Return reason (returns). */
  reason?: Maybe<ReturnReason>;
  /** Refund of these units (returns). */
  refund?: Maybe<Money>;
  sku: Scalars['ID']['output'];
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

export type FulfilLineInput = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type ImportOrderResult = {
  __typename?: 'ImportOrderResult';
  externalId: Scalars['String']['output'];
  order?: Maybe<Order>;
  quarantine?: Maybe<QuarantinedOrder>;
  status: ImportStatus;
};

export type ImportOrdersPayload = {
  __typename?: 'ImportOrdersPayload';
  results: Array<ImportOrderResult>;
};

export type ImportStatus =
  | 'CREATED'
  | 'DUPLICATE'
  | 'QUARANTINED';

export type LineItemPromotion = {
  __typename?: 'LineItemPromotion';
  discountCodes: Array<DiscountCodeApplication>;
  discounts: Array<Discount>;
  lineId: Scalars['ID']['output'];
};

export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
};

export type MoneyInput = {
  amount: Scalars['String']['input'];
  currencyCode: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A goodwill credit or a price correction, refunded to the customer, with a reason code and a note (operations scope). Idempotent per key. */
  adjustOrder: OrderActionPayload;
  /**
   * Cancels an order before fulfilment: its stock goes back, its codes and budgets are released, what
   * was paid is refunded, OrderCancelled is recorded. The same key again gives the same answer. A
   * signed-in customer cancels their own order (storefront); the point of sale the orders it may read;
   * operations any.
   */
  cancelOrder: OrderActionPayload;
  /** Discards a quarantined order with a reason (operations scope). Recorded. */
  discardQuarantinedOrder: QuarantineActionPayload;
  /** Records units handed over or shipped from a location (pos for its locations, operations any). Idempotent per key. */
  fulfilOrderLines: OrderActionPayload;
  /** Imports offline sales (pos scope); invalid orders are quarantined with their reason. */
  importOrders: ImportOrdersPayload;
  /**
   * Places an order from a cart: idempotent per key (same key and input → the stored answer; same key,
   * other input → IDEMPOTENCY_KEY_REUSED), payment must equal the cart total, stock is reserved for
   * every line or none, codes and budgets are redeemed, and the order is written with its
   * OrderCreated event in one transaction.
   */
  placeOrder: PlaceOrderPayload;
  /**
   * Puts a dead letter back in the delivery queue (operations scope). Idempotent: replaying a
   * delivery that is already pending or delivered changes nothing.
   */
  replayDeadLetter: ReplayDeadLetterPayload;
  /**
   * Validates a quarantined order again, with the operator's corrected version when given (operations
   * scope). Valid → the order is created (once) and the quarantine is REPLAYED; invalid → it stays HELD
   * with the new reason. Recorded either way.
   */
  replayQuarantinedOrder: QuarantineActionPayload;
  /** Sends a refund the payment provider refused once more, with a new provider idempotency key (operations scope). */
  retryRefund: OrderActionPayload;
  /**
   * Takes back handed-over units (pos, operations): each unit refunds its share of what was paid after
   * every discount, to the cent; every unit returned refunds exactly what was paid. Units restock at
   * restockLocation, DAMAGED ones are written off. OrderReturned and RefundIssued are recorded.
   * Idempotent per key; concurrent returns never take back more than was handed over.
   */
  returnOrderLines: OrderActionPayload;
};


export type MutationAdjustOrderArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: OrderAdjustmentInput;
  orderId: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  idempotencyKey: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationDiscardQuarantinedOrderArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationFulfilOrderLinesArgs = {
  idempotencyKey: Scalars['String']['input'];
  lines: Array<FulfilLineInput>;
  location: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
};


export type MutationImportOrdersArgs = {
  orders: Array<OfflineOrderInput>;
};


export type MutationPlaceOrderArgs = {
  cartId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  payment: PaymentInput;
};


export type MutationReplayDeadLetterArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReplayQuarantinedOrderArgs = {
  correction?: InputMaybe<OfflineOrderInput>;
  id: Scalars['ID']['input'];
};


export type MutationRetryRefundArgs = {
  refundId: Scalars['ID']['input'];
};


export type MutationReturnOrderLinesArgs = {
  idempotencyKey: Scalars['String']['input'];
  lines: Array<ReturnLineInput>;
  orderId: Scalars['ID']['input'];
  restockLocation?: InputMaybe<Scalars['ID']['input']>;
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

/**
 * A sale made while the till was offline. Fields are optional in the schema on purpose: an order
 * missing a mandatory field is quarantined with its reason, not rejected, so nothing is lost.
 */
export type OfflineOrderInput = {
  /** Unique per channel: re-sending the same order creates nothing twice. */
  externalId: Scalars['String']['input'];
  lines?: InputMaybe<Array<OfflineOrderLineInput>>;
  location?: InputMaybe<Scalars['ID']['input']>;
  market?: InputMaybe<Scalars['String']['input']>;
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
  payment?: InputMaybe<PaymentInput>;
  shippingAddress?: InputMaybe<TypedValueInput>;
  total?: InputMaybe<MoneyInput>;
};

export type OfflineOrderLineInput = {
  quantity?: InputMaybe<Scalars['Int']['input']>;
  sku?: InputMaybe<Scalars['ID']['input']>;
  unitPrice?: InputMaybe<MoneyInput>;
};

/** An order, written together with its OrderCreated event. */
export type Order = {
  __typename?: 'Order';
  /** Every after-sales action (cancellation, fulfilment, return, adjustment) with who and why, oldest first. */
  afterSales: Array<AfterSalesAction>;
  cartId?: Maybe<Scalars['ID']['output']>;
  channel: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  currencyCode: Scalars['String']['output'];
  /**
   * The first applied discount code (the first engine knew one code per order).
   * @deprecated Use promotion.discountCodes: an order may have several codes.
   */
  discountCode?: Maybe<Scalars['String']['output']>;
  /**
   * The order's total discount.
   * @deprecated Use promotion (discounts, discountCodes, lineItemPromotions) and totals.discount.
   */
  discountTotal?: Maybe<Money>;
  id: Scalars['ID']['output'];
  lines: Array<OrderLine>;
  market: Scalars['String']['output'];
  /** Human-readable, unique order number. */
  number: Scalars['String']['output'];
  payment?: Maybe<PaymentSummary>;
  /** The promotion object as evaluated when the order was placed. */
  promotion: Promotion;
  /** Sum of the refunds that the payment provider paid out. */
  refundedTotal: Money;
  /** Refunds of the order, oldest first: a refused one stays here until an operator retries it. */
  refunds: Array<Refund>;
  /** Opaque typed blob, passed along from the cart as is. */
  shippingAddress?: Maybe<TypedValue>;
  /** The shipping the order was charged: the method selected on the cart; null when none was selected (or for orders from before shipping was recorded). */
  shippingLine?: Maybe<OrderShippingLine>;
  status: OrderStatus;
  totals: Totals;
};

/**
 * Answer of an after-sales mutation. Error codes: ORDER_NOT_FOUND, NOT_ALLOWED, INVALID_IDEMPOTENCY_KEY,
 * IDEMPOTENCY_KEY_REUSED, ORDER_CANCELLED, ORDER_ALREADY_FULFILLED, LINE_NOT_FOUND, DUPLICATE_LINE,
 * INVALID_QUANTITY, NOTHING_TO_FULFIL, NOT_RETURNABLE, RESTOCK_LOCATION_REQUIRED, LOCATION_NOT_FOUND,
 * INVALID_REASON, INVALID_AMOUNT, CURRENCY_MISMATCH, EXCEEDS_PAID, REFUND_NOT_FOUND, REFUND_NOT_REFUSED,
 * PREVIEW_READ_ONLY, SERVICE_UNAVAILABLE.
 */
export type OrderActionPayload = {
  __typename?: 'OrderActionPayload';
  /** The action recorded (or, for the same idempotency key again, the one recorded before). */
  action?: Maybe<AfterSalesAction>;
  order?: Maybe<Order>;
  /** The refund the action owes, if any. */
  refund?: Maybe<Refund>;
  userErrors: Array<UserError>;
};

export type OrderAdjustmentInput = {
  /** Credited to the customer (refunded), at most what was paid and not yet refunded. */
  amount: MoneyInput;
  /** Why, in words (recorded with the key id). */
  note: Scalars['String']['input'];
  reason: AdjustmentReasonCode;
};

export type OrderLine = {
  __typename?: 'OrderLine';
  /** Units handed over or shipped. */
  fulfilledQuantity: Scalars['Int']['output'];
  /** The id of the cart line the order line came from. */
  id: Scalars['ID']['output'];
  /** What this line cost after every discount on it and its share of the order's discounts, plus its tax where tax is added to prices: the most its returns refund (shipping comes back with the order's last unit). */
  paid: Money;
  /** The product (variant) of the line's SKU, with its family and options, from the catalog. */
  product?: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  /** Units that came back. */
  returnedQuantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
  unitPrice: Money;
};

export type OrderShippingLine = {
  __typename?: 'OrderShippingLine';
  /** What was charged for shipping: price − discount (its tax is the SHIPPING line of totals.taxLines). */
  amount: Money;
  /** The method's code, e.g. standard, express, click-and-collect. */
  code: Scalars['String']['output'];
  /** Shipping discounts (promotion.shippingDiscounts). */
  discount: Money;
  /** DELIVERY, PICKUP or DIGITAL. */
  kind: Scalars['String']['output'];
  /** The click-and-collect store (location code). */
  location?: Maybe<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** The method's price. */
  price: Money;
};

/** The order's status follows its lines (docs/after-sales.md). */
export type OrderStatus =
  /** Cancelled before fulfilment: stock back, redemptions released, payment refunded. */
  | 'CANCELLED'
  /** Every unit was handed over or shipped. */
  | 'FULFILLED'
  /** Some units were handed over or shipped, not all. */
  | 'PARTIALLY_FULFILLED'
  /** Some units came back. */
  | 'PARTIALLY_RETURNED'
  /** Accepted: stock committed, promotions redeemed, OrderCreated recorded; nothing fulfilled yet. */
  | 'PLACED'
  /** Every unit came back. */
  | 'RETURNED';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PaymentInput = {
  /** Must equal the cart's total (totals.total: with shipping, and with the tax where it is added). */
  amount: MoneyInput;
  /** The payment provider's reference. */
  reference: Scalars['String']['input'];
};

/** The summary of a run of npm run reconcile:payments. */
export type PaymentReconciliation = {
  __typename?: 'PaymentReconciliation';
  /** Every category, zeros included. */
  counts: Array<ReconciliationCount>;
  finishedAt: Scalars['DateTime']['output'];
  /** The period: from ≤ instant < to. */
  from: Scalars['DateTime']['output'];
  /** Entries this close outside the period still match entries inside it. */
  graceSeconds: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  /** Orders of the period paid without a payment reference (not in a settlement file). */
  ordersWithoutPaymentReference: Scalars['Int']['output'];
  /** Valid settlement rows paid outside the period and its grace. */
  outsidePeriod: Scalars['Int']['output'];
  /** The first discrepancies (at most 20); the CSV report lists all. */
  samples: Array<ReconciliationEntry>;
  settlementRows: Scalars['Int']['output'];
  /** The settlement file's name. */
  source: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
  totals: Array<ReconciliationTotal>;
};

export type PaymentSummary = {
  __typename?: 'PaymentSummary';
  amount: Money;
};

export type PlaceOrderPayload = {
  __typename?: 'PlaceOrderPayload';
  order?: Maybe<Order>;
  userErrors: Array<UserError>;
};

export type Product = {
  __typename?: 'Product';
  sku: Scalars['ID']['output'];
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

/** How the engine's evaluation went. */
export type PromotionStatus =
  /** The provider evaluated the cart. */
  | 'EVALUATED'
  /** The provider failed or exceeded its time budget: base prices apply and orders with codes are refused until it recovers. */
  | 'UNAVAILABLE';

/** An operator's action on a quarantined order. */
export type QuarantineAction = {
  __typename?: 'QuarantineAction';
  action: Scalars['String']['output'];
  /** Key id of the operator. */
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  /** The outcome, e.g. the new validation failure of a replay. */
  outcome?: Maybe<Scalars['String']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
};

export type QuarantineActionPayload = {
  __typename?: 'QuarantineActionPayload';
  /** The order created by a successful replay. */
  order?: Maybe<Order>;
  quarantine?: Maybe<QuarantinedOrder>;
  userErrors: Array<UserError>;
};

export type QuarantinedOrder = {
  __typename?: 'QuarantinedOrder';
  /** What operators did with it, oldest first. */
  actions: Array<QuarantineAction>;
  channel: Scalars['String']['output'];
  externalId?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The order as received (or as last corrected). */
  payload: Scalars['JSON']['output'];
  reason: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  /** HELD, REPLAYED (an order now exists) or DISCARDED. */
  status: Scalars['String']['output'];
};

export type QuarantinedOrderConnection = {
  __typename?: 'QuarantinedOrderConnection';
  edges: Array<QuarantinedOrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QuarantinedOrderEdge = {
  __typename?: 'QuarantinedOrderEdge';
  cursor: Scalars['String']['output'];
  node: QuarantinedOrder;
};

export type Query = {
  __typename?: 'Query';
  /** Webhook deliveries that failed for good, oldest first (operations scope). */
  deadLetters: WebhookDeliveryConnection;
  /**
   * An order by id, or null when unknown. A signed-in customer reads their own orders; a guest's order
   * is read by the channel that placed it. Marketing and operations keys read no orders.
   */
  order?: Maybe<Order>;
  /** The latest payment reconciliation (operations scope, or marketing for all markets); null before the first run. */
  paymentReconciliation?: Maybe<PaymentReconciliation>;
  /** Orders held back because they failed validation (operations scope: they carry customers' personal data). */
  quarantinedOrders: QuarantinedOrderConnection;
};


export type QueryDeadLettersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryQuarantinedOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a settlement entry was found to be (docs/reconciliation.md). */
export type ReconciliationCategory =
  /** An order and a payment with the same reference but another amount or currency. */
  | 'AMOUNT_MISMATCH'
  /** A further settled payment with a reference that was already paid. */
  | 'DUPLICATE_PAYMENT'
  /** A further refund row of a reference whose refunds were all matched already. */
  | 'DUPLICATE_REFUND'
  /** A settlement row that could not be read (the note says why). */
  | 'INVALID_ROW'
  /** An order and a payment with the same reference, amount and currency. */
  | 'MATCHED'
  /** An order of the period whose payment reference is not in the settlement file. */
  | 'ORDER_WITHOUT_PAYMENT'
  /** A settled payment of the period whose reference no order has. */
  | 'PAYMENT_WITHOUT_ORDER'
  /** A refund and a refund row with the same reference but another amount or currency. */
  | 'REFUND_AMOUNT_MISMATCH'
  /** A refund paid out and a refund row of the settlement (negative amount) with the same reference and amount. */
  | 'REFUND_MATCHED'
  /** A refund paid out in the period that no refund row of the settlement file shows. */
  | 'REFUND_WITHOUT_SETTLEMENT'
  /** A refund row of the settlement file for which no refund was paid out on that reference. */
  | 'SETTLED_REFUND_WITHOUT_REFUND';

export type ReconciliationCount = {
  __typename?: 'ReconciliationCount';
  category: ReconciliationCategory;
  count: Scalars['Int']['output'];
};

/** One line of the reconciliation report. */
export type ReconciliationEntry = {
  __typename?: 'ReconciliationEntry';
  category: ReconciliationCategory;
  /** NEAR_PERIOD_BOUNDARY, or why a row is invalid. */
  note?: Maybe<Scalars['String']['output']>;
  orderAmount?: Maybe<Money>;
  orderCreatedAt?: Maybe<Scalars['DateTime']['output']>;
  orderId?: Maybe<Scalars['ID']['output']>;
  orderNumber?: Maybe<Scalars['String']['output']>;
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  paymentAmount?: Maybe<Money>;
  paymentReference?: Maybe<Scalars['String']['output']>;
  /** Line of the settlement file. */
  settlementLine?: Maybe<Scalars['Int']['output']>;
};

/** Sums of the reported entries in one currency. */
export type ReconciliationTotal = {
  __typename?: 'ReconciliationTotal';
  currencyCode: Scalars['String']['output'];
  /** Order amounts. */
  ordered: Money;
  /** Settled payment amounts. */
  settled: Money;
};

/** Money given back to the customer through the payment provider. */
export type Refund = {
  __typename?: 'Refund';
  /** The after-sales action that owes it. */
  actionId: Scalars['ID']['output'];
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  /** Why the provider refused it, or the last transport failure of a pending one. */
  failure?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The payment provider's reference of the paid-out refund. */
  providerReference?: Maybe<Scalars['String']['output']>;
  status: RefundStatus;
  /** Times the provider answered or failed. */
  tries: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type RefundStatus =
  /** Recorded, not yet confirmed by the payment provider (being sent, or retried after a timeout). */
  | 'PENDING'
  /** Refused by the payment provider: stays visible; an operator retries it with retryRefund. */
  | 'REFUSED'
  /** Paid out by the payment provider. */
  | 'SUCCEEDED';

export type ReplayDeadLetterPayload = {
  __typename?: 'ReplayDeadLetterPayload';
  delivery?: Maybe<WebhookDelivery>;
  userErrors: Array<UserError>;
};

export type ReturnLineInput = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  reason: ReturnReason;
};

/** Why units come back. DAMAGED units are written off; every other reason restocks them. */
export type ReturnReason =
  | 'DAMAGED'
  | 'DEFECTIVE'
  | 'OTHER'
  | 'UNWANTED'
  | 'WRONG_ITEM';

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

/** Tax lines grouped by rate: sums of the lines' amounts. */
export type TaxRateAmount = {
  __typename?: 'TaxRateAmount';
  amount: Money;
  name: Scalars['String']['output'];
  rate: Scalars['String']['output'];
  taxable: Money;
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

export type TypedValue = {
  __typename?: 'TypedValue';
  data?: Maybe<Scalars['JSON']['output']>;
  type: Scalars['String']['output'];
};

export type TypedValueInput = {
  data: Scalars['JSON']['input'];
  type: Scalars['String']['input'];
};

export type UserError = {
  __typename?: 'UserError';
  code: Scalars['String']['output'];
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

/** The delivery of one outbox event to one webhook subscriber. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** The order the event is about. */
  aggregateId: Scalars['ID']['output'];
  /** Attempts made so far, replays included. */
  attempts: Scalars['Int']['output'];
  deadAt?: Maybe<Scalars['DateTime']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  nextAttemptAt: Scalars['DateTime']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** The event as it is POSTed. */
  payload: Scalars['JSON']['output'];
  replayedAt?: Maybe<Scalars['DateTime']['output']>;
  status: WebhookDeliveryStatus;
  /** The subscriber's URL. */
  subscriber: Scalars['String']['output'];
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  /** Failed the maximum number of attempts; waits for an operator to replay it. */
  | 'DEAD'
  /** The subscriber answered 2xx. */
  | 'DELIVERED'
  /** Waiting for its next attempt (or for an earlier event of the same order). */
  | 'PENDING';

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
  Order: Order;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdjustmentReasonCode: AdjustmentReasonCode;
  AfterSalesAction: ResolverTypeWrapper<AfterSalesAction>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AfterSalesKind: AfterSalesKind;
  AfterSalesLine: ResolverTypeWrapper<AfterSalesLine>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Discount: ResolverTypeWrapper<Discount>;
  DiscountCodeApplication: ResolverTypeWrapper<DiscountCodeApplication>;
  FulfilLineInput: FulfilLineInput;
  ImportOrderResult: ResolverTypeWrapper<Omit<ImportOrderResult, 'quarantine'> & { quarantine?: Maybe<ResolversTypes['QuarantinedOrder']> }>;
  ImportOrdersPayload: ResolverTypeWrapper<Omit<ImportOrdersPayload, 'results'> & { results: Array<ResolversTypes['ImportOrderResult']> }>;
  ImportStatus: ImportStatus;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LineItemPromotion: ResolverTypeWrapper<LineItemPromotion>;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NonApplicableDiscountCode: ResolverTypeWrapper<NonApplicableDiscountCode>;
  NonApplicableReason: NonApplicableReason;
  OfflineOrderInput: OfflineOrderInput;
  OfflineOrderLineInput: OfflineOrderLineInput;
  Order: ResolverTypeWrapper<Order>;
  OrderActionPayload: ResolverTypeWrapper<OrderActionPayload>;
  OrderAdjustmentInput: OrderAdjustmentInput;
  OrderLine: ResolverTypeWrapper<OrderLine>;
  OrderShippingLine: ResolverTypeWrapper<OrderShippingLine>;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PaymentInput: PaymentInput;
  PaymentReconciliation: ResolverTypeWrapper<PaymentReconciliation>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PaymentSummary: ResolverTypeWrapper<PaymentSummary>;
  PlaceOrderPayload: ResolverTypeWrapper<PlaceOrderPayload>;
  Product: ResolverTypeWrapper<Product>;
  Promotion: ResolverTypeWrapper<Promotion>;
  PromotionStatus: PromotionStatus;
  QuarantineAction: ResolverTypeWrapper<QuarantineAction>;
  QuarantineActionPayload: ResolverTypeWrapper<Omit<QuarantineActionPayload, 'quarantine'> & { quarantine?: Maybe<ResolversTypes['QuarantinedOrder']> }>;
  QuarantinedOrder: ResolverTypeWrapper<QuarantinedOrderRecord>;
  QuarantinedOrderConnection: ResolverTypeWrapper<Omit<QuarantinedOrderConnection, 'edges'> & { edges: Array<ResolversTypes['QuarantinedOrderEdge']> }>;
  QuarantinedOrderEdge: ResolverTypeWrapper<Omit<QuarantinedOrderEdge, 'node'> & { node: ResolversTypes['QuarantinedOrder'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReconciliationCategory: ReconciliationCategory;
  ReconciliationCount: ResolverTypeWrapper<ReconciliationCount>;
  ReconciliationEntry: ResolverTypeWrapper<ReconciliationEntry>;
  ReconciliationTotal: ResolverTypeWrapper<ReconciliationTotal>;
  Refund: ResolverTypeWrapper<Refund>;
  RefundStatus: RefundStatus;
  ReplayDeadLetterPayload: ResolverTypeWrapper<ReplayDeadLetterPayload>;
  ReturnLineInput: ReturnLineInput;
  ReturnReason: ReturnReason;
  ShippingDiscount: ResolverTypeWrapper<ShippingDiscount>;
  TaxLine: ResolverTypeWrapper<TaxLine>;
  TaxLineKind: TaxLineKind;
  TaxRateAmount: ResolverTypeWrapper<TaxRateAmount>;
  TaxStatus: TaxStatus;
  Totals: ResolverTypeWrapper<Totals>;
  TypedValue: ResolverTypeWrapper<TypedValue>;
  TypedValueInput: TypedValueInput;
  UserError: ResolverTypeWrapper<UserError>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDelivery>;
  WebhookDeliveryConnection: ResolverTypeWrapper<WebhookDeliveryConnection>;
  WebhookDeliveryEdge: ResolverTypeWrapper<WebhookDeliveryEdge>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AfterSalesAction: AfterSalesAction;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AfterSalesLine: AfterSalesLine;
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  Discount: Discount;
  DiscountCodeApplication: DiscountCodeApplication;
  FulfilLineInput: FulfilLineInput;
  ImportOrderResult: Omit<ImportOrderResult, 'quarantine'> & { quarantine?: Maybe<ResolversParentTypes['QuarantinedOrder']> };
  ImportOrdersPayload: Omit<ImportOrdersPayload, 'results'> & { results: Array<ResolversParentTypes['ImportOrderResult']> };
  JSON: Scalars['JSON']['output'];
  LineItemPromotion: LineItemPromotion;
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  NonApplicableDiscountCode: NonApplicableDiscountCode;
  OfflineOrderInput: OfflineOrderInput;
  OfflineOrderLineInput: OfflineOrderLineInput;
  Order: Order | FederationReferenceTypes['Order'];
  OrderActionPayload: OrderActionPayload;
  OrderAdjustmentInput: OrderAdjustmentInput;
  OrderLine: OrderLine;
  OrderShippingLine: OrderShippingLine;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PaymentInput: PaymentInput;
  PaymentReconciliation: PaymentReconciliation;
  Float: Scalars['Float']['output'];
  PaymentSummary: PaymentSummary;
  PlaceOrderPayload: PlaceOrderPayload;
  Product: Product;
  Promotion: Promotion;
  QuarantineAction: QuarantineAction;
  QuarantineActionPayload: Omit<QuarantineActionPayload, 'quarantine'> & { quarantine?: Maybe<ResolversParentTypes['QuarantinedOrder']> };
  QuarantinedOrder: QuarantinedOrderRecord;
  QuarantinedOrderConnection: Omit<QuarantinedOrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['QuarantinedOrderEdge']> };
  QuarantinedOrderEdge: Omit<QuarantinedOrderEdge, 'node'> & { node: ResolversParentTypes['QuarantinedOrder'] };
  Query: Record<PropertyKey, never>;
  ReconciliationCount: ReconciliationCount;
  ReconciliationEntry: ReconciliationEntry;
  ReconciliationTotal: ReconciliationTotal;
  Refund: Refund;
  ReplayDeadLetterPayload: ReplayDeadLetterPayload;
  ReturnLineInput: ReturnLineInput;
  ShippingDiscount: ShippingDiscount;
  TaxLine: TaxLine;
  TaxRateAmount: TaxRateAmount;
  Totals: Totals;
  TypedValue: TypedValue;
  TypedValueInput: TypedValueInput;
  UserError: UserError;
  WebhookDelivery: WebhookDelivery;
  WebhookDeliveryConnection: WebhookDeliveryConnection;
  WebhookDeliveryEdge: WebhookDeliveryEdge;
}>;

export type AfterSalesActionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['AfterSalesAction'] = ResolversParentTypes['AfterSalesAction']> = ResolversObject<{
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  adjustmentReason?: Resolver<Maybe<ResolversTypes['AdjustmentReasonCode']>, ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AfterSalesKind'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['AfterSalesLine']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AfterSalesLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['AfterSalesLine'] = ResolversParentTypes['AfterSalesLine']> = ResolversObject<{
  disposition?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['ReturnReason']>, ParentType, ContextType>;
  refund?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DiscountResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Discount'] = ResolversParentTypes['Discount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type DiscountCodeApplicationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['DiscountCodeApplication'] = ResolversParentTypes['DiscountCodeApplication']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ImportOrderResultResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ImportOrderResult'] = ResolversParentTypes['ImportOrderResult']> = ResolversObject<{
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  quarantine?: Resolver<Maybe<ResolversTypes['QuarantinedOrder']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportStatus'], ParentType, ContextType>;
}>;

export type ImportOrdersPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ImportOrdersPayload'] = ResolversParentTypes['ImportOrdersPayload']> = ResolversObject<{
  results?: Resolver<Array<ResolversTypes['ImportOrderResult']>, ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LineItemPromotionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['LineItemPromotion'] = ResolversParentTypes['LineItemPromotion']> = ResolversObject<{
  discountCodes?: Resolver<Array<ResolversTypes['DiscountCodeApplication']>, ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['Discount']>, ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  adjustOrder?: Resolver<ResolversTypes['OrderActionPayload'], ParentType, ContextType, RequireFields<MutationAdjustOrderArgs, 'idempotencyKey' | 'input' | 'orderId'>>;
  cancelOrder?: Resolver<ResolversTypes['OrderActionPayload'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'idempotencyKey' | 'orderId' | 'reason'>>;
  discardQuarantinedOrder?: Resolver<ResolversTypes['QuarantineActionPayload'], ParentType, ContextType, RequireFields<MutationDiscardQuarantinedOrderArgs, 'id' | 'reason'>>;
  fulfilOrderLines?: Resolver<ResolversTypes['OrderActionPayload'], ParentType, ContextType, RequireFields<MutationFulfilOrderLinesArgs, 'idempotencyKey' | 'lines' | 'location' | 'orderId'>>;
  importOrders?: Resolver<ResolversTypes['ImportOrdersPayload'], ParentType, ContextType, RequireFields<MutationImportOrdersArgs, 'orders'>>;
  placeOrder?: Resolver<ResolversTypes['PlaceOrderPayload'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'cartId' | 'idempotencyKey' | 'payment'>>;
  replayDeadLetter?: Resolver<ResolversTypes['ReplayDeadLetterPayload'], ParentType, ContextType, RequireFields<MutationReplayDeadLetterArgs, 'id'>>;
  replayQuarantinedOrder?: Resolver<ResolversTypes['QuarantineActionPayload'], ParentType, ContextType, RequireFields<MutationReplayQuarantinedOrderArgs, 'id'>>;
  retryRefund?: Resolver<ResolversTypes['OrderActionPayload'], ParentType, ContextType, RequireFields<MutationRetryRefundArgs, 'refundId'>>;
  returnOrderLines?: Resolver<ResolversTypes['OrderActionPayload'], ParentType, ContextType, RequireFields<MutationReturnOrderLinesArgs, 'idempotencyKey' | 'lines' | 'orderId'>>;
}>;

export type NonApplicableDiscountCodeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['NonApplicableDiscountCode'] = ResolversParentTypes['NonApplicableDiscountCode']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['NonApplicableReason'], ParentType, ContextType>;
}>;

export type OrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  afterSales?: Resolver<Array<ResolversTypes['AfterSalesAction']>, ParentType, ContextType>;
  cartId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discountCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  discountTotal?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['PaymentSummary']>, ParentType, ContextType>;
  promotion?: Resolver<ResolversTypes['Promotion'], ParentType, ContextType>;
  refundedTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
  shippingAddress?: Resolver<Maybe<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  shippingLine?: Resolver<Maybe<ResolversTypes['OrderShippingLine']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['Totals'], ParentType, ContextType>;
}>;

export type OrderActionPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderActionPayload'] = ResolversParentTypes['OrderActionPayload']> = ResolversObject<{
  action?: Resolver<Maybe<ResolversTypes['AfterSalesAction']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  refund?: Resolver<Maybe<ResolversTypes['Refund']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type OrderLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = ResolversObject<{
  fulfilledQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  returnedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type OrderShippingLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderShippingLine'] = ResolversParentTypes['OrderShippingLine']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PaymentReconciliationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PaymentReconciliation'] = ResolversParentTypes['PaymentReconciliation']> = ResolversObject<{
  counts?: Resolver<Array<ResolversTypes['ReconciliationCount']>, ParentType, ContextType>;
  finishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  graceSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ordersWithoutPaymentReference?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outsidePeriod?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  samples?: Resolver<Array<ResolversTypes['ReconciliationEntry']>, ParentType, ContextType>;
  settlementRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  totals?: Resolver<Array<ResolversTypes['ReconciliationTotal']>, ParentType, ContextType>;
}>;

export type PaymentSummaryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PaymentSummary'] = ResolversParentTypes['PaymentSummary']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type PlaceOrderPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PlaceOrderPayload'] = ResolversParentTypes['PlaceOrderPayload']> = ResolversObject<{
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PromotionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Promotion'] = ResolversParentTypes['Promotion']> = ResolversObject<{
  discountCodes?: Resolver<Array<ResolversTypes['DiscountCodeApplication']>, ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['Discount']>, ParentType, ContextType>;
  lineItemPromotions?: Resolver<Array<ResolversTypes['LineItemPromotion']>, ParentType, ContextType>;
  nonApplicableDiscountCodes?: Resolver<Array<ResolversTypes['NonApplicableDiscountCode']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shippingDiscounts?: Resolver<Array<ResolversTypes['ShippingDiscount']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PromotionStatus'], ParentType, ContextType>;
}>;

export type QuarantineActionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['QuarantineAction'] = ResolversParentTypes['QuarantineAction']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QuarantineActionPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['QuarantineActionPayload'] = ResolversParentTypes['QuarantineActionPayload']> = ResolversObject<{
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  quarantine?: Resolver<Maybe<ResolversTypes['QuarantinedOrder']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type QuarantinedOrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['QuarantinedOrder'] = ResolversParentTypes['QuarantinedOrder']> = ResolversObject<{
  actions?: Resolver<Array<ResolversTypes['QuarantineAction']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QuarantinedOrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['QuarantinedOrderConnection'] = ResolversParentTypes['QuarantinedOrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['QuarantinedOrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QuarantinedOrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['QuarantinedOrderEdge'] = ResolversParentTypes['QuarantinedOrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['QuarantinedOrder'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  deadLetters?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, RequireFields<QueryDeadLettersArgs, 'first'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  paymentReconciliation?: Resolver<Maybe<ResolversTypes['PaymentReconciliation']>, ParentType, ContextType>;
  quarantinedOrders?: Resolver<ResolversTypes['QuarantinedOrderConnection'], ParentType, ContextType, RequireFields<QueryQuarantinedOrdersArgs, 'first'>>;
}>;

export type ReconciliationCountResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ReconciliationCount'] = ResolversParentTypes['ReconciliationCount']> = ResolversObject<{
  category?: Resolver<ResolversTypes['ReconciliationCategory'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ReconciliationEntryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ReconciliationEntry'] = ResolversParentTypes['ReconciliationEntry']> = ResolversObject<{
  category?: Resolver<ResolversTypes['ReconciliationCategory'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  orderAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  orderCreatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  orderId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  orderNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  paymentAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  paymentReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  settlementLine?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type ReconciliationTotalResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ReconciliationTotal'] = ResolversParentTypes['ReconciliationTotal']> = ResolversObject<{
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ordered?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  settled?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type RefundResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund']> = ResolversObject<{
  actionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failure?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  providerReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RefundStatus'], ParentType, ContextType>;
  tries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ReplayDeadLetterPayloadResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ReplayDeadLetterPayload'] = ResolversParentTypes['ReplayDeadLetterPayload']> = ResolversObject<{
  delivery?: Resolver<Maybe<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type ShippingDiscountResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ShippingDiscount'] = ResolversParentTypes['ShippingDiscount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaxLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['TaxLine'] = ResolversParentTypes['TaxLine']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TaxLineKind'], ParentType, ContextType>;
  lineId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taxable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TaxRateAmountResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['TaxRateAmount'] = ResolversParentTypes['TaxRateAmount']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taxable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TotalsResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Totals'] = ResolversParentTypes['Totals']> = ResolversObject<{
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

export type TypedValueResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['TypedValue'] = ResolversParentTypes['TypedValue']> = ResolversObject<{
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WebhookDeliveryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = ResolversObject<{
  aggregateId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deadAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  replayedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
  subscriber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WebhookDeliveryConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WebhookDeliveryEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = OrdersContext> = ResolversObject<{
  AfterSalesAction?: AfterSalesActionResolvers<ContextType>;
  AfterSalesLine?: AfterSalesLineResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Discount?: DiscountResolvers<ContextType>;
  DiscountCodeApplication?: DiscountCodeApplicationResolvers<ContextType>;
  ImportOrderResult?: ImportOrderResultResolvers<ContextType>;
  ImportOrdersPayload?: ImportOrdersPayloadResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LineItemPromotion?: LineItemPromotionResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NonApplicableDiscountCode?: NonApplicableDiscountCodeResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderActionPayload?: OrderActionPayloadResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  OrderShippingLine?: OrderShippingLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PaymentReconciliation?: PaymentReconciliationResolvers<ContextType>;
  PaymentSummary?: PaymentSummaryResolvers<ContextType>;
  PlaceOrderPayload?: PlaceOrderPayloadResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Promotion?: PromotionResolvers<ContextType>;
  QuarantineAction?: QuarantineActionResolvers<ContextType>;
  QuarantineActionPayload?: QuarantineActionPayloadResolvers<ContextType>;
  QuarantinedOrder?: QuarantinedOrderResolvers<ContextType>;
  QuarantinedOrderConnection?: QuarantinedOrderConnectionResolvers<ContextType>;
  QuarantinedOrderEdge?: QuarantinedOrderEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReconciliationCount?: ReconciliationCountResolvers<ContextType>;
  ReconciliationEntry?: ReconciliationEntryResolvers<ContextType>;
  ReconciliationTotal?: ReconciliationTotalResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  ReplayDeadLetterPayload?: ReplayDeadLetterPayloadResolvers<ContextType>;
  ShippingDiscount?: ShippingDiscountResolvers<ContextType>;
  TaxLine?: TaxLineResolvers<ContextType>;
  TaxRateAmount?: TaxRateAmountResolvers<ContextType>;
  Totals?: TotalsResolvers<ContextType>;
  TypedValue?: TypedValueResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
}>;

