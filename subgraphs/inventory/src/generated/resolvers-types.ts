import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { InventoryContext } from '../context.ts';
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

export type AdjustStockInput = {
  delta: Scalars['Int']['input'];
  location: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  reason: AdjustmentReason;
  sku: Scalars['ID']['input'];
};

export type AdjustStockPayload = {
  __typename?: 'AdjustStockPayload';
  adjustment?: Maybe<StockAdjustment>;
  stockLevel?: Maybe<StockLevel>;
  userErrors: Array<UserError>;
};

export type AdjustmentReason =
  | 'CORRECTION'
  | 'DAMAGE'
  | 'RECEIVED'
  | 'RETURN'
  | 'STOCKTAKE'
  | 'THEFT';

/** What a customer can buy now: stock on hand minus live reservations, over the locations that serve the market. */
export type Availability = {
  __typename?: 'Availability';
  inStock: Scalars['Boolean']['output'];
  quantityAvailable: Scalars['Int']['output'];
};

export type CartLine = {
  __typename?: 'CartLine';
  /** Availability of the line's SKU where the cart sells from (its store location, or the market's warehouses). */
  availability?: Maybe<Availability>;
  id: Scalars['ID']['output'];
  location?: Maybe<Scalars['ID']['output']>;
  market: Scalars['String']['output'];
  sku: Scalars['ID']['output'];
};

/**
 * A place that holds stock: a warehouse, a store or a kiosk, with its markets, address and channels.
 * Locations are data: operations create and change them (`upsertLocation`); point-of-sale and kiosk keys
 * are bound to the locations they sell from.
 */
export type Location = {
  __typename?: 'Location';
  /** The location's address (typed value, e.g. address/v1); null when none was given. */
  address?: Maybe<TypedValue>;
  /** Channels selling from the location (e.g. pos at a store, kiosk at a kiosk). */
  channels: Array<Scalars['String']['output']>;
  /** The location's unique code (e.g. wh-eu, store-berlin-1). */
  code: Scalars['ID']['output'];
  /** @deprecated Use code. */
  id: Scalars['ID']['output'];
  kind: LocationKind;
  /** Markets the location serves: a warehouse ships to them, a store or kiosk sells in them. */
  markets: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** @deprecated Use kind (KIOSK is a STORE here). */
  type: LocationType;
};

/** A location to create or change, keyed by `code`; creating one needs name, kind and markets, changing one keeps the fields left out. */
export type LocationInput = {
  /** A typed value such as { type: "address/v1", data: { … } }. */
  address?: InputMaybe<Scalars['JSON']['input']>;
  channels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Lower-case letters, digits and -, 1 to 64 (e.g. store-amsterdam-1). */
  code: Scalars['ID']['input'];
  kind?: InputMaybe<LocationKind>;
  /** Codes of existing markets. */
  markets?: InputMaybe<Array<Scalars['String']['input']>>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** What a location is: a warehouse ships to the markets it serves; stores and kiosks sell over the counter. */
export type LocationKind =
  | 'KIOSK'
  | 'STORE'
  | 'WAREHOUSE';

/**
 * Codes of `upsertLocation` errors: INVALID_LOCATION_CODE, MISSING_FIELD, INVALID_NAME, MARKET_UNKNOWN,
 * INVALID_ADDRESS, INVALID_CHANNEL, MARKETS_UNAVAILABLE (the catalog could not be asked; nothing changed).
 */
export type LocationPayload = {
  __typename?: 'LocationPayload';
  location?: Maybe<Location>;
  userErrors: Array<UserError>;
};

export type LocationType =
  | 'STORE'
  | 'WAREHOUSE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Records damage, theft, returns, receipts and corrections (operations scope). */
  adjustStock: AdjustStockPayload;
  /** Internal: turn a held reservation into a sale (stock leaves). Idempotent. */
  commitReservation: ReservationPayload;
  /** Internal (orders): an offline sale already made at a store; stock may go below zero. Idempotent per sale id. */
  recordOfflineSale: OfflineSalePayload;
  /** Records counted stock at a location; every difference becomes an adjustment with reason STOCKTAKE (operations scope, or pos for its own store). */
  recordStocktake: StocktakePayload;
  /** Internal: release a held reservation. Idempotent. */
  releaseReservation: ReservationPayload;
  /** Internal: reserve every line or nothing. Idempotent per reservation id. */
  reserveStock: ReservationPayload;
  /** Internal (orders): a cancelled order's units go back on hand where they were taken from (committed first if need be). Idempotent. */
  restockReservation: RestockPayload;
  /** Internal (orders): returned units go back on hand at a location. Idempotent per restock id. */
  restockReturn: RestockPayload;
  /** Creates a location or changes one (operations scope). Its markets must exist; its stock is kept. */
  upsertLocation: LocationPayload;
};


