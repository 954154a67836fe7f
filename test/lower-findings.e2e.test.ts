import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../common/demo.ts';
import { UsageStore, type CoordinateUsage } from '../common/schemaCheck/usageStore.ts';
import { demoKeys, KeyStore, parseKeyFile } from '../gateway/keys.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** Usage names, strict instants, introspection in contracts, idempotency per shopper, demo key ids. */
let g: TestGraph;
const usageFile = join(mkdtempSync(join(tmpdir(), 'cg-lower-')), 'usage.sqlite');

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { usage: { enabled: true, file: usageFile, flushIntervalMs: 50 } } });
});
afterAll(async () => {
  await g?.stop();
});

async function usage(predicate: (rows: CoordinateUsage[]) => boolean): Promise<CoordinateUsage[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const store = await UsageStore.open({ file: usageFile });
    const rows = await store.since('2000-01-01');
    await store.close();
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`usage not as expected in time: ${JSON.stringify(rows.slice(0, 10))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('usage recording', () => {
  it('keeps a bounded set of client names per channel and records no refused operation', async () => {
    for (let i = 0; i < 60; i++) await g.gql('{ markets { code } }', {}, KEYS.web, { 'apollographql-client-name': `junk-${i}` });
    await g.gql('{ markets { code } }', {}, KEYS.web, { 'apollographql-client-name': '<script>' });
    // refused by scope: it used nothing
    await g.gql('{ deadLetters { totalCount } }', {}, KEYS.web, { 'apollographql-client-name': 'refused-app' });
    await g.gql('{ markets { code } }', {}, KEYS.web, { 'apollographql-client-name': 'last-marker' });
    const rows = await usage((r) => r.some((x) => x.clientName === 'web:other' && x.count >= 41));
    const names = new Set(rows.map((r) => r.clientName));
    expect([...names].filter((n) => n.startsWith('junk-')).length).toBeLessThanOrEqual(20);
    expect(names.has('<script>')).toBe(false);
    expect(rows.some((r) => r.coordinate.startsWith('Query.deadLetters'))).toBe(false);
    expect(names.has('refused-app')).toBe(false);
  });
});

describe('x-preview-at', () => {
  it('refuses a date that does not exist instead of rolling it over', async () => {
    for (const at of ['2030-02-31', '2030-02-31T00:00:00Z', '2030-13-01T00:00:00Z', '2030-04-31T10:00:00Z']) {
      const res = await g.gql('{ markets { code } }', {}, KEYS.operations, { 'x-preview-at': at });
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const ok = await g.gql('{ markets { code } }', {}, KEYS.operations, { 'x-preview-at': '2030-02-28T00:00:00Z' });
    expect(ok.errors).toBeUndefined();
  });
});

describe('introspection in a channel contract', () => {
  it('shows the kiosk its contract, and refuses introspection mixed with a field', async () => {
    const alone = await g.gql('{ __schema { queryType { fields { name } } } }', {}, KEYS.kiosk);
    const fields = alone.data.__schema.queryType.fields.map((f: { name: string }) => f.name);
    expect(fields).not.toContain('campaigns');
    const mixed = await g.gql('{ markets { code } __schema { queryType { fields { name } } } }', {}, KEYS.kiosk);
    expect(mixed.status).toBe(400);
    expect(mixed.errors?.[0].extensions.code).toBe('OUTSIDE_CHANNEL_CONTRACT');
    expect(JSON.stringify(mixed)).not.toContain('campaigns');
  });
});

describe('idempotency keys', () => {
  const CREATE = `mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1001", quantity: 1 }] }) { cart { id totals { total { amount currencyCode } } } } }`;
  const PLACE = `mutation($c: ID!, $k: String!, $a: MoneyInput!) { placeOrder(cartId: $c, idempotencyKey: $k, payment: { reference: "psp", amount: $a }) { order { id } userErrors { code } } }`;

  it('two guests on one channel key using "order-1" each get their order', async () => {
    const a = (await g.gql(CREATE)).data.createCart.cart;
    const b = (await g.gql(CREATE)).data.createCart.cart;
    const first = await g.gql(PLACE, { c: a.id, k: 'order-1', a: a.totals.total });
    const second = await g.gql(PLACE, { c: b.id, k: 'order-1', a: b.totals.total });
    expect(first.data.placeOrder.userErrors).toEqual([]);
    expect(second.data.placeOrder.userErrors).toEqual([]);
    expect(second.data.placeOrder.order.id).not.toBe(first.data.placeOrder.order.id);
  });

  it('"9.99" and "9.990" are the same input', async () => {
    const c = (await g.gql(CREATE)).data.createCart.cart;
    const first = await g.gql(PLACE, { c: c.id, k: 'same-amount', a: c.totals.total });
    const again = await g.gql(PLACE, { c: c.id, k: 'same-amount', a: { ...c.totals.total, amount: `${c.totals.total.amount}0` } });
    expect(again.data.placeOrder).toEqual(first.data.placeOrder);
  });
});

describe('keys', () => {
  it('demo keys have ids that do not contain the keys', () => {
    const ids = demoKeys().map((k) => k.id);
    for (const k of DEMO_KEYS) for (const id of ids) expect(id.includes(k.key)).toBe(false);
  });

  it('a key file cannot grant the service scope', () => {
    const store = new KeyStore(parseKeyFile(JSON.stringify([{ id: 'sneaky', key: 'sneaky-key-123', channel: 'web', scopes: ['storefront', 'service'] }])));
    expect(store.identify('sneaky-key-123')).toMatchObject({ keyId: 'sneaky', scopes: ['storefront'] });
  });
});
