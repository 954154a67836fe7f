import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { runCommand } from '../scripts/dead-letters.ts';
import { startOrders, type RunningOrders } from '../subgraphs/orders/server.ts';
import { DeliveriesRepository } from '../common/events/deliveriesRepository.ts';
import { OrdersRepository, type NewOrder } from '../subgraphs/orders/src/data/ordersRepository.ts';
import { orderCreatedEvent } from '../subgraphs/orders/src/services/events.ts';
import { backoffMs, Relay, signBody } from '../common/events/relay.ts';
import { callSubgraph, identities, quietLog, testConfig } from './support/subgraph.ts';
import { waitFor, waitForValue } from './support/wait.ts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from './support/webhook.ts';

/** The outbox relay against real local HTTP receivers (test/support/webhook.ts). */

function newOrder(at: string): NewOrder {
  return {
    id: randomUUID(),
    status: 'PLACED',
    market: 'DE',
    channel: 'web',
    currencyCode: 'EUR',
    cartId: randomUUID(),
    createdAt: at,
    lines: [{ id: 'l1', sku: 'SKU-1001', quantity: 1, unitPrice: { amount: '10.00', currencyCode: 'EUR' } }],
    promotion: { provider: 'native', status: 'EVALUATED', discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] },
    subtotalMinor: 1000,
    discountMinor: 0,
    totalMinor: 1000,
    shippingAddress: null,
    paymentReference: 'psp',
    paymentAmountMinor: 1000,
    source: 'CART',
    externalId: null,
  };
}

/** Writes an order with its OrderCreated event (as placeOrder does), plus `extra` later events of the same order. */
async function writeOrder(repo: OrdersRepository, at: Date, extra = 0): Promise<{ orderId: string; eventIds: string[] }> {
  const order = newOrder(at.toISOString());
  const event = orderCreatedEvent(order);
  await repo.insertOrder(order, event, []);
  const eventIds = [event.id];
  for (let i = 1; i <= extra; i++) {
    const id = randomUUID();
    const occurredAt = new Date(at.getTime() + i).toISOString();
    const payload = { eventId: id, type: 'OrderNoted', schemaVersion: 1, occurredAt, order: { id: order.id }, seq: i };
    await repo.db.run('INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
      id, order.id, 'OrderNoted', 1, JSON.stringify(payload), occurredAt,
    ]);
    eventIds.push(id);
  }
  return { orderId: order.id, eventIds };
}

const DEAD_LETTERS = `query DL($first: Int, $after: String) { deadLetters(first: $first, after: $after) {
  edges { cursor node { id eventId eventType aggregateId subscriber status attempts lastError deadAt payload } }
  pageInfo { hasNextPage endCursor } totalCount } }`;
const REPLAY = 'mutation R($id: ID!) { replayDeadLetter(id: $id) { delivery { id status attempts } userErrors { code } } }';

