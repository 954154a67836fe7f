import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cartRepresentation } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { callSubgraph, identities } from '../../test/support/subgraph.ts';
import { waitFor } from '../../test/support/wait.ts';
import { parseCouponExportArgs } from '../../scripts/export-coupons.ts';
import { CouponExportRepository } from './src/data/couponExportRepository.ts';
import { CouponBatchNotFound, exportCouponBatch, type CouponExportFormat } from './src/services/couponExport.ts';

const promotions = usePromotionsService();

const REDEEM = `mutation($o: ID!, $c: JSON!) { redeemPromotions(orderId: $o, cart: $c) { ok userErrors { code } } }`;
const RELEASE = `mutation($o: ID!) { releaseRedemptions(orderId: $o) }`;

async function batchOf(count: number, campaignInput: Record<string, unknown> = {}): Promise<{ batchId: string; campaignId: string }> {
  // 1.00 off from 20.00, ending before the seeded FUTURE20 starts: several such campaigns stay within DE's percent cap together
  const created = await promotions.createCampaign({ name: 'Newsletter coupons', couponRequired: true, validUntil: '2029-12-31T00:00:00Z', conditions: [{ type: 'minSubtotal', args: { amount: '20.00' } }], effect: { type: 'amountOffCart', args: { amount: '1.00' } }, ...campaignInput });
  expect(created.userErrors).toEqual([]);
  const campaignId = created.campaign.id;
  const res = await promotions.call(`mutation($c: ID!, $n: Int!) { generateCouponCodes(campaignId: $c, count: $n, pattern: "NL-XXXXXX") { batch { id } userErrors { code } } }`, { c: campaignId, n: count });
  expect(res.data.generateCouponCodes.userErrors).toEqual([]);
  const batchId = res.data.generateCouponCodes.batch.id;
  await waitFor(async () => (await promotions.call('query($id: ID!) { couponBatch(id: $id) { status } }', { id: batchId })).data.couponBatch.status === 'COMPLETED', { what: 'batch completed' });
  return { batchId, campaignId };
}

async function exported(batchId: string, format: CouponExportFormat, pageSize?: number): Promise<{ text: string; progress: Awaited<ReturnType<typeof exportCouponBatch>> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const progress = await exportCouponBatch(new CouponExportRepository(promotions.svc.db), batchId, out, { format, pageSize });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), progress };
}

const redeem = async (orderId: string, code: string) => {
  const res = await callSubgraph(promotions.url, REDEEM, { o: orderId, c: cartRepresentation({ id: `cart-${orderId}`, discountCodes: [code], lines: [{ sku: 'SKU-1001', price: '20.00' }] }) }, identities.service);
  expect(res.errors).toBeUndefined();
  expect(res.data.redeemPromotions).toEqual({ ok: true, userErrors: [] });
};

describe('coupon export', () => {
  it('streams every code of the batch once, in code order, with its state and the orders that redeemed it', async () => {
    const { batchId } = await batchOf(2_500);
    const codes = (await promotions.svc.db.all<{ code: string }>('SELECT code FROM discount_codes WHERE batch_id = ? ORDER BY code', [batchId])).map((r) => r.code);
    expect(codes).toHaveLength(2_500);
    // two orders redeem one code, one order another, a third redemption is released again
    await redeem('order-exp-1', codes[10]);
    await redeem('order-exp-2', codes[10]);
    await redeem('order-exp-3', codes[1_999]);
    await redeem('order-exp-4', codes[2_400]);
    expect((await callSubgraph(promotions.url, RELEASE, { o: 'order-exp-4' }, identities.service)).data.releaseRedemptions).toBe(true);

    // pages smaller than the batch (and a page boundary right after a redeemed code)
    const { text, progress } = await exported(batchId, 'ndjson', 1_000);
    const rows = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.code)).toEqual(codes);
    expect(progress).toEqual({ codes: 2_500, redeemed: 2, total: 2_500 });
    expect(rows[10]).toMatchObject({ code: codes[10], state: 'REDEEMED', orders: ['order-exp-1', 'order-exp-2'] });
    expect(rows[10].redeemedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows[1_999]).toMatchObject({ state: 'REDEEMED', orders: ['order-exp-3'] });
    expect(rows[2_400]).toEqual({ code: codes[2_400], state: 'UNUSED', orders: [], redeemedAt: null });
    expect(rows.filter((r) => r.state === 'REDEEMED')).toHaveLength(2);

    const csv = await exported(batchId, 'csv', 700);
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toBe('code,state,orders,redeemedAt');
    expect(lines).toHaveLength(2_501);
    expect(lines[11]).toMatch(new RegExp(`^${codes[10]},REDEEMED,order-exp-1 order-exp-2,\\d{4}-`));
    expect(lines[1]).toBe(`${codes[0]},UNUSED,,`);
  });

  it('codes of the same campaign in other batches or entered by hand stay out of the export', async () => {
    const { batchId, campaignId } = await batchOf(50, { codes: ['NL-AAAAAA'] });
    const other = await promotions.call(`mutation($c: ID!) { generateCouponCodes(campaignId: $c, count: 30, pattern: "NL-XXXXXX") { batch { id } } }`, { c: campaignId });
    const otherId = other.data.generateCouponCodes.batch.id;
    await waitFor(async () => (await promotions.call('query($id: ID!) { couponBatch(id: $id) { status } }', { id: otherId })).data.couponBatch.status === 'COMPLETED');
    await redeem('order-exp-hand', 'NL-AAAAAA');
    const { text, progress } = await exported(batchId, 'ndjson');
    const rows = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(50);
    expect(progress.redeemed).toBe(0);
    expect(rows.some((r) => r.code === 'NL-AAAAAA')).toBe(false);
  });

  it('waits for a slow reader rather than buffering the batch (back-pressure)', async () => {
    const { batchId } = await batchOf(3_000);
    let written = 0;
    let mostBuffered = 0;
    const slow: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        mostBuffered = Math.max(mostBuffered, slow.writableLength);
        setImmediate(done);
      },
    });
    const progress = await exportCouponBatch(new CouponExportRepository(promotions.svc.db), batchId, slow, { format: 'csv', pageSize: 500 });
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(progress.codes).toBe(3_000);
    const page = 500 * 'NL-XXXXXX,UNUSED,,\n'.length;
    expect(written).toBe('code,state,orders,redeemedAt\n'.length + 6 * page);
    // never more than one page waiting in the stream (without waiting for 'drain': all six)
    expect(mostBuffered).toBeLessThanOrEqual(page);
  });

  it('refuses an unknown batch and bad command lines', async () => {
    await expect(exported('no-such-batch', 'csv')).rejects.toBeInstanceOf(CouponBatchNotFound);
    expect(parseCouponExportArgs(['--batch', 'b1'])).toEqual({ batch: 'b1', format: 'csv', out: null });
    expect(parseCouponExportArgs(['--batch=b1', '--format', 'ndjson', '--out', 'codes.ndjson'])).toEqual({ batch: 'b1', format: 'ndjson', out: 'codes.ndjson' });
    expect(parseCouponExportArgs([])).toMatch(/--batch needs/);
    expect(parseCouponExportArgs(['--batch', '--format'])).toMatch(/--batch needs/);
    expect(parseCouponExportArgs(['--batch', 'b1', '--format', 'xlsx'])).toMatch(/--format must be csv or ndjson/);
    expect(parseCouponExportArgs(['--batch', 'b1', '--out'])).toMatch(/--out needs/);
  });
});
