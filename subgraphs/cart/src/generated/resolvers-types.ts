import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CartView, CartLineView } from '../services/cartView.ts';
import type { CartContext } from '../context.ts';
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

/**
 * A cart. Every change increments `version`; every mutation takes `expectedVersion` and a stale one
 * is refused with VERSION_CONFLICT, changing nothing. Prices are re-read from the catalog on every
 * read and change; promotions and totals are evaluated by the promotions service on every read.
 */
export type Cart = {
  __typename?: 'Cart';
  /** The channel of the key that created the cart (web, pos, kiosk, in-game …). */
  channel: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  currencyCode: Scalars['String']['output'];
  /** The signed-in customer's opaque id (verified by the gateway from the identity system's token); null for a guest cart. */
  customerId?: Maybe<Scalars['ID']['output']>;
  /** Codes the customer entered, in entry order. */
  discountCodes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lines: Array<CartLine>;
  /** Stock location the cart sells from (point of sale), or null for the market's warehouses. */
  location?: Maybe<Scalars['ID']['output']>;
  market: Scalars['String']['output'];
  /** The store of a click-and-collect method (a location code); null for other methods. */
  pickupLocation?: Maybe<Scalars['ID']['output']>;
  /**
   * True for a cart created while previewing a future instant (`x-preview-at`): it is kept apart from
   * live carts, visible only to preview requests, can never be ordered, and expires after a day.
   */
  preview: Scalars['Boolean']['output'];
  /**
   * Opaque typed blob (e.g. address/v1), passed along to the order as is. For shipping and tax, an
   * address/v1 is read for its `country` (ISO code or name), `region` (or `state`, `province`) and
   * `postalCode` (or `zip`, `postcode`).
   */
  shippingAddress?: Maybe<TypedValue>;
  /** The selected shipping method's code (see shippingOptions), or null when none is selected (nothing is charged for shipping then). */
  shippingMethod?: Maybe<Scalars['String']['output']>;
  status: CartStatus;
  updatedAt: Scalars['DateTime']['output'];
  version: Scalars['Int']['output'];
  /** Changes the customer did not cause (price changed, discount removed, stock gone …). They stay until acknowledged. */
  warnings: Array<CartWarning>;
};

export type CartLine = {
  __typename?: 'CartLine';
  /** Optional typed attributes (engraving, gift wrap …); lines with the same SKU and attributes merge. */
  attributes: Array<TypedValue>;
  id: Scalars['ID']['output'];
  location?: Maybe<Scalars['ID']['output']>;
  market: Scalars['String']['output'];
  product?: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
  /** The current catalog price for the cart's market. */
  unitPrice: Money;
};

