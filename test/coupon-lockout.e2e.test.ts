import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * An anonymous client holding only the public web key guesses codes on cart after cart: it is
 * limited, and nobody else is. Clients are told apart by their address, from X-Forwarded-For of the
 * trusted proxy (here the test's own loopback address).
 */
let g: TestGraph;
const CREATE = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id version discountCodes } userErrors { code field message } } }`;
const APPLY = `mutation($id: ID!, $v: Int!, $code: String!) { applyDiscountCode(cartId: $id, expectedVersion: $v, code: $code) { cart { version discountCodes } userErrors { code field message } } }`;
const from = (address: string) => ({ 'x-forwarded-for': address });
const ATTACKER = '203.0.113.66';

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { trustedProxies: ['127.0.0.1', '::1'] } });
});
afterAll(async () => {
  await g?.stop();
});

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(g.services.cart.url.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('coupon guessing is limited per client, not per key', () => {
  it('12 carts × 5 invalid codes from one client: the client is limited, a shopper elsewhere on the same key is not', async () => {
    const before = await metric('cart_discount_code_failures_total', 'channel="web"');
    const answers: string[] = [];
    for (let c = 0; c < 12; c++) {
      const created = await g.gql(CREATE, { input: { market: 'DE' } }, undefined, from(ATTACKER));
      const { id, version } = created.data.createCart.cart;
      for (let i = 0; i < 5; i++) {
        const res = await g.gql(APPLY, { id, v: version, code: `GUESS${c}X${i}` }, undefined, from(ATTACKER));
        answers.push(res.data.applyDiscountCode.userErrors[0].code);
      }
    }
    // 50 guesses checked (the client's budget in 15 minutes), the other 10 refused unchecked
    expect(answers.filter((a) => a === 'DISCOUNT_CODE_INVALID')).toHaveLength(50);
    expect(answers.slice(50)).toEqual(Array(10).fill('RATE_LIMITED'));
    expect(await metric('cart_discount_code_failures_total', 'channel="web"')).toBe(before + 50);

    // the attacker stays limited on a new cart, even with a valid code
    const fresh = await g.gql(CREATE, { input: { market: 'DE' } }, undefined, from(ATTACKER));
    const blocked = await g.gql(APPLY, { id: fresh.data.createCart.cart.id, v: fresh.data.createCart.cart.version, code: 'WELCOME10' }, undefined, from(ATTACKER));
    expect(blocked.data.applyDiscountCode.userErrors[0]).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.data.applyDiscountCode.userErrors[0].message).toMatch(/Retry after \d+ seconds/);

    // an innocent shopper on the same public key, from another address, enters the valid code
    const shopper = await g.gql(CREATE, { input: { market: 'DE' } }, undefined, from('198.51.100.23'));
    const ok = await g.gql(APPLY, { id: shopper.data.createCart.cart.id, v: shopper.data.createCart.cart.version, code: 'WELCOME10' }, undefined, from('198.51.100.23'));
    expect(ok.data.applyDiscountCode.userErrors).toEqual([]);
    expect(ok.data.applyDiscountCode.cart.discountCodes).toEqual(['WELCOME10']);
    // and so does a shopper with codes given at creation
    const withCode = await g.gql(CREATE, { input: { market: 'DE', discountCodes: ['WELCOME10'] } }, undefined, from('198.51.100.24'));
    expect(withCode.data.createCart.userErrors).toEqual([]);
  });

  it('the attacker cannot escape by writing its own X-Forwarded-For: only what the trusted proxy appended counts', async () => {
    const created = await g.gql(CREATE, { input: { market: 'DE' } }, undefined, from(`198.51.100.99, ${ATTACKER}`));
    const res = await g.gql(APPLY, { id: created.data.createCart.cart.id, v: created.data.createCart.cart.version, code: 'WELCOME10' }, undefined, from(`198.51.100.99, ${ATTACKER}`));
    expect(res.data.applyDiscountCode.userErrors[0]).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
