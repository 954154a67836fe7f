import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServiceDatabase } from '../../../../../common/service.ts';
import type { Db } from '../../../../../common/storage/index.ts';
import { quietLog, testConfig } from '../../../../../test/support/subgraph.ts';
import { CampaignRepository, type CampaignRow } from '../../data/campaignRepository.ts';
import { CustomerOrderRepository } from '../../data/customerOrderRepository.ts';
import { migrations } from '../../data/migrations.ts';
import type { CartInput } from '../cart.ts';
import { NativeProvider } from '../providers/native.ts';
import { CampaignIndex, compileCampaign, indexKeys } from './campaignIndex.ts';

/**
 * The in-memory index against two connections to one database, as two replicas of the service have
 * (SQLite file, or one PostgreSQL schema with TEST_DATABASE_URL): a write through one is seen by the
 * other's next evaluation.
 */
let one: Db;
let two: Db;
const ctx = { now: new Date('2026-11-01T10:00:00Z'), signal: new AbortController().signal, log: quietLog };
const AT = ctx.now.toISOString();

function row(id: string, over: Partial<CampaignRow> = {}): CampaignRow {
  return {
    id, market: 'DE', name: id, channels: '[]', priority: 0, stacking: 'STACKABLE', valid_from: null, valid_until: null,
    coupon_required: 0, paused: 0, conditions: '[]', effect: JSON.stringify({ type: 'percentOffCart', args: { percent: 10 } }),
    max_redemptions: null, max_redemptions_per_customer: null, redemptions: 0, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...over,
  };
}

const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'cart-1', market: 'DE', channel: 'web', currencyCode: 'EUR', discountCodes: [],
  lines: [{ id: 'L1', sku: 'SKU-1', quantity: 1, unitPriceMinor: 10_000 }], ...over,
});

const discount = (e: { discounts: { amountMinor: number }[]; discountCodes: { amountMinor: number }[] }) =>
  [...e.discounts, ...e.discountCodes].reduce((s, d) => s + d.amountMinor, 0);

beforeAll(async () => {
  const config = testConfig('promotions');
  one = await openServiceDatabase(config, migrations);
  two = await openServiceDatabase(config, migrations);
});
afterAll(async () => {
  await one.close();
  await two.close();
});

describe('index keys', () => {
  it('buckets a campaign by its channels and by the smallest SKU set one of which it needs', () => {
    const cartWide = compileCampaign(row('a'));
    expect(indexKeys(cartWide)).toEqual({ channels: ['*'], skus: ['*'] });
    const skuBound = compileCampaign(row('b', {
      channels: '["pos"]',
      conditions: JSON.stringify([{ type: 'skusInCart', args: { skus: ['X'] } }]),
      effect: JSON.stringify({ type: 'amountOffSkus', args: { amount: '1.00', skus: ['X', 'Y', 'Z'] } }),
    }));
    expect(indexKeys(skuBound)).toEqual({ channels: ['pos'], skus: ['X'] });
    const byCondition = compileCampaign(row('c', { conditions: JSON.stringify([{ type: 'channel', args: { channels: ['kiosk', 'web'] } }]) }));
    expect(indexKeys(byCondition).channels).toEqual(['kiosk', 'web']);
  });
});

