import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity.ts';
import { CART_EVALUATION_QUERY, cartRepresentation } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { callSubgraph, identities } from '../../test/support/subgraph.ts';

const promotions = usePromotionsService();
const clock = promotions.clock;

const CAMPAIGN_FIELDS = `id name market channels priority stacking status validFrom validUntil couponRequired codes
  conditions { type args } effect { type args } budget { maxRedemptions maxRedemptionsPerCustomer } redemptions createdAt updatedAt`;
const CREATE = `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { ${CAMPAIGN_FIELDS} } userErrors { code field message } } }`;
const UPDATE = `mutation($id: ID!, $i: CampaignInput!) { updateCampaign(id: $id, input: $i) { campaign { ${CAMPAIGN_FIELDS} } userErrors { code field message } } }`;
const GET = `query($id: ID!) { campaign(id: $id) { id name market } }`;
const SEARCH = `query($f: CampaignFilter, $first: Int, $after: String) {
  campaigns(filter: $f, first: $first, after: $after) { edges { cursor node { id name market status } } pageInfo { hasNextPage endCursor } totalCount } }`;

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Winter 15%',
  market: 'DE',
  couponRequired: true,
  codes: ['winter15'],
  conditions: [{ type: 'minSubtotal', args: { amount: '20.00' } }],
  effect: { type: 'percentOffCart', args: { percent: 15 } },
  ...over,
});

