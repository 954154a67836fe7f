import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** A compliance policy that bounds stacking, through the subgraph's API. */
const promotions = usePromotionsService();

const count = async () => Number((await promotions.svc.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM campaigns WHERE market = 'GB'`))?.n);

describe('capStacking', () => {
  it('refuses a stackable campaign that, with those active together, could exceed the cap; nothing saved', async () => {
    const set = await promotions.call(
      `mutation { setCompliancePolicy(market: "GB", input: { maxDiscountPercent: 50, capStacking: true }) { policy { maxDiscountPercent capStacking } userErrors { code } } }`,
      {}, identities.operations,
    );
    expect(set.data.setCompliancePolicy).toEqual({ policy: { maxDiscountPercent: 50, capStacking: true }, userErrors: [] });
    const quarter = { market: 'GB', effect: { type: 'percentOffCart', args: { percent: 25 } }, validUntil: '2026-12-01T00:00:00Z' };
    expect((await promotions.createCampaign({ ...quarter, name: 'First quarter' })).userErrors).toEqual([]);
    const before = await count();

    const second = await promotions.createCampaign({ ...quarter, name: 'Second quarter' });
    expect(second.campaign).toBeNull();
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'stacking' })]);
    // with the market's own 15 % off two SKUs: 1 − 0.75 × 0.75 × 0.85
    expect(second.userErrors[0].message).toMatch(/"First quarter".*52\.2% off/);
    expect(await count()).toBe(before);

    // alone (EXCLUSIVE), later (no overlap) or in another channel, it can never stack
    expect((await promotions.createCampaign({ ...quarter, name: 'Exclusive quarter', stacking: 'EXCLUSIVE' })).userErrors).toEqual([]);
    expect((await promotions.createCampaign({ ...quarter, name: 'January quarter', validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' })).userErrors).toEqual([]);
    // a smaller share fits: 1 − 0.75 × 0.85 × 0.8 = 49 %
    expect((await promotions.createCampaign({ ...quarter, name: 'Twenty', effect: { type: 'percentOffCart', args: { percent: 20 } } })).userErrors).toEqual([]);
    // and now the cap is nearly used up: 5.00 off from 100.00 adds 5 %
    const amount = await promotions.createCampaign({ ...quarter, name: 'Five off', effect: { type: 'amountOffCart', args: { amount: '5.00' } }, conditions: [{ type: 'minSubtotal', args: { amount: '100.00' } }] });
    expect(amount.userErrors.map((e) => `${e.code} ${e.field}`)).toEqual(['DISCOUNT_CAP_EXCEEDED stacking']);
  });

  it('is off unless the policy says so', async () => {
    await promotions.call(`mutation { setCompliancePolicy(market: "GB", input: { maxDiscountPercent: 40 }) { userErrors { code } } }`, {}, identities.operations);
    const policy = await promotions.call(`{ compliancePolicy(market: "GB") { capStacking } }`);
    expect(policy.data.compliancePolicy.capStacking).toBe(false);
    expect((await promotions.createCampaign({ market: 'GB', name: 'Stacks freely', effect: { type: 'percentOffCart', args: { percent: 25 } } })).userErrors).toEqual([]);
  });
});
