import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../common/config.ts';
import { generatedSchemaFiles, releaseSchemas, runSchemaCheck, writeFiles } from '../common/schemaCheck/check.ts';
import { UsageStore, type CoordinateUsage } from '../common/schemaCheck/usageStore.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * Order v2, expand → migrate → contract, through the real gateway: the v1 fields are served from
 * the same data, the gateway records that POS 3.1 reads them, and the schema check refuses their
 * removal (on a temporary copy of the project) until the usage window holds no use.
 */
const dir = mkdtempSync(join(tmpdir(), 'cg-evolution-'));
const usageFile = join(dir, 'usage.sqlite');
let g: TestGraph;

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { usage: { enabled: true, file: usageFile, flushIntervalMs: 50 } } });
});
afterAll(async () => {
  await g?.stop();
});

const POS_3_1 = { 'apollographql-client-name': 'pos', 'apollographql-client-version': '3.1' };

async function recorded(predicate: (rows: CoordinateUsage[]) => boolean): Promise<CoordinateUsage[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const store = await UsageStore.open({ file: usageFile });
    const rows = await store.since('2000-01-01');
    await store.close();
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`usage not recorded in time: ${JSON.stringify(rows.slice(0, 20))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let orderId: string;

describe('Order v2: the v1 fields stay, deprecated, resolved from the same data', () => {
  it('serves discountCode and discountTotal from the promotion object and totals; the event carries both', async () => {
    const created = await g.gql('mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id version } userErrors { code } } }', { i: { market: 'DE', discountCodes: ['WELCOME10'] } }, KEYS.pos, POS_3_1);
    const cart = created.data.createCart.cart;
    const added = await g.gql(
      'mutation($c: ID!, $v: Int!) { addCartLines(cartId: $c, expectedVersion: $v, lines: [{ sku: "SKU-1002", quantity: 3 }]) { cart { version totals { total { amount currencyCode } } } userErrors { code } } }',
      { c: cart.id, v: cart.version }, KEYS.pos, POS_3_1,
    );
    expect(added.data.addCartLines.userErrors).toEqual([]);
    const placed = await g.gql(
      'mutation($c: ID!, $p: PaymentInput!) { placeOrder(cartId: $c, idempotencyKey: "evo-1", payment: $p) { order { id } userErrors { code message } } }',
      { c: cart.id, p: { reference: 'psp-evo', amount: added.data.addCartLines.cart.totals.total } }, KEYS.pos, POS_3_1,
    );
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    orderId = placed.data.placeOrder.order.id;

    const read = await g.gql(
      'query($id: ID!) { order(id: $id) { discountCode discountTotal { amount currencyCode } promotion { discountCodes { code } } totals { discount { amount currencyCode } } } }',
      { id: orderId }, KEYS.pos, POS_3_1,
    );
    const order = read.data.order;
    expect(order.promotion.discountCodes.map((c: { code: string }) => c.code)).toEqual(['WELCOME10']);
    expect(order.discountCode).toBe('WELCOME10');
    expect(order.discountTotal).toEqual(order.totals.discount);
    expect(Number(order.discountTotal.amount)).toBeGreaterThan(0);

    const [event] = await g.services.orders.db.all<{ payload: string }>('SELECT payload FROM outbox WHERE aggregate_id = ?', [orderId]);
    const payload = JSON.parse(event.payload);
    expect(payload).toMatchObject({ type: 'OrderCreated', schemaVersion: 1, order: { discountCode: 'WELCOME10', discountTotal: order.totals.discount } });
    expect(payload.order.totals.discount).toEqual(order.totals.discount);
    expect(payload.order.promotion.discountCodes[0].code).toBe('WELCOME10');
  });
});

describe('field usage per client', () => {
  it('records fields, arguments, enum values and input fields (also from variables) per client and version', async () => {
    const web = { 'apollographql-client-name': 'storefront', 'apollographql-client-version': '7.2.0' };
    await g.gql('query($f: CampaignFilter) { campaigns(filter: $f, first: 1) { totalCount } }', { f: { status: 'ACTIVE', market: 'DE' } }, KEYS.marketing, web);
    await g.gql('{ campaigns(filter: { status: PAUSED }) { totalCount } }', {}, KEYS.marketing, web);
    await g.gql('{ markets { code } }', {}, KEYS.web); // no client headers
    const rows = await recorded((r) => r.some((x) => x.coordinate === 'Order.discountCode') && r.some((x) => x.coordinate === 'CampaignStatus.PAUSED') && r.some((x) => x.clientName === 'unknown'));
    const of = (coordinate: string, client: string) => rows.filter((r) => r.coordinate === coordinate && r.clientName === client);
    expect(of('Order.discountCode', 'pos')).toEqual([expect.objectContaining({ clientVersion: '3.1', count: 1 })]);
    expect(of('Order.discountTotal', 'pos')[0].count).toBe(1);
    expect(of('Mutation.createCart(input:)', 'pos')[0].count).toBe(1);
    expect(of('CreateCartInput.discountCodes', 'pos')[0].count).toBe(1);
    expect(of('Query.campaigns', 'storefront')).toEqual([expect.objectContaining({ clientVersion: '7.2.0', count: 2 })]);
    expect(of('CampaignStatus.ACTIVE', 'storefront')[0].count).toBe(1); // from the variables
    expect(of('CampaignStatus.PAUSED', 'storefront')[0].count).toBe(1); // a literal
    expect(of('CampaignFilter.market', 'storefront')[0].count).toBe(1);
    expect(of('Query.campaigns(first:)', 'storefront')[0].count).toBe(1);
    expect(of('Query.markets', 'unknown')[0]).toMatchObject({ clientVersion: 'unknown', count: 1 });
    expect(rows.every((r) => r.firstDay === new Date().toISOString().slice(0, 10))).toBe(true);
  });
});

describe('contract: removing the v1 fields', () => {
  /**
   * A copy of the project's schema sources and clients, released as they are (the v1 fields
   * deprecated), then the v1 fields removed from the copy's orders SDL and composed again.
   */
  function projectWithoutV1(): string {
    const root = mkdtempSync(join(dir, 'project-'));
    for (const name of SERVICE_NAMES) {
      mkdirSync(join(root, 'subgraphs', name), { recursive: true });
      cpSync(`subgraphs/${name}/schema.graphql`, join(root, 'subgraphs', name, 'schema.graphql'));
    }
    cpSync('clients', join(root, 'clients'), { recursive: true });
    releaseSchemas(root); // npm run schema:release in the copy
    const sdlFile = join(root, 'subgraphs/orders/schema.graphql');
    const sdl = readFileSync(sdlFile, 'utf8');
    // each v1 field with its description line
    const without = sdl.replace(/\n\s*"[^"\n]*"\n\s*(discountCode|discountTotal): [^\n]*@deprecated[^\n]*/g, '');
    expect(without.split('\n').length).toBe(sdl.split('\n').length - 4);
    writeFileSync(sdlFile, without);
    writeFiles(root, generatedSchemaFiles(root)); // npm run schema:compose in the copy
    return root;
  }

  it('is refused while POS 3.1 reads them, naming the client and counts; accepted once the window holds no use', async () => {
    const root = projectWithoutV1();
    const now = new Date();
    const refused = await runSchemaCheck({ root, usageFile, windowDays: 30, now });
    expect(refused.ok).toBe(false);
    const removals = refused.changes.filter((c) => c.schema === 'api');
    expect(removals.map((c) => [c.path, c.decision])).toEqual([['Order.discountCode', 'refused'], ['Order.discountTotal', 'refused']]);
    expect(removals[0].usage).toEqual([{ client: 'pos', version: '3.1', count: 1, lastDay: now.toISOString().slice(0, 10) }]);
    expect(removals[0].reason).toContain('pos 3.1 (1 operation');
    // the contracts are compared with their released copies too
    expect(refused.changes.filter((c) => c.schema === 'contract in-game' && c.decision === 'refused').map((c) => c.path)).toEqual(['Order.discountCode', 'Order.discountTotal']);

    // a month later nothing has read them: the same change is accepted
    const later = await runSchemaCheck({ root, usageFile, windowDays: 30, now: new Date(now.getTime() + 31 * 86_400_000) });
    expect(later.changes.every((c) => c.decision === 'allowed-by-usage')).toBe(true);
    expect(later.clients.every((c) => c.errors.length === 0)).toBe(true);
    expect(later.ok).toBe(true);
  });
});

describe('channel contracts in the gateway', () => {
  it('refuses an in-game request outside its contract with OUTSIDE_CHANNEL_CONTRACT, calling no subgraph', async () => {
    const requestId = randomUUID();
    const res = await g.gql('query($id: ID!) { cart(id: $id) { id shippingAddress { type } } }', { id: 'x' }, KEYS.inGame, { 'x-request-id': requestId });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['OUTSIDE_CHANNEL_CONTRACT']);
    expect(res.errors?.[0].message).toContain('in-game');
    expect(res.errors?.[0].message).toContain('shippingAddress');
    expect(res.data).toBeUndefined();
    expect(g.subgraphCalls(requestId)).toBe(0);
    // the same request inside the contract (kiosk) does reach the subgraphs under that id
    const inside = randomUUID();
    await g.gql('query($id: ID!) { cart(id: $id) { id shippingAddress { type } } }', { id: 'x' }, KEYS.kiosk, { 'x-request-id': inside });
    expect(g.subgraphCalls(inside)).toBeGreaterThan(0);
  });

  it('refuses in-game and kiosk keys the marketing data their contracts leave out; channels without a contract see it', async () => {
    for (const key of [KEYS.inGame, KEYS.kiosk]) {
      const res = await g.gql('{ promotionProviders }', {}, key);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions.code).toBe('OUTSIDE_CHANNEL_CONTRACT');
    }
    const marketing = await g.gql('{ promotionProviders }', {}, KEYS.marketing);
    expect(marketing.errors).toBeUndefined();
    expect(marketing.data.promotionProviders.length).toBeGreaterThan(0);
  });

  it('a kiosk may read the shipping address (its contract keeps addresses); in-game operations inside the contract run', async () => {
    const kiosk = await g.gql('query($id: ID!) { cart(id: $id) { id shippingAddress { type } } }', { id: 'x' }, KEYS.kiosk);
    expect(kiosk.errors).toBeUndefined();
    expect(kiosk.data.cart).toBeNull();
    const game = await g.gql('query($m: String!) { products(market: $m, first: 2) { edges { node { sku } } } }', { m: 'DE' }, KEYS.inGame);
    expect(game.errors).toBeUndefined();
    expect(game.data.products.edges).toHaveLength(2);
  });
});

describe('introspection by a channel with a contract', () => {
  it('describes the contract, calling no subgraph', async () => {
    const q = '{ __type(name: "Cart") { fields { name } } q: __schema { queryType { fields { name } } } }';
    const names = (res: any) => res.data.__type.fields.map((f: { name: string }) => f.name);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const game = await g.gql(q, {}, KEYS.inGame, { 'x-request-id': ids[0] });
    expect(game.errors).toBeUndefined();
    expect(names(game)).toContain('lines');
    expect(names(game)).not.toContain('shippingAddress');
    expect(game.data.q.queryType.fields.map((f: { name: string }) => f.name)).not.toContain('promotionProviders');
    expect(names(await g.gql(q, {}, KEYS.kiosk, { 'x-request-id': ids[1] }))).toContain('shippingAddress');
    expect(names(await g.gql(q, {}, KEYS.web, { 'x-request-id': ids[2] }))).toContain('shippingAddress');
    expect(ids.map((id) => g.subgraphCalls(id))).toEqual([0, 0, 0]);
  });
});
