import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * The public web key is in every storefront's JavaScript: what anyone can send with it must not
 * change the gateway for anyone else. Aliases named after Object.prototype members, `__proto__`
 * first, are answered as names, and every later request of every client answers as before.
 */
let graph: TestGraph;
const PRODUCT = '{ product(sku: "SKU-1001") { sku name } }';
let before: unknown;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  graph = await startTestGraph();
  before = await graph.gql(PRODUCT, {}, KEYS.pos);
});
afterAll(async () => {
  await graph?.stop();
});

describe('aliases from a public key', () => {
  it('__proto__ as an alias is the product, and pollutes nothing', async () => {
    const res = await graph.gql('{ __proto__: product(sku: "SKU-1001") { sku name } }', {}, KEYS.web);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(Object.hasOwn(res.data, '__proto__')).toBe(true);
    expect((res.data as Record<string, { sku: string }>)['__proto__'].sku).toBe('SKU-1001');
    expect(({} as Record<string, unknown>).sku).toBeUndefined();
  });

  it('every Object.prototype member as an alias, at the root and nested, leaves later requests unchanged', async () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const res = await graph.gql(`{ ${name}: product(sku: "SKU-1002") { ${name}: sku name } }`, {}, KEYS.web);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
      expect((res.data as Record<string, Record<string, string>>)[name][name], name).toBe('SKU-1002');
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    // another client, after all of that
    expect(await graph.gql(PRODUCT, {}, KEYS.pos)).toEqual(before);
  });
});
