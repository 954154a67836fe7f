import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../common/service.ts';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { startCart } from '../subgraphs/cart/server.ts';
import { startCatalog } from '../subgraphs/catalog/server.ts';
import { startPromotions } from '../subgraphs/promotions/server.ts';
import { KEYS } from './support/graph.ts';
import { freePort, ServiceProcess } from './support/processes.ts';
import { TEST_PROVIDER_TIMEOUT_MS } from './support/promotions.ts';
import { quietLog, TEST_SECRET, testConfig } from './support/subgraph.ts';

/**
 * Crash safety (issue "Orders lose nothing"): the orders and inventory services run as real child
 * processes on SQLite files; buyers place many orders concurrently through the gateway while the
 * orders or the inventory process is SIGKILLed at random points and started again on the same
 * database. Clients retry with the same idempotency key until they get an answer. Afterwards:
 * every order has its OrderCreated event, no order exists twice, no reservation stays held past its
 * expiry, and stock adds up. Random choices come from a seeded generator (CRASH_SEED to replay).
 */

const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ORDERS = 120;
const BUYERS = 12;
/** kill points: when this many orders exist, SIGKILL the next victim (orders, inventory twice each, in random order) */
const KILL_AT = [between(5, 20), between(35, 50), between(60, 75), between(85, 100)];
const TTL_SECONDS = 4;
const SKUS = ['SKU-1001', 'SKU-1003', 'SKU-1005', 'SKU-1007', 'SKU-1009', 'SKU-1011'];
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_RETRY', 'PROMOTIONS_UNAVAILABLE']);

const CREATE = 'mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id totals { total { amount currencyCode } } } userErrors { code message } } }';
const PLACE = `mutation($c: ID!, $k: String!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: $p) {
  order { id number lines { sku quantity } } userErrors { code message } } }`;

let dataDir: string;
let inventory: ServiceProcess;
let orders: ServiceProcess;
const inProcess: RunningService[] = [];
let gateway: RunningGateway;

async function gql(query: string, variables: Record<string, unknown>, key: string): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

const readonlyDb = (name: string) => new Database(join(dataDir, `${name}.sqlite`), { readonly: true, fileMustExist: true });
function query<T>(name: string, sql: string, params: unknown[] = []): T[] {
  const db = readonlyDb(name);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function eventually<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (seed ${SEED}); last: ${JSON.stringify(v).slice(0, 2000)}\ntrace:\n${trace.join('\n')}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cg-crash-'));
  const [invPort, ordPort] = [await freePort(), await freePort()];
  const urls: Record<string, string> = { inventory: `http://127.0.0.1:${invPort}/graphql`, orders: `http://127.0.0.1:${ordPort}/graphql` };
  const childEnv = {
    DATA_DIR: dataDir,
    IDENTITY_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
    APOLLO_TELEMETRY_DISABLED: 'true',
    INVENTORY_RESERVATION_TTL_SECONDS: String(TTL_SECONDS),
    INVENTORY_SWEEP_INTERVAL_MS: '300',
    ORDER_TASK_INTERVAL_MS: '200',
    ORDER_ATTEMPT_TIMEOUT_MS: '5000',
    ORDER_RETENTION_INTERVAL_MS: '500',
  };
  const start = async (name: 'catalog' | 'promotions' | 'cart') => {
    const config = testConfig(name, { dataDir, urls });
    const svc = name === 'catalog' ? await startCatalog({ config, log: quietLog }) : name === 'promotions' ? await startPromotions({ config, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS }) : await startCart({ config, log: quietLog });
    inProcess.push(svc);
    urls[name] = svc.url;
  };
  await start('catalog');
  await start('promotions');
  await start('cart');
  const env = { ...childEnv, ...Object.fromEntries(Object.entries(urls).map(([n, u]) => [`SERVICE_URL_${n.toUpperCase()}`, u])) };
  inventory = new ServiceProcess('inventory', invPort, env);
  orders = new ServiceProcess('orders', ordPort, env);
  await Promise.all([inventory.start(), orders.start()]);
  gateway = await startGateway(
    gatewayConfigSchema.parse({
      port: 0,
      host: '127.0.0.1',
      supergraphFile: 'schema/supergraph.graphql',
      subgraphUrls: urls,
      subgraphTimeouts: {},
      subgraphTimeoutMs: 10_000,
      maxSocketsPerSubgraph: 32,
      identitySecret: TEST_SECRET,
      demoKeys: true,
      production: false,
      maxBodyBytes: 1_000_000,
      logLevel: 'silent',
    }),
    { log: quietLog },
  );
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([orders?.stop(), inventory?.stop()]);
  for (const s of inProcess.reverse()) {
    await s.stop();
    await s.db.close();
  }
});

interface Job {
  key: string;
  apiKey: string;
  cartId: string;
  total: { amount: string; currencyCode: string };
  lines: { sku: string; quantity: number }[];
}

interface Outcome {
  orderIds: Set<string>;
  finalErrors: string[];
  tries: number;
  /** what the last unsuccessful try answered (for failure messages) */
  last: string;
}

