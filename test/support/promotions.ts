import { testCurrency } from './markets.ts';
import type { PromotionProvider } from '../../subgraphs/promotions/src/services/providers/provider.ts';
import type { Evaluation } from '../../subgraphs/promotions/src/services/evaluation.ts';

/**
 * The evaluation time budget of tests that are not about it: the production default (150 ms) can be
 * exceeded by a cold first evaluation on a shared machine running PostgreSQL and many test files,
 * which would turn an assertion on prices into one on the machine's load.
 */
export const TEST_PROVIDER_TIMEOUT_MS = 5000;

/** Fixture builders for the promotions service: cart representations as the gateway sends them. */
export interface TestLine {
  id?: string;
  sku: string;
  quantity?: number;
  /** unit price as a decimal string in the cart's currency */
  price: string;
}

export interface TestCart {
  id?: string;
  market?: string;
  channel?: string;
  currencyCode?: string;
  discountCodes?: string[];
  lines?: TestLine[];
}

let counter = 0;

/** A Cart `_entities` representation with sensible defaults (market DE, channel web, the market's currency). */
export function cartRepresentation(overrides: TestCart = {}) {
  const market = overrides.market ?? 'DE';
  const currencyCode = overrides.currencyCode ?? testCurrency(market) ?? 'EUR';
  return {
    __typename: 'Cart',
    id: overrides.id ?? `cart-${++counter}`,
    market,
    channel: overrides.channel ?? 'web',
    currencyCode,
    discountCodes: overrides.discountCodes ?? [],
    lines: (overrides.lines ?? []).map((l, i) => ({
      id: l.id ?? `L${i + 1}`,
      sku: l.sku,
      quantity: l.quantity ?? 1,
      unitPrice: { amount: l.price, currencyCode },
    })),
  };
}

const MONEY = '{ amount currencyCode }';

/** Selection of the evaluation of a cart entity. */
export const CART_EVALUATION_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id
  promotion { provider status
    discounts { id name amount ${MONEY} }
    discountCodes { code name amount ${MONEY} }
    lineItemPromotions { lineId discounts { id name amount ${MONEY} } discountCodes { code name amount ${MONEY} } }
    nonApplicableDiscountCodes { code reason message } }
  totals { subtotal ${MONEY} discount ${MONEY} total ${MONEY} } } } }`;

// --- test doubles for promotion providers ---


const noRedemptions = {
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => undefined,
};

/**
 * A provider that never answers (its promise never settles); `calls` counts evaluations, `pending`
 * the calls not yet given up (aborted) by the caller.
 */
export function hangingProvider(name = 'hanging'): PromotionProvider & { pending: number; calls: number } {
  const p = {
    name,
    pending: 0,
    calls: 0,
    evaluate: (_cart: unknown, ctx: { signal: AbortSignal }) => {
      p.calls++;
      p.pending++;
      ctx.signal.addEventListener('abort', () => p.pending--, { once: true });
      return new Promise<Evaluation>(() => undefined);
    },
    ...noRedemptions,
  };
  return p;
}

/** A provider that fails every call. */
export function throwingProvider(name = 'throwing'): PromotionProvider {
  return {
    name,
    evaluate: async () => {
      throw new Error('engine exploded');
    },
    redeem: async () => {
      throw new Error('engine exploded');
    },
    release: async () => {
      throw new Error('engine exploded');
    },
  };
}

/** A provider that takes a fixed amount (minor units) off every cart that has lines, as an automatic discount. */
export function fixedProvider(name: string, amountMinor: number): PromotionProvider & { calls: number } {
  const p = {
    name,
    calls: 0,
    async evaluate(cart: { lines: { id: string; unitPriceMinor: number; quantity: number }[] }): Promise<Evaluation> {
      p.calls++;
      const subtotal = cart.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0);
      const amount = Math.min(amountMinor, subtotal);
      return {
        discounts: amount > 0 ? [{ campaignId: `${name}-fixed`, name: `${name} fixed`, amountMinor: amount }] : [],
        discountCodes: [],
        lineItemPromotions: [],
        nonApplicableDiscountCodes: [],
      };
    },
    ...noRedemptions,
  };
  return p;
}
