import { z } from 'zod';

/**
 * The legacy engine's model: commercetools-style cart discounts and discount codes, stored in their own
 * tables (legacy_*), independent of native campaigns.
 */
export type LegacyStackingMode = 'Stacking' | 'StopAfterThisDiscount';

export type LegacyValue = { type: 'relative'; percent: number } | { type: 'absolute'; amount: string };
export type LegacyTarget = { type: 'cart' } | { type: 'lineItems'; skus: string[] };

export interface LegacyCartDiscount {
  id: string;
  market: string;
  name: string;
  /** decimal string strictly between 0 and 1, unique per market; higher applies first */
  sortOrder: string;
  stackingMode: LegacyStackingMode;
  /** cart predicate (see predicate.ts) */
  predicate: string;
  value: LegacyValue;
  target: LegacyTarget;
  requiresDiscountCode: boolean;
  isActive: boolean;
  validFrom: string | null;
  validUntil: string | null;
  createdAt: string;
}

export interface LegacyDiscountCode {
  market: string;
  /** upper case */
  code: string;
  cartDiscountIds: string[];
  isActive: boolean;
  validFrom: string | null;
  validUntil: string | null;
  maxApplications: number | null;
  applications: number;
}

/** A sortOrder: "0." and digits, not ending in 0, so that equal numbers have equal strings. */
export const sortOrderSchema = z.string().regex(/^0\.\d*[1-9]$/, 'must be a decimal string strictly between 0 and 1 without trailing zeros, e.g. "0.85"');

/** Higher sortOrder first. Fractional digit strings compare numerically when compared as text. */
export function bySortOrderDesc(a: { sortOrder: string; id: string }, b: { sortOrder: string; id: string }): number {
  if (a.sortOrder !== b.sortOrder) return a.sortOrder < b.sortOrder ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const MAX_ACTIVE_AUTOMATIC_CART_DISCOUNTS = 100;
