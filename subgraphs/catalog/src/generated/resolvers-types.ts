import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ProductRecord, PreviewDiffRef, PriceChangeView, ProductConnectionRecord } from '../services/catalogService.ts';
import type { FamilyRecord, CategoryRecord } from '../services/families.ts';
import type { CatalogContext } from '../context.ts';
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

/** A node of the category tree. */
export type Category = {
  __typename?: 'Category';
  /** From the root down to this category (breadcrumbs). */
  ancestors: Array<Category>;
  children: Array<Category>;
  code: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parent?: Maybe<Category>;
};

export type CategoryInput = {
  /** Lower-case letters, digits and -, 1 to 64. */
  code: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  /** The parent category (none: a root). */
  parent?: InputMaybe<Scalars['ID']['input']>;
};

/** Codes: INVALID_CATEGORY_CODE, INVALID_NAME, CATEGORY_UNKNOWN (parent), CATEGORY_CYCLE. */
export type CategoryPayload = {
  __typename?: 'CategoryPayload';
  category?: Maybe<Category>;
  userErrors: Array<UserError>;
};

/** How many of the matching products have a value. */
export type FacetCount = {
  __typename?: 'FacetCount';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

/** A text in one locale. */
export type LocalizedText = {
  __typename?: 'LocalizedText';
  /** BCP 47 locale, e.g. de or de-DE. */
  locale: Scalars['String']['output'];
  text: Scalars['String']['output'];
};

export type LocalizedTextInput = {
  locale: Scalars['String']['input'];
  text: Scalars['String']['input'];
};

/**
 * A market: a code with its currency and price list. A cart belongs to one market for life. Markets are
 * data: operations create and change them (`upsertMarket`) and every service learns them through the graph.
 */
export type Market = {
  __typename?: 'Market';
  /** Channels the market sells through (web, pos, kiosk, in-game …): a cart of another channel is refused. */
  channels: Array<Scalars['String']['output']>;
  code: Scalars['String']['output'];
  currencyCode: Scalars['String']['output'];
  /** The market's default locale (BCP 47, e.g. nl-NL): the language of titles when no other is asked for. */
  defaultLocale: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Whether the market's prices include tax (gross prices, as in the EU) or tax is added on top (as in the US). */
  pricesIncludeTax: Scalars['Boolean']['output'];
};

/**
 * A market to create or change, keyed by `code`. Creating one needs every field; changing one keeps
 * the fields left out. The currency cannot change once the market has prices.
 */
export type MarketInput = {
  channels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Two capital letters, then up to 14 of A–Z, 0–9, _ and - (e.g. NL, US-B2B). */
  code: Scalars['String']['input'];
  /** ISO 4217 code, e.g. EUR. */
  currencyCode?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47 locale, e.g. nl-NL. */
  defaultLocale?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  pricesIncludeTax?: InputMaybe<Scalars['Boolean']['input']>;
};

/**
 * Codes of `upsertMarket` errors: INVALID_MARKET_CODE, MISSING_FIELD, INVALID_NAME, CURRENCY_UNKNOWN,
 * CURRENCY_CHANGE_REFUSED, INVALID_LOCALE, INVALID_CHANNEL, INVALID_VALUE, FORBIDDEN_MARKET.
 */
export type MarketPayload = {
  __typename?: 'MarketPayload';
  market?: Maybe<Market>;
  userErrors: Array<UserError>;
};

/**
 * An amount of money. `amount` is a decimal string in the currency's unit ("19.99"; "1999" for JPY);
 * it is stored as integer minor units and never as a float.
 */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  /** ISO 4217 code, e.g. EUR. */
  currencyCode: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Sets a product's price in a market (merchant operation, scope `catalog:write`). Carts holding the
   * product get a PRICE_CHANGED warning on their next read. Recorded in the audit trail (entityType PRICE).
   */
  setPrice: SetPricePayload;
  /**
   * Schedules a price list (up to 1,000 prices, e.g. a market's Black Friday prices) in one step: all or
   * nothing (scope `catalog:write`). Each price is recorded in the audit trail (entityType PRICE).
   */
  setPrices: SetPricesPayload;
  /** Creates a category or moves/renames one (scope `catalog:write`); a cycle is refused. */
  upsertCategory: CategoryPayload;
  /** Creates a market or changes one (operations scope). Every service learns it through the graph without a restart. */
  upsertMarket: MarketPayload;
  /** Creates a product (variant) or changes one, with its family when `product` and `title` are given (scope `catalog:write`): the import's checks, one row. */
  upsertProduct: ProductPayload;
};