export type MutationAdjustStockArgs = {
  input: AdjustStockInput;
};


export type MutationCommitReservationArgs = {
  reservationId: Scalars['ID']['input'];
};


export type MutationRecordOfflineSaleArgs = {
  lines: Array<SaleLineInput>;
  location: Scalars['ID']['input'];
  saleId: Scalars['ID']['input'];
};


export type MutationRecordStocktakeArgs = {
  counts: Array<StockCountInput>;
  location: Scalars['ID']['input'];
};


export type MutationReleaseReservationArgs = {
  reservationId: Scalars['ID']['input'];
};


export type MutationReserveStockArgs = {
  lines: Array<ReserveLineInput>;
  location?: InputMaybe<Scalars['ID']['input']>;
  market: Scalars['String']['input'];
  reservationId: Scalars['ID']['input'];
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationRestockReservationArgs = {
  reservationId: Scalars['ID']['input'];
};


export type MutationRestockReturnArgs = {
  lines: Array<SaleLineInput>;
  location: Scalars['ID']['input'];
  restockId: Scalars['ID']['input'];
};


export type MutationUpsertLocationArgs = {
  input: LocationInput;
};

export type OfflineSalePayload = {
  __typename?: 'OfflineSalePayload';
  /** SKUs whose stock went below zero at the location: to be recounted */
  negativeStock: Array<Scalars['ID']['output']>;
  /** false when this sale id was recorded before (nothing changed) */
  recorded: Scalars['Boolean']['output'];
  userErrors: Array<UserError>;
};

export type Product = {
  __typename?: 'Product';
  /** Availability over the warehouses that serve the market. */
  availability?: Maybe<Availability>;
  sku: Scalars['ID']['output'];
  /** Stock at one location (e.g. a store). */
  stockLevel?: Maybe<StockLevel>;
};


export type ProductAvailabilityArgs = {
  market: Scalars['String']['input'];
};


export type ProductStockLevelArgs = {
  location: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** A location by code, or null when unknown. */
  location?: Maybe<Location>;
  locations: Array<Location>;
  reservation?: Maybe<Reservation>;
  /** Stock of a SKU at a location at an instant (default now) with the ledger entries that explain it (operations scope); null for an unknown SKU or location. */
  stockHistory?: Maybe<StockHistory>;
  /** Stock below zero (offline sales exceeded what the system knew): recount these at the next stocktake. */
  stockToRecount: Array<StockLevel>;
};


export type QueryLocationArgs = {
  code: Scalars['ID']['input'];
};


export type QueryReservationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStockHistoryArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  location: Scalars['ID']['input'];
  sku: Scalars['ID']['input'];
};


export type QueryStockToRecountArgs = {
  location?: InputMaybe<Scalars['ID']['input']>;
};

export type Reservation = {
  __typename?: 'Reservation';
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReservationLine>;
  status: ReservationStatus;
};

