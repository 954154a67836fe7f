import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executorServer, startExecutorGraph, type Answer, type ExecutorGraph } from './support/executorGraph.ts';

/**
 * The gateway's executor answers as GraphQL specifies, one test per class of mistake a federated
 * executor can make (each seen in this one before): variable defaults, @interfaceObject runtime
 * types, leaf values the API schema does not allow, nulls under non-null types, introspection in
 * fragments, and errors of deduplicated entity fetches; with each of the two query planners.
 */
let graph: ExecutorGraph;

beforeAll(async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  graph = await startExecutorGraph();
});
afterAll(async () => {
  await graph?.stop();
});

const paths = (a: Answer) => (a.errors ?? []).map((e) => e.path?.join('.'));

describe.each(['apollo', 'rust'] as const)('with the %s query planner', (planner) => {
  let ours: Awaited<ReturnType<typeof executorServer>>;
  beforeAll(async () => {
    ours = await executorServer(graph.supergraphSdl, 'ours', planner);
  });
  afterAll(async () => {
    await ours?.stop();
  });


  describe('variables with default values', () => {
    it('@include and @skip read a variable\'s default when it is not sent', async () => {
      const q = 'query($with: Boolean = true, $without: Boolean = true) { item(id: "b1") { id ... on Book { pages @include(if: $with) title @skip(if: $without) } } }';
      expect(await ours.run(q)).toEqual({ data: { item: { id: 'b1', pages: 412 } } });
      expect(await ours.run(q, { with: false, without: false })).toEqual({ data: { item: { id: 'b1', title: 'Dune' } } });
    });

    it('a subgraph fetch skipped by a defaulted condition is not made', async () => {
      const q = 'query($noPrice: Boolean = true) { item(id: "b1") { id ... on Book { price @skip(if: $noPrice) } } }';
      const before = graph.calls.pricing;
      expect(await ours.run(q)).toEqual({ data: { item: { id: 'b1' } } });
      expect(graph.calls.pricing).toBe(before);
      expect(await ours.run(q, { noPrice: false })).toEqual({ data: { item: { id: 'b1', price: '10.30 EUR' } } });
      expect(graph.calls.pricing).toBe(before + 1);
    });

    it('a defaulted argument reaches the subgraph', async () => {
      expect(await ours.run('query($n: Int = 1) { topRated(first: $n) { id } }')).toEqual({ data: { topRated: [{ id: 'b1' }] } });
    });
  });

  describe('@interfaceObject answers take their concrete type', () => {
    it('fields of the implementations and __typename, for items another subgraph lists by interface', async () => {
      const answer = await ours.run('{ topRated(first: 3) { __typename id rating ... on Book { pages } ... on Film { minutes } } }');
      expect(answer).toEqual({
        data: {
          topRated: [
            { __typename: 'Book', id: 'b1', rating: 4, pages: 412 },
            { __typename: 'Film', id: 'f1', rating: 4, minutes: 117 },
            { __typename: 'Book', id: 'b3', rating: 2, pages: 730 },
          ],
        },
      });
    });

    it('a field of the interface object selected in fragments on two implementations is fetched for both', async () => {
      const answer = await ours.run('{ topRated { reviews { item { f: format ...B ... on Film { id rating } } } } } fragment B on Book { r: rating }');
      expect(answer).toEqual({
        data: {
          topRated: [
            { reviews: [{ item: { f: 'PRINT', r: 4 } }, { item: { f: 'PRINT', r: 4 } }] },
            { reviews: [{ item: { f: 'DIGITAL', id: 'f1', rating: 4 } }] },
          ],
        },
      });
    });

    it('__typename asked only under an alias still decides the runtime type', async () => {
      expect(await ours.run('{ topRated { t: __typename code id } media { m: __typename } }')).toEqual({
        data: {
          topRated: [{ t: 'Book', code: 'B1', id: 'b1' }, { t: 'Film', code: 'F1', id: 'f1' }],
          media: [{ m: 'Book' }, { m: 'Film' }, null, { m: 'Film' }],
        },
      });
    });

    it('an item whose concrete type nobody knows is null with an error, never a silent null', async () => {
      const answer = await ours.run('{ reviews { id item { __typename id } } }');
      expect((answer.data as any).reviews[6]).toEqual({ id: 'r7', item: null });
      expect(paths(answer)).toEqual(['reviews.6.item.__typename']);
      // under non-null types the null reaches the root: data is null, and the error says why
      const root = await ours.run('{ topRated(first: 4) { __typename } }');
      expect(root.data).toBeNull();
      expect(root.errors?.[0]).toMatchObject({ path: ['topRated', 3, '__typename'], extensions: { code: 'RESPONSE_VALIDATION_FAILED' } });
    });
  });

  describe('leaf values are completed against the API schema', () => {
    it('an enum value hidden by @inaccessible is null with an error at its place', async () => {
      const answer = await ours.run('{ items { id format } }');
      expect((answer.data as any).items.map((i: { format: string | null }) => i.format)).toEqual(['PRINT', 'DIGITAL', null, 'PRINT', 'DIGITAL', 'PRINT']);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]).toMatchObject({ path: ['items', 2, 'format'], extensions: { code: 'RESPONSE_VALIDATION_FAILED' } });
      expect(answer.errors![0].message).toMatch(/^Invalid value found for field (Book|Item)\.format\.$/);
    });
  });

  describe('nulls under non-null types', () => {
    it('propagate to the nearest nullable parent with an error naming the field', async () => {
      // x9 is known to reviews only: the catalog answers null for it, so its non-null code is missing
      const nullable = await ours.run('{ reviews { id item { id code } } }');
      expect((nullable.data as any).reviews[0]).toEqual({ id: 'r1', item: { id: 'b1', code: 'B1' } });
      expect((nullable.data as any).reviews[6]).toEqual({ id: 'r7', item: null });
      expect(nullable.errors).toEqual([
        { message: 'Cannot return null for non-nullable field Item.code.', path: ['reviews', 6, 'item', 'code'], extensions: { code: 'RESPONSE_VALIDATION_FAILED' } },
      ]);
      // [Item!]!: the item, the list, then the whole data is null; the error says why
      const root = await ours.run('{ topRated(first: 4) { id code } }');
      expect(root.data).toBeNull();
      expect(paths(root)).toEqual(['topRated.3.code']);
    });

    it('a null reported by the subgraph keeps the subgraph\'s error and adds none', async () => {
      const answer = await ours.run('{ items { id ... on Book { isbn } } }');
      expect(answer.data).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]).toMatchObject({ path: ['items', 3, 'isbn'], extensions: { serviceName: 'catalog' } });
    });
  });

  describe('introspection', () => {
    it('is answered inside fragments on the root type, beside fields of the subgraphs', async () => {
      const answer = await ours.run('{ ...Root } fragment Root on Query { __typename t: __type(name: "Book") { name } __schema { queryType { name } } shelves { name } }');
      expect(answer).toEqual({ data: { __typename: 'Query', t: { name: 'Book' }, __schema: { queryType: { name: 'Query' } }, shelves: [{ name: 'new' }, { name: 'broken' }] } });
    });
  });

  describe('errors of entity fetches', () => {
    it('an error of an entity that several places share is reported at each place', async () => {
      const answer = await ours.run('{ reviews { id item { id rating } } }');
      expect(paths(answer)).toEqual(['reviews.4.item.rating', 'reviews.5.item.rating']);
      expect(answer.errors![0].extensions).toMatchObject({ code: 'RATING_UNAVAILABLE', serviceName: 'reviews' });
      expect((answer.data as any).reviews[4].item).toEqual({ id: 'f2', rating: null });
    });

    it('entities of several places fetched in one request (the Rust planner batches them) are answered and their errors placed', async () => {
      const answer = await ours.run('{ a: item(id: "b1") { rating } b: item(id: "f2") { rating code } }');
      expect(answer.data).toEqual({ a: { rating: 4 }, b: { rating: null, code: 'F2' } });
      expect(paths(answer)).toEqual(['b.rating']);
    });
  });
});
