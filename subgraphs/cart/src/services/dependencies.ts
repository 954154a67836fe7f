import { GraphClient, ServiceCallError } from '../../../../common/graphClient.ts';
import type { MarketDirectory, MarketInfo } from '../../../../common/markets.ts';
import type { Identity } from '../../../../common/identity.ts';
import { catalogPrices } from '../../../../common/catalogPrices.ts';
import { parseMinor, formatMinor } from '../../../../common/money.ts';
import type { CartView } from './cartView.ts';

/** A promotion evaluation as the promotions service answers it (amounts in minor units). */
export interface Evaluation {
  provider: string;
  status: 'EVALUATED' | 'UNAVAILABLE';
  /** key → discount; keys identify one discount across evaluations */
  discounts: Record<string, { name: string; amount: number }>;
  appliedCodes: string[];
  nonApplicable: { code: string; reason: string }[];
  totalMinor: number;
  /** the cart's selected shipping method now: null when none is selected; priceMinor null when it is not available */
  shipping: { code: string; location: string | null; priceMinor: number | null } | null;
  /** the shipping options for the cart now (method code, pickup location) */
  shippingOptions: { code: string; location: string | null; priceMinor: number }[];
}

/** What the cart needs from other services, through their own GraphQL APIs. */
export interface CartDependencies {
  /** a market by code (learned from the catalog, cached); null when there is none */
  market(code: string): Promise<MarketInfo | null>;
  /** sku → price in minor units (null: product exists but is not sold in the market); unknown SKUs are absent */
  prices(market: string, skus: string[]): Promise<Map<string, number | null>>;
  /** sku → available quantity where the cart sells from */
  availability(market: string, location: string | null, skus: string[]): Promise<Map<string, number>>;
  locationMarkets(location: string): Promise<string[] | null>;
  /** null when the promotions service cannot be reached */
  evaluate(cart: CartView): Promise<Evaluation | null>;
  /** code → exists in the market */
  checkCodes(market: string, codes: string[]): Promise<Map<string, boolean>>;
}

interface MoneyOut {
  amount: string;
  currencyCode: string;
}
interface DiscountOut {
  id: string;
  name: string;
  amount: MoneyOut;
}
interface CodeOut {
  code: string;
  name: string;
  amount: MoneyOut;
}

const m = (x: MoneyOut) => parseMinor(x.amount, x.currencyCode);

/** The cart's representation for the promotions service (the fields its @requires names). */
export function cartRepresentation(cart: CartView) {
  return {
    __typename: 'Cart',
    id: cart.id,
    market: cart.market,
    channel: cart.channel,
    currencyCode: cart.currencyCode,
    discountCodes: cart.discountCodes,
    customerId: cart.customerId,
    location: cart.location,
    shippingAddress: cart.shippingAddress,
    shippingMethod: cart.shippingMethod?.code ?? null,
    pickupLocation: cart.shippingMethod?.location ?? null,
    lines: cart.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: { amount: formatMinor(l.unitPriceMinor, l.currencyCode), currencyCode: l.currencyCode },
    })),
  };
}

export const EVALUATION_SELECTION = `
  promotion {
    provider status
    discounts { id name amount { amount currencyCode } }
    discountCodes { code name amount { amount currencyCode } }
    lineItemPromotions { lineId discounts { id name amount { amount currencyCode } } discountCodes { code name amount { amount currencyCode } } }
    nonApplicableDiscountCodes { code reason }
    shippingDiscounts { id name code amount { amount currencyCode } }
  }
  totals { total { amount currencyCode } }
  shippingOptions { code location price { amount currencyCode } }`;