export type CartLineInput = {
  attributes?: InputMaybe<Array<TypedValueInput>>;
  /** 1 to the per-line limit (default 100). */
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

export type CartPayload = {
  __typename?: 'CartPayload';
  cart?: Maybe<Cart>;
  userErrors: Array<UserError>;
};

export type CartStatus =
  /** Open for changes. */
  | 'ACTIVE'
  /** An order was placed from this cart; it can no longer change. */
  | 'ORDERED';

export type CartWarning = {
  __typename?: 'CartWarning';
  code: CartWarningCode;
  createdAt: Scalars['DateTime']['output'];
  /** The line concerned, when the warning is about one line. */
  lineId?: Maybe<Scalars['ID']['output']>;
  message: Scalars['String']['output'];
};

export type CartWarningCode =
  | 'DISCOUNT_CHANGED'
  | 'DISCOUNT_CODE_NOT_APPLICABLE'
  | 'DISCOUNT_REMOVED'
  | 'LOW_STOCK'
  | 'OUT_OF_STOCK'
  | 'PRICE_CHANGED'
  | 'PROMOTIONS_UNAVAILABLE'
  /** The selected shipping method is no longer available for the cart; choose another one (orders are refused until then). */
  | 'SHIPPING_METHOD_UNAVAILABLE'
  /** The selected shipping method now costs something else (a changed rate, or the cart moved to another band). */
  | 'SHIPPING_PRICE_CHANGED';

export type CreateCartInput = {
  /**
   * No longer accepted: a value is refused with CUSTOMER_ID_NOT_ACCEPTED. The cart's customer is the
   * signed-in customer of the request (a token of the shop's identity system in `x-customer-token`).
   * @deprecated The customer comes from the signed-in customer's token (x-customer-token); a value is refused.
   */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Codes to apply at once; an unknown code is refused with DISCOUNT_CODE_INVALID. */
  discountCodes?: InputMaybe<Array<Scalars['String']['input']>>;
  lines?: InputMaybe<Array<CartLineInput>>;
  /** Point of sale: the store location whose stock the cart sells. */
  location?: InputMaybe<Scalars['ID']['input']>;
  /** Market code, e.g. DE. The cart belongs to it for life. */
  market: Scalars['String']['input'];
};

export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Clears the cart's warnings. */
  acknowledgeCartWarnings: CartPayload;
  /** Adds lines; a line with the same SKU and attributes as an existing one increases its quantity. */
  addCartLines: CartPayload;
  /** Enters a discount code. Valid codes are kept even when they do not apply yet (see promotion.nonApplicableDiscountCodes). */
  applyDiscountCode: CartPayload;
  /** Creates a cart in a market; the channel comes from the caller's key. */
  createCart: CartPayload;
  /** Internal (orders service): closes the cart once its order exists. */
  markCartOrdered: Scalars['Boolean']['output'];
  removeCartLine: CartPayload;
  removeDiscountCode: CartPayload;
  /**
   * Selects how the order is delivered: one of Cart.shippingOptions (its `code`; for click-and-collect
   * also its store as `pickupLocation`, the option's `location`, which may be left out when the method
   * has one store). Errors:
   * SHIPPING_METHOD_UNAVAILABLE (not an option for the cart now, e.g. no address yet), LOCATION_REQUIRED,
   * INVALID_SHIPPING_METHOD.
   */
  selectShippingMethod: CartPayload;
  /**
   * Puts the signed-in customer (the request's `x-customer-token`) on the cart, e.g. when the shopper
   * signs in at checkout, or removes the customer when the request carries no token: promotions are
   * evaluated for that customer from then on (firstOrder, per-customer budgets). A `customerId`
   * argument is refused with CUSTOMER_ID_NOT_ACCEPTED.
   */
  setCartCustomer: CartPayload;
  /** Sets the shipping address, an opaque typed blob (e.g. address/v1). */
  setShippingAddress: CartPayload;
  /** Sets a line's quantity (1 to the limit; use removeCartLine to remove it). */
  updateCartLine: CartPayload;
};


export type MutationAcknowledgeCartWarningsArgs = {
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};


export type MutationAddCartLinesArgs = {
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  lines: Array<CartLineInput>;
};


export type MutationApplyDiscountCodeArgs = {
  cartId: Scalars['ID']['input'];
  code: Scalars['String']['input'];
  expectedVersion: Scalars['Int']['input'];
};


export type MutationCreateCartArgs = {
  input: CreateCartInput;
};


export type MutationMarkCartOrderedArgs = {
  cartId: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
};


export type MutationRemoveCartLineArgs = {
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  lineId: Scalars['ID']['input'];
};


export type MutationRemoveDiscountCodeArgs = {
  cartId: Scalars['ID']['input'];
  code: Scalars['String']['input'];
  expectedVersion: Scalars['Int']['input'];
};


