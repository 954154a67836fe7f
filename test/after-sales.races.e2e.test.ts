import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPaymentProvider } from '../subgraphs/orders/src/services/payments/http.ts';
import { PaymentSimulator } from './fixtures/payment-simulator.ts';
import { act, buy, CANCEL, FULFIL, minor, onHand, ORDER, RETURN, tasksDone } from './support/afterSales.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/**
 * Races after the sale through the gateway, with two replicas of every service on one database
 * (SQLite file, or PostgreSQL with TEST_DATABASE_URL): concurrent returns of one line never take
 * back more than was handed over nor refund anything twice; cancel and fulfil exclude each other.
 */
let g: TestGraph;
let psp: PaymentSimulator;

beforeAll(async () => {
  psp = new PaymentSimulator();
  const url = await psp.start();
  g = await startTestGraph({ replicas: 2, ordersOptions: { paymentProvider: new HttpPaymentProvider({ url, apiKey: 'test-psp-key', timeoutMs: 10_000, maxAttempts: 3, retryBaseMs: 10 }) } });
});
afterAll(async () => {
  await g?.stop();
  await psp?.stop();
});

async function fulfilled(sku: string, quantity: number) {
  const order = await buy(g, KEYS.web, { market: 'DE', discountCodes: ['WELCOME10'], lines: [{ sku, quantity }, { sku: 'SKU-1030', quantity: 1 }] });
  const line = order.lines[0];
  const f = await act(g, FULFIL, { o: order.id, l: order.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity })), loc: 'wh-eu', k: 'ship' }, KEYS.operations);
  expect(f.userErrors).toEqual([]);
  return { order, line };
}

describe('twenty concurrent returns of one line', () => {
  it('one unit each: exactly the handed-over units come back, each refunded once, adding up to what the line cost', async () => {
    const { order, line } = await fulfilled('SKU-1021', 3);
    const before = await onHand(g, 'SKU-1021', 'wh-eu');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => act(g, RETURN, { o: order.id, l: [{ lineId: line.id, quantity: 1, reason: 'UNWANTED' }], loc: 'wh-eu', k: `race-${i}` }, KEYS.operations)),
    );
    const ok = answers.filter((a) => a.userErrors.length === 0);
    expect(ok).toHaveLength(3);
    for (const a of answers.filter((x) => x.userErrors.length)) expect(a.userErrors.map((e: any) => e.code)).toEqual(['NOT_RETURNABLE']);
    expect(ok.reduce((n, a) => n + minor(a.refund.amount.amount), 0)).toBe(minor(line.paid.amount));
    await waitFor(() => tasksDone(g), { what: 'follow-up tasks' });
    const view = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
    expect(view.lines[0].returnedQuantity).toBe(3);
    expect(view.refunds).toHaveLength(3);
    expect(view.refunds.every((r: any) => r.status === 'SUCCEEDED')).toBe(true);
    const paidOut = psp.refunds.filter((r) => r.orderId === order.id);
    expect(paidOut).toHaveLength(3);
    expect(paidOut.reduce((n, r) => n + minor(r.amount), 0)).toBe(minor(line.paid.amount));
    expect(await onHand(g, 'SKU-1021', 'wh-eu')).toBe(before + 3);
  });

  it('the whole line each: one return wins, refunded once', async () => {
    const { order, line } = await fulfilled('SKU-1023', 2);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => act(g, RETURN, { o: order.id, l: [{ lineId: line.id, quantity: 2, reason: 'DEFECTIVE' }], loc: 'wh-eu', k: `whole-${i}` }, KEYS.operations)),
    );
    const ok = answers.filter((a) => a.userErrors.length === 0);
    expect(ok).toHaveLength(1);
    expect(ok[0].refund.amount.amount).toBe(line.paid.amount);
    await waitFor(() => tasksDone(g), { what: 'follow-up tasks' });
    expect(psp.refunds.filter((r) => r.orderId === order.id).map((r) => r.amount)).toEqual([line.paid.amount]);
  });

  it('the same key twenty times: one return, the same answer to all', async () => {
    const { order, line } = await fulfilled('SKU-1025', 3);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => act(g, RETURN, { o: order.id, l: [{ lineId: line.id, quantity: 2, reason: 'UNWANTED' }], loc: 'wh-eu', k: 'one-key' }, KEYS.operations)),
    );
    expect(answers.every((a) => a.userErrors.length === 0)).toBe(true);
    expect(new Set(answers.map((a) => a.action.id)).size).toBe(1);
    await waitFor(() => tasksDone(g), { what: 'follow-up tasks' });
    const view = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
    expect(view.lines[0].returnedQuantity).toBe(2);
    expect(psp.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });
});

describe('cancel against fulfil', () => {
  it('concurrently, exactly one of them wins and the order is consistent', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await buy(g, KEYS.web, { market: 'DE', lines: [{ sku: 'SKU-1027', quantity: 1 }] });
      const [c, f] = await Promise.all([
        act(g, CANCEL, { o: order.id, r: 'race', k: 'c' }, KEYS.operations),
        act(g, FULFIL, { o: order.id, l: [{ lineId: order.lines[0].id, quantity: 1 }], loc: 'wh-eu', k: 'f' }, KEYS.operations),
      ]);
      const cancelled = c.userErrors.length === 0;
      const shipped = f.userErrors.length === 0;
      expect(cancelled !== shipped).toBe(true);
      if (cancelled) expect(f.userErrors.map((e: any) => e.code)).toEqual(['ORDER_CANCELLED']);
      else expect(c.userErrors.map((e: any) => e.code)).toEqual(['ORDER_ALREADY_FULFILLED']);
      const view = (await g.gql(ORDER, { id: order.id }, KEYS.web)).data.order;
      expect(view.status).toBe(cancelled ? 'CANCELLED' : 'FULFILLED');
    }
  });
});
