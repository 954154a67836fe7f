/**
 * npm run bench:orders [-- --quick] — order throughput through the gateway with 50 concurrent
 * buyers: SQLite with one replica per service, then PostgreSQL with two replicas per service
 * (a throwaway local cluster). Writes bench/results/orders.json and prints a table.
 * The whole graph runs in this process (one event loop for gateway and services), so the figures
 * compare the two stores on equal terms; they are not a capacity figure for a deployment.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../subgraphs/promotions/server.ts';
import { startTestGraph, type TestGraph } from '../test/support/graph.ts';

const quick = process.argv.includes('--quick');
const ORDERS = quick ? 200 : 1000;
const CONCURRENCY = 50;

const CART = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id totals { total { amount currencyCode } } } userErrors { code } } }`;
const PLACE = `mutation($id: ID!, $key: String!, $amount: MoneyInput!) {
  placeOrder(cartId: $id, idempotencyKey: $key, payment: { reference: "bench", amount: $amount }) { order { id } userErrors { code } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

async function run(label: string, g: TestGraph) {
  process.stdout.write(`${label}: preparing ${ORDERS} carts… `);
  const carts: { id: string; total: unknown }[] = [];
  await pool(Array.from({ length: ORDERS }, (_, i) => i), 20, async (i) => {
    const sku = `SKU-${1001 + (i % 50)}`;
    const res = await g.gql(CART, { input: { market: 'DE', lines: [{ sku, quantity: 1 }] } });
    const cart = res.data?.createCart.cart;
    if (cart) carts.push({ id: cart.id, total: cart.totals.total });
  });
  process.stdout.write(`placing orders with ${CONCURRENCY} buyers… `);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await pool(carts, CONCURRENCY, async (cart, i) => {
    const t0 = performance.now();
    const res = await g.gql(PLACE, { id: cart.id, key: `bench-${i}`, amount: cart.total });
    latencies.push(performance.now() - t0);
    if (!res.data?.placeOrder.order) errors++;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    label,
    orders: carts.length,
    errors,
    ordersPerSecond: Number(((carts.length - errors) / seconds).toFixed(1)),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
  };
  console.log('done');
  return result;
}

const results = [];
// the production time budget of promotion evaluations, not the tests' lenient one
const promotionsOptions = { providerTimeoutMs: DEFAULT_PROVIDER_TIMEOUT_MS };
const sqlite = await startTestGraph({ promotionsOptions });
try {
  results.push(await run('SQLite, 1 replica per service', sqlite));
} finally {
  await sqlite.stop();
}

let pgUrl: string | null = null;
try {
  pgUrl = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], { env: { ...process.env, PG_PORT: '55434', PG_DIR: '/tmp/commerce-graph-pg-bench' } }).toString().trim();
} catch {
  console.log('PostgreSQL is not available (apt-get install postgresql); skipping the PostgreSQL run');
}
if (pgUrl) {
  process.env.TEST_DATABASE_URL = pgUrl;
  const pg = await startTestGraph({ replicas: 2, promotionsOptions });
  try {
    results.push(await run('PostgreSQL, 2 replicas per service', pg));
  } finally {
    await pg.stop();
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop'], { env: { ...process.env, PG_DIR: '/tmp/commerce-graph-pg-bench' } });
  }
}

console.table(results);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/orders.json',
  JSON.stringify({ benchmark: 'orders', quick, concurrency: CONCURRENCY, node: process.version, at: new Date().toISOString(), results }, null, 2) + '\n',
);
console.log('wrote bench/results/orders.json');
process.exit(0);