const t0 = Date.now();
const trace: string[] = [];
const note = (what: string) => trace.push(`${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);

/** A client that retries with the same key until it gets an order or a final (non-retryable) answer, then asks once more. */
async function placeUntilAnswered(job: Job): Promise<Outcome> {
  const out: Outcome = { orderIds: new Set(), finalErrors: [], tries: 0, last: '' };
  const deadline = Date.now() + 120_000;
  const vars = { c: job.cartId, k: job.key, p: { reference: `psp-${job.key}`, amount: job.total } };
  let answered = 0;
  while (answered < 2 && Date.now() < deadline) {
    out.tries++;
    let res: { data?: any; errors?: any[] } | null = null;
    try {
      res = await gql(PLACE, vars, job.apiKey);
    } catch (e) {
      out.last = `fetch: ${(e as Error).message}`; // the gateway answered nothing usable: retry
    }
    const p = res?.data?.placeOrder;
    if (res) out.last = JSON.stringify(res).slice(0, 300);
    if (p?.order) {
      out.orderIds.add(p.order.id);
      answered++;
      continue;
    }
    const codes: string[] = p?.userErrors?.map((e: { code: string }) => e.code) ?? [];
    if (codes.length && !codes.every((c) => RETRYABLE.has(c))) {
      out.finalErrors.push(...codes);
      return out;
    }
    await sleep(between(50, 250));
  }
  if (answered === 0) note(`job ${job.key} gave up after ${out.tries} tries; last answer ${out.last}`);
  return out;
}

describe('SIGKILL of orders or inventory during many concurrent orders', () => {
  it('after restart and recovery: each order once with its event, no stale holds, stock adds up', { timeout: 360_000 }, async () => {
    const initial = query<{ sku: string; location: string; on_hand: number }>('inventory', 'SELECT sku, location, on_hand FROM stock');
    const apiKeys = [KEYS.web, KEYS.kiosk, KEYS.pos, KEYS.inGame];
    const jobs: Job[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const lines = [{ sku: SKUS[i % SKUS.length], quantity: between(1, 3) }];
      if (i % 3 === 0) lines.push({ sku: SKUS[(i + 2) % SKUS.length], quantity: 1 });
      const apiKey = apiKeys[i % apiKeys.length];
      const res = await gql(CREATE, { i: { market: 'DE', lines } }, apiKey);
      expect(res.data?.createCart?.userErrors, JSON.stringify(res)).toEqual([]);
      const cart = res.data.createCart.cart;
      jobs.push({ key: `crash-${SEED}-${i}`, apiKey, cartId: cart.id, total: cart.totals.total, lines });
    }

    // buyers, BUYERS at a time
    let next = 0;
    let active = true;
    const outcomes: Outcome[] = new Array(jobs.length);
    const buyers = Promise.all(
      Array.from({ length: BUYERS }, async () => {
        while (next < jobs.length) {
          const i = next++;
          outcomes[i] = await placeUntilAnswered(jobs[i]);
        }
      }),
    ).finally(() => {
      active = false;
    });

    // the killer: SIGKILL at random points of the workload, then start again on the same files
    const victims = [orders, orders, inventory, inventory].sort(() => random() - 0.5);
    const kills: string[] = [];
    let longOutage = true;
    for (const [k, at] of KILL_AT.entries()) {
      while (active && query<{ n: number }>('orders', 'SELECT COUNT(*) AS n FROM orders')[0].n < at) await sleep(20);
      if (!active) break;
      const victim = victims[k];
      note(`kill ${victim.name} at ${at} orders`);
      await victim.kill();
      // inventory down once for longer than the hold TTL: holds of orders written meanwhile lapse before their commit
      const down = victim === inventory && longOutage ? TTL_SECONDS * 1000 + 1500 : between(0, 800);
      if (victim === inventory) longOutage = false;
      kills.push(`${victim.name}@${at}(${down}ms)`);
      await sleep(down);
      note(`start ${victim.name} after ${down} ms`);
      await victim.start();
      note(`${victim.name} healthy`);
    }
    await buyers;
    note('buyers done');

    // every client got an answer: one order per key, the same on every retry, no final error
    for (const [i, o] of outcomes.entries()) {
      expect(o.finalErrors, `job ${i} (seed ${SEED}, kills ${kills.join(', ')}); trace:\n${trace.join('\n')}`).toEqual([]);
      expect(o.orderIds.size, `job ${i}: orders answered for one key (last: ${o.last}); trace:\n${trace.join('\n')}\norders: ${orders.tail(10)}\ninventory: ${inventory.tail(10)}`).toBe(1);
    }
    expect(kills, `every kill happened while orders were being placed (seed ${SEED})`).toHaveLength(KILL_AT.length);

    // recovery: follow-up tasks (commits after restarts, releases of dead attempts) all done
    await eventually('every follow-up task done', () => query<{ n: number }>('orders', "SELECT COUNT(*) AS n FROM saga_tasks WHERE status <> 'DONE'")[0].n, (n) => n === 0);
    // no attempt left holding a key: every key is DONE with its order
    expect(query('orders', "SELECT key FROM idempotency_keys WHERE status <> 'DONE'")).toEqual([]);

    const placed = query<{ id: string; cart_id: string; lines: string }>('orders', 'SELECT id, cart_id, lines FROM orders');
    // no order exists twice: one per cart and per key, and it is the one the client was answered
    expect(placed).toHaveLength(jobs.length);
    const byCart = new Map(placed.map((o) => [o.cart_id, o]));
    expect(byCart.size).toBe(jobs.length);
    const keys = new Map(query<{ key: string; order_id: string }>('orders', 'SELECT key, order_id FROM idempotency_keys').map((r) => [r.key, r.order_id]));
    for (const [i, job] of jobs.entries()) {
      const order = byCart.get(job.cartId);
      expect(order, `cart of job ${i}`).toBeDefined();
      expect([...outcomes[i].orderIds]).toEqual([order!.id]);
      expect(keys.get(job.key)).toBe(order!.id);
    }
    // every committed order has its OrderCreated event, and no event is without an order
    const events = query<{ aggregate_id: string; type: string; n: number }>('orders', 'SELECT aggregate_id, type, COUNT(*) AS n FROM outbox GROUP BY aggregate_id, type');
    expect(events.map((e) => [e.aggregate_id, e.type, e.n]).sort()).toEqual(placed.map((o) => [o.id, 'OrderCreated', 1]).sort());

    // no reservation stays held past its expiry; in the end nothing is held at all
    await eventually(
      'no hold past its expiry',
      () => query('inventory', "SELECT id, expires_at FROM reservations WHERE status = 'HELD' AND expires_at < ?", [new Date(Date.now() - 1000).toISOString()]),
      (rows) => rows.length === 0,
    );
    await eventually('nothing held', () => query('inventory', "SELECT id FROM reservations WHERE status = 'HELD'"), (rows) => rows.length === 0, TTL_SECONDS * 1000 + 30_000);
    // stock leaves exactly for the orders: each order's reservation is committed, nothing else is
    const committed = query<{ id: string }>('inventory', "SELECT id FROM reservations WHERE status = 'COMMITTED'").map((r) => r.id).sort();
    expect(committed).toEqual(placed.map((o) => o.id).sort());

    // stock adds up: on hand = initial − sold (per SKU), reserved = live reservations (per SKU × location), ledger = stock
    const sold = new Map<string, number>();
    for (const o of placed) for (const l of JSON.parse(o.lines) as { sku: string; quantity: number }[]) sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.quantity);
    const final = query<{ sku: string; location: string; on_hand: number; reserved: number }>('inventory', 'SELECT sku, location, on_hand, reserved FROM stock');
    const taken = new Map<string, number>();
    const start = new Map(initial.map((r) => [`${r.sku}@${r.location}`, r.on_hand]));
    for (const r of final) taken.set(r.sku, (taken.get(r.sku) ?? 0) + (start.get(`${r.sku}@${r.location}`)! - r.on_hand));
    for (const sku of new Set([...sold.keys(), ...taken.keys()])) expect(taken.get(sku) ?? 0, `${sku}: stock taken = units sold`).toBe(sold.get(sku) ?? 0);
    const mismatched = query(
      'inventory',
      `SELECT s.sku, s.location, s.reserved, COALESCE(h.held, 0) AS held FROM stock s
       LEFT JOIN (SELECT rl.sku, rl.location, SUM(rl.quantity) AS held FROM reservation_lines rl JOIN reservations r ON r.id = rl.reservation_id
                  WHERE r.status = 'HELD' GROUP BY rl.sku, rl.location) h ON h.sku = s.sku AND h.location = s.location
       WHERE s.reserved <> COALESCE(h.held, 0) OR s.on_hand < 0`,
    );
    expect(mismatched).toEqual([]);
    const ledger = query<{ sku: string; location: string; on_hand: number; reserved: number }>(
      'inventory',
      `SELECT s.sku, s.location FROM stock s LEFT JOIN (SELECT sku, location, SUM(delta_on_hand) AS oh, SUM(delta_reserved) AS rs FROM stock_movements GROUP BY sku, location) m
         ON m.sku = s.sku AND m.location = s.location WHERE COALESCE(m.oh, 0) <> s.on_hand OR COALESCE(m.rs, 0) <> s.reserved`,
    );
    expect(ledger).toEqual([]);
    const recovered = query<{ kind: string; n: number }>('orders', "SELECT kind, COUNT(*) AS n FROM saga_tasks WHERE kind LIKE 'RELEASE_%' GROUP BY kind");
    const late = query<{ reason: string; n: number }>('inventory', "SELECT reason, COUNT(*) AS n FROM stock_movements WHERE reason LIKE 'AFTER_EXPIRY%' GROUP BY reason");
    console.log(
      `crash test: seed ${SEED}, kills ${kills.join(', ')}, ${placed.length} orders, ${outcomes.reduce((n, o) => n + o.tries, 0)} requests; ` +
        `compensation tasks ${JSON.stringify(recovered)}; commits after expiry ${JSON.stringify(late)}`,
    );
  });
});
