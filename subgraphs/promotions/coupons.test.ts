import { describe, expect, it } from 'vitest';
import { testMarketSource } from '../../test/support/markets.ts';
import type { ServiceConfig } from '../../common/config.ts';
import type { Identity } from '../../common/identity.ts';
import { CART_EVALUATION_QUERY, cartRepresentation, TEST_PROVIDER_TIMEOUT_MS } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { callSubgraph, identities, quietLog, testConfig } from '../../test/support/subgraph.ts';
import { startPromotions } from './server.ts';

const promotions = usePromotionsService();
const clock = promotions.clock;

const GENERATE = `mutation($c: ID!, $n: Int!, $p: String) { generateCouponCodes(campaignId: $c, count: $n, pattern: $p) {
  batch { id campaignId pattern count generated status error createdAt } userErrors { code field message } } }`;
const BATCH = `query($id: ID!) { couponBatch(id: $id) { id count generated status error } }`;

async function generate(url: string, campaignId: string, count: number, pattern?: string, identity: Identity = identities.marketing) {
  const res = await callSubgraph(url, GENERATE, { c: campaignId, n: count, p: pattern }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.generateCouponCodes;
}

async function createCampaign(url: string, name: string, market = 'DE'): Promise<string> {
  const res = await callSubgraph(
    url,
    `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field } } }`,
    // EXCLUSIVE: 3.00 off from 6.00 is half the cart, which may not stack with DE's other campaigns under its percent cap
    { i: { name, market, couponRequired: true, stacking: 'EXCLUSIVE', validUntil: '2027-06-01T00:00:00Z', conditions: [{ type: 'minSubtotal', args: { amount: '6.00' } }], effect: { type: 'amountOffCart', args: { amount: '3.00' } } } },
    identities.marketing,
  );
  expect(res.data.createCampaign.userErrors).toEqual([]);
  return res.data.createCampaign.campaign.id;
}

/** Polls the batch until it is finished; returns the generated counts seen on the way. */
async function waitForBatch(url: string, id: string, timeoutMs = 60_000): Promise<{ final: any; seen: number[] }> {
  const seen: number[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await callSubgraph(url, BATCH, { id }, identities.marketing);
    const b = res.data.couponBatch;
    seen.push(b.generated);
    if (b.status === 'COMPLETED' || b.status === 'FAILED') return { final: b, seen };
    if (Date.now() > until) throw new Error(`batch ${id} still ${b.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('generateCouponCodes', () => {
  it('answers at once with a PENDING batch, then generates 20,000 unique codes in the background', async () => {
    const campaignId = await createCampaign(promotions.url, 'Black Friday coupons');
    const { batch, userErrors } = await generate(promotions.url, campaignId, 20_000, 'BF-XXXX-XXXX');
    expect(userErrors).toEqual([]);
    // answered before the first chunk was written: the generation runs in the background
    expect(batch).toMatchObject({ campaignId, pattern: 'BF-XXXX-XXXX', count: 20_000, generated: 0, status: 'PENDING', error: null });

    const { final, seen } = await waitForBatch(promotions.url, batch.id);
    expect(final).toEqual({ id: batch.id, count: 20_000, generated: 20_000, status: 'COMPLETED', error: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // progress only grows

    const rows = await promotions.svc.db.all<{ code: string; market: string }>('SELECT code, market FROM discount_codes WHERE batch_id = ?', [batch.id]);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r.code)).size).toBe(20_000);
    expect(rows.every((r) => /^BF-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(r.code) && r.market === 'DE')).toBe(true);

    // generated codes are real codes: checked, found by search, applied to carts; not listed as explicit codes
    const sample = rows[12_345].code;
    const check = await callSubgraph(promotions.url, 'query($c: [String!]!) { discountCodeChecks(market: "DE", codes: $c) { valid } }', { c: [sample.toLowerCase()] });
    expect(check.data.discountCodeChecks).toEqual([{ valid: true }]);
    const found = await callSubgraph(promotions.url, 'query($c: String) { campaigns(filter: { code: $c }) { edges { node { id codes } } } }', { c: sample }, identities.marketing);
    expect(found.data.campaigns.edges).toEqual([{ node: { id: campaignId, codes: [] } }]);
    const rep = cartRepresentation({ discountCodes: [sample], lines: [{ sku: 'SKU-1001', price: '10.00' }] });
    const evaluated = await callSubgraph(promotions.url, CART_EVALUATION_QUERY, { r: [rep] }, identities.web);
    expect(evaluated.data._entities[0].totals.total.amount).toBe('7.00');
  });

  it('keeps codes unique in the market across batches, retrying collisions, and fails when the pattern is used up', async () => {
    const campaignId = await createCampaign(promotions.url, 'Tiny pattern');
    const first = await generate(promotions.url, campaignId, 50, 'Z##');
    const second = await generate(promotions.url, campaignId, 50, 'Z##');
    expect((await waitForBatch(promotions.url, first.batch.id)).final.status).toBe('COMPLETED');
    expect((await waitForBatch(promotions.url, second.batch.id)).final.status).toBe('COMPLETED');
    const codes = await promotions.svc.db.all<{ code: string }>(`SELECT code FROM discount_codes WHERE market = 'DE' AND code LIKE 'Z%' AND batch_id IS NOT NULL`);
    expect(new Set(codes.map((c) => c.code)).size).toBe(100);
    const third = await generate(promotions.url, campaignId, 1, 'Z##');
    const { final } = await waitForBatch(promotions.url, third.batch.id);
    expect(final).toMatchObject({ status: 'FAILED', generated: 0, error: expect.stringContaining('ran out') });
  });

  it('validates count, pattern and campaign with coded errors', async () => {
    const campaignId = await createCampaign(promotions.url, 'Validation');
    const cases: [number, string | undefined, string, string][] = [
      [0, undefined, 'INVALID_COUNT', 'count'],
      [1_000_001, undefined, 'INVALID_COUNT', 'count'],
      [60, 'Q##', 'PATTERN_TOO_SMALL', 'pattern'],
      [10, 'bf-####', 'INVALID_PATTERN', 'pattern'],
      [10, 'BF-NONE', 'INVALID_PATTERN', 'pattern'],
    ];
    for (const [count, pattern, code, field] of cases) {
      const r = await generate(promotions.url, campaignId, count, pattern);
      expect(r).toEqual({ batch: null, userErrors: [expect.objectContaining({ code, field })] });
    }
    expect((await generate(promotions.url, campaignId, 50, 'Q##')).userErrors).toEqual([]);
  });

  it('hides campaigns and batches of other markets', async () => {
    const frCampaign = await createCampaign(promotions.url, 'FR coupons', 'FR');
    const denied = await generate(promotions.url, frCampaign, 10, undefined, identities.marketingDE);
    expect(denied).toEqual({ batch: null, userErrors: [expect.objectContaining({ code: 'CAMPAIGN_NOT_FOUND', field: 'campaignId' })] });
    const { batch } = await generate(promotions.url, frCampaign, 10);
    await waitForBatch(promotions.url, batch.id);
    expect((await callSubgraph(promotions.url, BATCH, { id: batch.id }, identities.marketingDE)).data.couponBatch).toBeNull();
    expect((await callSubgraph(promotions.url, BATCH, { id: batch.id }, identities.web)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('stopping the service', () => {
  it('stops the generation between chunks and resumes it at the next start', async () => {
    const config: ServiceConfig = testConfig('promotions');
    const first = await startPromotions({ config, clock, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS, markets: testMarketSource(), couponChunkSize: 500 });
    const campaignId = await createCampaign(first.url, 'Resumable');
    const { batch } = await generate(first.url, campaignId, 40_000);
    await first.stop(); // waits for the current chunk, leaves the batch unfinished
    const left = await first.db.get<{ status: string; generated: number }>('SELECT status, generated FROM coupon_batches WHERE id = ?', [batch.id]);
    await first.db.close();
    expect(left?.status).toMatch(/PENDING|RUNNING/);
    expect(Number(left?.generated)).toBeLessThan(40_000);

    const second = await startPromotions({ config, clock, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS, markets: testMarketSource(), couponChunkSize: 5000 });
    try {
      const { final } = await waitForBatch(second.url, batch.id);
      expect(final).toMatchObject({ status: 'COMPLETED', generated: 40_000 });
      const n = await second.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM discount_codes WHERE batch_id = ?', [batch.id]);
      expect(Number(n?.n)).toBe(40_000);
    } finally {
      await second.stop();
      await second.db.close();
    }
  });
});
