import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { request } from 'undici';
import { CouponExportRepository } from '../subgraphs/promotions/src/data/couponExportRepository.ts';
import { exportCouponBatch } from '../subgraphs/promotions/src/services/couponExport.ts';
import { parseDownloadPath } from '../subgraphs/promotions/src/http/couponDownload.ts';
import { signIdentity } from '../common/identity.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { TEST_SECRET, identities } from './support/subgraph.ts';
import { waitFor } from './support/wait.ts';

/**
 * GET /exports/coupons/<batch id>.csv | .ndjson through the gateway: the key authenticates, the
 * promotions service checks the marketing scope and the batch's market, and the file is the export of
 * `npm run export:coupons`, streamed.
 */
let g: TestGraph;
let gateway: string;
let deBatch: string;
let frBatch: string;

async function batch(market: string, count: number): Promise<string> {
  const created = await g.gql(
    `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code field } } }`,
    { i: { name: `Download ${market}`, market, couponRequired: true, validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(), effect: { type: 'amountOffCart', args: { amount: '1.00' } }, conditions: [{ type: 'minSubtotal', args: { amount: '20.00' } }] } },
    KEYS.marketing,
  );
  expect(created.data.createCampaign.userErrors).toEqual([]);
  const gen = await g.gql(`mutation($c: ID!, $n: Int!) { generateCouponCodes(campaignId: $c, count: $n, pattern: "DL-XXXXXX") { batch { id } userErrors { code } } }`,
    { c: created.data.createCampaign.campaign.id, n: count }, KEYS.marketing);
  const id = gen.data.generateCouponCodes.batch.id as string;
  await waitFor(async () => (await g.gql(`query($id: ID!) { couponBatch(id: $id) { status } }`, { id }, KEYS.marketing)).data.couponBatch.status === 'COMPLETED', { what: 'batch generated' });
  return id;
}

const get = (path: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET') => request(`${gateway}${path}`, { method, headers });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  g = await startTestGraph();
  gateway = new URL(g.url).origin;
  deBatch = await batch('DE', 25_000);
  frBatch = await batch('FR', 10);
});
afterAll(async () => {
  await g?.stop();
});

describe('coupon download over HTTP', () => {
  it('streams the CSV of a batch: the export of npm run export:coupons, row for row', async () => {
    const res = await get(`/exports/coupons/${deBatch}.csv`, bearer(KEYS.marketingDE));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="coupons-${deBatch}.csv"`);
    // streamed: no length known in advance, sent in chunks as the pages are read
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    let chunks = 0;
    let text = '';
    for await (const chunk of res.body) {
      chunks++;
      text += chunk.toString();
    }
    expect(chunks).toBeGreaterThan(1);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('code,state,orders,redeemedAt');
    expect(lines).toHaveLength(25_001);
    expect(lines[1]).toMatch(/^DL-[A-Z0-9]{6},UNUSED,,$/);
    const out = new PassThrough();
    let expected = '';
    out.on('data', (c: Buffer) => (expected += c.toString()));
    await exportCouponBatch(new CouponExportRepository(g.services.promotions.db), deBatch, out, { format: 'csv' });
    expect(text).toBe(expected);
  });

  it('NDJSON with x-api-key, one object per code', async () => {
    const res = await get(`/exports/coupons/${frBatch}.ndjson`, { 'x-api-key': KEYS.marketing });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const rows = (await res.body.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ code: expect.stringMatching(/^DL-/), state: 'UNUSED', orders: [], redeemedAt: null });
  });

  it('without a valid key: 401 UNAUTHENTICATED', async () => {
    for (const headers of [{}, bearer('not-a-key')]) {
      const res = await get(`/exports/coupons/${deBatch}.csv`, headers);
      expect(res.statusCode).toBe(401);
      expect((await res.body.json() as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a key without the marketing scope: 403 FORBIDDEN', async () => {
    const res = await get(`/exports/coupons/${deBatch}.csv`, bearer(KEYS.web));
    expect(res.statusCode).toBe(403);
    expect((await res.body.json() as any).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it("another market's batch is answered exactly as an unknown one: 404 COUPON_BATCH_NOT_FOUND", async () => {
    const other = await get(`/exports/coupons/${frBatch}.csv`, bearer(KEYS.marketingDE));
    const unknown = await get('/exports/coupons/no-such-batch.csv', bearer(KEYS.marketingDE));
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const a = (await other.body.json()) as any;
    const b = (await unknown.body.json()) as any;
    expect(a.errors[0].extensions.code).toBe('COUPON_BATCH_NOT_FOUND');
    expect(b.errors[0].extensions.code).toBe('COUPON_BATCH_NOT_FOUND');
    expect(a.errors[0].message.replace(frBatch, 'X')).toBe(b.errors[0].message.replace('no-such-batch', 'X'));
  });

  it('a format other than csv or ndjson: 400 BAD_REQUEST; another method: 405', async () => {
    const res = await get(`/exports/coupons/${deBatch}.xlsx`, bearer(KEYS.marketing));
    expect(res.statusCode).toBe(400);
    expect((await res.body.json() as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const post = await get(`/exports/coupons/${deBatch}.csv`, bearer(KEYS.marketing), 'POST');
    expect(post.statusCode).toBe(405);
    await post.body.dump();
  });

  it('the promotions service answers only requests the gateway signed for it', async () => {
    const direct = new URL(`/exports/coupons/${frBatch}.csv`, g.services.promotions.url).toString();
    const unsigned = await request(direct);
    expect(unsigned.statusCode).toBe(401);
    await unsigned.body.dump();
    // a token addressed to another service is refused
    const elsewhere = await request(direct, { headers: { 'x-commerce-identity': signIdentity({ ...identities.marketing, aud: 'orders' }, TEST_SECRET) } });
    expect(elsewhere.statusCode).toBe(401);
    await elsewhere.body.dump();
    const addressed = await request(direct, { headers: { 'x-commerce-identity': signIdentity({ ...identities.marketing, aud: 'promotions' }, TEST_SECRET) } });
    expect(addressed.statusCode).toBe(200);
    expect((await addressed.body.text()).split('\n')[0]).toBe('code,state,orders,redeemedAt');
  });

  it('parses download paths', () => {
    expect(parseDownloadPath('/exports/coupons/b-1.csv')).toEqual({ batchId: 'b-1', format: 'csv' });
    expect(parseDownloadPath('/exports/coupons/b%201.ndjson')).toEqual({ batchId: 'b 1', format: 'ndjson' });
    expect(parseDownloadPath('/exports/coupons/b-1')).toMatch(/expected/);
    expect(parseDownloadPath('/exports/coupons/a/b.csv')).toMatch(/expected/);
    expect(parseDownloadPath('/exports/coupons/%E0%A4%A.csv')).toMatch(/percent-encoding/);
  });
});