export type ReservationLine = {
  __typename?: 'ReservationLine';
  lineId: Scalars['ID']['output'];
  location: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

export type ReservationPayload = {
  __typename?: 'ReservationPayload';
  reservation?: Maybe<Reservation>;
  userErrors: Array<UserError>;
};

export type ReservationStatus =
  | 'COMMITTED'
  | 'EXPIRED'
  | 'HELD'
  | 'RELEASED';

export type ReserveLineInput = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

export type RestockPayload = {
  __typename?: 'RestockPayload';
  /** false when this restock id was recorded before (nothing changed) */
  recorded: Scalars['Boolean']['output'];
  userErrors: Array<UserError>;
};

export type SaleLineInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

export type StockAdjustment = {
  __typename?: 'StockAdjustment';
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  delta: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  location: Scalars['ID']['output'];
  note?: Maybe<Scalars['String']['output']>;
  reason: AdjustmentReason;
  sku: Scalars['ID']['output'];
};

export type StockCountInput = {
  counted: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

/** Stock of a SKU at a location at an instant, explained by the ledger. */
export type StockHistory = {
  __typename?: 'StockHistory';
  at: Scalars['DateTime']['output'];
  location: Scalars['ID']['output'];
  /** The latest entries up to that instant, newest first. */
  movements: Array<StockMovement>;
  /** On hand at that instant (the sum of the ledger up to it). */
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
  /** Ledger entries up to that instant. */
  totalCount: Scalars['Int']['output'];
};

export type StockLevel = {
  __typename?: 'StockLevel';
  /** onHand − reserved (never below zero). */
  available: Scalars['Int']['output'];
  location: Scalars['ID']['output'];
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

/** One entry of the stock ledger: every change of on hand or reserved is one. */
export type StockMovement = {
  __typename?: 'StockMovement';
  /** Key id of the person or service that made the change. */
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  deltaOnHand: Scalars['Int']['output'];
  deltaReserved: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** RESERVE, COMMIT, RELEASE, EXPIRE or ADJUST. */
  kind: Scalars['String']['output'];
  location: Scalars['ID']['output'];
  /** On hand right after this change. */
  onHandAfter: Scalars['Int']['output'];
  /** Why: an adjustment reason (STOCKTAKE, DAMAGE, THEFT, RETURN, CORRECTION, RECEIVED, INITIAL, OFFLINE_SALE, CANCELLED_ORDER …), TTL for an expiry, AFTER_EXPIRY for a late commit. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The reservation (order id), adjustment or sale the change belongs to. */
  ref?: Maybe<Scalars['String']['output']>;
  /** Reserved right after this change. */
  reservedAfter: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

export type StocktakePayload = {
  __typename?: 'StocktakePayload';
  adjustments: Array<StockAdjustment>;
  userErrors: Array<UserError>;
};

/** Extensible typed JSON: `type` names a registered shape (e.g. `address/v1`), `data` holds it. */
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
  CartLine: CartLine;
  Location: Location;
  Product: Product;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CartLine:
    ( { __typename: 'CartLine' }
    & GraphQLRecursivePick<FederationTypes['CartLine'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['CartLine'], {"sku":true,"market":true,"location":true}> ) );
  Location:
    ( { __typename: 'Location' }
    & GraphQLRecursivePick<FederationTypes['Location'], {"code":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"sku":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AdjustStockInput: AdjustStockInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AdjustStockPayload: ResolverTypeWrapper<AdjustStockPayload>;
  AdjustmentReason: AdjustmentReason;
  Availability: ResolverTypeWrapper<Availability>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CartLine: ResolverTypeWrapper<CartLine>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Location: ResolverTypeWrapper<Location>;
  LocationInput: LocationInput;
  LocationKind: LocationKind;
  LocationPayload: ResolverTypeWrapper<LocationPayload>;
  LocationType: LocationType;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OfflineSalePayload: ResolverTypeWrapper<OfflineSalePayload>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reservation: ResolverTypeWrapper<Reservation>;
  ReservationLine: ResolverTypeWrapper<ReservationLine>;
  ReservationPayload: ResolverTypeWrapper<ReservationPayload>;
  ReservationStatus: ReservationStatus;
  ReserveLineInput: ReserveLineInput;
  RestockPayload: ResolverTypeWrapper<RestockPayload>;
  SaleLineInput: SaleLineInput;
  StockAdjustment: ResolverTypeWrapper<StockAdjustment>;
  StockCountInput: StockCountInput;
  StockHistory: ResolverTypeWrapper<StockHistory>;
  StockLevel: ResolverTypeWrapper<StockLevel>;
  StockMovement: ResolverTypeWrapper<StockMovement>;
  StocktakePayload: ResolverTypeWrapper<StocktakePayload>;
  TypedValue: ResolverTypeWrapper<TypedValue>;
  UserError: ResolverTypeWrapper<UserError>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AdjustStockInput: AdjustStockInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AdjustStockPayload: AdjustStockPayload;
  Availability: Availability;
  Boolean: Scalars['Boolean']['output'];
  CartLine: CartLine | FederationReferenceTypes['CartLine'];
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Location: Location | FederationReferenceTypes['Location'];
  LocationInput: LocationInput;
  LocationPayload: LocationPayload;
  Mutation: Record<PropertyKey, never>;
  OfflineSalePayload: OfflineSalePayload;
  Product: Product | FederationReferenceTypes['Product'];
  Query: Record<PropertyKey, never>;
  Reservation: Reservation;
  ReservationLine: ReservationLine;
  ReservationPayload: ReservationPayload;
  ReserveLineInput: ReserveLineInput;
  RestockPayload: RestockPayload;
  SaleLineInput: SaleLineInput;
  StockAdjustment: StockAdjustment;
  StockCountInput: StockCountInput;
  StockHistory: StockHistory;
  StockLevel: StockLevel;
  StockMovement: StockMovement;
  StocktakePayload: StocktakePayload;
  TypedValue: TypedValue;
  UserError: UserError;
}>;

export type AdjustStockPayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['AdjustStockPayload'] = ResolversParentTypes['AdjustStockPayload']> = ResolversObject<{
  adjustment?: Resolver<Maybe<ResolversTypes['StockAdjustment']>, ParentType, ContextType>;
  stockLevel?: Resolver<Maybe<ResolversTypes['StockLevel']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type AvailabilityResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Availability'] = ResolversParentTypes['Availability']> = ResolversObject<{
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  quantityAvailable?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CartLineResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine'], FederationReferenceType extends FederationReferenceTypes['CartLine'] = FederationReferenceTypes['CartLine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CartLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availability?: Resolver<Maybe<ResolversTypes['Availability']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LocationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location'], FederationReferenceType extends FederationReferenceTypes['Location'] = FederationReferenceTypes['Location']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Location']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LocationKind'], ParentType, ContextType>;
  markets?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['LocationType'], ParentType, ContextType>;
}>;

export type LocationPayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['LocationPayload'] = ResolversParentTypes['LocationPayload']> = ResolversObject<{
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  adjustStock?: Resolver<ResolversTypes['AdjustStockPayload'], ParentType, ContextType, RequireFields<MutationAdjustStockArgs, 'input'>>;
  commitReservation?: Resolver<ResolversTypes['ReservationPayload'], ParentType, ContextType, RequireFields<MutationCommitReservationArgs, 'reservationId'>>;
  recordOfflineSale?: Resolver<ResolversTypes['OfflineSalePayload'], ParentType, ContextType, RequireFields<MutationRecordOfflineSaleArgs, 'lines' | 'location' | 'saleId'>>;
  recordStocktake?: Resolver<ResolversTypes['StocktakePayload'], ParentType, ContextType, RequireFields<MutationRecordStocktakeArgs, 'counts' | 'location'>>;
  releaseReservation?: Resolver<ResolversTypes['ReservationPayload'], ParentType, ContextType, RequireFields<MutationReleaseReservationArgs, 'reservationId'>>;
  reserveStock?: Resolver<ResolversTypes['ReservationPayload'], ParentType, ContextType, RequireFields<MutationReserveStockArgs, 'lines' | 'market' | 'reservationId'>>;
  restockReservation?: Resolver<ResolversTypes['RestockPayload'], ParentType, ContextType, RequireFields<MutationRestockReservationArgs, 'reservationId'>>;
  restockReturn?: Resolver<ResolversTypes['RestockPayload'], ParentType, ContextType, RequireFields<MutationRestockReturnArgs, 'lines' | 'location' | 'restockId'>>;
  upsertLocation?: Resolver<ResolversTypes['LocationPayload'], ParentType, ContextType, RequireFields<MutationUpsertLocationArgs, 'input'>>;
}>;

export type OfflineSalePayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['OfflineSalePayload'] = ResolversParentTypes['OfflineSalePayload']> = ResolversObject<{
  negativeStock?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  recorded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availability?: Resolver<Maybe<ResolversTypes['Availability']>, ParentType, ContextType, RequireFields<ProductAvailabilityArgs, 'market'>>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stockLevel?: Resolver<Maybe<ResolversTypes['StockLevel']>, ParentType, ContextType, RequireFields<ProductStockLevelArgs, 'location'>>;
}>;

export type QueryResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationArgs, 'code'>>;
  locations?: Resolver<Array<ResolversTypes['Location']>, ParentType, ContextType>;
  reservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<QueryReservationArgs, 'id'>>;
  stockHistory?: Resolver<Maybe<ResolversTypes['StockHistory']>, ParentType, ContextType, RequireFields<QueryStockHistoryArgs, 'last' | 'location' | 'sku'>>;
  stockToRecount?: Resolver<Array<ResolversTypes['StockLevel']>, ParentType, ContextType, Partial<QueryStockToRecountArgs>>;
}>;

export type ReservationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ReservationLine']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
}>;

export type ReservationLineResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ReservationLine'] = ResolversParentTypes['ReservationLine']> = ResolversObject<{
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ReservationPayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ReservationPayload'] = ResolversParentTypes['ReservationPayload']> = ResolversObject<{
  reservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type RestockPayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['RestockPayload'] = ResolversParentTypes['RestockPayload']> = ResolversObject<{
  recorded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type StockAdjustmentResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockAdjustment'] = ResolversParentTypes['StockAdjustment']> = ResolversObject<{
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['AdjustmentReason'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type StockHistoryResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockHistory'] = ResolversParentTypes['StockHistory']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  movements?: Resolver<Array<ResolversTypes['StockMovement']>, ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StockLevelResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevel'] = ResolversParentTypes['StockLevel']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type StockMovementResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockMovement'] = ResolversParentTypes['StockMovement']> = ResolversObject<{
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deltaOnHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deltaReserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  onHandAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ref?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reservedAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type StocktakePayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StocktakePayload'] = ResolversParentTypes['StocktakePayload']> = ResolversObject<{
  adjustments?: Resolver<Array<ResolversTypes['StockAdjustment']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type TypedValueResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['TypedValue'] = ResolversParentTypes['TypedValue']> = ResolversObject<{
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = InventoryContext> = ResolversObject<{
  AdjustStockPayload?: AdjustStockPayloadResolvers<ContextType>;
  Availability?: AvailabilityResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Location?: LocationResolvers<ContextType>;
  LocationPayload?: LocationPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OfflineSalePayload?: OfflineSalePayloadResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  ReservationLine?: ReservationLineResolvers<ContextType>;
  ReservationPayload?: ReservationPayloadResolvers<ContextType>;
  RestockPayload?: RestockPayloadResolvers<ContextType>;
  StockAdjustment?: StockAdjustmentResolvers<ContextType>;
  StockHistory?: StockHistoryResolvers<ContextType>;
  StockLevel?: StockLevelResolvers<ContextType>;
  StockMovement?: StockMovementResolvers<ContextType>;
  StocktakePayload?: StocktakePayloadResolvers<ContextType>;
  TypedValue?: TypedValueResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
}>;

