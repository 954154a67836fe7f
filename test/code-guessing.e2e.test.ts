import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/** A batch of guessed codes in one request neither fits through the rate limit nor reveals a valid code. */
let g: TestGraph;
const CREATE = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id discountCodes } userErrors { code field message } } }`;
const guesses = (n: number) => Array.from({ length: n }, (_, i) => `GUESS${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('codes per request', () => {
  it('5,000 codes in one createCart are refused as bad input naming the limit, none checked', async () => {
    const codes = guesses(5000);
    codes[2345] = 'WELCOME10';
    const res = await g.gql(CREATE, { input: { market: 'DE', discountCodes: codes } });
    expect(res.data?.createCart ?? null).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/At most 10 discount codes per request/);
    expect(JSON.stringify(res)).not.toMatch(/DISCOUNT_CODE_INVALID/);
  });

  it('checks no more codes than the remaining failures allow: a valid code after them is not revealed', async () => {
    const codes = [...guesses(9), 'WELCOME10'];
    const res = await g.gql(CREATE, { input: { market: 'DE', discountCodes: codes } });
    const errors = res.data.createCart.userErrors as { code: string; field: string }[];
    expect(errors.filter((e) => e.code === 'DISCOUNT_CODE_INVALID').map((e) => e.field)).toEqual([0, 1, 2, 3, 4].map((i) => `discountCodes[${i}]`));
    expect(errors.filter((e) => e.code === 'RATE_LIMITED').map((e) => e.field)).toEqual([5, 6, 7, 8, 9].map((i) => `discountCodes[${i}]`));
    // the valid code's answer is the same as the guesses' around it
    expect(errors.find((e) => e.field === 'discountCodes[9]')!.code).toBe(errors.find((e) => e.field === 'discountCodes[8]')!.code);
  });

  it('the client budget (50 failures) holds across carts: the next batch checks nothing', async () => {
    // 1 cart above used 5; 9 more carts with 5 guesses each use the remaining 45 of this client
    for (let i = 0; i < 9; i++) {
      const res = await g.gql(CREATE, { input: { market: 'DE', discountCodes: guesses(5) } });
      expect(res.data.createCart.userErrors.every((e: { code: string }) => e.code === 'DISCOUNT_CODE_INVALID')).toBe(true);
    }
    const res = await g.gql(CREATE, { input: { market: 'DE', discountCodes: ['WELCOME10'] } });
    expect(res.data.createCart.userErrors).toEqual([expect.objectContaining({ code: 'RATE_LIMITED' })]);
  });
});
