import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { DEMO_PRODUCTS, demoPriceMinor } from '../common/demo.ts';
import { importInto } from '../scripts/import.ts';
import type { RunningCatalog } from '../subgraphs/catalog/server.ts';
import type { RunningPromotions } from '../subgraphs/promotions/server.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { callSubgraph, identities, testConfig } from './support/subgraph.ts';

/**
 * One audit trail through the gateway: prices (recorded by the catalog) beside campaigns, shadow
 * report resets and tax exemptions (recorded by promotions), with key, time, before and after; per
 * entity and per key, paged as one trail; each service forgets after its own retention.
 */
let g: TestGraph;
const clock = new ManualClock(new Date('2026-11-02T09:00:00.000Z'));

const TRAIL = `query($f: AuditFilter, $n: Int, $a: String) { auditTrail(filter: $f, first: $n, after: $a) {
  events { id entityType entityId market action keyId at before after changes { field before after } } pageInfo { hasNextPage endCursor } } }`;
const SET_PRICE = `mutation($i: SetPriceInput!) { setPrice(input: $i) { product { sku } userErrors { code field } } }`;
const SET_PRICES = `mutation($i: [SetPriceInput!]!) { setPrices(input: $i) { products { sku } userErrors { code field } } }`;

interface Event {
  id: string;
  entityType: string;
  entityId: string;
  market: string | null;
  action: string;
  keyId: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

async function trail(filter: Record<string, unknown> | null, key = KEYS.operations, first = 200, after?: string | null): Promise<{ events: Event[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
  const res = await g.gql(TRAIL, { f: filter, n: first, a: after ?? null }, key);
  expect(res.errors).toBeUndefined();
  return res.data.auditTrail;
}

const sku1 = DEMO_PRODUCTS[0];
const euro = (minor: number) => (minor / 100).toFixed(2);

beforeAll(async () => {
  g = await startTestGraph({ clock, catalogOptions: { auditRetentionDays: 30 }, promotionsOptions: { auditRetentionDays: 60 } });
});
afterAll(async () => {
  await g?.stop();
});

describe('the audit trail of prices, shadow reports and tax exemptions', () => {
  it('records a price set by a marketing key: who, when, the price before and after; a refused one records nothing', async () => {
    const set = await g.gql(SET_PRICE, { i: { sku: sku1.sku, market: 'DE', amount: '77.70' } }, KEYS.marketing);
    expect(set.data.setPrice.userErrors).toEqual([]);
    const refused = await g.gql(SET_PRICE, { i: { sku: sku1.sku, market: 'DE', amount: '-1.00' } }, KEYS.marketing);
    expect(refused.data.setPrice.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_AMOUNT']);

    const { events } = await trail({ entityType: 'PRICE', entityId: sku1.sku });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: 'PRICE', entityId: sku1.sku, market: 'DE', action: 'SET', keyId: 'demo:marketing', at: clock.now().toISOString(),
      before: { amount: euro(demoPriceMinor(sku1, 'DE')), currencyCode: 'EUR', validUntil: null },
      after: { amount: '77.70', currencyCode: 'EUR', validFrom: clock.now().toISOString(), validUntil: null },
    });
    expect(events[0].changes.map((c) => c.field)).toEqual(['amount', 'validFrom']);
    expect(events[0].changes[0]).toEqual({ field: 'amount', before: euro(demoPriceMinor(sku1, 'DE')), after: '77.70' });
  });

  it('records each price of a price list; a scheduled one as SCHEDULED; a DE marketer sees DE only', async () => {
    clock.advance(60_000);
    const res = await g.gql(SET_PRICES, { i: [
      { sku: 'SKU-1002', market: 'DE', amount: '12.00' },
      { sku: 'SKU-1002', market: 'FR', amount: '13.00', validFrom: '2026-11-27T00:00:00Z', validUntil: '2026-11-30T00:00:00Z' },
    ] }, KEYS.operations);
    expect(res.data.setPrices.userErrors).toEqual([]);
    const { events } = await trail({ entityType: 'PRICE', entityId: 'SKU-1002' });
    expect(events.map((e) => `${e.market} ${e.action} ${e.keyId}`).sort()).toEqual(['DE SET demo:operations', 'FR SCHEDULED demo:operations']);
    const fr = events.find((e) => e.market === 'FR')!;
    expect(fr.before).toMatchObject({ amount: euro(demoPriceMinor(DEMO_PRODUCTS[1], 'FR')) });
    expect(fr.after).toEqual({ amount: '13.00', currencyCode: 'EUR', validFrom: '2026-11-27T00:00:00.000Z', validUntil: '2026-11-30T00:00:00.000Z' });

    const de = await trail({ entityType: 'PRICE' }, KEYS.marketingDE);
    expect(de.events.length).toBe(2);
    expect(de.events.every((e) => e.market === 'DE')).toBe(true);
  });

  it('records shadow report resets and tax exemptions; exemptions only for operations keys', async () => {
    clock.advance(60_000);
    const reset = await g.gql(`mutation { resetPromotionShadowReport(market: "FR") { userErrors { code } } }`, {}, KEYS.marketing);
    expect(reset.errors).toBeUndefined();
    const exempt = await g.gql(`mutation { setCustomerTaxExemption(customerId: "b2b-audit", exempt: true, reason: "cert 7") { userErrors { code } } }`, {}, KEYS.operations);
    expect(exempt.data.setCustomerTaxExemption.userErrors).toEqual([]);

    const [shadow] = (await trail({ entityType: 'SHADOW_REPORT', entityId: 'FR' })).events;
    expect(shadow).toMatchObject({ market: 'FR', action: 'RESET', keyId: 'demo:marketing', after: { evaluations: 0, mismatches: 0, since: clock.now().toISOString() } });
    const [tax] = (await trail({ entityType: 'TAX_EXEMPTION', entityId: 'b2b-audit' })).events;
    expect(tax).toMatchObject({ market: null, action: 'SET', keyId: 'demo:operations', before: { exempt: false, reason: null }, after: { exempt: true, reason: 'cert 7' } });
    expect((await trail({ entityType: 'TAX_EXEMPTION' }, KEYS.marketing)).events).toEqual([]);
  });

  it('records a run of the prices import as one event with its counts', async () => {
    clock.advance(60_000);
    const file = join(mkdtempSync(join(tmpdir(), 'audit-prices-')), 'prices.csv');
    writeFileSync(file, `sku,market,amount\nSKU-1003,DE,19.00\nSKU-1004,DE,-2.00\nSKU-1005,GB,21.00\n`);
    const result = await importInto(g.services.catalog.db, testConfig('catalog'), { kind: 'prices', file, restart: false }, { keyId: 'cli:merchant', clock });
    expect(result).toMatchObject({ rows: 3, accepted: 2, rejected: 1, complete: true });
    const { events } = await trail({ keyId: 'cli:merchant' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'PRICE_IMPORT', market: null, action: 'IMPORTED', before: null, after: { file: 'prices.csv', rows: 3, accepted: 2, rejected: 1, complete: true } });
    // a DE marketer reads no event without a market
    expect((await trail({ keyId: 'cli:merchant' }, KEYS.marketingDE)).events).toEqual([]);
  });

  it('is one trail per key and in pages: the catalog\'s events and promotions\' merged newest first', async () => {
    clock.advance(60_000);
    const campaign = await g.gql(`mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id } userErrors { code } } }`, {
      i: { name: 'Audited', market: 'GB', couponRequired: true, codes: ['AUDITGB'], effect: { type: 'percentOffCart', args: { percent: 5 } } },
    }, KEYS.marketing);
    expect(campaign.data.createCampaign.userErrors).toEqual([]);
    clock.advance(60_000);
    expect((await g.gql(SET_PRICE, { i: { sku: 'SKU-1006', market: 'GB', amount: '30.00' } }, KEYS.marketing)).data.setPrice.userErrors).toEqual([]);

    const all = (await trail({ keyId: 'demo:marketing' })).events;
    expect(all.map((e) => e.entityType)).toEqual(['PRICE', 'CAMPAIGN', 'SHADOW_REPORT', 'PRICE']);
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    // page by page, one event a page, across both services: the same events in the same order
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await trail({ keyId: 'demo:marketing' }, KEYS.operations, 1, after);
      paged.push(...page.events.map((e) => e.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((e) => e.id));
  });

  it('keeps the catalog\'s auditEvents internal: a caller without a service token is refused', async () => {
    const direct = await callSubgraph(g.services.catalog.url, `{ auditEvents(entityTypes: ["PRICE"], first: 5) }`, {}, identities.operations);
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viaGateway = await g.gql(`{ auditEvents(entityTypes: ["PRICE"], first: 5) }`, {}, KEYS.operations);
    expect(viaGateway.data).toBeUndefined();
    expect(viaGateway.errors?.length).toBeGreaterThan(0);
  });

  it('forgets events after each service\'s retention (catalog 30 days, promotions 60)', async () => {
    const catalog = g.services.catalog as RunningCatalog;
    const promotions = g.services.promotions as RunningPromotions;
    const prices = (await trail({ entityType: 'PRICE' })).events.length + (await trail({ entityType: 'PRICE_IMPORT' })).events.length;
    expect(prices).toBe(5);
    clock.advance(29 * 86_400_000);
    expect(await catalog.sweepAudit()).toBe(0);
    clock.advance(2 * 86_400_000);
    expect(await catalog.sweepAudit()).toBe(prices);
    expect(await promotions.sweepAudit()).toBe(0);
    expect((await trail({ entityType: 'PRICE' })).events).toEqual([]);
    const left = (await trail(null)).events;
    expect(left.map((e) => e.entityType).sort()).toEqual(['CAMPAIGN', 'SHADOW_REPORT', 'TAX_EXEMPTION']);
    clock.advance(30 * 86_400_000);
    expect(await promotions.sweepAudit()).toBe(3);
    expect((await trail(null)).events).toEqual([]);
  });
});
