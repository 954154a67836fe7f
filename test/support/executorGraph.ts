import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, execute, GraphQLError, parse, printSchema, validate, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { SubgraphClient } from '../../gateway/executor/client.ts';
import { FederatedGateway } from '../../gateway/executor/index.ts';
import type { PlannerName } from '../../gateway/executor/planners.ts';

/**
 * A small library graph of three subgraphs, built to exercise the gateway's executor where
 * federation is hard: an interface entity (`Item`) with two implementations, an `@interfaceObject`
 * of it in another subgraph, a union, `@requires`, `@provides`, a shared field, an enum value
 * hidden by `@inaccessible`, a non-null field a subgraph breaks, and field errors.
 *
 * `startExecutorGraph({ hostile: true })` makes every subgraph answer with extra keys named after
 * every `Object.prototype` member in every object (`__proto__` included), as a broken or hostile
 * subgraph could.
 */
const FED = (imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const CATALOG = `${FED(['@key', '@shareable', '@inaccessible'])}
  interface Item @key(fields: "id") { id: ID!  code: String!  title: String  format: Format }
  type Book implements Item @key(fields: "id") { id: ID!  code: String!  title: String  format: Format  pages: Int @shareable  isbn: String! }
  type Film implements Item @key(fields: "id") { id: ID!  code: String!  title: String  format: Format  minutes: Int! }
  union Media = Book | Film
  enum Format { PRINT DIGITAL ARCHIVED @inaccessible }
  type Shelf { name: String!  items: [Item!]!  media: [Media] }
  type Query {
    items: [Item!]!
    item(id: ID!): Item
    media: [Media]
    shelves: [Shelf!]!
    "a non-null root field whose resolver answers null"
    missing: Item!
  }`;

const REVIEWS = `${FED(['@key', '@interfaceObject'])}
  type Item @key(fields: "id") @interfaceObject { id: ID!  rating: Int  reviews: [Review!]! }
  type Review { id: ID!  score: Int!  body: String  item: Item }
  type Query { reviews: [Review!]!  topRated(first: Int = 2): [Item!]! }`;

const PRICING = `${FED(['@key', '@external', '@requires', '@provides'])}
  type Book @key(fields: "id") { id: ID!  pages: Int @external  price(currency: String = "EUR"): String @requires(fields: "pages") }
  type Film @key(fields: "id") { id: ID!  title: String @external  price(currency: String = "EUR"): String @requires(fields: "title") }
  type Deal { id: ID!  percent: Int!  book: Book @provides(fields: "pages") }
  type Query { deals: [Deal!]! }`;

type Row = { __typename: 'Book' | 'Film'; id: string; title: string; format: string; pages?: number; isbn?: string | null; minutes?: number | null };

/** b4's isbn and f2's minutes are null although the schema says non-null; b3's format is hidden from the API */
export const ITEMS: Row[] = [
  { __typename: 'Book', id: 'b1', title: 'Dune', format: 'PRINT', pages: 412, isbn: '978-0441013593' },
  { __typename: 'Book', id: 'b2', title: 'Emma', format: 'DIGITAL', pages: 474, isbn: '978-0141439587' },
  { __typename: 'Book', id: 'b3', title: 'Ulysses', format: 'ARCHIVED', pages: 730, isbn: '978-0199535675' },
  { __typename: 'Book', id: 'b4', title: 'Nameless', format: 'PRINT', pages: 12, isbn: null },
  { __typename: 'Film', id: 'f1', title: 'Alien', format: 'DIGITAL', minutes: 117 },
  { __typename: 'Film', id: 'f2', title: 'Brazil', format: 'PRINT', minutes: null },
];
const byId = (id: string) => ITEMS.find((i) => i.id === id) ?? null;
const REVIEW_ROWS = [
  { id: 'r1', score: 5, body: 'Sand.', item: 'b1' },
  { id: 'r2', score: 4, body: null, item: 'f1' },
  { id: 'r3', score: 2, body: 'Long.', item: 'b3' },
  { id: 'r4', score: 3, body: 'Again.', item: 'b1' },
  { id: 'r5', score: 1, body: 'Odd.', item: 'f2' },
  { id: 'r6', score: 2, body: 'Odd again.', item: 'f2' },
];
/** an item only the reviews subgraph knows (the catalog does not): its concrete type cannot be resolved */
const ORPHAN_REVIEW = { id: 'r7', score: 4, body: 'Lost.', item: 'x9' };
/** rating of f2 is a field error (the same item appears under several reviews: one fetch, an error at each place) */
const rating = (id: string) => {
  if (id === 'f2') throw new GraphQLError('rating unavailable for f2', { extensions: { code: 'RATING_UNAVAILABLE' } });
  const scores = REVIEW_ROWS.filter((r) => r.item === id).map((r) => r.score);
  return scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
};

function schemas(orphans: boolean): Record<string, GraphQLSchema> {
  const reviewRows = orphans ? [...REVIEW_ROWS, ORPHAN_REVIEW] : REVIEW_ROWS;
  const rated = orphans ? ['b1', 'f1', 'b3', 'x9'] : ['b1', 'f1', 'b3'];
  return {
    catalog: buildSubgraphSchema({
      typeDefs: parse(CATALOG),
      resolvers: {
        Query: {
          items: () => ITEMS,
          item: (_: unknown, { id }: { id: string }) => byId(id),
          media: () => [ITEMS[0], ITEMS[4], null, ITEMS[5]],
          shelves: () => [
            { name: 'new', items: [ITEMS[0], ITEMS[4]], media: [ITEMS[1], ITEMS[4]] },
            { name: 'broken', items: [ITEMS[1], ITEMS[5]], media: [ITEMS[5]] },
          ],
          missing: () => null,
        },
        Item: { __resolveType: (i: Row) => i.__typename, __resolveReference: (r: { id: string }) => byId(r.id) },
        Book: { __resolveReference: (r: { id: string }) => byId(r.id), code: (i: Row) => i.id.toUpperCase() },
        Film: { __resolveReference: (r: { id: string }) => byId(r.id), code: (i: Row) => i.id.toUpperCase() },
        Media: { __resolveType: (i: Row) => i.__typename },
      } as any,
    }),
    reviews: buildSubgraphSchema({
      typeDefs: parse(REVIEWS),
      resolvers: {
        Query: {
          reviews: () => reviewRows,
          topRated: (_: unknown, { first }: { first: number }) => rated.slice(0, first).map((id) => ({ id })),
        },
        Review: { item: (r: { item: string }) => ({ id: r.item }) },
        Item: {
          __resolveReference: (r: { id: string }) => ({ id: r.id }),
          rating: (i: { id: string }) => rating(i.id),
          reviews: (i: { id: string }) => reviewRows.filter((r) => r.item === i.id),
        },
      } as any,
    }),
    pricing: buildSubgraphSchema({
      typeDefs: parse(PRICING),
      resolvers: {
        Query: { deals: () => DEALS.map((d) => ({ ...d, book: { id: d.book, pages: byId(d.book)!.pages } })) },
        Book: {
          __resolveReference: (r: { id: string; pages?: number }) => r,
          price: (b: { pages?: number }, { currency }: { currency: string }) => price(b.pages, 40, currency),
        },
        Film: {
          __resolveReference: (r: { id: string; title?: string }) => r,
          price: (f: { title?: string | null }, { currency }: { currency: string }) => price(f.title?.length, 1, currency),
        },
      } as any,
    }),
  };
}

export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Adds a key for every Object.prototype member to every object of a subgraph answer. */
function infest(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(infest);
  if (typeof value !== 'object' || value === null) return;
  for (const v of Object.values(value)) infest(v);
  for (const name of PROTOTYPE_NAMES) {
    if (!Object.hasOwn(value, name)) Object.defineProperty(value, name, { value: { polluted: name, __typename: 'Book' }, enumerable: true, configurable: true, writable: true });
  }
}

export interface ExecutorGraph {
  supergraphSdl: string;
  /** subgraph name → number of requests received */
  calls: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * `orphans: false` leaves out the item only the reviews subgraph knows (a case a single schema
 * cannot express), so that `monolith()` is the reference answer.
 */
export async function startExecutorGraph(options: { hostile?: boolean; orphans?: boolean } = {}): Promise<ExecutorGraph> {
  const all = schemas(options.orphans ?? true);
  const calls: Record<string, number> = { catalog: 0, reviews: 0, pricing: 0 };
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').replace(/^\/+/, '');
    const schema = all[name];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (!schema) return void res.writeHead(404).end();
      calls[name]++;
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const document = parse(query);
      const errors = validate(schema, document);
      const result: any = errors.length ? { errors } : await execute({ schema, document, variableValues: variables, operationName });
      const body = JSON.parse(JSON.stringify(result));
      if (options.hostile) infest(body.data);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const sdl = { catalog: CATALOG, reviews: REVIEWS, pricing: PRICING };
  const composed = composeServices(Object.entries(sdl).map(([name, typeDefs]) => ({ name, url: `http://127.0.0.1:${port}/${name}`, typeDefs: parse(typeDefs) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return {
    supergraphSdl: composed.supergraphSdl,
    calls,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

const DEALS = [{ id: 'd1', percent: 10, book: 'b2' }, { id: 'd2', percent: 20, book: 'b1' }];
const price = (units: number | null | undefined, per: number, currency: string) => (typeof units === 'number' ? `${(units / per).toFixed(2)} ${currency}` : null);

/**
 * The same graph as one plain GraphQL schema (the supergraph's API schema, executed by graphql-js
 * over the same data, without `orphans`): what a correct federated executor must answer.
 */
export function monolith(apiSchema: GraphQLSchema): (query: string, variables?: Record<string, unknown>) => Promise<Answer> {
  const schema = buildSchema(printSchema(apiSchema));
  const item = {
    rating: (i: Row) => rating(i.id),
    reviews: (i: Row) => REVIEW_ROWS.filter((r) => r.item === i.id),
    code: (i: Row) => i.id.toUpperCase(),
  };
  const resolvers: Record<string, Record<string, (source: any, args: any) => unknown>> = {
    Query: {
      items: () => ITEMS,
      item: (_, { id }) => byId(id),
      media: () => [ITEMS[0], ITEMS[4], null, ITEMS[5]],
      shelves: () => [
        { name: 'new', items: [ITEMS[0], ITEMS[4]], media: [ITEMS[1], ITEMS[4]] },
        { name: 'broken', items: [ITEMS[1], ITEMS[5]], media: [ITEMS[5]] },
      ],
      missing: () => null,
      reviews: () => REVIEW_ROWS,
      topRated: (_, { first }) => ['b1', 'f1', 'b3'].slice(0, first).map(byId),
      deals: () => DEALS,
    },
    Book: { ...item, price: (b: Row, { currency }) => price(b.pages, 40, currency) },
    Film: { ...item, price: (f: Row, { currency }) => price(f.title.length, 1, currency) },
    Review: { item: (r: { item: string }) => byId(r.item) },
    Deal: { book: (d: { book: string }) => byId(d.book) },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve;
  }
  for (const name of ['Item', 'Media']) (schema.getType(name) as GraphQLInterfaceType).resolveType = (v: Row) => v.__typename;
  return async (query, variables) => JSON.parse(JSON.stringify(await execute({ schema, document: parse(query), variableValues: variables }))) as Answer;
}

export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** An Apollo Server over the supergraph, with the project's executor or stock @apollo/gateway's. */
export async function executorServer(supergraphSdl: string, executor: 'ours' | 'stock', planner?: PlannerName): Promise<{ run(query: string, variables?: Record<string, unknown>): Promise<Answer>; stop(): Promise<void> }> {
  const gateway = executor === 'stock'
    ? new ApolloGateway({ supergraphSdl })
    : new FederatedGateway({ supergraphSdl, planner, client: (name, url) => new SubgraphClient(name, url, 5000, 4), headers: () => ({ 'content-type': 'application/json' }) });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  return {
    async run(query, variables) {
      const res = await server.executeOperation({ query, variables });
      if (res.body.kind !== 'single') throw new Error('incremental answer');
      return JSON.parse(JSON.stringify(res.body.singleResult)) as Answer;
    },
    stop: () => server.stop(),
  };
}
