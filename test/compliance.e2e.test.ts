import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, demoPriceMinor } from '../common/demo.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Compliance policies through the gateway with the marketing keys: managed per market, checked on
 * create and update, each violation a coded user error with nothing saved.
 */
let g: TestGraph;

const POLICY = `query($m: String!) { compliancePolicy(market: $m) { market maxDiscountPercent requireEndDate maxDurationDays noAmountAbovePrice updatedAt } }`;
const SET = `mutation($m: String!, $i: CompliancePolicyInput!) { setCompliancePolicy(market: $m, input: $i) {
  policy { market maxDiscountPercent requireEndDate maxDurationDays noAmountAbovePrice updatedAt } userErrors { code field message } } }`;
const CREATE = `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field message } } }`;
const UPDATE = `mutation($id: ID!, $i: CampaignInput!) { updateCampaign(id: $id, input: $i) { campaign { id validUntil } userErrors { code field message } } }`;
const BY_CODE = `query($c: String!) { campaigns(filter: { code: $c }) { totalCount } }`;

const price1001 = demoPriceMinor(DEMO_PRODUCTS[0], 'GB'); // SKU-1001 in GB, minor units
const gbp = (minor: number) => (minor / 100).toFixed(2);

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Compliant',
  market: 'GB',
  couponRequired: true,
  validFrom: '2026-12-01T00:00:00Z',
  validUntil: '2026-12-31T00:00:00Z',
  effect: { type: 'percentOffCart', args: { percent: 10 } },
  ...over,
});