describe('outbox relay: fails, hangs, recovers; dead letters and replay', () => {
  let svc: RunningOrders;
  let flaky: WebhookReceiver;
  let down: WebhookReceiver;
  let repo: OrdersRepository;
  const written: { orderId: string; eventIds: string[] }[] = [];
  const MAX = 4;

  beforeAll(async () => {
    flaky = await startWebhookReceiver('flaky-secret-0123456789');
    down = await startWebhookReceiver('down-secret-0123456789');
    // the flaky subscriber answers 500 to the first attempt of each event, hangs on the second, then recovers
    flaky.behaviour = ({ attempt }) => (attempt === 1 ? 'fail' : attempt === 2 ? 'hang' : 'ok');
    down.behaviour = () => 'fail';
    svc = await startOrders({
      config: testConfig('orders'),
      log: quietLog,
      webhooks: [
        { url: flaky.url, secret: flaky.secret },
        { url: down.url, secret: down.secret },
      ],
      relay: { timeoutMs: 500, backoffBaseMs: 20, backoffCapMs: 200, maxAttempts: MAX, pollIntervalMs: 20 },
    });
    repo = new OrdersRepository(svc.db);
    const t0 = new Date();
    written.push(await writeOrder(repo, t0, 2)); // one order with three events: order per aggregate
    for (let i = 0; i < 5; i++) written.push(await writeOrder(repo, new Date(t0.getTime() + 10 + i)));
  });
  afterAll(async () => {
    await svc?.stop();
    await svc?.db.close();
    await flaky?.close();
    await down?.close();
  });

  const allEvents = () => written.flatMap((w) => w.eventIds);
  /** Resolves once the running relay has completed two more rounds: whatever was due by now has been tried. */
  const twoMoreRounds = async () => {
    const from = svc.relay!.roundsCompleted;
    await waitFor(() => svc.relay!.roundsCompleted >= from + 2, { what: 'two more relay rounds' });
  };

  it('delivers every event once to the flaky subscriber, signed, in order per order', async () => {
    await flaky.waitFor(() => flaky.events.length === allEvents().length);
    await flaky.waitFor(() => flaky.requests.filter((r) => r.behaviour === 'ok').length === allEvents().length);
    expect(new Set(flaky.events.map((e) => e.eventId))).toEqual(new Set(allEvents()));
    expect(flaky.requests.every((r) => r.signatureValid)).toBe(true);
    // every event: 500, then hang (processed but answered late: deduplicated), then 2xx
    for (const id of allEvents()) {
      expect(flaky.requests.filter((r) => r.eventId === id).map((r) => r.behaviour)).toEqual(['fail', 'hang', 'ok']);
      expect(flaky.requests.filter((r) => r.eventId === id).map((r) => r.attempt)).toEqual([1, 2, 3]);
    }
    // order per aggregate: an event is first sent only after the previous one was acknowledged
    const [e1, e2, e3] = written[0].eventIds;
    const idx = (id: string, b: string) => flaky.requests.findIndex((r) => r.eventId === id && r.behaviour === b);
    const first = (id: string) => flaky.requests.findIndex((r) => r.eventId === id);
    expect(first(e2)).toBeGreaterThan(idx(e1, 'ok'));
    expect(first(e3)).toBeGreaterThan(idx(e2, 'ok'));
    expect(flaky.events.filter((e) => written[0].eventIds.includes(e.eventId)).map((e) => e.eventId)).toEqual([e1, e2, e3]);
    // payload and headers
    const created = flaky.events.find((e) => e.eventId === written[1].eventIds[0])!;
    expect(created.payload).toMatchObject({ eventId: written[1].eventIds[0], type: 'OrderCreated', schemaVersion: 1, order: { id: written[1].orderId } });
    expect(flaky.requests.find((r) => r.eventId === e1)!.eventType).toBe('OrderCreated');
    // the receiver has answered; the relay records DELIVERED right after the answer arrives
    const deliveredRows = () => svc.db.all<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries WHERE subscriber = ?', [flaky.url]);
    const rows = await waitForValue(deliveredRows, (rs) => rs.every((r) => r.status === 'DELIVERED'), { what: 'deliveries recorded' });
    expect(rows).toHaveLength(allEvents().length);
    expect(rows.every((r) => r.status === 'DELIVERED' && Number(r.attempts) === 3)).toBe(true);
  });

  it('turns a delivery into a dead letter after N failures; later events of that order wait', async () => {
    const heads = written.map((w) => w.eventIds[0]);
    await down.waitFor(() => heads.every((id) => down.requests.filter((r) => r.eventId === id).length === MAX));
    const dead = () => svc.db.all<{ status: string }>('SELECT status FROM webhook_deliveries WHERE subscriber = ? AND status = ?', [down.url, 'DEAD']);
    await waitForValue(dead, (rows) => rows.length === heads.length, { what: 'every head a dead letter' });
    // the relay has had its chances since: nothing more was sent
    await twoMoreRounds();
    for (const id of heads) expect(down.requests.filter((r) => r.eventId === id)).toHaveLength(MAX);
    // the later events of the first order are never sent while the first one is undelivered
    expect(down.requests.some((r) => written[0].eventIds.slice(1).includes(r.eventId))).toBe(false);

    const page1 = await callSubgraph(svc.url, DEAD_LETTERS, { first: 4 }, identities.operations);
    expect(page1.errors).toBeUndefined();
    expect(page1.data.deadLetters.totalCount).toBe(heads.length);
    expect(page1.data.deadLetters.edges).toHaveLength(4);
    expect(page1.data.deadLetters.pageInfo.hasNextPage).toBe(true);
    const page2 = await callSubgraph(svc.url, DEAD_LETTERS, { first: 4, after: page1.data.deadLetters.pageInfo.endCursor }, identities.operations);
    expect(page2.data.deadLetters.edges).toHaveLength(heads.length - 4);
    const nodes = [...page1.data.deadLetters.edges, ...page2.data.deadLetters.edges].map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.eventId))).toEqual(new Set(heads));
    expect(nodes[0]).toMatchObject({ status: 'DEAD', subscriber: down.url, attempts: MAX, lastError: 'HTTP 500' });

    const denied = await callSubgraph(svc.url, DEAD_LETTERS, {}, identities.web);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const deniedReplay = await callSubgraph(svc.url, REPLAY, { id: nodes[0].id }, identities.marketing);
    expect(deniedReplay.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('replays a dead letter: delivered once more at most, never a duplicate pending delivery', async () => {
    down.behaviour = () => 'ok';
    const head = written[0].eventIds[0];
    const row = await svc.db.get<{ id: string }>('SELECT id FROM webhook_deliveries WHERE event_id = ? AND subscriber = ?', [head, down.url]);
    const [a, b] = await Promise.all([
      callSubgraph(svc.url, REPLAY, { id: row!.id }, identities.operations),
      callSubgraph(svc.url, REPLAY, { id: row!.id }, identities.operations),
    ]);
    expect(a.data.replayDeadLetter.userErrors).toEqual([]);
    expect(b.data.replayDeadLetter.userErrors).toEqual([]);
    // the replayed event, then the two events of the same order that waited behind it
    await down.waitFor(() => written[0].eventIds.every((id) => down.events.some((e) => e.eventId === id)));
    expect(down.events.map((e) => e.eventId)).toEqual(written[0].eventIds);
    const again = await callSubgraph(svc.url, REPLAY, { id: row!.id }, identities.operations);
    expect(again.data.replayDeadLetter.delivery).toMatchObject({ status: 'DELIVERED', attempts: MAX + 1 });
    await twoMoreRounds();
    expect(down.requests.filter((r) => r.eventId === head && r.behaviour === 'ok')).toHaveLength(1);
    const count = await svc.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE event_id = ?', [head]);
    expect(Number(count!.n)).toBe(2); // one per subscriber, never duplicated
    const unknown = await callSubgraph(svc.url, REPLAY, { id: 'nope' }, identities.operations);
    expect(unknown.data.replayDeadLetter.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('npm run dead-letters: list, show, replay on the same database', async () => {
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await runCommand(svc.db, ['list'], out)).toBe(0);
    expect(lines[0]).toBe(`${written.length - 1} dead letter(s)`);
    const id = lines[1].split('\t')[0];
    lines.length = 0;
    expect(await runCommand(svc.db, ['show', id], out)).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ id, status: 'DEAD', subscriber: down.url });
    lines.length = 0;
    expect(await runCommand(svc.db, ['replay', id], out)).toBe(0);
    expect(await runCommand(svc.db, ['replay', id], out)).toBe(0);
    expect(lines[0]).toMatch(/^replayed/);
    expect(lines[1]).toMatch(/^not replayed/);
    const eventId = (await svc.db.get<{ event_id: string }>('SELECT event_id FROM webhook_deliveries WHERE id = ?', [id]))!.event_id;
    await down.waitFor(() => down.events.some((e) => e.eventId === eventId));
    lines.length = 0;
    expect(await runCommand(svc.db, ['show', 'nope'], out)).toBe(1);
    expect(await runCommand(svc.db, ['frobnicate'], out)).toBe(2);
  });
});

