import { describe, expect, it } from 'vitest';
import { identities } from '../../../../test/support/subgraph.ts';
import { toCampaignRow, type CampaignRecord } from './campaign.ts';
import type { CartInput } from './cart.ts';
import { validateCampaignInput, type CampaignValues } from './campaignValidation.ts';
import { complianceViolations, toPolicyView, type PriceLookup } from './compliance.ts';
import { settle } from './evaluation.ts';
import { evaluateNative } from './native/engine.ts';
import { combinedShare, stackingViolation, worstOfSet, worstShare } from './stackingCap.ts';

const NOW = new Date('2026-11-01T10:00:00.000Z');
const AT = NOW.toISOString();

/** A small deterministic generator (mulberry32): the same seed gives the same campaign sets and carts. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}

const SKUS = ['SKU-A', 'SKU-B', 'SKU-C', 'SKU-D', 'SKU-E', 'SKU-F'];
const money = (minor: number) => (minor / 100).toFixed(2);

function randomInput(r: ReturnType<typeof rng>, prices: Map<string, number>, i: number) {
  const skus = [...new Set([r.pick(SKUS), r.pick(SKUS), r.pick(SKUS)])];
  const effect = r.pick([
    () => ({ type: 'percentOffCart', args: { percent: r.int(1, 60) } }),
    () => ({ type: 'percentOffSkus', args: { percent: r.int(1, 60), skus } }),
    () => ({ type: 'amountOffCart', args: { amount: money(r.int(100, 3000)) } }),
    () => ({ type: 'amountOffSkus', args: { amount: money(r.int(50, Math.min(...skus.map((s) => prices.get(s)!)))), skus } }),
    () => ({ type: 'bundlePrice', args: { skus: skus.length >= 2 ? skus : [skus[0], SKUS.find((s) => s !== skus[0])!], quantity: r.int(2, 3), price: money(r.int(500, 8000)) } }),
    () => ({ type: 'buyXGetY', args: { buy: r.int(1, 3), get: 1, percent: r.int(10, 100), skus } }),
    () => ({ type: 'freeShipping', args: {} }),
  ])();
  const conditions = r.next() < 0.6 ? [{ type: 'minSubtotal', args: { amount: money(r.int(1000, 20000)) } }] : [];
  const coupon = r.next() < 0.4;
  return {
    name: `Random ${i}`,
    market: 'DE',
    priority: r.int(0, 5),
    stacking: r.next() < 0.85 ? 'STACKABLE' : 'EXCLUSIVE',
    couponRequired: coupon,
    codes: coupon ? [`RND${i}`] : [],
    conditions,
    effect,
  };
}

/**
 * Saves random campaigns one after the other as the service does under a policy with nothing but a
 * percent cap (the default configuration: each campaign within the cap, then the stacking check
 * against those saved before; `bypassStacking` skips the latter: the control).
 */
function saveRandomSet(r: ReturnType<typeof rng>, cap: number, prices: Map<string, number>, bypassStacking: boolean) {
  const lookup: PriceLookup = async (_m, skus) => new Map(skus.map((s) => [s, prices.get(s) ?? null]));
  const policy = toPolicyView('DE', { market: 'DE', max_percent: cap, require_end_date: 0, max_duration_days: null, no_amount_above_price: 1, updated_at: null });
  const saved: (CampaignRecord & { codes: string[] })[] = [];
  return async () => {
    for (let i = 0; i < 12; i++) {
      const { values, errors } = validateCampaignInput(randomInput(r, prices, i) as never, { identity: identities.marketing }, 'EUR');
      if (errors.length) continue;
      if ((await complianceViolations(values, policy, NOW, lookup, 'EUR')).length) continue;
      const record: CampaignRecord = { ...values, id: `c${String(i).padStart(2, '0')}`, paused: false, redemptions: 0, createdAt: AT, updatedAt: AT };
      if (!bypassStacking && stackingViolation({ ...values, paused: false }, saved.map((s) => toCampaignRow(s)), cap, prices, 'EUR', AT)) continue;
      saved.push({ ...record, codes: values.codes });
    }
    return saved;
  };
}

function randomCart(r: ReturnType<typeof rng>, prices: Map<string, number>, codes: string[]): CartInput {
  const n = r.int(1, 5);
  return {
    id: `cart-${r.int(0, 1e9)}`,
    market: 'DE',
    channel: 'web',
    currencyCode: 'EUR',
    discountCodes: codes,
    lines: Array.from({ length: n }, (_, i) => {
      const sku = r.pick(SKUS);
      return { id: `L${i + 1}`, sku, quantity: r.int(1, 6), unitPriceMinor: prices.get(sku)! };
    }),
  };
}

