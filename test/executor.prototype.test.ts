import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executorServer, PROTOTYPE_NAMES, startExecutorGraph, type ExecutorGraph } from './support/executorGraph.ts';

/**
 * Keys chosen by a client (aliases) or by a subgraph (response keys) never reach Object.prototype:
 * every Object.prototype member name, `__proto__` included, is thrown at every merge path of the
 * executor (root fetch, nested objects, lists, entity fetches, @requires, @interfaceObject, fragments),
 * by a client and by a subgraph that adds such keys to every object it answers. Afterwards the process
 * is clean and the same queries answer as before.
 */
let graph: ExecutorGraph;
let hostile: ExecutorGraph;
let ours: Awaited<ReturnType<typeof executorServer>>;
let againstHostile: Awaited<ReturnType<typeof executorServer>>;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** one alias at every place where the executor merges: root, nested, lists, entity fetches, @requires, fragments */
function aliasedQuery(alias: string): string {
  return `{
    ${alias}: items { id ... on Book { ${alias}: pages price } }
    shelves { ${alias}: name items { ${alias}: id } }
    reviews { ${alias}: id item { ${alias}: rating } }
    topRated { id ... on Film { ${alias}: minutes } }
    deals { book { ${alias}: pages price } }
    media { ...M }
  }
  fragment M on Media { ... on Book { ${alias}: isbn } ... on Film { title } }`;
}

const BASELINE = '{ items { id title ... on Book { price } } reviews { id item { rating } } topRated { id ... on Book { pages } } deals { book { price } } }';
let baseline: unknown;

function expectCleanProcess(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.id).toBeUndefined();
  expect(probe.title).toBeUndefined();
  expect(typeof probe.hasOwnProperty).toBe('function');
  expect(String(probe)).toBe('[object Object]');
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

beforeAll(async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  graph = await startExecutorGraph();
  hostile = await startExecutorGraph({ hostile: true });
  ours = await executorServer(graph.supergraphSdl, 'ours');
  againstHostile = await executorServer(hostile.supergraphSdl, 'ours');
  baseline = await ours.run(BASELINE);
});
afterAll(async () => {
  await ours?.stop();
  await againstHostile?.stop();
  await graph?.stop();
  await hostile?.stop();
});

describe('keys chosen by clients and subgraphs are only names', () => {
  it.each(PROTOTYPE_NAMES)('the alias %s is answered as a name, everywhere, and leaves the process clean', async (alias) => {
    const answer = await ours.run(aliasedQuery(alias));
    const data = answer.data as Record<string, any>;
    // the alias holds the field's value (an own property of the answer, whatever its name)
    expect(Object.hasOwn(data, alias)).toBe(true);
    expect(data[alias].map((i: Record<string, unknown>) => i.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'f1', 'f2']);
    expect(data[alias][0][alias]).toBe(412);
    expect(data[alias][0].price).toBe('10.30 EUR');
    expect(Object.hasOwn(data[alias][4], alias)).toBe(false);
    expect(data.shelves[0][alias]).toBe('new');
    expect(data.shelves[0].items.map((i: Record<string, unknown>) => i[alias])).toEqual(['b1', 'f1']);
    expect(data.reviews[0][alias]).toBe('r1');
    expect(data.reviews[0].item[alias]).toBe(4);
    expect(data.topRated[1][alias]).toBe(117);
    expect(data.deals[0].book[alias]).toBe(474);
    expect(data.media[0][alias]).toBe('978-0441013593');
    expectCleanProcess();
    expect(await ours.run(BASELINE)).toEqual(baseline);
  });

  it('a subgraph that adds every Object.prototype member to every object it answers changes nothing but the answer', async () => {
    for (const query of [BASELINE, aliasedQuery('x'), aliasedQuery('__proto__'), aliasedQuery('constructor')]) {
      const answer = await againstHostile.run(query);
      // the keys nobody asked for are not in the answer
      expect(JSON.stringify(answer)).not.toContain('polluted');
      expectCleanProcess();
    }
    expect(await againstHostile.run(BASELINE)).toEqual(baseline);
    expect(await ours.run(BASELINE)).toEqual(baseline);
  });

  it('variables named after Object.prototype members are ordinary variables', async () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const answer = await ours.run(`query($${name}: Boolean = true, $id: ID!) { item(id: $id) { id title @include(if: $${name}) } }`, { id: 'b2' });
      expect(answer).toEqual({ data: { item: { id: 'b2', title: 'Emma' } } });
      // no variable sent: not read from the prototype either
      const skipped = await ours.run(`query($${name}: Boolean!) { item(id: "b2") { id title @skip(if: $${name}) } }`, { [name]: false });
      expect(skipped).toEqual({ data: { item: { id: 'b2', title: 'Emma' } } });
    }
    expectCleanProcess();
  });
});