export type MutationSelectShippingMethodArgs = {
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  method: Scalars['String']['input'];
  pickupLocation?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetCartCustomerArgs = {
  cartId: Scalars['ID']['input'];
  customerId?: InputMaybe<Scalars['ID']['input']>;
  expectedVersion: Scalars['Int']['input'];
};


export type MutationSetShippingAddressArgs = {
  address: TypedValueInput;
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
};


export type MutationUpdateCartLineArgs = {
  cartId: Scalars['ID']['input'];
  expectedVersion: Scalars['Int']['input'];
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type Product = {
  __typename?: 'Product';
  sku: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * A cart by id, or null when unknown. A signed-in customer reads their own carts; a guest cart is
   * read with its unguessable id by the channel that created it. Marketing and operations keys read no carts.
   */
  cart?: Maybe<Cart>;
};


export type QueryCartArgs = {
  id: Scalars['ID']['input'];
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
  Cart: Cart;
  CartLine: CartLine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cart:
    ( { __typename: 'Cart' }
    & GraphQLRecursivePick<FederationTypes['Cart'], {"id":true}> );
  CartLine:
    ( { __typename: 'CartLine' }
    & GraphQLRecursivePick<FederationTypes['CartLine'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cart: ResolverTypeWrapper<CartView>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CartLine: ResolverTypeWrapper<CartLineView>;
  CartLineInput: CartLineInput;
  CartPayload: ResolverTypeWrapper<Omit<CartPayload, 'cart'> & { cart?: Maybe<ResolversTypes['Cart']> }>;
  CartStatus: CartStatus;
  CartWarning: ResolverTypeWrapper<CartWarning>;
  CartWarningCode: CartWarningCode;
  CreateCartInput: CreateCartInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TypedValue: ResolverTypeWrapper<TypedValue>;
  TypedValueInput: TypedValueInput;
  UserError: ResolverTypeWrapper<UserError>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cart: CartView;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  CartLine: CartLineView;
  CartLineInput: CartLineInput;
  CartPayload: Omit<CartPayload, 'cart'> & { cart?: Maybe<ResolversParentTypes['Cart']> };
  CartWarning: CartWarning;
  CreateCartInput: CreateCartInput;
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Product: Product;
  Query: Record<PropertyKey, never>;
  TypedValue: TypedValue;
  TypedValueInput: TypedValueInput;
  UserError: UserError;
}>;

export type CartResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Cart'] = ResolversParentTypes['Cart'], FederationReferenceType extends FederationReferenceTypes['Cart'] = FederationReferenceTypes['Cart']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cart']> | FederationReferenceType, FederationReferenceType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  discountCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['CartLine']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pickupLocation?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  preview?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  shippingAddress?: Resolver<Maybe<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  shippingMethod?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CartStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['CartWarning']>, ParentType, ContextType>;
}>;

export type CartLineResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine'], FederationReferenceType extends FederationReferenceTypes['CartLine'] = FederationReferenceTypes['CartLine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CartLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attributes?: Resolver<Array<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type CartPayloadResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['CartPayload'] = ResolversParentTypes['CartPayload']> = ResolversObject<{
  cart?: Resolver<Maybe<ResolversTypes['Cart']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type CartWarningResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['CartWarning'] = ResolversParentTypes['CartWarning']> = ResolversObject<{
  code?: Resolver<ResolversTypes['CartWarningCode'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lineId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MoneyResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeCartWarnings?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationAcknowledgeCartWarningsArgs, 'cartId' | 'expectedVersion'>>;
  addCartLines?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationAddCartLinesArgs, 'cartId' | 'expectedVersion' | 'lines'>>;
  applyDiscountCode?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationApplyDiscountCodeArgs, 'cartId' | 'code' | 'expectedVersion'>>;
  createCart?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationCreateCartArgs, 'input'>>;
  markCartOrdered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationMarkCartOrderedArgs, 'cartId' | 'orderId'>>;
  removeCartLine?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationRemoveCartLineArgs, 'cartId' | 'expectedVersion' | 'lineId'>>;
  removeDiscountCode?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationRemoveDiscountCodeArgs, 'cartId' | 'code' | 'expectedVersion'>>;
  selectShippingMethod?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationSelectShippingMethodArgs, 'cartId' | 'expectedVersion' | 'method'>>;
  setCartCustomer?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationSetCartCustomerArgs, 'cartId' | 'expectedVersion'>>;
  setShippingAddress?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationSetShippingAddressArgs, 'address' | 'cartId' | 'expectedVersion'>>;
  updateCartLine?: Resolver<ResolversTypes['CartPayload'], ParentType, ContextType, RequireFields<MutationUpdateCartLineArgs, 'cartId' | 'expectedVersion' | 'lineId' | 'quantity'>>;
}>;

export type ProductResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  cart?: Resolver<Maybe<ResolversTypes['Cart']>, ParentType, ContextType, RequireFields<QueryCartArgs, 'id'>>;
}>;

export type TypedValueResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['TypedValue'] = ResolversParentTypes['TypedValue']> = ResolversObject<{
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CartContext> = ResolversObject<{
  Cart?: CartResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  CartPayload?: CartPayloadResolvers<ContextType>;
  CartWarning?: CartWarningResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TypedValue?: TypedValueResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
}>;