export type MutationSetPriceArgs = {
  input: SetPriceInput;
};


export type MutationSetPricesArgs = {
  input: Array<SetPriceInput>;
};


export type MutationUpsertCategoryArgs = {
  input: CategoryInput;
};


export type MutationUpsertMarketArgs = {
  input: MarketInput;
};


export type MutationUpsertProductArgs = {
  input: ProductInput;
};

/** The values of one option (size, color …) among the matching products. */
export type OptionFacet = {
  __typename?: 'OptionFacet';
  name: Scalars['String']['output'];
  values: Array<FacetCount>;
};

/** Products with one of these values of an option (e.g. size 42 or 43). */
export type OptionFilter = {
  name: Scalars['String']['input'];
  values: Array<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * What changes in a market between now and a future instant (see `previewDiff`). Catalog contributes the
 * price changes; promotions the campaigns and codes.
 */
export type PreviewDiff = {
  __typename?: 'PreviewDiff';
  at: Scalars['DateTime']['output'];
  market: Scalars['String']['output'];
  /** Every scheduled price that starts or ends in (now, at], with the price before and after, by instant. */
  priceChanges: Array<PriceChange>;
};

/** A price band: min ≤ price < max, in the market's currency. */
export type PriceBand = {
  __typename?: 'PriceBand';
  count: Scalars['Int']['output'];
  max?: Maybe<Money>;
  min?: Maybe<Money>;
};

/** A price that changes at an instant in a market. */
export type PriceChange = {
  __typename?: 'PriceChange';
  /** The price from `at` on; null when the product stops being sold in the market. */
  after?: Maybe<Money>;
  /** When the new price takes effect. */
  at: Scalars['DateTime']['output'];
  /** The price just before; null when the product was not sold in the market. */
  before?: Maybe<Money>;
  product?: Maybe<Product>;
  sku: Scalars['ID']['output'];
};

/** Decimal amounts in the market's currency; either end may be left open. */
export type PriceRangeInput = {
  max?: InputMaybe<Scalars['String']['input']>;
  min?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A sellable product, identified by its SKU across every service: a variant of a product family
 * (e.g. the Trail Runner Shoe in black, size 42). Carts, orders, stock and campaigns name SKUs. Its
 * `name` is its family's title in English (else the first locale given) with its option values.
 */
export type Product = {
  __typename?: 'Product';
  /** Typed attributes such as colour, size or material. */
  attributes: Array<TypedValue>;
  description?: Maybe<Scalars['String']['output']>;
  /** The product this SKU is a variant of (titles per locale, brand, category, images, the other variants); null for a product of one SKU. */
  family?: Maybe<ProductFamily>;
  name: Scalars['String']['output'];
  /** The options that set this variant apart (size, colour …), in the merchant's order. */
  options: Array<ProductOption>;
  /** The price in the market's currency at the current instant; null when the product is not sold there. */
  price?: Maybe<Money>;
  sku: Scalars['ID']['output'];
  /** The family's title in a locale (BCP 47; falls back to the same language, then English, then the first given); the name when it has no family. */
  title: Scalars['String']['output'];
};


/**
 * A sellable product, identified by its SKU across every service: a variant of a product family
 * (e.g. the Trail Runner Shoe in black, size 42). Carts, orders, stock and campaigns name SKUs. Its
 * `name` is its family's title in English (else the first locale given) with its option values.
 */
export type ProductPriceArgs = {
  market: Scalars['String']['input'];
};


/**
 * A sellable product, identified by its SKU across every service: a variant of a product family
 * (e.g. the Trail Runner Shoe in black, size 42). Carts, orders, stock and campaigns name SKUs. Its
 * `name` is its family's title in English (else the first locale given) with its option values.
 */
export type ProductTitleArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  /** Counts over every product that matches (not only this page): categories, brands, option values, price bands. */
  facets: ProductFacets;
  pageInfo: PageInfo;
  /** Number of products sold in the market (that match the filter, when one is given). */
  totalCount: Scalars['Int']['output'];
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

export type ProductFacets = {
  __typename?: 'ProductFacets';
  brands: Array<FacetCount>;
  /** Category codes, each counting the products in it and in its subcategories. */
  categories: Array<FacetCount>;
  options: Array<OptionFacet>;
  priceBands: Array<PriceBand>;
};

/**
 * A product as the merchant designs it (the Trail Runner Shoe): titles and descriptions per locale,
 * brand, category, attributes and images. Its variants are the SKUs (each a Product).
 */
export type ProductFamily = {
  __typename?: 'ProductFamily';
  attributes: Array<TypedValue>;
  brand?: Maybe<Scalars['String']['output']>;
  category?: Maybe<Category>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Image URLs, the first one the main image. */
  images: Array<Scalars['String']['output']>;
  /** The title in a locale (falls back to the same language, then English, then the first given). */
  title: Scalars['String']['output'];
  titles: Array<LocalizedText>;
  /** The variants (SKUs), in SKU order. */
  variants: Array<Product>;
};


/**
 * A product as the merchant designs it (the Trail Runner Shoe): titles and descriptions per locale,
 * brand, category, attributes and images. Its variants are the SKUs (each a Product).
 */
export type ProductFamilyDescriptionArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};


/**
 * A product as the merchant designs it (the Trail Runner Shoe): titles and descriptions per locale,
 * brand, category, attributes and images. Its variants are the SKUs (each a Product).
 */
export type ProductFamilyTitleArgs = {
  locale?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A storefront search. `text` matches titles (in every locale), brand and option values: every word,
 * as a prefix, and a word with a typo (one edit, such as a missing, extra, wrong or swapped letter, from
 * 3 letters; two from 8) when it matches nothing as typed. `category` includes its subcategories. Only products sold in the market are ever found.
 */
export type ProductFilter = {
  brands?: InputMaybe<Array<Scalars['String']['input']>>;
  category?: InputMaybe<Scalars['ID']['input']>;
  /** Only products available now in the market's warehouses (asked from inventory). */
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
  options?: InputMaybe<Array<OptionFilter>>;
  priceRange?: InputMaybe<PriceRangeInput>;
  text?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A product (variant) to create or change, keyed by SKU, as one row of a products import: with `product`
 * (the family id) and `title`, the family is created or changed too; with `product` only, the family
 * must exist. Without `product`, a product of one SKU (`title` needed).
 */
export type ProductInput = {
  /** Typed values such as { type: "material/v1", data: { name: "merino" } }. */
  attributes?: InputMaybe<Scalars['JSON']['input']>;
  brand?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Array<LocalizedTextInput>>;
  images?: InputMaybe<Array<Scalars['String']['input']>>;
  options?: InputMaybe<Array<ProductOptionInput>>;
  product?: InputMaybe<Scalars['ID']['input']>;
  sku: Scalars['ID']['input'];
  title?: InputMaybe<Array<LocalizedTextInput>>;
};

/** One option of a variant, e.g. size = 42. */
export type ProductOption = {
  __typename?: 'ProductOption';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ProductOptionInput = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** Codes: INVALID_SKU, INVALID_PRODUCT_ID, INVALID_TITLE, INVALID_DESCRIPTION, INVALID_OPTIONS, INVALID_ATTRIBUTES, INVALID_IMAGES, INVALID_BRAND, CATEGORY_UNKNOWN, VARIANT_WITHOUT_PRODUCT, MISSING_FIELD. */
export type ProductPayload = {
  __typename?: 'ProductPayload';
  product?: Maybe<Product>;
  userErrors: Array<UserError>;
};

export type ProductSort =
  | 'NAME'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  /** Best text match first (by SKU without text). */
  | 'RELEVANCE'
  | 'SKU';

export type Query = {
  __typename?: 'Query';
  /**
   * Internal (promotions' auditTrail): the catalog's audit events, newest first, as JSON objects shaped
   * as promotions' AuditEvent: PRICE (entityId the SKU; every price set through the graph, before: the
   * price in effect at its start) and PRICE_IMPORT (entityId the run; one per bulk import of prices, with
   * its counts). Only for a caller with the marketing or operations scope, of its markets; `after` is an
   * auditTrail cursor; `first` at most 201.
   */
  auditEvents: Scalars['JSON']['output'];
  /** The category tree, root categories first (each with its children). */
  categories: Array<Category>;
  /** A category by code, or null when unknown. */
  category?: Maybe<Category>;
  /** A market by code, or null when unknown. */
  market?: Maybe<Market>;
  /** Markets with their currencies. */
  markets: Array<Market>;
  /** Internal: moves whenever a market is created or changed (services reload their copy of the markets when it does). */
  marketsVersion: Scalars['Int']['output'];
  /** A product by SKU, or null when unknown. */
  product?: Maybe<Product>;
  /** A product family by id, or null when unknown. */
  productFamily?: Maybe<ProductFamily>;
  /**
   * Products sold in a market (those with a price there), with cursor pagination (first ≤ 100): ordered
   * by SKU, or searched with `filter` (text, category, brands, options, price range) and `sort`, with facets.
   */
  products: ProductConnection;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  entityTypes: Array<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  keyId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCategoryArgs = {
  code: Scalars['ID']['input'];
};


export type QueryMarketArgs = {
  code: Scalars['String']['input'];
};


export type QueryProductArgs = {
  sku: Scalars['ID']['input'];
};


export type QueryProductFamilyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  market: Scalars['String']['input'];
  sort?: InputMaybe<ProductSort>;
};

export type SetPriceInput = {
  /** Decimal string in the market's currency. */
  amount: Scalars['String']['input'];
  market: Scalars['String']['input'];
  sku: Scalars['ID']['input'];
  /** When the price takes effect (default: now). */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** When it ends (exclusive): from then on the price in effect before it applies again. Default: no end. */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type SetPricePayload = {
  __typename?: 'SetPricePayload';
  product?: Maybe<Product>;
  userErrors: Array<UserError>;
};

export type SetPricesPayload = {
  __typename?: 'SetPricesPayload';
  /** The products whose prices were scheduled, in input order (empty when anything was refused). */
  products: Array<Product>;
  /** Errors name the entry at fault, e.g. `input[3].amount`; when there is any, nothing is written. */
  userErrors: Array<UserError>;
};

/** Extensible typed JSON: `type` names a registered shape (e.g. `address/v1`, `color/v1`), `data` holds it. */
export type TypedValue = {
  __typename?: 'TypedValue';
  data?: Maybe<Scalars['JSON']['output']>;
  type: Scalars['String']['output'];
};

/** An expected failure, returned as data. `code` is stable; `field` names the input at fault. */
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
  Category: Category;
  PreviewDiff: PreviewDiff;
  Product: Product;
  ProductFamily: ProductFamily;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Category:
    ( { __typename: 'Category' }
    & GraphQLRecursivePick<FederationTypes['Category'], {"code":true}> );
  PreviewDiff:
    ( { __typename: 'PreviewDiff' }
    & GraphQLRecursivePick<FederationTypes['PreviewDiff'], {"market":true,"at":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"sku":true}> );
  ProductFamily:
    ( { __typename: 'ProductFamily' }
    & GraphQLRecursivePick<FederationTypes['ProductFamily'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Category: ResolverTypeWrapper<CategoryRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CategoryInput: CategoryInput;
  CategoryPayload: ResolverTypeWrapper<Omit<CategoryPayload, 'category'> & { category?: Maybe<ResolversTypes['Category']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FacetCount: ResolverTypeWrapper<FacetCount>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LocalizedText: ResolverTypeWrapper<LocalizedText>;
  LocalizedTextInput: LocalizedTextInput;
  Market: ResolverTypeWrapper<Market>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  MarketInput: MarketInput;
  MarketPayload: ResolverTypeWrapper<MarketPayload>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OptionFacet: ResolverTypeWrapper<OptionFacet>;
  OptionFilter: OptionFilter;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PreviewDiff: ResolverTypeWrapper<PreviewDiffRef>;
  PriceBand: ResolverTypeWrapper<PriceBand>;
  PriceChange: ResolverTypeWrapper<PriceChangeView>;
  PriceRangeInput: PriceRangeInput;
  Product: ResolverTypeWrapper<ProductRecord>;
  ProductConnection: ResolverTypeWrapper<ProductConnectionRecord>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFacets: ResolverTypeWrapper<ProductFacets>;
  ProductFamily: ResolverTypeWrapper<FamilyRecord>;
  ProductFilter: ProductFilter;
  ProductInput: ProductInput;
  ProductOption: ResolverTypeWrapper<ProductOption>;
  ProductOptionInput: ProductOptionInput;
  ProductPayload: ResolverTypeWrapper<Omit<ProductPayload, 'product'> & { product?: Maybe<ResolversTypes['Product']> }>;
  ProductSort: ProductSort;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SetPriceInput: SetPriceInput;
  SetPricePayload: ResolverTypeWrapper<Omit<SetPricePayload, 'product'> & { product?: Maybe<ResolversTypes['Product']> }>;
  SetPricesPayload: ResolverTypeWrapper<Omit<SetPricesPayload, 'products'> & { products: Array<ResolversTypes['Product']> }>;
  TypedValue: ResolverTypeWrapper<TypedValue>;
  UserError: ResolverTypeWrapper<UserError>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Category: CategoryRecord;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  CategoryInput: CategoryInput;
  CategoryPayload: Omit<CategoryPayload, 'category'> & { category?: Maybe<ResolversParentTypes['Category']> };
  DateTime: Scalars['DateTime']['output'];
  FacetCount: FacetCount;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  LocalizedText: LocalizedText;
  LocalizedTextInput: LocalizedTextInput;
  Market: Market;
  Boolean: Scalars['Boolean']['output'];
  MarketInput: MarketInput;
  MarketPayload: MarketPayload;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  OptionFacet: OptionFacet;
  OptionFilter: OptionFilter;
  PageInfo: PageInfo;
  PreviewDiff: PreviewDiffRef;
  PriceBand: PriceBand;
  PriceChange: PriceChangeView;
  PriceRangeInput: PriceRangeInput;
  Product: ProductRecord;
  ProductConnection: ProductConnectionRecord;
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFacets: ProductFacets;
  ProductFamily: FamilyRecord;
  ProductFilter: ProductFilter;
  ProductInput: ProductInput;
  ProductOption: ProductOption;
  ProductOptionInput: ProductOptionInput;
  ProductPayload: Omit<ProductPayload, 'product'> & { product?: Maybe<ResolversParentTypes['Product']> };
  Query: Record<PropertyKey, never>;
  SetPriceInput: SetPriceInput;
  SetPricePayload: Omit<SetPricePayload, 'product'> & { product?: Maybe<ResolversParentTypes['Product']> };
  SetPricesPayload: Omit<SetPricesPayload, 'products'> & { products: Array<ResolversParentTypes['Product']> };
  TypedValue: TypedValue;
  UserError: UserError;
}>;

export type CategoryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'], FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Category']> | FederationReferenceType, FederationReferenceType, ContextType>;
  ancestors?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
}>;

export type CategoryPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['CategoryPayload'] = ResolversParentTypes['CategoryPayload']> = ResolversObject<{
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FacetCountResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['FacetCount'] = ResolversParentTypes['FacetCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LocalizedTextResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['LocalizedText'] = ResolversParentTypes['LocalizedText']> = ResolversObject<{
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MarketResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Market'] = ResolversParentTypes['Market']> = ResolversObject<{
  channels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  defaultLocale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pricesIncludeTax?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type MarketPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['MarketPayload'] = ResolversParentTypes['MarketPayload']> = ResolversObject<{
  market?: Resolver<Maybe<ResolversTypes['Market']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  setPrice?: Resolver<ResolversTypes['SetPricePayload'], ParentType, ContextType, RequireFields<MutationSetPriceArgs, 'input'>>;
  setPrices?: Resolver<ResolversTypes['SetPricesPayload'], ParentType, ContextType, RequireFields<MutationSetPricesArgs, 'input'>>;
  upsertCategory?: Resolver<ResolversTypes['CategoryPayload'], ParentType, ContextType, RequireFields<MutationUpsertCategoryArgs, 'input'>>;
  upsertMarket?: Resolver<ResolversTypes['MarketPayload'], ParentType, ContextType, RequireFields<MutationUpsertMarketArgs, 'input'>>;
  upsertProduct?: Resolver<ResolversTypes['ProductPayload'], ParentType, ContextType, RequireFields<MutationUpsertProductArgs, 'input'>>;
}>;

export type OptionFacetResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['OptionFacet'] = ResolversParentTypes['OptionFacet']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['FacetCount']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PreviewDiffResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PreviewDiff'] = ResolversParentTypes['PreviewDiff'], FederationReferenceType extends FederationReferenceTypes['PreviewDiff'] = FederationReferenceTypes['PreviewDiff']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PreviewDiff']> | FederationReferenceType, FederationReferenceType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  market?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priceChanges?: Resolver<Array<ResolversTypes['PriceChange']>, ParentType, ContextType>;
}>;

export type PriceBandResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PriceBand'] = ResolversParentTypes['PriceBand']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
}>;

export type PriceChangeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PriceChange'] = ResolversParentTypes['PriceChange']> = ResolversObject<{
  after?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attributes?: Resolver<Array<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  family?: Resolver<Maybe<ResolversTypes['ProductFamily']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['ProductOption']>, ParentType, ContextType>;
  price?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType, RequireFields<ProductPriceArgs, 'market'>>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType, Partial<ProductTitleArgs>>;
}>;

export type ProductConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  facets?: Resolver<ResolversTypes['ProductFacets'], ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ProductEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
}>;

export type ProductFacetsResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductFacets'] = ResolversParentTypes['ProductFacets']> = ResolversObject<{
  brands?: Resolver<Array<ResolversTypes['FacetCount']>, ParentType, ContextType>;
  categories?: Resolver<Array<ResolversTypes['FacetCount']>, ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['OptionFacet']>, ParentType, ContextType>;
  priceBands?: Resolver<Array<ResolversTypes['PriceBand']>, ParentType, ContextType>;
}>;

export type ProductFamilyResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductFamily'] = ResolversParentTypes['ProductFamily'], FederationReferenceType extends FederationReferenceTypes['ProductFamily'] = FederationReferenceTypes['ProductFamily']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ProductFamily']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attributes?: Resolver<Array<ResolversTypes['TypedValue']>, ParentType, ContextType>;
  brand?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, Partial<ProductFamilyDescriptionArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType, Partial<ProductFamilyTitleArgs>>;
  titles?: Resolver<Array<ResolversTypes['LocalizedText']>, ParentType, ContextType>;
  variants?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
}>;

