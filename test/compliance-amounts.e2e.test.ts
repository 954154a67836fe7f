import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, demoPriceMinor } from '../common/demo.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** A market's percent cap bounds amounts off too: no campaign can make a cart free under a 20% cap. */
let g: TestGraph;
const SET = `mutation($m: String!, $i: CompliancePolicyInput!) { setCompliancePolicy(market: $m, input: $i) { userErrors { code } } }`;
const CREATE = `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field message } } }`;
const eur = (minor: number) => (minor / 100).toFixed(2);
const price1001 = demoPriceMinor(DEMO_PRODUCTS[0], 'DE');
// EXCLUSIVE: each is checked on its own against the cap (with WELCOME10 every one at the boundary would stack past it)
const campaign = (code: string, over: Record<string, unknown>) => ({
  name: code, market: 'DE', couponRequired: true, stacking: 'EXCLUSIVE', codes: [code], validUntil: '2027-12-31T00:00:00Z', ...over,
});
async function create(i: Record<string, unknown>) {
  const res = await g.gql(CREATE, { i }, KEYS.marketingDE);
  expect(res.errors).toBeUndefined();
  return res.data.createCampaign as { campaign: { id: string } | null; userErrors: { code: string; field: string; message: string }[] };
}

beforeAll(async () => {
  g = await startTestGraph();
  const res = await g.gql(SET, { m: 'DE', i: { maxDiscountPercent: 20 } }, KEYS.operations);
  expect(res.data.setCompliancePolicy.userErrors).toEqual([]);
});
afterAll(async () => {
  await g?.stop();
});

describe('a 20% cap', () => {
  it('refuses 100000.00 off the cart, and the cart it would have emptied is not free', async () => {
    const res = await create(campaign('FREE-ALL', { effect: { type: 'amountOffCart', args: { amount: '100000.00' } } }));
    expect(res.campaign).toBeNull();
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.amount' })]);
    expect(res.userErrors[0].message).toMatch(/at most 20% off.*minSubtotal condition of at least 500000\.00 EUR/);
    const cart = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1005", quantity: 12 }], discountCodes: ["FREE-ALL"] }) { cart { totals { total { amount } } } userErrors { code } } }`);
    expect(cart.data.createCart.userErrors).toEqual([{ code: 'DISCOUNT_CODE_INVALID' }]);
  });

  it('accepts an amount off the cart within 20% of its minSubtotal, refuses one above', async () => {
    const ok = await create(campaign('TEN-OF-50', { conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }], effect: { type: 'amountOffCart', args: { amount: '10.00' } } }));
    expect(ok.userErrors).toEqual([]);
    const above = await create(campaign('ELEVEN-OF-50', { conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }], effect: { type: 'amountOffCart', args: { amount: '10.01' } } }));
    expect(above.userErrors.map((e) => e.code)).toEqual(['DISCOUNT_CAP_EXCEEDED']);
  });

  it('bounds an amount off SKUs by 20% of each SKU price', async () => {
    const max = Math.floor(price1001 * 0.2);
    expect((await create(campaign('SKU-OK', { effect: { type: 'amountOffSkus', args: { amount: eur(max), skus: ['SKU-1001'] } } }))).userErrors).toEqual([]);
    const above = await create(campaign('SKU-HIGH', { effect: { type: 'amountOffSkus', args: { amount: eur(max + 1), skus: ['SKU-1001'] } } }));
    expect(above.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.skus[0]' })]);
  });

  it('bounds a bundle price from below', async () => {
    const cheap = await create(campaign('BUNDLE-1', { effect: { type: 'bundlePrice', args: { skus: ['SKU-1001', 'SKU-1002'], quantity: 2, price: '0.01' } } }));
    expect(cheap.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.price' })]);
  });
});