async function create(i: Record<string, unknown>, identity: Identity = identities.marketing) {
  const res = await callSubgraph(promotions.url, CREATE, { i }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.createCampaign;
}

async function search(f: Record<string, unknown> | null, first?: number, after?: string | null, identity: Identity = identities.marketing) {
  const res = await callSubgraph(promotions.url, SEARCH, { f, first, after }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.campaigns;
}

async function checkCode(market: string, code: string): Promise<boolean> {
  const res = await callSubgraph(promotions.url, 'query($m: String!, $c: [String!]!) { discountCodeChecks(market: $m, codes: $c) { valid } }', { m: market, c: [code] });
  return res.data.discountCodeChecks[0].valid;
}

describe('createCampaign', () => {
  it('creates a campaign with upper-case codes and a derived status', async () => {
    const { campaign, userErrors } = await create(input({ budget: { maxRedemptions: 100 } }), identities.marketingDE);
    expect(userErrors).toEqual([]);
    expect(campaign).toMatchObject({
      name: 'Winter 15%',
      market: 'DE',
      channels: [],
      priority: 0,
      stacking: 'STACKABLE',
      status: 'ACTIVE',
      couponRequired: true,
      codes: ['WINTER15'],
      effect: { type: 'percentOffCart', args: { percent: 15 } },
      budget: { maxRedemptions: 100, maxRedemptionsPerCustomer: null },
      redemptions: 0,
      createdAt: '2026-11-01T10:00:00.000Z',
    });
    expect(await checkCode('DE', 'Winter15')).toBe(true);
    const get = await callSubgraph(promotions.url, GET, { id: campaign.id }, identities.marketingDE);
    expect(get.data.campaign).toEqual({ id: campaign.id, name: 'Winter 15%', market: 'DE' });
  });

  it('answers every invalid field with a coded error and saves nothing', async () => {
    const before = (await search({ market: 'DE' })).totalCount;
    const { campaign, userErrors } = await create(
      input({
        name: '  ',
        codes: ['BADARGS1', 'welcome10', 'x'],
        validFrom: '2027-01-01T00:00:00Z',
        validUntil: '2026-12-01T00:00:00Z',
        conditions: [{ type: 'minSubtotal', args: { amount: 'fifty' } }, { type: 'moonPhase', args: {} }],
        effect: { type: 'percentOffCart', args: { percent: 0 } },
      }),
    );
    expect(campaign).toBeNull();
    expect(userErrors.map((e: any) => [e.code, e.field])).toEqual(
      expect.arrayContaining([
        ['INVALID_NAME', 'name'],
        ['INVALID_VALIDITY', 'validUntil'],
        ['INVALID_CODE', 'codes[2]'],
        ['INVALID_RULE_ARGS', 'conditions[0].args.amount'],
        ['UNKNOWN_RULE_TYPE', 'conditions[1].type'],
        ['INVALID_RULE_ARGS', 'effect.args.percent'],
        ['DISCOUNT_CODE_TAKEN', 'codes[1]'],
      ]),
    );
    expect(userErrors.every((e: any) => e.message.length > 0)).toBe(true);
    expect((await search({ market: 'DE' })).totalCount).toBe(before);
    expect(await checkCode('DE', 'BADARGS1')).toBe(false);
  });

  it('refuses a code taken in the market but accepts it in another market', async () => {
    const taken = await create(input({ name: 'Copy', codes: ['FRESH-1', 'WELCOME10'] }));
    expect(taken.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CODE_TAKEN', field: 'codes[1]' })]);
    expect(await checkCode('DE', 'FRESH-1')).toBe(false);
    const elsewhere = await create(input({ name: 'GB welcome', market: 'GB', codes: ['WELCOME10'] }));
    expect(elsewhere.userErrors).toEqual([]);
  });

  it('enforces the market compliance policies', async () => {
    const de = await create(input({ name: 'Too generous', codes: [], couponRequired: false, effect: { type: 'percentOffCart', args: { percent: 60 } } }));
    expect(de.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED', field: 'effect.args.percent' })]);
    const fr = await create(input({ name: 'Open ended', market: 'FR', codes: ['FR-OPEN'], effect: { type: 'percentOffCart', args: { percent: 60 } } }));
    expect(fr.userErrors).toEqual([expect.objectContaining({ code: 'END_DATE_REQUIRED', field: 'validUntil' })]);
    expect(await checkCode('FR', 'FR-OPEN')).toBe(false);
    // within FR's 70 %, alone (EXCLUSIVE: with SUMMER5 a cart could get 76.7 % off)
    const ok = await create(input({ name: 'FR ok', market: 'FR', codes: ['FR-OK'], stacking: 'EXCLUSIVE', validUntil: '2027-01-01T00:00:00Z', effect: { type: 'percentOffCart', args: { percent: 60 } } }));
    expect(ok.userErrors).toEqual([]);
  });

  it('refuses a market the key does not manage, and unknown markets', async () => {
    const fr = await create(input({ market: 'FR', codes: ['DE-KEY-FR'], validUntil: '2027-01-01T00:00:00Z' }), identities.marketingDE);
    expect(fr).toEqual({ campaign: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN_MARKET', field: 'market' })] });
    const xx = await create(input({ market: 'XX', codes: [] }));
    expect(xx.userErrors).toEqual([expect.objectContaining({ code: 'MARKET_UNKNOWN', field: 'market' })]);
  });
});

describe('campaigns of other markets', () => {
  it('look as if they did not exist to a DE marketer', async () => {
    const fr = 'seed-fr-summer5';
    expect((await callSubgraph(promotions.url, GET, { id: fr }, identities.marketingDE)).data.campaign).toBeNull();
    expect((await callSubgraph(promotions.url, GET, { id: 'no-such-id' }, identities.marketingDE)).data.campaign).toBeNull();
    expect((await callSubgraph(promotions.url, GET, { id: fr }, identities.marketing)).data.campaign).toMatchObject({ market: 'FR' });

    const upd = (id: string) =>
      callSubgraph(promotions.url, UPDATE, { id, i: input({ name: 'hijack', market: 'FR', codes: ['SUMMER5'], validUntil: '2030-01-01T00:00:00Z' }) }, identities.marketingDE);
    const forFr = (await upd(fr)).data.updateCampaign;
    const forNone = (await upd('no-such-id')).data.updateCampaign;
    expect(forFr).toEqual({ campaign: null, userErrors: [expect.objectContaining({ code: 'CAMPAIGN_NOT_FOUND', field: 'id' })] });
    expect(forFr).toEqual(forNone);
    expect((await callSubgraph(promotions.url, GET, { id: fr }, identities.marketing)).data.campaign.name).toBe('Summer 5 €');

    const fromDe = await search({ market: 'FR' }, 10, null, identities.marketingDE);
    expect(fromDe.totalCount).toBe(0);
    const all = await search(null, 100, null, identities.marketingDE);
    expect(all.edges.every((e: any) => e.node.market === 'DE')).toBe(true);
    expect(all.totalCount).toBe(all.edges.length);
  });
});

describe('updateCampaign', () => {
  it('replaces the campaign, keeps its market, and re-checks rules and policies', async () => {
    const { campaign } = await create(input({ name: 'Update me', codes: ['UPD-1', 'UPD-2'] }));
    clock.advance(60_000);
    const res = await callSubgraph(promotions.url, UPDATE, { id: campaign.id, i: input({ name: 'Updated', codes: ['UPD-2', 'UPD-3'], priority: 7, paused: true }) }, identities.marketingDE);
    const updated = res.data.updateCampaign;
    expect(updated.userErrors).toEqual([]);
    expect(updated.campaign).toMatchObject({ name: 'Updated', codes: ['UPD-2', 'UPD-3'], priority: 7, status: 'PAUSED', createdAt: campaign.createdAt });
    expect(updated.campaign.updatedAt).not.toBe(campaign.updatedAt);
    expect(await checkCode('DE', 'UPD-1')).toBe(false);
    expect(await checkCode('DE', 'UPD-3')).toBe(true);

    const moved = await callSubgraph(promotions.url, UPDATE, { id: campaign.id, i: input({ market: 'GB', codes: [] }) }, identities.marketing);
    expect(moved.data.updateCampaign.userErrors).toEqual([expect.objectContaining({ code: 'MARKET_CHANGE_NOT_ALLOWED', field: 'market' })]);
    const capped = await callSubgraph(promotions.url, UPDATE, { id: campaign.id, i: input({ codes: ['UPD-2'], effect: { type: 'percentOffCart', args: { percent: 80 } } }) }, identities.marketing);
    expect(capped.data.updateCampaign.userErrors).toEqual([expect.objectContaining({ code: 'DISCOUNT_CAP_EXCEEDED' })]);
    const still = await callSubgraph(promotions.url, `query($id: ID!) { campaign(id: $id) { codes effect { args } } }`, { id: campaign.id }, identities.marketing);
    expect(still.data.campaign).toEqual({ codes: ['UPD-2', 'UPD-3'], effect: { args: { percent: 15 } } });
  });
});

describe('campaigns search', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 7; i++) {
      // EXCLUSIVE: seven 15 % codes of the same day would stack past DE's percent cap
      const r = await create(input({ name: `Black Friday ${i}`, codes: [`BF-2026-${i}`], stacking: 'EXCLUSIVE', validFrom: '2026-11-27T00:00:00Z', validUntil: '2026-11-28T00:00:00Z' }));
      expect(r.userErrors).toEqual([]);
    }
    await create(input({ name: 'BLACK friday in GB', market: 'GB', codes: ['GB-BF'] }));
    await create(input({ name: 'Last year', codes: ['OLD-2025'], validFrom: '2025-01-01T00:00:00Z', validUntil: '2025-02-01T00:00:00Z' }));
  });

  it('filters by text (case-insensitive) and market, and pages with stable cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = await search({ market: 'DE', text: 'black FRIDAY' }, 3, after);
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e: any) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual(seen);
    expect((await search({ text: 'black friday' })).totalCount).toBe(8);
    expect((await search({ text: 'black friday' }, 20, null, identities.marketingDE)).totalCount).toBe(7);
    // LIKE wildcards in the text are literal characters
    const percent = await search({ text: '%' }, 100);
    expect(percent.totalCount).toBeGreaterThan(0);
    expect(percent.edges.every((e: any) => e.node.name.includes('%'))).toBe(true);
    expect((await search({ text: '_' })).totalCount).toBe(0);
  });

  it('filters by derived status, code and active instant', async () => {
    const scheduled = await search({ market: 'DE', status: 'SCHEDULED' }, 100);
    expect(scheduled.edges.map((e: any) => e.node.name).sort()).toEqual([...Array.from({ length: 7 }, (_, i) => `Black Friday ${i + 1}`), 'Future 20%'].sort());
    expect(scheduled.edges.every((e: any) => e.node.status === 'SCHEDULED')).toBe(true);
    const expired = await search({ market: 'DE', status: 'EXPIRED' });
    expect(expired.edges.map((e: any) => e.node.name)).toEqual(['Last year']);
    const byCode = await search({ code: 'bf-2026-3' });
    expect(byCode.edges.map((e: any) => e.node.name)).toEqual(['Black Friday 3']);
    const activeOnBf = await search({ market: 'DE', activeAt: '2026-11-27T12:00:00Z', text: 'friday' });
    expect(activeOnBf.totalCount).toBe(7);
    expect((await search({ market: 'DE', activeAt: '2026-11-28T00:00:00Z', text: 'friday' })).totalCount).toBe(0);
    const paused = await search({ status: 'PAUSED' });
    expect(paused.edges.every((e: any) => e.node.status === 'PAUSED')).toBe(true);
  });
});

