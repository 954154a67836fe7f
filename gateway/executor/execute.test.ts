import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PlanExecutor, type ExecutionState } from './execute.ts';
import type { EntityInput, SelectionNode } from './plan.ts';

const schema = buildSchema(`
  scalar JSON
  interface Node { id: ID! }
  type Product implements Node { id: ID! upc: String sku: JSON }
  type User implements Node { id: ID! }
  type Query { a: Int }
`);

const field = (key: string, readFrom = key): SelectionNode => ({ kind: 'Field', key, readFrom });
const on = (typeCondition: string, ...selections: SelectionNode[]): SelectionNode => ({ kind: 'InlineFragment', typeCondition, selections });
const input = (...requires: SelectionNode[]): EntityInput => ({ requires, inputRewrites: [], outputRewrites: [] });
const state = (): ExecutionState => ({ variables: {}, conditions: {}, headers: {}, errors: [], data: {} });

interface Reps { texts: string[]; targetsOf: object[][] }
const representations = (entities: object[], i: EntityInput): Reps =>
  (new PlanExecutor(schema, new Map()) as unknown as { representations: (e: object[], i: EntityInput, s: ExecutionState) => Reps }).representations(entities, i, state());

/** what the representations must be: each entity's selection as JSON, one per distinct text, in first-seen order */
function reference(entities: Record<string, unknown>[], keys: string[]): Reps {
  const texts: string[] = [];
  const targetsOf: object[][] = [];
  for (const e of entities) {
    if (!e.__typename || keys.some((k) => e[k] === undefined)) continue;
    const text = JSON.stringify(Object.fromEntries(keys.map((k) => [k, e[k]])));
    let slot = texts.indexOf(text);
    if (slot < 0) {
      slot = texts.push(text) - 1;
      targetsOf.push([]);
    }
    targetsOf[slot].push(e);
  }
  return { texts, targetsOf };
}

describe('representations', () => {
  it('sends each distinct entity once and keeps every place that asked for it', () => {
    const entities = [
      { __typename: 'Product', upc: '1', name: 'a' },
      { __typename: 'Product', upc: '2' },
      { __typename: 'Product', upc: '1', name: 'b' },
      { __typename: 'Product', upc: 1 },
      { __typename: 'Product', upc: true },
      { __typename: 'Product', upc: 'true' },
      { __typename: 'Product', upc: null },
      { __typename: 'Product', upc: null },
      { __typename: 'Product', upc: 0 },
      { __typename: 'Product', upc: -0 },
      { __typename: 'Product' },
      { upc: '1' },
      { __typename: '', upc: '1' },
      { __typename: 'Product', upc: '1' },
    ];
    const reps = representations(entities, input(on('Product', field('__typename'), field('upc'))));
    expect(reps).toEqual(reference(entities, ['__typename', 'upc']));
    expect(reps.texts).toEqual([
      '{"__typename":"Product","upc":"1"}', '{"__typename":"Product","upc":"2"}', '{"__typename":"Product","upc":1}',
      '{"__typename":"Product","upc":true}', '{"__typename":"Product","upc":"true"}', '{"__typename":"Product","upc":null}',
      '{"__typename":"Product","upc":0}',
    ]);
    expect(reps.targetsOf[0]).toEqual([entities[0], entities[2], entities[13]]);
    expect(reps.targetsOf[0][0]).toBe(entities[0]);
  });

  it('compares values that are objects by their text, and keeps composite keys apart', () => {
    const entities = [
      { __typename: 'Product', id: '1', sku: { a: 1 } },
      { __typename: 'Product', id: '1', sku: { a: 1 } },
      { __typename: 'Product', id: '1', sku: [1, 2] },
      { __typename: 'Product', id: '1', sku: 'x' },
      { __typename: 'Product', id: '2', sku: 'x' },
      { __typename: 'Product', id: '1', sku: 'x' },
    ];
    const reps = representations(entities, input(on('Product', field('__typename'), field('id'), field('sku'))));
    expect(reps).toEqual(reference(entities, ['__typename', 'id', 'sku']));
    expect(reps.targetsOf.map((t) => t.length)).toEqual([2, 1, 2, 1]);
  });

  it('keeps the representations of different types apart, and reads keys from where the plan says', () => {
    const entities = [
      { __typename: 'Product', id: '1', aliasOfId: '7' },
      { __typename: 'User', id: '1' },
      { __typename: 'Product', id: '1', aliasOfId: '7' },
      { __typename: 'User', id: '1' },
    ];
    const reps = representations(entities, input(on('Product', field('__typename'), field('id', 'aliasOfId')), on('User', field('__typename'), field('id'))));
    expect(reps.texts).toEqual(['{"__typename":"Product","id":"7"}', '{"__typename":"User","id":"1"}']);
    expect(reps.targetsOf).toEqual([[entities[0], entities[2]], [entities[1], entities[3]]]);
  });

  it('treats keys named like Object.prototype members as plain names', () => {
    const entities = [
      JSON.parse('{"__typename":"Product","__proto__":"1"}'),
      { __typename: 'Product' },
      JSON.parse('{"__typename":"Product","__proto__":"1"}'),
    ];
    const reps = representations(entities, input(on('Product', field('__typename'), field('__proto__'))));
    expect(reps.texts).toEqual(['{"__typename":"Product","__proto__":"1"}']);
    expect(reps.targetsOf[0]).toEqual([entities[0], entities[2]]);
  });
});
