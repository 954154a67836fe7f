import { beforeAll, describe, expect, it } from 'vitest';
import { CART_EVALUATION_QUERY, cartRepresentation } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { callSubgraph, identities } from '../../test/support/subgraph.ts';

const promotions = usePromotionsService();
const ids: Record<string, string> = {};

const REDEEM = `mutation($o: ID!, $c: JSON!, $cu: String) { redeemPromotions(orderId: $o, cart: $c, customerId: $cu) { ok userErrors { code field message } } }`;
const RELEASE = `mutation($o: ID!) { releaseRedemptions(orderId: $o) }`;

async function createCampaign(name: string, input: Record<string, unknown>): Promise<string> {
  const res = await callSubgraph(
    promotions.url,
    `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field } } }`,
    // 1.00 off from 20.00, ending before the seeded FUTURE20 starts: the codes stack within DE's percent cap
    { i: { name, market: 'DE', couponRequired: true, validUntil: '2029-12-31T00:00:00Z', conditions: [{ type: 'minSubtotal', args: { amount: '20.00' } }], effect: { type: 'amountOffCart', args: { amount: '1.00' } }, ...input } },
    identities.marketing,
  );
  expect(res.data.createCampaign.userErrors).toEqual([]);
  return res.data.createCampaign.campaign.id;
}

beforeAll(async () => {
  ids.budget = await createCampaign('Budget of two', { codes: ['BUDGET2'], budget: { maxRedemptions: 2 } });
  ids.other = await createCampaign('Other', { codes: ['OTHER'], priority: 50 });
  ids.perCustomer = await createCampaign('Once per customer', { codes: ['ONCE'], budget: { maxRedemptionsPerCustomer: 1 } });
});

const cart = (codes: string[]) => cartRepresentation({ id: `cart-${codes.join('-')}`, discountCodes: codes, lines: [{ sku: 'SKU-1001', price: '20.00' }] });
const redeem = async (orderId: string, c: object, customerId: string | null = null) => {
  const res = await callSubgraph(promotions.url, REDEEM, { o: orderId, c, cu: customerId });
  expect(res.errors).toBeUndefined();
  return res.data.redeemPromotions;
};
const release = async (orderId: string) => (await callSubgraph(promotions.url, RELEASE, { o: orderId })).data.releaseRedemptions;
const redemptions = async (id: string) => (await callSubgraph(promotions.url, 'query($id: ID!) { campaign(id: $id) { redemptions } }', { id }, identities.marketing)).data.campaign.redemptions;
const rows = async (orderId: string) =>
  promotions.svc.db.all<{ campaign_id: string; status: string; code: string | null }>('SELECT campaign_id, status, code FROM redemptions WHERE order_id = ? ORDER BY campaign_id', [orderId]);

describe('redeemPromotions / releaseRedemptions', () => {
  it('are internal: other keys are refused', async () => {
    for (const identity of [identities.web, identities.marketing]) {
      const r = await callSubgraph(promotions.url, REDEEM, { o: 'x', c: cart([]) }, identity);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const rel = await callSubgraph(promotions.url, RELEASE, { o: 'x' }, identity);
      expect(rel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuse a cart that is not a cart representation', async () => {
    const r = await callSubgraph(promotions.url, REDEEM, { o: 'bad', c: { id: 'c', lines: 'nope' } });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('redeem idempotently per order and enforce the budget all-or-nothing', async () => {
    expect(await redeem('order-1', cart(['budget2']))).toEqual({ ok: true, userErrors: [] });
    expect(await redeem('order-1', cart(['budget2']))).toEqual({ ok: true, userErrors: [] });
    expect(await redemptions(ids.budget)).toBe(1);
    expect(await rows('order-1')).toEqual([{ campaign_id: ids.budget, status: 'ACTIVE', code: 'BUDGET2' }]);

    expect((await redeem('order-2', cart(['BUDGET2']))).ok).toBe(true);
    expect(await redemptions(ids.budget)).toBe(2);

    // the cart now shows the code as used up …
    const shown = await callSubgraph(promotions.url, CART_EVALUATION_QUERY, { r: [cart(['BUDGET2'])] }, identities.web);
    expect(shown.data._entities[0].promotion.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'BUDGET2', reason: 'USAGE_LIMIT_REACHED' })]);
    // … and a third order is refused with nothing recorded, not even for the other code
    const third = await redeem('order-3', cart(['OTHER', 'BUDGET2']));
    expect(third).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'USAGE_LIMIT_REACHED' })] });
    expect(await rows('order-3')).toEqual([]);
    expect(await redemptions(ids.budget)).toBe(2);
    expect(await redemptions(ids.other)).toBe(0);
  });

  it('enforce the per-customer budget, rolling back what the order had redeemed', async () => {
    expect((await redeem('order-c1', cart(['ONCE']), 'customer-1')).ok).toBe(true);
    const again = await redeem('order-c2', cart(['OTHER', 'ONCE']), 'customer-1');
    expect(again).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'USAGE_LIMIT_REACHED', message: expect.stringContaining('this customer') })] });
    expect(await redemptions(ids.other)).toBe(0);
    expect(await rows('order-c2')).toEqual([]);
    expect((await redeem('order-c3', cart(['ONCE']), 'customer-2')).ok).toBe(true);
    expect(await redemptions(ids.perCustomer)).toBe(2);
  });

  it('release idempotently and give the budget back', async () => {
    expect(await release('order-1')).toBe(true);
    expect(await release('order-1')).toBe(true);
    expect(await release('never-redeemed')).toBe(true);
    expect(await redemptions(ids.budget)).toBe(1);
    expect(await rows('order-1')).toEqual([{ campaign_id: ids.budget, status: 'RELEASED', code: 'BUDGET2' }]);
    expect((await redeem('order-3', cart(['OTHER', 'BUDGET2']))).ok).toBe(true);
    expect(await redemptions(ids.budget)).toBe(2);
    expect(await redemptions(ids.other)).toBe(1);
    expect((await rows('order-3')).map((r) => r.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('serialise concurrent redemptions of the last unit: exactly one wins', async () => {
    const id = await createCampaign('Last unit', { codes: ['LAST1'], budget: { maxRedemptions: 1 } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => redeem(`race-${i}`, cart(['LAST1']))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await redemptions(id)).toBe(1);
    // concurrent repeats of one order never double it
    const id2 = await createCampaign('Repeat', { codes: ['REPEAT'] });
    await Promise.all(Array.from({ length: 5 }, () => redeem('same-order', cart(['REPEAT']))));
    expect(await redemptions(id2)).toBe(1);
  });
});