describe('a saved campaign is what evaluation uses', () => {
  it('applies to its channel only and expires at the boundary instant', async () => {
    const { campaign, userErrors } = await create(
      input({
        name: 'Kiosk week',
        channels: ['kiosk'],
        // 5.00 off from 10.00 is DE's whole 50 % cap: alone only
        stacking: 'EXCLUSIVE',
        codes: ['KIOSK5'],
        conditions: [{ type: 'minSubtotal', args: { amount: '10.00' } }],
        effect: { type: 'amountOffCart', args: { amount: '5.00' } },
        validFrom: '2026-11-01T00:00:00Z',
        validUntil: '2026-11-08T00:00:00Z',
      }),
    );
    expect(userErrors).toEqual([]);
    const evaluate = async (channel: string) => {
      const rep = cartRepresentation({ channel, discountCodes: ['KIOSK5'], lines: [{ sku: 'SKU-1010', price: '12.00' }] });
      const res = await callSubgraph(promotions.url, CART_EVALUATION_QUERY, { r: [rep] }, identities.kiosk);
      return res.data._entities[0];
    };
    const saved = clock.now();
    try {
      expect((await evaluate('kiosk')).promotion.discountCodes).toEqual([{ code: 'KIOSK5', name: 'Kiosk week', amount: { amount: '5.00', currencyCode: 'EUR' } }]);
      expect((await evaluate('web')).promotion.nonApplicableDiscountCodes[0].reason).toBe('WRONG_CHANNEL');
      clock.set('2026-11-07T23:59:59.999Z');
      expect((await evaluate('kiosk')).totals.total.amount).toBe('7.00');
      clock.set('2026-11-08T00:00:00.000Z');
      const expired = await evaluate('kiosk');
      expect(expired.promotion.nonApplicableDiscountCodes).toEqual([{ code: 'KIOSK5', reason: 'EXPIRED', message: expect.stringContaining('2026-11-08') }]);
      expect(expired.totals.total.amount).toBe('12.00');
      const status = await callSubgraph(promotions.url, `query($id: ID!) { campaign(id: $id) { status } }`, { id: campaign.id }, identities.marketing);
      expect(status.data.campaign.status).toBe('EXPIRED');
    } finally {
      clock.set(saved);
    }
  });
});