export type ProductOptionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductOption'] = ResolversParentTypes['ProductOption']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ProductPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductPayload'] = ResolversParentTypes['ProductPayload']> = ResolversObject<{
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditEvents?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'entityTypes' | 'first'>>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType, RequireFields<QueryCategoryArgs, 'code'>>;
  market?: Resolver<Maybe<ResolversTypes['Market']>, ParentType, ContextType, RequireFields<QueryMarketArgs, 'code'>>;
  markets?: Resolver<Array<ResolversTypes['Market']>, ParentType, ContextType>;
  marketsVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'sku'>>;
  productFamily?: Resolver<Maybe<ResolversTypes['ProductFamily']>, ParentType, ContextType, RequireFields<QueryProductFamilyArgs, 'id'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first' | 'market'>>;
}>;

export type SetPricePayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['SetPricePayload'] = ResolversParentTypes['SetPricePayload']> = ResolversObject<{
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type SetPricesPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['SetPricesPayload'] = ResolversParentTypes['SetPricesPayload']> = ResolversObject<{
  products?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type TypedValueResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['TypedValue'] = ResolversParentTypes['TypedValue']> = ResolversObject<{
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CatalogContext> = ResolversObject<{
  Category?: CategoryResolvers<ContextType>;
  CategoryPayload?: CategoryPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FacetCount?: FacetCountResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LocalizedText?: LocalizedTextResolvers<ContextType>;
  Market?: MarketResolvers<ContextType>;
  MarketPayload?: MarketPayloadResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OptionFacet?: OptionFacetResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PreviewDiff?: PreviewDiffResolvers<ContextType>;
  PriceBand?: PriceBandResolvers<ContextType>;
  PriceChange?: PriceChangeResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductFacets?: ProductFacetsResolvers<ContextType>;
  ProductFamily?: ProductFamilyResolvers<ContextType>;
  ProductOption?: ProductOptionResolvers<ContextType>;
  ProductPayload?: ProductPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SetPricePayload?: SetPricePayloadResolvers<ContextType>;
  SetPricesPayload?: SetPricesPayloadResolvers<ContextType>;
  TypedValue?: TypedValueResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
}>;