async function create(i: Record<string, unknown>) {
  const res = await g.gql(CREATE, { i }, KEYS.marketing);
  expect(res.errors).toBeUndefined();
  return res.data.createCampaign as { campaign: { id: string } | null; userErrors: { code: string; field: string }[] };
}
const saved = async (code: string) => (await g.gql(BY_CODE, { c: code }, KEYS.marketing)).data.campaigns.totalCount;

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('compliance policy management', () => {
  it('shows a market without a policy as allowing everything', async () => {
    const res = await g.gql(POLICY, { m: 'GB' }, KEYS.marketing);
    expect(res.data.compliancePolicy).toEqual({ market: 'GB', maxDiscountPercent: null, requireEndDate: false, maxDurationDays: null, noAmountAbovePrice: false, updatedAt: null });
  });

  it('is set by operations, never by the marketers it constrains; marketers read their own markets only', async () => {
    const marketer = await g.gql(SET, { m: 'DE', i: { maxDiscountPercent: 99 } }, KEYS.marketingDE);
    expect(marketer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const de = await g.gql(SET, { m: 'DE', i: { maxDiscountPercent: 40, requireEndDate: true } }, KEYS.operations);
    expect(de.data.setCompliancePolicy.userErrors).toEqual([]);
    expect(de.data.setCompliancePolicy.policy).toMatchObject({ market: 'DE', maxDiscountPercent: 40, requireEndDate: true, maxDurationDays: null });
    expect((await g.gql(POLICY, { m: 'DE' }, KEYS.marketingDE)).data.compliancePolicy).toMatchObject({ maxDiscountPercent: 40 });
    // another market is refused by value at the gateway
    expect((await g.gql(POLICY, { m: 'FR' }, KEYS.marketingDE)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await g.gql(POLICY, { m: 'FR' }, KEYS.marketing)).data.compliancePolicy).toMatchObject({ maxDiscountPercent: 70 });
    expect((await g.gql(POLICY, { m: 'XX' }, KEYS.marketing)).data.compliancePolicy).toBeNull();
  });

  it('refuses bad limits with coded errors and changes nothing', async () => {
    const res = await g.gql(SET, { m: 'DE', i: { maxDiscountPercent: 0, maxDurationDays: 5000 } }, KEYS.operations);
    expect(res.data.setCompliancePolicy.userErrors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
      ['INVALID_POLICY', 'maxDiscountPercent'],
      ['INVALID_POLICY', 'maxDurationDays'],
    ]);
    expect((await g.gql(POLICY, { m: 'DE' }, KEYS.operations)).data.compliancePolicy).toMatchObject({ maxDiscountPercent: 40 });
  });

  it('is out of reach of storefront keys', async () => {
    const res = await g.gql(SET, { m: 'DE', i: {} }, KEYS.kiosk);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('campaigns against the policy', () => {
  beforeAll(async () => {
    const res = await g.gql(SET, { m: 'GB', i: { maxDiscountPercent: 30, requireEndDate: true, maxDurationDays: 31, noAmountAbovePrice: true } }, KEYS.operations);
    expect(res.data.setCompliancePolicy.userErrors).toEqual([]);
  });

  it('accepts a compliant campaign', async () => {
    expect((await create(input({ codes: ['GB-OK'] }))).userErrors).toEqual([]);
  });

  it('DISCOUNT_CAP_EXCEEDED, END_DATE_REQUIRED, DURATION_TOO_LONG: each coded, nothing saved', async () => {
    const cap = await create(input({ codes: ['GB-CAP'], effect: { type: 'percentOffSkus', args: { percent: 35, skus: ['SKU-1001'] } } }));
    expect(cap).toEqual({ campaign: null, userErrors: [expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.percent' })] });
    const open = await create(input({ codes: ['GB-OPEN'], validUntil: null }));
    expect(open.userErrors).toEqual([expect.objectContaining({ code: 'END_DATE_REQUIRED', field: 'validUntil' })]);
    const long = await create(input({ codes: ['GB-LONG'], validUntil: '2027-01-02T00:00:00Z' }));
    expect(long.userErrors).toEqual([expect.objectContaining({ code: 'DURATION_TOO_LONG', field: 'validUntil' })]);
    for (const code of ['GB-CAP', 'GB-OPEN', 'GB-LONG']) expect(await saved(code)).toBe(0);
  });

  it('DISCOUNT_ABOVE_PRICE: an amount off a SKU above its catalog price, naming the SKU', async () => {
    const above = await create(input({ codes: ['GB-ABOVE'], effect: { type: 'amountOffSkus', args: { amount: gbp(price1001 + 1), skus: ['SKU-1002', 'SKU-1001'] } } }));
    expect(above.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DISCOUNT_ABOVE_PRICE', field: 'effect.args.skus[1]' })]));
    expect(above.userErrors.filter((e) => e.code === 'DISCOUNT_ABOVE_PRICE').map((e) => e.field)).toEqual(['effect.args.skus[1]']);
    expect(await saved('GB-ABOVE')).toBe(0);
    // the whole price off is not above the price, but above the market's 30% cap
    const atPrice = await create(input({ codes: ['GB-ATPRICE'], effect: { type: 'amountOffSkus', args: { amount: gbp(price1001), skus: ['SKU-1001'] } } }));
    expect(atPrice.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.skus[0]' })]);
  });

  it('checks an update too, and keeps the campaign as it was', async () => {
    // EXCLUSIVE: with GB-OK and GB's own 15 % it would stack past the 30 % cap
    const { campaign } = await create(input({ codes: ['GB-UPD'], stacking: 'EXCLUSIVE' }));
    const res = await g.gql(UPDATE, { id: campaign!.id, i: input({ codes: ['GB-UPD'], stacking: 'EXCLUSIVE', validUntil: '2027-06-01T00:00:00Z', effect: { type: 'percentOffCart', args: { percent: 50 } } }) }, KEYS.marketing);
    expect(res.data.updateCampaign.campaign).toBeNull();
    expect(res.data.updateCampaign.userErrors.map((e: { code: string }) => e.code).sort()).toEqual(['DISCOUNT_CAP_EXCEEDED', 'DURATION_TOO_LONG']);
    const read = await g.gql(`query($id: ID!) { campaign(id: $id) { validUntil effect { args } } }`, { id: campaign!.id }, KEYS.marketing);
    expect(read.data.campaign).toEqual({ validUntil: '2026-12-31T00:00:00.000Z', effect: { args: { percent: 10 } } });
  });
});