describe('campaign index across replicas', () => {
  it('offers only the campaigns that could apply to the cart\'s channel and SKUs', async () => {
    await new CampaignRepository(one).insert(row('idx-sku-other', { market: 'GB', effect: JSON.stringify({ type: 'percentOffSkus', args: { percent: 5, skus: ['SKU-9'] } }) }));
    await new CampaignRepository(one).insert(row('idx-sku-9', { market: 'GB', effect: JSON.stringify({ type: 'percentOffSkus', args: { percent: 5, skus: ['SKU-9'] } }) }));
    await new CampaignRepository(one).insert(row('idx-pos', { market: 'GB', channels: '["pos"]' }));
    await new CampaignRepository(one).insert(row('idx-all', { market: 'GB' }));
    const index = new CampaignIndex(two);
    const ids = async (channel: string, skus: string[]) => (await index.candidates('GB', channel, skus, [], AT)).campaigns.map((c) => c.id).sort();
    expect(await ids('web', ['SKU-1'])).toEqual(['idx-all']);
    expect(await ids('web', ['SKU-9'])).toEqual(['idx-all', 'idx-sku-9', 'idx-sku-other']);
    expect(await ids('pos', ['SKU-1'])).toEqual(['idx-all', 'idx-pos']);
  });

  it('offers the automatic campaigns in evaluation order, each once, whatever buckets they sit in', async () => {
    const repo = new CampaignRepository(one);
    const skus = (list: string[]) => JSON.stringify({ type: 'percentOffSkus', args: { percent: 5, skus: list } });
    // priority DESC, then createdAt, then id; 'ord-multi' sits in the buckets of SKU-A and SKU-B and both channels
    await repo.insert(row('ord-low', { market: 'JP', priority: 1 }));
    await repo.insert(row('ord-multi', { market: 'JP', priority: 5, channels: '["web","pos"]', effect: skus(['SKU-A', 'SKU-B']) }));
    await repo.insert(row('ord-b', { market: 'JP', priority: 5, effect: skus(['SKU-B']) }));
    await repo.insert(row('ord-web', { market: 'JP', priority: 9, channels: '["web"]' }));
    await repo.insert(row('ord-late', { market: 'JP', priority: 5, created_at: '2026-02-01T00:00:00.000Z' }));
    const index = new CampaignIndex(two);
    const ids = async (skuList: string[]) => (await index.candidates('JP', 'web', skuList, [], AT)).campaigns.map((c) => c.id);
    expect(await ids(['SKU-A', 'SKU-B'])).toEqual(['ord-web', 'ord-b', 'ord-multi', 'ord-late', 'ord-low']);
    expect(await ids(['SKU-B'])).toEqual(['ord-web', 'ord-b', 'ord-multi', 'ord-late', 'ord-low']);
    expect(await ids(['SKU-C'])).toEqual(['ord-web', 'ord-late', 'ord-low']);
  });

  it('sees a campaign created, changed and paused through the other connection at the next evaluation', async () => {
    const reader = new NativeProvider(two);
    expect(discount(await reader.evaluate(cart(), ctx))).toBe(0);
    const writer = new CampaignRepository(one);
    await writer.insert(row('idx-live'));
    expect(discount(await reader.evaluate(cart(), ctx))).toBe(1000);
    await writer.update(row('idx-live', { effect: JSON.stringify({ type: 'percentOffCart', args: { percent: 25 } }) }));
    expect(discount(await reader.evaluate(cart(), ctx))).toBe(2500);
    await writer.update(row('idx-live', { paused: 1 }));
    expect(discount(await reader.evaluate(cart(), ctx))).toBe(0);
  });

  it('sees a budget used up and given back by the other replica', async () => {
    const writer = new CampaignRepository(one);
    await writer.insert(row('idx-budget', { market: 'FR', coupon_required: 1, max_redemptions: 1, effect: JSON.stringify({ type: 'amountOffCart', args: { amount: '5.00' } }) }));
    await writer.replaceExplicitCodes('idx-budget', 'FR', ['ONCE'], AT);
    const reader = new NativeProvider(two);
    const frCart = cart({ market: 'FR', discountCodes: ['once'] });
    expect(discount(await reader.evaluate(frCart, ctx))).toBe(500);
    const redeemer = new NativeProvider(one);
    expect(await redeemer.redeem('order-once', frCart, null, ctx)).toEqual({ ok: true, userErrors: [] });
    const used = await reader.evaluate(frCart, ctx);
    expect(discount(used)).toBe(0);
    expect(used.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'once', reason: 'USAGE_LIMIT_REACHED' })]);
    await redeemer.release('order-once', ctx);
    expect(discount(await reader.evaluate(frCart, ctx))).toBe(500);
  });

  it('decides firstOrder from the customers\' orders recorded by either replica', async () => {
    await new CampaignRepository(one).insert(row('idx-first', {
      market: 'US', coupon_required: 1, conditions: JSON.stringify([{ type: 'firstOrder' }]), effect: JSON.stringify({ type: 'amountOffCart', args: { amount: '10.00' } }),
    }));
    await new CampaignRepository(one).replaceExplicitCodes('idx-first', 'US', ['HELLO'], AT);
    const reader = new NativeProvider(two);
    const usCart = (customerId: string | null) => cart({ market: 'US', currencyCode: 'USD', discountCodes: ['HELLO'], customerId });

    const guest = await reader.evaluate(usCart(null), ctx);
    expect(guest.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'HELLO', reason: 'NO_QUALIFYING_ITEMS' })]);
    expect(discount(await reader.evaluate(usCart('cus-1'), ctx))).toBe(1000);

    const orders = new CustomerOrderRepository(one);
    await orders.record('order-first-1', 'cus-1', 'US', AT);
    const again = await reader.evaluate(usCart('cus-1'), ctx);
    expect(again.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'HELLO', reason: 'USAGE_LIMIT_REACHED' })]);
    expect(discount(await reader.evaluate(usCart('cus-2'), ctx))).toBe(1000);
    // the order being redeemed itself is not an earlier order (a retried redemption still applies)
    expect(await new NativeProvider(one).redeem('order-first-1', usCart('cus-1'), 'cus-1', ctx)).toEqual({ ok: true, userErrors: [] });

    await orders.release('order-first-1', AT);
    expect(discount(await reader.evaluate(usCart('cus-1'), ctx))).toBe(1000);
  });

  it('grants firstOrder to one of two orders priced before either was placed', async () => {
    const usCart = cart({ market: 'US', currencyCode: 'USD', discountCodes: ['HELLO'], customerId: 'cus-9' });
    // both carts were priced with the code; the redemptions come one after the other (through either replica)
    expect(await new NativeProvider(one).redeem('order-nine-a', usCart, 'cus-9', ctx)).toEqual({ ok: true, userErrors: [] });
    const second = await new NativeProvider(two).redeem('order-nine-b', usCart, 'cus-9', ctx);
    expect(second).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'USAGE_LIMIT_REACHED', message: expect.stringContaining('this customer') })] });
    expect(await new CustomerOrderRepository(two).hasOrders('cus-9', 'order-nine-a')).toBe(false);
  });
});