/** Runs campaign sets × carts; the carts whose discount on the goods exceeds the cap. */
async function trial(seed: number, bypassStacking: boolean): Promise<{ carts: number; campaigns: number; above: { cap: number; subtotal: number; discount: number }[] }> {
  const r = rng(seed);
  const above: { cap: number; subtotal: number; discount: number }[] = [];
  let carts = 0;
  let saved = 0;
  for (let set = 0; set < 40; set++) {
    const cap = r.pick([20, 30, 40, 50, 70]);
    const prices = new Map(SKUS.map((s) => [s, r.int(300, 20000)]));
    const campaigns = await saveRandomSet(r, cap, prices, bypassStacking)();
    saved += campaigns.length;
    const codeOwners = new Map(campaigns.flatMap((c) => c.codes.map((code) => [code, c.id] as const)));
    for (let k = 0; k < 40; k++) {
      // the worst a customer can do: enter up to ten codes of the set
      const codes = [...codeOwners.keys()].sort(() => r.next() - 0.5).slice(0, 10);
      const cart = randomCart(r, prices, codes);
      const settled = settle(cart, 'native', evaluateNative({ cart, now: NOW, campaigns, codeOwners }).evaluation);
      carts++;
      // half-even rounding per line may add half a cent per line to a share: one minor unit per line
      if (settled.discountMinor * 100 > cap * settled.subtotalMinor + 100 * cart.lines.length) {
        above.push({ cap, subtotal: settled.subtotalMinor, discount: settled.discountMinor });
      }
    }
  }
  return { carts, campaigns: saved, above };
}

describe('the percent cap against stacking', () => {
  it('combines shares: percents on what is left, amounts on the subtotal', () => {
    expect(combinedShare([{ kind: 'remainder', share: 0.2 }, { kind: 'remainder', share: 0.25 }])).toBeCloseTo(0.4);
    expect(combinedShare([{ kind: 'remainder', share: 0.2 }, { kind: 'subtotal', share: 0.1 }])).toBeCloseTo(0.3);
    expect(combinedShare([{ kind: 'subtotal', share: 0.7 }, { kind: 'subtotal', share: 0.6 }])).toBe(1);
  });

  it('takes the worst case of every effect type', () => {
    const prices = new Map<string, number | null>([['A', 1000], ['B', 4000]]);
    const share = (effect: { type: string; args: unknown }, conditions: CampaignValues['conditions'] = []) => worstShare({ effect, conditions }, prices, 'EUR');
    expect(share({ type: 'amountOffCart', args: { amount: '5.00' } }, [{ type: 'minSubtotal', args: { amount: '20.00' } }])).toEqual({ kind: 'subtotal', share: 0.25 });
    expect(share({ type: 'amountOffCart', args: { amount: '5.00' } })).toEqual({ kind: 'subtotal', share: 1 });
    expect(share({ type: 'amountOffSkus', args: { amount: '2.00', skus: ['A', 'B'] } })).toEqual({ kind: 'subtotal', share: 0.2 });
    // bundles take the dearest units: two B for 60.00 instead of 80.00
    expect(share({ type: 'bundlePrice', args: { skus: ['A', 'B'], quantity: 2, price: '60.00' } })).toEqual({ kind: 'subtotal', share: 0.25 });
    expect(share({ type: 'buyXGetY', args: { buy: 1, get: 1 } })).toEqual({ kind: 'subtotal', share: 0.5 });
    expect(share({ type: 'freeShipping', args: {} })).toEqual({ kind: 'subtotal', share: 0 });
    // of the coupon campaigns, only the ten largest count (a cart carries ten codes)
    const coupon = { effect: { type: 'amountOffCart', args: { amount: '1.00' } }, conditions: [{ type: 'minSubtotal', args: { amount: '100.00' } }], couponRequired: true };
    expect(worstOfSet(Array.from({ length: 30 }, () => coupon), prices, 'EUR')).toBeCloseTo(0.1);
  });

  it('counts coupon campaigns as they combine, with the codes split between the kinds that take the most', () => {
    const prices = new Map<string, number | null>();
    const percent = (p: number, couponRequired = true) => ({ effect: { type: 'percentOffCart', args: { percent: p } }, conditions: [], couponRequired });
    const amount = (a: string, min: string) => ({ effect: { type: 'amountOffCart', args: { amount: a } }, conditions: [{ type: 'minSubtotal', args: { amount: min } }], couponRequired: true });
    // percent coupons on what is left: 1 − 0.9 × 0.8 × 0.7, not 0.1 + 0.2 + 0.3
    expect(worstOfSet([percent(10), percent(20), percent(30)], prices, 'EUR')).toBeCloseTo(0.496);
    // two codes after an automatic 20 %: the 50 % coupon (on what is left) and 10.00 off from 100.00
    expect(worstOfSet([percent(20, false), percent(50), amount('10.00', '100.00'), amount('5.00', '100.00')], prices, 'EUR', 2)).toBeCloseTo(1 - 0.8 * 0.5 + 0.1);
    // one code: the 50 % coupon on what an automatic 50 % left (25 %) beats 10.00 off from 100.00
    expect(worstOfSet([percent(50, false), percent(50), amount('10.00', '100.00')], prices, 'EUR', 1)).toBeCloseTo(0.75);
  });

  it('randomized campaign sets × carts: no cart gets more than the cap off its goods', async () => {
    for (const seed of [20261206, 7, 424242]) {
      const { carts, campaigns, above } = await trial(seed, false);
      expect(carts).toBe(40 * 40);
      // sets of several campaigns were saved (stacking was exercised, not refused wholesale)
      expect(campaigns).toBeGreaterThan(2 * 40);
      expect(above).toEqual([]);
    }
  });

  it('the control: without the stacking check, the same generator finds carts above the cap', async () => {
    const { above } = await trial(20261206, true);
    expect(above.length).toBeGreaterThan(0);
  });
});
