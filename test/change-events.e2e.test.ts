import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook.ts';

/**
 * ProductChanged, PriceChanged and StockChanged leave the catalog and inventory through their outboxes
 * like OrderCreated: signed, retried, one event per SKU while the relay has not sent it yet.
 */
let g: TestGraph;
let catalogHook: WebhookReceiver;
let stockHook: WebhookReceiver;
const fast = { pollIntervalMs: 50, backoffBaseMs: 50, backoffCapMs: 200, maxAttempts: 3 };

beforeAll(async () => {
  catalogHook = await startWebhookReceiver('whsec-catalog-0123456789');
  stockHook = await startWebhookReceiver('whsec-stock-0123456789ab');
  g = await startTestGraph({
    catalogOptions: { webhooks: [{ url: catalogHook.url, secret: catalogHook.secret }], relay: fast },
    inventoryOptions: { webhooks: [{ url: stockHook.url, secret: stockHook.secret }], relay: fast },
  });
});
afterAll(async () => {
  await g?.stop();
  await catalogHook?.close();
  await stockHook?.close();
});

const of = (hook: WebhookReceiver, type: string, sku: string) => hook.events.filter((e) => e.payload.type === type && e.payload.sku === sku);

describe('change events', () => {
  it('PriceChanged: signed, with the prices that changed', async () => {
    const set = await g.gql(`mutation { setPrice(input: { sku: "SKU-1010", market: "FR", amount: "12.34" }) { userErrors { code } } }`, {}, KEYS.marketing);
    expect(set.data.setPrice.userErrors).toEqual([]);
    // (the demo's own import sent PriceChanged for every SKU at start: the one with this price is the one)
    const mine = () => of(catalogHook, 'PriceChanged', 'SKU-1010').find((e) => e.payload.prices.some((p: { amount: string }) => p.amount === '12.34'));
    await waitFor(mine, { what: 'PriceChanged for SKU-1010 at 12.34' });
    const event = mine()!.payload;
    // when the demo's own event for this SKU was still waiting, the change is coalesced into it: the
    // event then carries the SKU's other prices too
    expect(event).toMatchObject({ type: 'PriceChanged', schemaVersion: 1, sku: 'SKU-1010', prices: expect.arrayContaining([expect.objectContaining({ market: 'FR', amount: '12.34', currencyCode: 'EUR', validUntil: null })]) });
    expect(typeof event.eventId).toBe('string');
    expect(catalogHook.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('StockChanged: the stock of a sold SKU, naming its location; retried when the subscriber fails', async () => {
    const stock = g.services.inventory.db;
    await waitFor(async () => Number((await stock.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL'))?.n) === 0, { what: 'the inventory outbox drained' });
    await waitFor(async () => Number((await stock.get<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status <> 'DELIVERED'"))?.n) === 0, { what: 'the demo import\'s events delivered' });
    let failures = 0;
    stockHook.behaviour = ({ payload }) => (payload?.sku === 'SKU-1011' && failures++ < 1 ? 'fail' : 'ok');
    const cart = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1011", quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } userErrors { code } } }`);
    const { id, totals } = cart.data.createCart.cart;
    const placed = await g.gql(`mutation($c: ID!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: "events-1", payment: $p) { order { id } userErrors { code } } }`, {
      c: id, p: { reference: 'psp-events', amount: totals.total },
    });
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    // the reservation and its commit after the order: an event after the order was placed
    const failed = () => stockHook.requests.find((r) => r.behaviour === 'fail');
    await waitFor(failed, { what: 'a failed StockChanged delivery for SKU-1011' });
    const eventId = failed()!.eventId;
    await waitFor(() => stockHook.events.find((e) => e.eventId === eventId), { what: 'the retried StockChanged delivered' });
    const event = stockHook.events.find((e) => e.eventId === eventId)!.payload;
    expect(event).toMatchObject({ type: 'StockChanged', sku: 'SKU-1011' });
    expect(event.locations).toContain('wh-eu');
    expect(stockHook.requests.filter((r) => r.eventId === eventId).map((r) => r.behaviour)).toEqual(['fail', 'ok']);
  });

  it('coalesces per SKU: many changes before the relay runs become one event with all of them', async () => {
    const writer = g.services.catalog.db;
    // the relay has sent what the demo import wrote; then three prices of one SKU are one event
    await waitFor(async () => Number((await writer.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL'))?.n) === 0, { what: 'the catalog outbox drained' });
    const before = (await writer.all<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE type = 'PriceChanged' AND aggregate_id = 'SKU-1012'"))[0].n;
    const res = await g.gql(
      `mutation($p: [SetPriceInput!]!) { setPrices(input: $p) { userErrors { code } } }`,
      { p: [{ sku: 'SKU-1012', market: 'DE', amount: '20.00' }, { sku: 'SKU-1012', market: 'FR', amount: '21.00' }, { sku: 'SKU-1012', market: 'GB', amount: '18.00' }] },
      KEYS.marketing,
    );
    expect(res.data.setPrices.userErrors).toEqual([]);
    const after = (await writer.all<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE type = 'PriceChanged' AND aggregate_id = 'SKU-1012'"))[0].n;
    expect(Number(after) - Number(before)).toBe(1);
    const mine = () => of(catalogHook, 'PriceChanged', 'SKU-1012').find((e) => e.payload.prices.some((p: { amount: string }) => p.amount === '21.00'));
    await waitFor(mine, { what: 'PriceChanged for SKU-1012' });
    const event = mine()!.payload;
    expect(event.prices.map((p: { market: string }) => p.market).sort()).toEqual(['DE', 'FR', 'GB']);
  });
});
