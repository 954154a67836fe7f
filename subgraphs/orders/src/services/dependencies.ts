import type { GraphClient } from '../../../../common/graphClient.ts';
import type { Identity } from '../../../../common/identity.ts';
import type { UserError } from '../../../../common/errors.ts';
import type { Money } from '../../../../common/money.ts';
import { catalogPrices } from '../../../../common/catalogPrices.ts';
import type { CartTotalsOut, ShippingOptionOut } from './charges.ts';

export interface CheckoutCart {
  id: string;
  version: number;
  market: string;
  channel: string;
  currencyCode: string;
  location: string | null;
  status: 'ACTIVE' | 'ORDERED';
  /** the customer's opaque id (per-customer budgets, first-order promotions); null for a guest cart */
  customerId: string | null;
  discountCodes: string[];
  lines: { id: string; sku: string; quantity: number; unitPrice: Money }[];
  shippingAddress: { type: string; data: unknown } | null;
  /** the selected shipping method's code and click-and-collect store (absent: none selected) */
  shippingMethod?: string | null;
  pickupLocation?: string | null;
}

export interface PromotionOutcome {
  promotion: {
    provider: string;
    status: 'EVALUATED' | 'UNAVAILABLE';
    discounts: unknown[];
    discountCodes: unknown[];
    lineItemPromotions: unknown[];
    nonApplicableDiscountCodes: { code: string; reason: string; message: string }[];
    shippingDiscounts?: unknown[];
  };
  totals: CartTotalsOut;
  shippingOptions: ShippingOptionOut[];
}

/** What placing an order needs from other services, through their own APIs. */
export interface OrderDependencies {
  cart(cartId: string): Promise<CheckoutCart | null>;
  evaluate(cart: CheckoutCart): Promise<PromotionOutcome | null>;
  reserve(reservationId: string, cart: CheckoutCart): Promise<UserError[]>;
  commitReservation(reservationId: string): Promise<void>;
  releaseReservation(reservationId: string): Promise<void>;
  redeem(orderId: string, cart: CheckoutCart): Promise<UserError[]>;
  releaseRedemptions(orderId: string): Promise<void>;
  markCartOrdered(cartId: string, orderId: string): Promise<void>;
  /** stock of an offline sale leaves the store (may go below zero); idempotent per sale id */
  recordOfflineSale(saleId: string, location: string, lines: { sku: string; quantity: number }[]): Promise<void>;
  /** a cancelled order's units go back where they were taken from; idempotent */
  restockReservation(reservationId: string): Promise<void>;
  /** returned units go back on hand at a location; idempotent per restock id */
  restockReturn(restockId: string, location: string, lines: { sku: string; quantity: number }[]): Promise<void>;
  /** tells the promotion engine that redeemed the order which units came back */
  recordReturnedItems(orderId: string, items: { sku: string; quantity: number }[]): Promise<void>;
  locationExists(id: string): Promise<boolean>;
}

const MONEY = '{ amount currencyCode }';
const DISCOUNT = `{ id name amount ${MONEY} }`;
const CODE = `{ code name amount ${MONEY} }`;

export function representation(cart: CheckoutCart) {
  return {
    __typename: 'Cart',
    id: cart.id,
    market: cart.market,
    channel: cart.channel,
    currencyCode: cart.currencyCode,
    discountCodes: cart.discountCodes,
    customerId: cart.customerId ?? null,
    location: cart.location ?? null,
    shippingAddress: cart.shippingAddress ?? null,
    shippingMethod: cart.shippingMethod ?? null,
    pickupLocation: cart.pickupLocation ?? null,
    lines: cart.lines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
  };
}

export class GraphOrderDependencies implements OrderDependencies {
  constructor(
    private readonly client: GraphClient,
    private readonly urls: Record<string, string>,
    private readonly identity: Identity,
    private readonly requestId: string,
  ) {}

  private call<T>(service: string, query: string, variables: Record<string, unknown>): Promise<T> {
    return this.client.call<T>(service, this.urls[service], query, variables, { identity: this.identity, requestId: this.requestId });
  }