describe('relay mechanics', () => {
  it('signs the raw body; backoff doubles from the base up to the cap', () => {
    const body = '{"a":1}';
    expect(verifySignature(body, signBody(body, 's3cret-s3cret-s3cret'), 's3cret-s3cret-s3cret')).toBe(true);
    expect(verifySignature(body + ' ', signBody(body, 's3cret-s3cret-s3cret'), 's3cret-s3cret-s3cret')).toBe(false);
    const s = { backoffBaseMs: 1000, backoffCapMs: 300_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, s))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(20, s)).toBe(300_000);
  });

  it('waits for the backoff in business time (injected clock)', async () => {
    const svc = await startOrders({ config: testConfig('orders'), log: quietLog });
    const rx = await startWebhookReceiver();
    rx.behaviour = () => 'fail';
    const clock = new ManualClock(new Date('2026-11-01T10:00:00.000Z'));
    const relay = new Relay(new DeliveriesRepository(svc.db), [{ url: rx.url, secret: rx.secret }], clock, quietLog, { backoffBaseMs: 1000, maxAttempts: 3 });
    try {
      await writeOrder(new OrdersRepository(svc.db), clock.now());
      expect(await relay.sweep()).toBe(1);
      expect(await relay.sweep()).toBe(0); // not due yet
      clock.advance(999);
      expect(await relay.sweep()).toBe(0);
      clock.advance(1);
      expect(await relay.sweep()).toBe(1);
      clock.advance(1999);
      expect(await relay.sweep()).toBe(0);
      clock.advance(1);
      expect(await relay.sweep()).toBe(1);
      clock.advance(3_600_000);
      expect(await relay.sweep()).toBe(0); // dead after 3 failures
      const row = await svc.db.get<{ status: string; dead_at: string }>('SELECT status, dead_at FROM webhook_deliveries');
      expect(row).toMatchObject({ status: 'DEAD', dead_at: '2026-11-01T10:00:03.000Z' });
      expect(rx.requests.map((r) => r.attempt)).toEqual([1, 2, 3]);
    } finally {
      await relay.stop();
      await rx.close();
      await svc.stop();
      await svc.db.close();
    }
  });

  it('kick() delivers a new event at once instead of at the next poll; stop() ends the polling', async () => {
    const rx = await startWebhookReceiver();
    const svc = await startOrders({ config: testConfig('orders'), log: quietLog, webhooks: [{ url: rx.url, secret: rx.secret }], relay: { pollIntervalMs: 60_000 } });
    try {
      // the first round ran and found nothing; the next poll is a minute away
      await waitFor(() => svc.relay!.roundsCompleted >= 1, { what: 'the first relay round' });
      const rounds = svc.relay!.roundsCompleted;
      const { eventIds } = await writeOrder(new OrdersRepository(svc.db), new Date());
      expect(svc.relay!.roundsCompleted).toBe(rounds);
      expect(rx.events).toHaveLength(0);
      svc.relay!.kick();
      await rx.waitFor(() => rx.events.length === 1);
      expect(rx.events[0].eventId).toBe(eventIds[0]);
    } finally {
      await svc.stop();
      await svc.db.close();
      await rx.close();
    }
  });

  it('pending rows of a removed subscriber never crowd out the configured ones', async () => {
    const svc = await startOrders({ config: testConfig('orders'), log: quietLog });
    const rx = await startWebhookReceiver();
    const clock = new ManualClock(new Date());
    const repo = new DeliveriesRepository(svc.db);
    const relay = new Relay(repo, [{ url: rx.url, secret: rx.secret }], clock, quietLog, { batchSize: 2 });
    try {
      const orders = new OrdersRepository(svc.db);
      for (let i = 0; i < 3; i++) await writeOrder(orders, new Date(clock.now().getTime() - 10 + i));
      for (const e of await repo.unpublished(10)) await repo.fanOut(e, ['https://gone.example/hook'], clock.now().toISOString());
      const { eventIds } = await writeOrder(orders, clock.now());
      expect(await relay.sweep()).toBe(1);
      expect(rx.events.map((e) => e.eventId)).toEqual(eventIds);
    } finally {
      await relay.stop();
      await rx.close();
      await svc.stop();
      await svc.db.close();
    }
  });

  it('two replicas never deliver the same event to the same subscriber at the same time', async () => {
    const svc = await startOrders({ config: testConfig('orders'), log: quietLog });
    const rx = await startWebhookReceiver('s'.repeat(20), 40);
    rx.behaviour = () => 'hang'; // answers after 40 ms: both replicas are busy at once
    const subs = [{ url: rx.url, secret: rx.secret }];
    const clock = new ManualClock(new Date());
    const repoA = new DeliveriesRepository(svc.db);
    const a = new Relay(repoA, subs, clock, quietLog, { timeoutMs: 2000, concurrency: 4 });
    const b = new Relay(new DeliveriesRepository(svc.db), subs, clock, quietLog, { timeoutMs: 2000, concurrency: 4 });
    try {
      const orders = new OrdersRepository(svc.db);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(...(await writeOrder(orders, new Date(clock.now().getTime() + i))).eventIds);
      for (let round = 0; round < 10 && rx.events.length < ids.length; round++) await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
      expect(new Set(rx.events.map((e) => e.eventId))).toEqual(new Set(ids));
      expect(rx.requests).toHaveLength(ids.length); // each event sent exactly once
      // the claim itself: the second claimer of a held row loses
      const row = await svc.db.get<{ id: string }>('SELECT id FROM webhook_deliveries LIMIT 1');
      await svc.db.run("UPDATE webhook_deliveries SET status = 'PENDING' WHERE id = ?", [row!.id]);
      const now = clock.now().toISOString();
      const later = new Date(clock.now().getTime() + 60_000).toISOString();
      expect(await repoA.claim(row!.id, 't1', now, later)).toBe(true);
      expect(await repoA.claim(row!.id, 't2', now, later)).toBe(false);
      clock.advance(61_000);
      expect(await repoA.claim(row!.id, 't3', clock.now().toISOString(), later)).toBe(true); // an expired claim can be taken over
    } finally {
      await a.stop();
      await b.stop();
      await rx.close();
      await svc.stop();
      await svc.db.close();
    }
  });
});
