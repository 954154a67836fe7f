import { createHash } from 'node:crypto';
import type { TypedAddress } from '../../cart.ts';

/**
 * The postal fields of a cart's shipping address, for the remote engines that need them. The cart
 * keeps addresses as opaque typed values; an address/v1 value names its fields freely, so the usual
 * names are read (street or streetName, postalCode or zip …). Names, phone numbers and e-mail
 * addresses are never read.
 */
export interface PostalAddress {
  country: string;
  streetName?: string;
  streetNumber?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  state?: string;
  company?: string;
}

const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  return s ? s.slice(0, max) : undefined;
};

/** address/v1 data (opaque to cart and orders) → its postal fields (commercetools BaseAddress names); null when it names no country. */
export function fromAddressV1(data: unknown): PostalAddress | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  // own fields only, into a null-prototype map: a key such as __proto__ or constructor is an ordinary name
  const d = Object.assign(Object.create(null) as Record<string, unknown>, Object.fromEntries(Object.entries(data)));
  const country = text(d.country ?? d.countryCode, 100)?.toUpperCase();
  if (!country || !/^[A-Z]{2}$/.test(country)) return null;
  const address: PostalAddress = { country };
  const fields: [keyof PostalAddress, unknown, number][] = [
    ['streetName', d.streetName ?? d.street ?? d.line1 ?? d.address1, 200],
    ['streetNumber', d.streetNumber ?? d.houseNumber, 50],
    ['postalCode', d.postalCode ?? d.postcode ?? d.zip, 50],
    ['city', d.city ?? d.locality, 200],
    ['region', d.region, 200],
    ['state', d.state, 200],
    ['company', d.company, 200],
  ];
  for (const [key, value, max] of fields) {
    const v = text(value, max);
    if (v) address[key] = v;
  }
  return address;
}

/** The postal address of a typed value, when it is an address/v1 with a country. */
export function postalAddress(value: TypedAddress | null | undefined): PostalAddress | null {
  return value && /^address\/v1$/i.test(value.type) ? fromAddressV1(value.data) : null;
}

/** A stable, non-reversible identifier of a postal address (case and spacing do not matter). */
export function addressFingerprint(a: PostalAddress): string {
  const norm = (v: string | undefined) => (v ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  const key = [a.country, a.postalCode, a.city, a.streetName, a.streetNumber].map(norm).join('|');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