  async cart(cartId: string): Promise<CheckoutCart | null> {
    const data = await this.call<{ _entities: (CheckoutCart | null)[] }>(
      'cart',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id version market channel currencyCode location status customerId discountCodes
         lines { id sku quantity unitPrice ${MONEY} } shippingAddress { type data } shippingMethod pickupLocation } } }`,
      { r: [{ __typename: 'Cart', id: cartId }] },
    );
    return data._entities[0] ?? null;
  }

  async evaluate(cart: CheckoutCart): Promise<PromotionOutcome | null> {
    const data = await this.call<{ _entities: (PromotionOutcome | null)[] }>(
      'promotions',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart {
         promotion { provider status discounts ${DISCOUNT} discountCodes ${CODE}
           lineItemPromotions { lineId discounts ${DISCOUNT} discountCodes ${CODE} } nonApplicableDiscountCodes { code reason message }
           shippingDiscounts { id name code amount ${MONEY} } }
         totals { subtotal ${MONEY} discount ${MONEY} total ${MONEY} shipping ${MONEY} shippingDiscount ${MONEY} tax ${MONEY}
           taxIncluded taxStatus taxMessage taxExempted ${MONEY} taxLines { lineId kind rate name taxable ${MONEY} amount ${MONEY} } }
         shippingOptions { code name kind location price ${MONEY} } } } }`,
      { r: [representation(cart)] },
    );
    const e = data._entities[0];
    return e?.promotion && e.totals ? { ...e, shippingOptions: e.shippingOptions ?? [] } : null;
  }

  async reserve(reservationId: string, cart: CheckoutCart): Promise<UserError[]> {
    const data = await this.call<{ reserveStock: { userErrors: UserError[] } }>(
      'inventory',
      `mutation($id: ID!, $m: String!, $l: ID, $lines: [ReserveLineInput!]!) {
         reserveStock(reservationId: $id, market: $m, location: $l, lines: $lines) { userErrors { code field message } } }`,
      { id: reservationId, m: cart.market, l: cart.location, lines: cart.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity })) },
    );
    return data.reserveStock.userErrors;
  }

  async commitReservation(reservationId: string): Promise<void> {
    const data = await this.call<{ commitReservation: { userErrors: UserError[] } }>(
      'inventory',
      'mutation($id: ID!) { commitReservation(reservationId: $id) { userErrors { code message } } }',
      { id: reservationId },
    );
    if (data.commitReservation.userErrors.length) throw new Error(data.commitReservation.userErrors.map((e) => e.code).join(','));
  }

  async releaseReservation(reservationId: string): Promise<void> {
    await this.call('inventory', 'mutation($id: ID!) { releaseReservation(reservationId: $id) { userErrors { code } } }', { id: reservationId });
  }

  async redeem(orderId: string, cart: CheckoutCart): Promise<UserError[]> {
    const data = await this.call<{ redeemPromotions: { ok: boolean; userErrors: UserError[] } }>(
      'promotions',
      'mutation($o: ID!, $c: JSON!, $u: String) { redeemPromotions(orderId: $o, cart: $c, customerId: $u) { ok userErrors { code field message } } }',
      { o: orderId, c: representation(cart), u: cart.customerId ?? null },
    );
    return data.redeemPromotions.ok ? [] : data.redeemPromotions.userErrors;
  }

  async releaseRedemptions(orderId: string): Promise<void> {
    await this.call('promotions', 'mutation($o: ID!) { releaseRedemptions(orderId: $o) }', { o: orderId });
  }

  /** Catalog prices for validating offline orders: sku → minor units (null: not sold in the market). */
  prices(market: string, skus: string[]): Promise<Map<string, number | null>> {
    return catalogPrices((service, query, variables) => this.call(service, query, variables), market, skus);
  }

  async recordOfflineSale(saleId: string, location: string, lines: { sku: string; quantity: number }[]): Promise<void> {
    const data = await this.call<{ recordOfflineSale: { userErrors: UserError[] } }>(
      'inventory',
      'mutation($s: ID!, $l: ID!, $lines: [SaleLineInput!]!) { recordOfflineSale(saleId: $s, location: $l, lines: $lines) { userErrors { code message } } }',
      { s: saleId, l: location, lines },
    );
    if (data.recordOfflineSale.userErrors.length) throw new Error(data.recordOfflineSale.userErrors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }

  async markCartOrdered(cartId: string, orderId: string): Promise<void> {
    await this.call('cart', 'mutation($c: ID!, $o: ID!) { markCartOrdered(cartId: $c, orderId: $o) }', { c: cartId, o: orderId });
  }

  async restockReservation(reservationId: string): Promise<void> {
    const data = await this.call<{ restockReservation: { userErrors: UserError[] } }>(
      'inventory',
      'mutation($id: ID!) { restockReservation(reservationId: $id) { recorded userErrors { code message } } }',
      { id: reservationId },
    );
    if (data.restockReservation.userErrors.length) throw new Error(data.restockReservation.userErrors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }

  async restockReturn(restockId: string, location: string, lines: { sku: string; quantity: number }[]): Promise<void> {
    const data = await this.call<{ restockReturn: { userErrors: UserError[] } }>(
      'inventory',
      'mutation($r: ID!, $l: ID!, $lines: [SaleLineInput!]!) { restockReturn(restockId: $r, location: $l, lines: $lines) { recorded userErrors { code message } } }',
      { r: restockId, l: location, lines },
    );
    if (data.restockReturn.userErrors.length) throw new Error(data.restockReturn.userErrors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }

  async recordReturnedItems(orderId: string, items: { sku: string; quantity: number }[]): Promise<void> {
    await this.call('promotions', 'mutation($o: ID!, $i: [ReturnedItemInput!]!) { recordReturnedItems(orderId: $o, items: $i) }', { o: orderId, i: items });
  }

  async locationExists(id: string): Promise<boolean> {
    const data = await this.call<{ locations: { id: string }[] }>('inventory', '{ locations { id } }', {});
    return data.locations.some((l) => l.id === id);
  }
}
