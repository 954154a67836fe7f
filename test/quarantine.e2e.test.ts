import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { waitForValue } from './support/wait.ts';

/** Operators correct and replay, or discard, quarantined offline orders; every action is recorded. */
let g: TestGraph;
const IMPORT = `mutation($o: [OfflineOrderInput!]!) { importOrders(orders: $o) { results { externalId status order { id number } quarantine { id reason } } } }`;
const REPLAY = `mutation($id: ID!, $c: OfflineOrderInput) { replayQuarantinedOrder(id: $id, correction: $c) {
  quarantine { id status reason actions { action actor reason outcome } } order { id number } userErrors { code field } } }`;
const DISCARD = `mutation($id: ID!, $r: String!) { discardQuarantinedOrder(id: $id, reason: $r) { quarantine { status actions { action reason } } userErrors { code field } } }`;
const price = { amount: '9.99', currencyCode: 'EUR' }; // SKU-1001 in DE
const base = { market: 'DE', location: 'store-berlin-1', occurredAt: '2026-11-01T09:00:00Z' };
const orders = [
  { ...base, externalId: 'till-9-1', lines: [{ sku: 'SKU-9999', quantity: 1, unitPrice: price }] },
  { ...base, externalId: 'till-9-2', lines: [{ sku: 'SKU-1001', quantity: 1 }] },
];
let q1: string;
let q2: string;

beforeAll(async () => {
  g = await startTestGraph();
  const res = await g.gql(IMPORT, { o: orders }, KEYS.pos);
  [q1, q2] = res.data.importOrders.results.map((r: any) => r.quarantine.id);
});
afterAll(async () => {
  await g?.stop();
});

describe('quarantine operations', () => {
  it('is for operations keys only', async () => {
    const res = await g.gql(DISCARD, { id: q2, r: 'x' }, KEYS.pos);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('keeps a still-invalid correction held with the new reason, and records it', async () => {
    const res = await g.gql(REPLAY, { id: q1, c: { ...orders[0], lines: [{ sku: 'SKU-1001', quantity: 1, unitPrice: { amount: '1.00', currencyCode: 'EUR' } }] } }, KEYS.operations);
    const out = res.data.replayQuarantinedOrder;
    expect(out.order).toBeNull();
    expect(out.quarantine.status).toBe('HELD');
    expect(out.quarantine.reason).toMatch(/PRICE_MISMATCH/);
    expect(out.quarantine.actions).toEqual([{ action: 'CORRECT_AND_REPLAY', actor: expect.stringContaining('operations'), reason: null, outcome: expect.stringMatching(/still invalid: PRICE_MISMATCH/) }]);
  });

  it('creates the order from a good correction, once', async () => {
    const res = await g.gql(REPLAY, { id: q1, c: { ...orders[0], lines: [{ sku: 'SKU-1001', quantity: 1, unitPrice: price }] } }, KEYS.operations);
    const out = res.data.replayQuarantinedOrder;
    expect(out.userErrors).toEqual([]);
    expect(out.order.number).toMatch(/^\d+$/);
    expect(out.quarantine.status).toBe('REPLAYED');
    expect(out.quarantine.actions).toHaveLength(2);
    const again = await g.gql(REPLAY, { id: q1 }, KEYS.operations);
    expect(again.data.replayQuarantinedOrder.userErrors).toEqual([{ code: 'QUARANTINE_NOT_HELD', field: 'id' }]);
    const resend = await g.gql(IMPORT, { o: [orders[0]] }, KEYS.pos);
    expect(resend.data.importOrders.results[0]).toMatchObject({ status: 'DUPLICATE', order: { id: out.order.id } });
  });

  it('refuses a correction that changes the external id', async () => {
    const res = await g.gql(REPLAY, { id: q2, c: { ...orders[1], externalId: 'other' } }, KEYS.operations);
    expect(res.data.replayQuarantinedOrder.userErrors).toEqual([{ code: 'EXTERNAL_ID_MISMATCH', field: 'correction.externalId' }]);
  });

  it('discards with a reason, recorded, and lists only what is still held', async () => {
    const empty = await g.gql(DISCARD, { id: q2, r: '  ' }, KEYS.operations);
    expect(empty.data.discardQuarantinedOrder.userErrors).toEqual([{ code: 'REASON_REQUIRED', field: 'reason' }]);
    const res = await g.gql(DISCARD, { id: q2, r: 'test sale on a training till' }, KEYS.operations);
    expect(res.data.discardQuarantinedOrder.quarantine).toEqual({ status: 'DISCARDED', actions: [{ action: 'DISCARD', reason: 'test sale on a training till' }] });
    const list = await g.gql('{ quarantinedOrders(first: 10) { totalCount edges { node { id } } } }', {}, KEYS.operations);
    expect(list.data.quarantinedOrders.totalCount).toBe(0);
  });
});

describe('stock of imported offline sales', () => {
  const STOCK = `{ product(sku: "SKU-1002") { stockLevel(location: "store-berlin-1") { onHand } } }`;
  const onHand = async () => (await g.gql(STOCK, {}, KEYS.pos)).data.product.stockLevel.onHand as number;
  /** the orders service's follow-up tasks (saga_tasks) by status: what will still change stock */
  const tasks = async () => {
    const rows = await g.services.orders.db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM saga_tasks GROUP BY status ORDER BY status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };

  it('leaves the store once per sale, even below zero, and flags it for the stocktake', async () => {
    const before = await onHand();
    const big = before + 3;
    const sale = { ...base, externalId: 'till-9-big', lines: [{ sku: 'SKU-1002', quantity: big, unitPrice: { amount: '23.72', currencyCode: 'EUR' } }] };
    const res = await g.gql(IMPORT, { o: [sale] }, KEYS.pos);
    expect(res.data.importOrders.results[0].status).toBe('CREATED');
    await waitForValue(onHand, (n) => n === before - big, { what: 'stock leaves the store' });
    expect(await onHand()).toBe(-3);
    const settled = await waitForValue(tasks, (t) => !t.PENDING, { what: 'follow-up tasks done' });

    const again = await g.gql(IMPORT, { o: [sale] }, KEYS.pos);
    expect(again.data.importOrders.results[0].status).toBe('DUPLICATE');
    // a duplicate writes no follow-up task: nothing is left to change the stock
    expect(await tasks()).toEqual(settled);
    expect(await onHand()).toBe(-3);

    const recount = await g.gql(`{ stockToRecount(location: "store-berlin-1") { sku location onHand } }`, {}, KEYS.operations);
    expect(recount.data.stockToRecount).toEqual([{ sku: 'SKU-1002', location: 'store-berlin-1', onHand: -3 }]);
    const web = await g.gql(`{ stockToRecount { sku } }`, {}, KEYS.web);
    expect(web.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
