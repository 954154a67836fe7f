import { describe, expect, it } from 'vitest';
import { parseCartRepresentation, type CartInput } from '../../cart.ts';
import { addressFingerprint, fromAddressV1 } from '../remote/postalAddress.ts';
import { parseRemoteProviders } from '../remote/config.ts';
import { shippingAddressFor } from './address.ts';
import { syncHash } from './mapping.ts';

const market = parseRemoteProviders({
  commercetools: {
    apiUrl: 'http://localhost:1', authUrl: 'http://localhost:1', projectKey: 'p-1', clientId: 'c', clientSecret: 's',
    markets: { FR: { storeKey: 'fr', address: { country: 'FR', city: 'Paris' }, locations: { 'store-lyon': { country: 'FR', city: 'Lyon' } } } },
  },
}).commercetools!.markets.FR;
const cart = (over: Partial<CartInput> = {}): CartInput => ({ id: 'c1', market: 'FR', channel: 'web', currencyCode: 'EUR', discountCodes: [], lines: [], ...over });

describe('the shipping address of a commercetools cart', () => {
  it('reads the postal fields of address/v1 under their usual names, never names or phone numbers', () => {
    expect(fromAddressV1({ name: 'A B', phone: '1', street: ' 1 rue X ', zip: 75001, city: 'Paris', country: 'fr' })).toEqual({ country: 'FR', streetName: '1 rue X', postalCode: '75001', city: 'Paris' });
    expect(fromAddressV1({ city: 'Paris' })).toBeNull();
    expect(fromAddressV1({ country: 'France' })).toBeNull();
    expect(fromAddressV1('FR')).toBeNull();
    expect(fromAddressV1({ __proto__: { country: 'FR' } })).toBeNull();
  });

  it('the cart\'s own, else its location\'s, else the market\'s; a caller without the field keeps the current one', () => {
    const own = { type: 'address/v1', data: { country: 'DE', city: 'Berlin' } };
    expect(shippingAddressFor(cart({ shippingAddress: own, location: 'store-lyon' }), market, null)).toEqual({ address: { country: 'DE', city: 'Berlin' }, source: 'cart' });
    expect(shippingAddressFor(cart({ shippingAddress: null, location: 'store-lyon', channel: 'pos' }), market, null)).toEqual({ address: { country: 'FR', city: 'Lyon' }, source: 'location' });
    expect(shippingAddressFor(cart({ shippingAddress: { type: 'geo/v1', data: {} }, channel: 'kiosk' }), market, null)).toEqual({ address: { country: 'FR', city: 'Paris' }, source: 'market' });
    expect(shippingAddressFor(cart({ shippingAddress: undefined }), market, { country: 'BE' })).toEqual({ address: { country: 'BE' }, source: 'cart' });
    expect(shippingAddressFor(cart({ shippingAddress: null }), { ...market, address: undefined, country: 'FR' }, null)).toEqual({ address: { country: 'FR' }, source: 'market' });
    expect(shippingAddressFor(cart({ shippingAddress: null }), { ...market, address: undefined }, null)).toBeNull();
  });

  it('the sync hash changes with lines, codes, customer and address, and only with them', () => {
    const base = cart({ lines: [{ id: 'L1', sku: 'A', quantity: 1, unitPriceMinor: 100 }], discountCodes: ['X'] });
    const h = syncHash(base, { country: 'FR' });
    expect(syncHash({ ...base, channel: 'pos' }, { country: 'FR' })).toBe(h);
    expect(syncHash({ ...base, discountCodes: ['X', 'x'] }, { country: 'FR' })).toBe(h);
    for (const other of [
      syncHash({ ...base, lines: [{ id: 'L1', sku: 'A', quantity: 2, unitPriceMinor: 100 }] }, { country: 'FR' }),
      syncHash({ ...base, discountCodes: ['Y'] }, { country: 'FR' }),
      syncHash({ ...base, customerId: 'c-1' }, { country: 'FR' }),
      syncHash(base, { country: 'FR', city: 'Paris' }),
      syncHash(base, null),
    ]) expect(other).not.toBe(h);
  });

  it('address fingerprints ignore case and spacing', () => {
    expect(addressFingerprint({ country: 'FR', city: 'Paris', streetName: '1  Rue X' })).toBe(addressFingerprint({ country: 'FR', city: 'PARIS', streetName: '1 rue x' }));
    expect(addressFingerprint({ country: 'FR', city: 'Paris' })).not.toBe(addressFingerprint({ country: 'FR', city: 'Lyon' }));
  });

  it('the cart representation carries location and shipping address, optional for older callers', () => {
    const rep = { id: 'c1', market: 'FR', channel: 'pos', currencyCode: 'EUR', discountCodes: [], lines: [] };
    expect(parseCartRepresentation(rep)).toMatchObject({ location: null });
    expect(parseCartRepresentation(rep).shippingAddress).toBeUndefined();
    expect(parseCartRepresentation({ ...rep, location: 'store-lyon', shippingAddress: null })).toMatchObject({ location: 'store-lyon', shippingAddress: null });
    expect(parseCartRepresentation({ ...rep, shippingAddress: { type: 'address/v1', data: { country: 'FR' } } }).shippingAddress).toEqual({ type: 'address/v1', data: { country: 'FR' } });
    expect(() => parseCartRepresentation({ ...rep, shippingAddress: { data: {} } })).toThrow(/shippingAddress/);
  });
});
