import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLog } from '../../../../../test/support/subgraph.ts';
import { openDatabase, type Db, type SqlParam } from '../../../../../common/storage/index.ts';
import { CampaignRepository } from '../../data/campaignRepository.ts';
import { migrations } from '../../data/migrations.ts';
import { seedPromotions } from '../../data/seed.ts';
import type { CartInput } from '../cart.ts';
import { NativeProvider } from './native.ts';

/** A Db that counts the campaign rows it hands out. */
function counting(db: Db): Db & { rows: number } {
  const wrapped = Object.create(db) as Db & { rows: number };
  wrapped.rows = 0;
  wrapped.all = async <T,>(sql: string, params?: SqlParam[]) => {
    const result = await db.all<T>(sql, params);
    if (/FROM campaigns|JOIN campaigns/.test(sql)) wrapped.rows += result.length;
    return result;
  };
  return wrapped;
}

let db: Db;
const ctx = { now: new Date('2026-11-01T10:00:00Z'), signal: new AbortController().signal, log: quietLog };
const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'c1',
  market: 'DE',
  channel: 'web',
  currencyCode: 'EUR',
  discountCodes: ['WELCOME10'],
  lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: 6000 }],
  ...over,
});

beforeAll(async () => {
  db = await openDatabase({ service: 'promotions', file: ':memory:', migrations });
  await seedPromotions(db);
  const repo = new CampaignRepository(db);
  const row = (i: number, market: string, couponRequired: number, validUntil: string | null) => ({
    id: `bulk-${market}-${couponRequired}-${validUntil ? 'old' : 'live'}-${i}`,
    market,
    name: `Bulk ${i}`,
    channels: '[]',
    priority: 0,
    stacking: 'STACKABLE',
    valid_from: '2020-01-01T00:00:00.000Z',
    valid_until: validUntil,
    coupon_required: couponRequired,
    paused: 0,
    conditions: '[]',
    effect: JSON.stringify({ type: 'percentOffCart', args: { percent: 1 } }),
    max_redemptions: null,
    max_redemptions_per_customer: null,
    redemptions: 0,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  await db.transaction(async (tx) => {
    const r = new CampaignRepository(tx);
    for (let i = 0; i < 300; i++) {
      await r.insert(row(i, 'FR', 0, null)); // automatic campaigns of another market
      await r.insert(row(i, 'DE', 1, null)); // coupon campaigns of the market, codes not entered
      await r.insert(row(i, 'DE', 0, '2025-01-01T00:00:00.000Z')); // expired automatic campaigns of the market
    }
  });
  expect((await repo.search({ markets: '*', now: ctx.now.toISOString(), after: null, limit: 10_000 })).totalCount).toBeGreaterThan(900);
});
afterAll(async () => {
  await db.close();
});

describe('native provider', () => {
  it('reads only the market\'s live automatic campaigns and the campaigns of the entered codes', async () => {
    const spy = counting(db);
    const evaluation = await new NativeProvider(spy).evaluate(cart(), ctx);
    expect(evaluation.discountCodes).toEqual([expect.objectContaining({ code: 'WELCOME10', amountMinor: 600 })]);
    // WELCOME10's campaign (the entered code) and the market's one live automatic campaign (free standard delivery)
    expect(spy.rows).toBe(2);
  });

  it('evaluates without writing', async () => {
    const before = await db.get<{ n: number }>('SELECT SUM(redemptions) AS n FROM campaigns');
    await new NativeProvider(db).evaluate(cart(), ctx);
    expect(await db.get('SELECT SUM(redemptions) AS n FROM campaigns')).toEqual(before);
  });
});
