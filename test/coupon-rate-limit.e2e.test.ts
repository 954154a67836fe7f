import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/** Guessing coupon codes is rate limited per cart (5 failures in 15 minutes) and per client (50). */
let g: TestGraph;
const clock = new ManualClock(new Date('2026-11-01T10:00:00Z'));
const APPLY = `mutation($id: ID!, $v: Int!, $code: String!) { applyDiscountCode(cartId: $id, expectedVersion: $v, code: $code) { cart { version discountCodes } userErrors { code field message } } }`;

beforeAll(async () => {
  g = await startTestGraph({ clock });
});
afterAll(async () => {
  await g?.stop();
});

describe('coupon guessing', () => {
  it('refuses codes after 5 failures on a cart, with a retry-after, and accepts them again after the window', async () => {
    const created = await g.gql('mutation { createCart(input: { market: "DE" }) { cart { id version } } }');
    const { id, version } = created.data.createCart.cart;
    for (const guess of ['AAAA', 'BBBB', 'SUMMER5', 'CCCC', 'JPSALE']) {
      const res = await g.gql(APPLY, { id, v: version, code: guess });
      expect(res.data.applyDiscountCode.userErrors[0].code).toBe('DISCOUNT_CODE_INVALID');
    }
    const limited = await g.gql(APPLY, { id, v: version, code: 'WELCOME10' });
    expect(limited.data.applyDiscountCode.cart).toBeNull();
    expect(limited.data.applyDiscountCode.userErrors[0]).toMatchObject({ code: 'RATE_LIMITED', field: 'code' });
    expect(limited.data.applyDiscountCode.userErrors[0].message).toMatch(/Retry after \d+ seconds/);

    clock.advance(15 * 60_000 + 1000);
    const again = await g.gql(APPLY, { id, v: version, code: 'WELCOME10' });
    expect(again.data.applyDiscountCode.userErrors).toEqual([]);
    expect(again.data.applyDiscountCode.cart.discountCodes).toEqual(['WELCOME10']);
  });

  it('does not count valid codes as failures', async () => {
    const created = await g.gql('mutation { createCart(input: { market: "DE" }) { cart { id version } } }');
    let { version } = created.data.createCart.cart;
    const { id } = created.data.createCart.cart;
    for (let i = 0; i < 7; i++) {
      const code = i % 2 ? 'FUTURE20' : 'WELCOME10';
      const add = await g.gql(APPLY, { id, v: version, code });
      expect(add.data.applyDiscountCode.userErrors).toEqual([]);
      version = add.data.applyDiscountCode.cart.version;
    }
  });
});
