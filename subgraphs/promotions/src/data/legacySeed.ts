import type { Clock } from '../../../../common/clock.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { LegacyDiscountService, type CartDiscountInput, type DiscountCodeInput } from '../services/legacy/service.ts';
import { LegacyRepository } from './legacyRepository.ts';

const SINCE = '2020-01-01T00:00:00.000Z';

/**
 * The legacy engine's demo data: it MIRRORS the native demo campaigns of DE and FR (seed.ts), so that
 * switching one of these markets between `native` and `legacy` prices the seeded codes the same —
 * with ONE DELIBERATE DIFFERENCE for shadow demos:
 *
 *   FR SUMMER5: legacy needs a total of 25.00 EUR, native needs 30.00 EUR. A FR cart between 25.00 and
 *   29.99 with SUMMER5 gets 5.00 off from `legacy` and MIN_SUBTOTAL_NOT_REACHED from `native`, so a
 *   shadow comparison of the two engines in FR counts a mismatch for it.
 */
export const LEGACY_SEED_CART_DISCOUNTS: CartDiscountInput[] = [
  {
    // native seed-de-welcome10: code WELCOME10, minSubtotal 50.00, 10% off the cart
    id: 'legacy-de-welcome10',
    market: 'DE',
    name: 'Welcome 10%',
    sortOrder: '0.9',
    predicate: 'totalPrice >= "50.00 EUR"',
    value: { type: 'relative', percent: 10 },
    target: { type: 'cart' },
    requiresDiscountCode: true,
    validFrom: SINCE,
  },
  {
    // native seed-de-future20: code FUTURE20, from 2030-01-01, 20% off the cart
    id: 'legacy-de-future20',
    market: 'DE',
    name: 'Future 20%',
    sortOrder: '0.5',
    value: { type: 'relative', percent: 20 },
    target: { type: 'cart' },
    requiresDiscountCode: true,
    validFrom: '2030-01-01T00:00:00.000Z',
  },
  {
    // native seed-fr-summer5: code SUMMER5, minSubtotal 30.00 — DELIBERATELY 25.00 here (see above)
    id: 'legacy-fr-summer5',
    market: 'FR',
    name: 'Summer 5 €',
    sortOrder: '0.5',
    predicate: 'totalPrice >= "25.00 EUR"',
    value: { type: 'absolute', amount: '5.00' },
    target: { type: 'cart' },
    requiresDiscountCode: true,
    validFrom: SINCE,
    validUntil: '2030-12-31T23:59:59.000Z',
  },
];

/** The currencies of the markets the demo legacy discounts are for. */
const LEGACY_SEED_CURRENCIES: Record<string, string> = { DE: 'EUR', FR: 'EUR' };

export const LEGACY_SEED_CODES: DiscountCodeInput[] = [
  { market: 'DE', code: 'WELCOME10', cartDiscountIds: ['legacy-de-welcome10'] },
  { market: 'DE', code: 'FUTURE20', cartDiscountIds: ['legacy-de-future20'] },
  { market: 'FR', code: 'SUMMER5', cartDiscountIds: ['legacy-fr-summer5'] },
];

/** Seeds the legacy engine's demo cart discounts and codes when its tables are empty. */
export async function seedLegacyDiscounts(db: Db, clock: Clock): Promise<boolean> {
  if (!(await new LegacyRepository(db).isEmpty())) return false;
  const fixed: Clock = { now: () => new Date(SINCE), preview: clock.preview };
  // the seed's discounts are for its own demo markets, whose currencies it states (the catalog may not be up yet)
  const seedMarkets = { currency: async (market: string) => LEGACY_SEED_CURRENCIES[market] ?? null };
  const service = new LegacyDiscountService(db, fixed, seedMarkets);
  for (const d of LEGACY_SEED_CART_DISCOUNTS) await service.createCartDiscount(d);
  for (const c of LEGACY_SEED_CODES) await service.createDiscountCode(c);
  return true;
}