/** Turns the promotions service's answer into an Evaluation with stable discount keys. */
export function toEvaluation(entity: any, selection: CartView['shippingMethod'] = null): Evaluation {
  const p = entity.promotion;
  const discounts: Evaluation['discounts'] = {};
  const applied: string[] = [];
  for (const d of p.discounts as DiscountOut[]) discounts[`cart:${d.id}`] = { name: d.name, amount: m(d.amount) };
  for (const c of p.discountCodes as CodeOut[]) {
    discounts[`code:${c.code}`] = { name: c.name, amount: m(c.amount) };
    applied.push(c.code);
  }
  for (const li of p.lineItemPromotions as { lineId: string; discounts: DiscountOut[]; discountCodes: CodeOut[] }[]) {
    for (const d of li.discounts) discounts[`line:${li.lineId}:${d.id}`] = { name: d.name, amount: m(d.amount) };
    for (const c of li.discountCodes) {
      discounts[`line:${li.lineId}:code:${c.code}`] = { name: c.name, amount: m(c.amount) };
      if (!applied.includes(c.code)) applied.push(c.code);
    }
  }
  for (const d of (p.shippingDiscounts ?? []) as { id: string; name: string; code: string | null; amount: MoneyOut }[]) {
    discounts[`shipping:${d.id}`] = { name: d.name, amount: m(d.amount) };
    if (d.code && !applied.includes(d.code)) applied.push(d.code);
  }
  const shippingOptions = ((entity.shippingOptions ?? []) as { code: string; location: string | null; price: MoneyOut }[]).map((o) => ({
    code: o.code,
    location: o.location ?? null,
    priceMinor: m(o.price),
  }));
  const chosen = selection ? shippingOptions.find((o) => o.code === selection.code && (o.location === null || o.location === selection.location)) : undefined;
  return {
    provider: p.provider,
    status: p.status,
    discounts,
    appliedCodes: applied,
    nonApplicable: p.nonApplicableDiscountCodes,
    totalMinor: m(entity.totals.total),
    shipping: selection ? { code: selection.code, location: selection.location, priceMinor: chosen?.priceMinor ?? null } : null,
    shippingOptions,
  };
}

export class GraphCartDependencies implements CartDependencies {
  constructor(
    private readonly client: GraphClient,
    private readonly urls: Record<string, string>,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly markets: MarketDirectory,
  ) {}

  private call<T>(service: string, query: string, variables: Record<string, unknown>): Promise<T> {
    return this.client.call<T>(service, this.urls[service], query, variables, { identity: this.identity, requestId: this.requestId });
  }

  market(code: string): Promise<MarketInfo | null> {
    return this.markets.get(code);
  }

  prices(market: string, skus: string[]): Promise<Map<string, number | null>> {
    return catalogPrices((service, query, variables) => this.call(service, query, variables), market, skus);
  }

  async availability(market: string, location: string | null, skus: string[]): Promise<Map<string, number>> {
    const unique = [...new Set(skus)];
    if (unique.length === 0) return new Map();
    const data = await this.call<{ _entities: { sku: string; availability: { quantityAvailable: number } | null; stockLevel: { available: number } | null }[] }>(
      'inventory',
      `query($r: [_Any!]!, $m: String!, $l: ID!, $byLocation: Boolean!) { _entities(representations: $r) { ... on Product { sku
         availability(market: $m) @skip(if: $byLocation) { quantityAvailable }
         stockLevel(location: $l) @include(if: $byLocation) { available } } } }`,
      { r: unique.map((sku) => ({ __typename: 'Product', sku })), m: market, l: location ?? '', byLocation: location !== null },
    );
    return new Map(data._entities.map((e) => [e.sku, location !== null ? (e.stockLevel?.available ?? 0) : (e.availability?.quantityAvailable ?? 0)]));
  }

  /** The markets a stock location serves, or null when there is no such location. */
  async locationMarkets(location: string): Promise<string[] | null> {
    const data = await this.call<{ location: { markets: string[] } | null }>('inventory', 'query($c: ID!) { location(code: $c) { markets } }', { c: location });
    return data.location?.markets ?? null;
  }

  async evaluate(cart: CartView): Promise<Evaluation | null> {
    try {
      const data = await this.call<{ _entities: any[] }>(
        'promotions',
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { ${EVALUATION_SELECTION} } } }`,
        { r: [cartRepresentation(cart)] },
      );
      const entity = data._entities[0];
      return entity?.promotion && entity?.totals ? toEvaluation(entity, cart.shippingMethod) : null;
    } catch (e) {
      if (e instanceof ServiceCallError) return null;
      throw e;
    }
  }

  async checkCodes(market: string, codes: string[]): Promise<Map<string, boolean>> {
    if (codes.length === 0) return new Map();
    const data = await this.call<{ discountCodeChecks: { code: string; valid: boolean }[] }>(
      'promotions',
      'query($m: String!, $c: [String!]!) { discountCodeChecks(market: $m, codes: $c) { code valid } }',
      { m: market, c: codes },
    );
    return new Map(data.discountCodeChecks.map((c) => [c.code.toUpperCase(), c.valid]));
  }
}
