import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { batchPlan } from './batching.ts';
import type { FetchNode, Plan, PlanNode } from './plan.ts';

const keyOf = (type: string, key: string) => [{ kind: 'InlineFragment' as const, typeCondition: type, selections: [{ kind: 'Field' as const, key: '__typename', readFrom: '__typename' }, { kind: 'Field' as const, key, readFrom: key }] }];

function entityFetch(serviceName: string, n: number, selection: string, type = 'Product', key = 'upc'): FetchNode {
  return {
    kind: 'Fetch',
    serviceName,
    operationName: `Q__${serviceName}__${n}`,
    operation: `query Q__${serviceName}__${n}($representations:[_Any!]!){_entities(representations:$representations){...on ${type}{${selection}}}}`,
    variableUsages: [],
    requires: keyOf(type, key),
    inputRewrites: [],
    outputRewrites: [],
  };
}
const root = (serviceName: string, operation: string): FetchNode => ({ kind: 'Fetch', serviceName, operation, variableUsages: [] });
type Group = { kind: 'Sequence' | 'Parallel'; nodes: PlanNode[] };
const flatten = (path: string, node: PlanNode): PlanNode => ({ kind: 'Flatten', path: path.split('.'), node });

describe('batchPlan', () => {
  it('sends the entity fetches of one subgraph in one wave as one request, one list per distinct selection', () => {
    const plan: Plan = {
      node: {
        kind: 'Parallel',
        nodes: [
          { kind: 'Sequence', nodes: [root('a', '{users{__typename id}}'), flatten('users.@', entityFetch('r', 1, 'reviews{body}', 'User', 'id')), flatten('users.@.reviews.@.product', entityFetch('p', 2, 'name'))] },
          { kind: 'Sequence', nodes: [root('p', '{top{__typename upc}}'), { kind: 'Parallel', nodes: [flatten('top.@', entityFetch('p', 3, 'name')), flatten('top.@', entityFetch('p', 4, 'price'))] }] },
        ],
      },
    };
    const out = batchPlan(plan).node as Group;
    expect(out.kind).toBe('Sequence');
    expect(out.nodes.map((n) => n.kind)).toEqual(['Parallel', 'Parallel', 'Flatten']);
    // wave 1: the reviews of the users, and both product fetches below `top` in one request
    const wave1 = out.nodes[1] as Group;
    const batch = wave1.nodes.find((n) => n.kind === 'BatchFetch');
    expect(batch).toMatchObject({ serviceName: 'p', batches: [{ alias: '_e0', variable: 'representations0', paths: [['top', '@']] }, { alias: '_e1', variable: 'representations1', paths: [['top', '@']] }] });
    const doc = parse((batch as { operation: string }).operation);
    expect(doc.definitions).toHaveLength(1);
    // wave 2: the products under the reviews run after the reviews, as planned
    expect(out.nodes[2]).toMatchObject({ kind: 'Flatten', path: ['users', '@', 'reviews', '@', 'product'], node: { serviceName: 'p' } });
  });

  it('shares one list of representations between fetches of the same selection along different paths', () => {
    const plan: Plan = {
      node: {
        kind: 'Sequence',
        nodes: [
          root('a', '{a{__typename upc} b{__typename upc}}'),
          { kind: 'Parallel', nodes: [flatten('a', entityFetch('p', 1, 'name')), flatten('b', entityFetch('p', 2, 'name'))] },
        ],
      },
    };
    const out = batchPlan(plan).node as Group;
    expect(out.nodes[1]).toMatchObject({ kind: 'BatchFetch', batches: [{ alias: '_e0', paths: [['a'], ['b']] }] });
  });

  it('leaves plans alone when nothing can be batched or the shape is unknown', () => {
    const single: Plan = { node: { kind: 'Sequence', nodes: [root('a', '{a{__typename upc}}'), flatten('a', entityFetch('p', 1, 'name'))] } };
    expect(batchPlan(single)).toBe(single);
    const conditional: Plan = {
      node: { kind: 'Sequence', nodes: [root('a', '{a{__typename upc}}'), { kind: 'Flatten', path: ['a'], node: { kind: 'Condition', condition: 'x', ifClause: entityFetch('p', 1, 'name') } }, flatten('a', entityFetch('p', 2, 'price'))] },
    };
    expect(batchPlan(conditional)).toBe(conditional);
  });

  it('keeps fetches apart when their fragments of one name differ or their variables disagree', () => {
    const withFragment = (n: number, body: string): FetchNode => ({
      ...entityFetch('p', n, '...F'),
      operation: `query Q($representations:[_Any!]!){_entities(representations:$representations){...F}} fragment F on Product{${body}}`,
    });
    const plan: Plan = { node: { kind: 'Sequence', nodes: [root('a', '{a{__typename upc}}'), { kind: 'Parallel', nodes: [flatten('a', withFragment(1, 'name')), flatten('a', withFragment(2, 'price'))] }] } };
    expect(batchPlan(plan)).toBe(plan);
  });
});
