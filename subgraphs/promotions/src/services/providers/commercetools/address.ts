import type { CartInput } from '../../cart.ts';
import type { CommercetoolsAddress, CommercetoolsMarket } from '../remote/config.ts';
import { postalAddress } from '../remote/postalAddress.ts';

/**
 * The shipping address of the commercetools cart. commercetools creates an order only from a cart
 * with a shipping address, whatever its TaxMode ("Create Order in Store"), so every shadow cart gets
 * one, in this order:
 * 1. the cart's own shipping address, when it is an address/v1 value with a two-letter country;
 * 2. for a cart without one (pickup and point-of-sale carts sell from a location; kiosk and in-game
 *    carts have no address): the configured address of the cart's location;
 * 3. else the market's configured address;
 * 4. else the market's configured country alone (a BaseAddress needs nothing more).
 * Only postal fields are sent (no names, phone numbers or e-mail addresses): the vendor cart exists
 * for its discounts, not for delivery.
 */
export type AddressSource = 'cart' | 'location' | 'market';

/**
 * The address the vendor cart should carry, and where it comes from; null when there is none (then
 * no order can be created from it). `current` is the vendor cart's address: a caller that sent no
 * address field at all (undefined) keeps it.
 */
export function shippingAddressFor(cart: CartInput, market: CommercetoolsMarket, current: CommercetoolsAddress | null): { address: CommercetoolsAddress; source: AddressSource } | null {
  if (cart.shippingAddress === undefined && current) return { address: current, source: 'cart' };
  const own = postalAddress(cart.shippingAddress);
  if (own) return { address: own, source: 'cart' };
  const atLocation = cart.location ? market.locations[cart.location] : undefined;
  if (atLocation) return { address: atLocation, source: 'location' };
  if (market.address) return { address: market.address, source: 'market' };
  if (market.country) return { address: { country: market.country }, source: 'market' };
  return null;
}

/** Same address (field by field), for deciding whether the vendor cart needs setShippingAddress. */
export function sameAddress(a: CommercetoolsAddress | null | undefined, b: CommercetoolsAddress | null | undefined): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(a: CommercetoolsAddress | null | undefined): [string, string][] | null {
  if (!a) return null;
  return Object.entries(a)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}
