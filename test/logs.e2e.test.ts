import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../common/log.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * The logs of a whole storefront flow (debug level, every service and the gateway), including
 * failures, are scanned for API keys, payment references and personal data.
 */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
let g: TestGraph;
const SECRET_REFERENCE = 'psp-secret-ref-4242';
const PERSON = { name: 'Erika Verylongsurname', street: 'Geheimweg 17', email: 'erika@example.org' };

beforeAll(async () => {
  g = await startTestGraph({ log: createLogger('e2e', 'debug', sink) });
});
afterAll(async () => {
  await g?.stop();
});

describe('logs', () => {
  it('carry request ids and never keys, payment references or personal data', async () => {
    const created = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1004", quantity: 1 }] }) { cart { id version totals { total { amount currencyCode } } } } }`, {}, KEYS.web, { 'x-request-id': 'req-log-test-1' });
    const cart = created.data.createCart.cart;
    const addr = await g.gql(
      `mutation($id: ID!, $v: Int!, $a: TypedValueInput!) { setShippingAddress(cartId: $id, expectedVersion: $v, address: $a) { cart { version } } }`,
      { id: cart.id, v: cart.version, a: { type: 'address/v1', data: PERSON } },
    );
    const placed = await g.gql(
      `mutation($id: ID!, $a: MoneyInput!) { placeOrder(cartId: $id, idempotencyKey: "log-1", payment: { reference: "${SECRET_REFERENCE}", amount: $a }) { order { id } userErrors { code } } }`,
      { id: cart.id, a: cart.totals.total },
    );
    expect(addr.errors).toBeUndefined();
    expect(placed.data.placeOrder.userErrors).toEqual([]);
    // failures log too: a bad key, a subgraph down
    await g.gql('{ markets { code } }', {}, 'demo-web-key-but-wrong');
    const open = await g.gql(`mutation { createCart(input: { market: "DE", lines: [{ sku: "SKU-1005", quantity: 1 }] }) { cart { id } } }`);
    await g.services.promotions.stop();
    await g.gql(`query($id: ID!) { cart(id: $id) { promotion { provider } } }`, { id: open.data.createCart.cart.id }, KEYS.web, { 'x-request-id': 'req-log-test-2' });

    expect(lines.length).toBeGreaterThan(0);
    // the request id travels from the gateway to the subgraphs' log lines
    expect(lines.some((l) => JSON.parse(l).requestId === 'req-log-test-2')).toBe(true);
    const all = lines.join('\n');
    for (const secret of [...Object.values(KEYS), 'demo-web-key-but-wrong', SECRET_REFERENCE, PERSON.name, PERSON.street, PERSON.email]) {
      expect(all, `logs contain ${secret}`).not.toContain(secret);
    }
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
