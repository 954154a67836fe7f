import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../common/log.ts';
import { AlwaysOnSampler, type TracingConfig } from '../common/tracing.ts';
import { startTestGraph, type TestGraph } from './support/graph.ts';
import { waitFor } from './support/wait.ts';

/**
 * OpenTelemetry across the graph: every process exports over OTLP/HTTP to an in-process receiver,
 * and one placeOrder is one trace from the gateway through orders, cart, promotions and inventory.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const spans: ReceivedSpan[] = [];
let receiver: Server;
let g: TestGraph;
const logLines: Record<string, unknown>[] = [];

/** An OTLP/HTTP (JSON) traces receiver: what a collector would get. */
function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: { key: string; value: Record<string, unknown> }[] })[] }[] }[];
      };
      for (const rs of payload.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            const attributes = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]));
            spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, attributes });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`)));
}

beforeAll(async () => {
  const url = await startReceiver();
  const tracing: TracingConfig = { enabled: true, url, exportDelayMs: 50, sampler: new AlwaysOnSampler() };
  const sink = new Writable({ write(chunk, _enc, done) { for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line)); done(); } });
  g = await startTestGraph({ tracing, log: createLogger('test', 'info', sink) });
});
afterAll(async () => {
  await g?.stop();
  await new Promise((r) => receiver?.close(r));
});

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-web-key', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

describe('traces', () => {
  it('a placeOrder is one trace: gateway (request, plan, fetch) → orders → cart → promotions → inventory, with resolver and database spans', async () => {
    const created = await gql('mutation { createCart(input: { market: "DE", discountCodes: ["WELCOME10"] }) { cart { id version } } }');
    const { id, version } = created.data.createCart.cart;
    const added = await gql('mutation($id: ID!, $v: Int!) { addCartLines(cartId: $id, expectedVersion: $v, lines: [{ sku: "SKU-1002", quantity: 3 }]) { cart { totals { total { amount currencyCode } } } } }', { id, v: version });
    const total = added.data.addCartLines.cart.totals.total;
    const placed = await gql('mutation Checkout($id: ID!, $total: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "trace-1", payment: { reference: "psp-1", amount: $total }) { order { id } userErrors { code } } }', { id, total });
    expect(placed.data.placeOrder.userErrors).toEqual([]);

    const root = (await waitFor(() => spans.find((s) => s.service === 'gateway' && s.name === 'mutation Checkout'), { what: 'the gateway span of placeOrder' }))!;
    expect(root.parentSpanId).toBeUndefined();
    const want = ['gateway', 'orders', 'cart', 'promotions', 'inventory'];
    const inTrace = (await waitFor(() => {
      const mine = spans.filter((s) => s.traceId === root.traceId);
      return want.every((service) => mine.some((s) => s.service === service && s.kind === 2)) && mine.some((s) => s.name === 'resolve Mutation.placeOrder') ? mine : undefined;
    }, { what: 'server spans of all five services in the placeOrder trace' }))!;

    // one tree: every span's parent is in the trace, and only the gateway's request span is a root
    const ids = new Set(inTrace.map((s) => s.spanId));
    expect(inTrace.filter((s) => !s.parentSpanId).map((s) => s.name)).toEqual(['mutation Checkout']);
    for (const s of inTrace) if (s.parentSpanId) expect(ids.has(s.parentSpanId), `${s.service} ${s.name}`).toBe(true);

    const byId = new Map(inTrace.map((s) => [s.spanId, s]));
    const parentOf = (s: ReceivedSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
    expect(inTrace.some((s) => s.service === 'gateway' && s.name === 'plan')).toBe(true);
    const fetchOrders = inTrace.find((s) => s.service === 'gateway' && s.name === 'fetch orders')!;
    expect(fetchOrders.kind).toBe(3); // CLIENT
    const ordersServer = inTrace.find((s) => s.service === 'orders' && s.kind === 2)!;
    expect(parentOf(ordersServer)).toBe(fetchOrders);
    // orders calls the others itself: their server spans hang under orders' client spans
    for (const callee of ['cart', 'promotions', 'inventory']) {
      const server = inTrace.filter((s) => s.service === callee && s.kind === 2);
      expect(server.some((s) => parentOf(s)?.service === 'orders' || parentOf(s)?.service === 'cart'), callee).toBe(true);
    }
    expect(inTrace.some((s) => s.service === 'inventory' && s.name.startsWith('db ') && String(s.attributes['db.query.text']).length > 0)).toBe(true);
    expect(inTrace.some((s) => s.service === 'orders' && s.name === 'resolve Mutation.placeOrder')).toBe(true);
    // statements are recorded with placeholders, never the values
    expect(inTrace.filter((s) => s.name.startsWith('db ')).every((s) => !String(s.attributes['db.query.text']).includes('psp-1'))).toBe(true);
  });

  it('a client\'s traceparent is not believed at the public edge: the gateway starts its own trace', async () => {
    const foreign = '0af7651916cd43dd8448eb211c80319c';
    await gql('query Markets { markets { code } }', {}, { traceparent: `00-${foreign}-b7ad6b7169203331-01` });
    const span = (await waitFor(() => spans.find((s) => s.service === 'gateway' && s.name === 'query Markets'), { what: 'the gateway span' }))!;
    expect(span.traceId).not.toBe(foreign);
    expect(span.parentSpanId).toBeUndefined();
  });

  it('a masked error carries the trace id, and so do the log lines written for it', async () => {
    await g.services.catalog.stop();
    const res = await gql('query Catalog { products(market: "DE", first: 1) { edges { node { sku } } } }');
    const error = res.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
    expect(error, JSON.stringify(res)).toBeDefined();
    const traceId = error!.extensions.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    // the gateway's line for it, with the request id that its other lines carry
    const line = logLines.find((l) => l.msg === 'traced request answered with errors' && l.trace_id === traceId);
    expect(line, JSON.stringify(logLines.filter((l) => l.trace_id))).toMatchObject({ codes: ['SUBGRAPH_UNAVAILABLE'] });
    expect(line!.requestId).toEqual(expect.any(String));
    await waitFor(() => spans.some((s) => s.traceId === traceId && s.service === 'gateway' && s.name === 'query Catalog'), { what: 'the trace of the failed request' });
  });
});
