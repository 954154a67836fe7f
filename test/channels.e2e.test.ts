import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** The POS, kiosk, in-game and marketing operations of clients/, unchanged, through the gateway. */
let g: TestGraph;

async function op(file: string, operationName: string, variables: Record<string, unknown>, key: string) {
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: readFileSync(`clients/${file}`, 'utf8'), operationName, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: any[] };
  expect(body.errors, `${operationName}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('point of sale', () => {
  it('scans an item with its store stock, sells from the store, imports offline sales idempotently', async () => {
    const scan = await op('pos.graphql', 'ScanItem', { sku: 'SKU-1001', market: 'DE', location: 'store-berlin-1' }, KEYS.pos);
    expect(scan.product.stockLevel).toMatchObject({ location: 'store-berlin-1', reserved: 0 });
    expect(scan.product.stockLevel.available).toBeGreaterThan(0);

    const cart = await op('pos.graphql', 'CreateStoreCart', { input: { market: 'DE', location: 'store-berlin-1' } }, KEYS.pos);
    expect(cart.createCart.cart).toMatchObject({ market: 'DE', channel: 'pos', location: 'store-berlin-1' });

    const price = scan.product.price;
    const orders = [
      { externalId: 'till-7-0001', market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:00:00Z', lines: [{ sku: 'SKU-1001', quantity: 1, unitPrice: price }] },
      { externalId: 'till-7-0002', market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:05:00Z', lines: [{ sku: 'SKU-0000', quantity: 1, unitPrice: price }] },
      { externalId: 'till-7-0003', market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:06:00Z', lines: [{ quantity: 1, unitPrice: price }] },
    ];
    const first = await op('pos.graphql', 'ImportOfflineOrders', { orders }, KEYS.pos);
    expect(first.importOrders.results.map((r: any) => r.status)).toEqual(['CREATED', 'QUARANTINED', 'QUARANTINED']);
    expect(first.importOrders.results[1].quarantine.reason).toMatch(/UNKNOWN_SKU/);
    expect(first.importOrders.results[2].quarantine.reason).toMatch(/MISSING_FIELD/);
    const again = await op('pos.graphql', 'ImportOfflineOrders', { orders }, KEYS.pos);
    expect(again.importOrders.results.map((r: any) => r.status)).toEqual(['DUPLICATE', 'QUARANTINED', 'QUARANTINED']);
    expect(again.importOrders.results[0].order.id).toBe(first.importOrders.results[0].order.id);
    expect(again.importOrders.results[1].quarantine.id).toBe(first.importOrders.results[1].quarantine.id);

    const held = await op('marketing.graphql', 'QuarantinedOrders', { first: 10 }, KEYS.operations);
    expect(held.quarantinedOrders.edges.map((e: any) => e.node.externalId).sort()).toEqual(['till-7-0002', 'till-7-0003']);
    expect(held.quarantinedOrders.edges[0].node.payload.externalId).toMatch(/^till-7-/);
  });
});

describe('kiosk', () => {
  it('browses, builds a cart and checks out', async () => {
    const shelf = await op('kiosk.graphql', 'KioskProducts', { market: 'FR', first: 5 }, KEYS.kiosk);
    expect(shelf.products.edges).toHaveLength(5);
    const cart = await op('kiosk.graphql', 'KioskCart', { input: { market: 'FR' } }, KEYS.kiosk);
    const { id, version } = cart.createCart.cart;
    const added = await op('kiosk.graphql', 'KioskAddLines', { cartId: id, expectedVersion: version, lines: [{ sku: 'SKU-1005', quantity: 2 }] }, KEYS.kiosk);
    const total = added.addCartLines.cart.totals.total;
    expect(total.currencyCode).toBe('EUR');
    const paid = await op('kiosk.graphql', 'KioskCheckout', { cartId: id, idempotencyKey: 'kiosk-1', payment: { reference: 'terminal-1', amount: total } }, KEYS.kiosk);
    expect(paid.placeOrder.userErrors).toEqual([]);
    expect(paid.placeOrder.order).toMatchObject({ status: 'PLACED', totals: { total } });
  });
});

describe('in-game store', () => {
  it('shows the shelf, buys in JPY and sees non-applicable codes', async () => {
    const shelf = await op('ingame.graphql', 'InGameShelf', { market: 'JP' }, KEYS.inGame);
    expect(shelf.products.edges).toHaveLength(12);
    expect(shelf.products.edges[0].node.price.amount).toMatch(/^\d+$/);
    const cart = await op('ingame.graphql', 'InGameBuy', { input: { market: 'JP', discountCodes: ['JPSALE'] } }, KEYS.inGame);
    expect(cart.createCart.cart.currencyCode).toBe('JPY');
    const added = await op('ingame.graphql', 'InGameAdd', { cartId: cart.createCart.cart.id, expectedVersion: 1, lines: [{ sku: 'SKU-1001', quantity: 1 }] }, KEYS.inGame);
    expect(added.addCartLines.cart.promotion.nonApplicableDiscountCodes).toEqual([{ code: 'JPSALE', reason: 'MIN_SUBTOTAL_NOT_REACHED' }]);
    expect(added.addCartLines.cart.totals.total.amount).toMatch(/^\d+$/);
  });
});

describe('marketing', () => {
  it('creates, finds and codes campaigns; routes a market; reads its shadow report', async () => {
    const created = await op('marketing.graphql', 'CreateCampaign', {
      input: {
        name: 'Black Friday 20%', market: 'DE', channels: ['web'], priority: 20, stacking: 'STACKABLE',
        validFrom: '2026-11-27T00:00:00Z', validUntil: '2026-11-30T23:59:59Z', couponRequired: true, codes: ['BF-2026'],
        conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }], effect: { type: 'percentOffCart', args: { percent: 20 } },
        budget: { maxRedemptions: 1000, maxRedemptionsPerCustomer: 1 },
      },
    }, KEYS.marketingDE);
    expect(created.createCampaign.userErrors).toEqual([]);
    expect(created.createCampaign.campaign).toMatchObject({ name: 'Black Friday 20%', market: 'DE' });

    const capped = await op('marketing.graphql', 'CreateCampaign', {
      input: { name: 'Too generous', market: 'DE', effect: { type: 'percentOffCart', args: { percent: 90 } } },
    }, KEYS.marketingDE);
    expect(capped.createCampaign.userErrors[0].code).toBe('DISCOUNT_CAP_EXCEEDED');

    const found = await op('marketing.graphql', 'SearchCampaigns', { filter: { market: 'DE', text: 'black friday', code: 'BF-2026' }, first: 10 }, KEYS.marketingDE);
    expect(found.campaigns.totalCount).toBe(1);
    expect(found.campaigns.edges[0].node.id).toBe(created.createCampaign.campaign.id);

    // another market is refused by value at the gateway
    const fr = await fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.marketingDE}` },
      body: JSON.stringify({ query: readFileSync('clients/marketing.graphql', 'utf8'), operationName: 'SearchCampaigns', variables: { filter: { market: 'FR' }, first: 10 } }),
    });
    expect(fr.status).toBe(403);
    expect(((await fr.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');

    const batch = await op('marketing.graphql', 'GenerateCouponCodes', { campaignId: created.createCampaign.campaign.id, count: 100, pattern: 'BF-####-####' }, KEYS.marketingDE);
    expect(batch.generateCouponCodes.userErrors).toEqual([]);
    expect(batch.generateCouponCodes.batch).toMatchObject({ count: 100 });

    const routing = await op('marketing.graphql', 'SetPromotionRouting', { input: { market: 'FR', provider: 'native', shadowProvider: 'legacy', rollout: null } }, KEYS.marketing);
    expect(routing.setPromotionRouting.userErrors).toEqual([]);
    expect(routing.setPromotionRouting.routing).toMatchObject({ market: 'FR', provider: 'native', shadowProvider: 'legacy' });
    const report = await op('marketing.graphql', 'PromotionShadowReport', { market: 'FR' }, KEYS.marketing);
    expect(report.promotionShadowReport).toMatchObject({ market: 'FR', primaryProvider: 'native', shadowProvider: 'legacy' });
  });

  it('records a stocktake as documented adjustments', async () => {
    const before = await g.gql('{ product(sku: "SKU-1020") { stockLevel(location: "wh-eu") { onHand } } }', {}, KEYS.operations);
    const onHand = before.data.product.stockLevel.onHand;
    const res = await op('marketing.graphql', 'RecordStocktake', { location: 'wh-eu', counts: [{ sku: 'SKU-1020', counted: onHand - 2 }, { sku: 'SKU-1021', counted: 0 }] }, KEYS.operations);
    expect(res.recordStocktake.userErrors).toEqual([]);
    expect(res.recordStocktake.adjustments).toContainEqual({ sku: 'SKU-1020', location: 'wh-eu', delta: -2, reason: 'STOCKTAKE' });
  });
});
