/**
 * A Node port of the public federation benchmark's four subgraphs (accounts, inventory, products,
 * reviews), from the benchmark's data files kept in bench/federation/data/ (MIT, see its LICENSE;
 * `data.json`, whose `behaviour` notes are followed exactly). All four are served by one HTTP server, one path each
 * (`/accounts`, `/inventory`, `/products`, `/reviews`), as in the public benchmark.
 *
 * The data is static, so a subgraph's answer depends on the request body alone: with
 * `memoize: true` (the benchmark's setting) the serialised answer for a body is kept, so the
 * subgraphs cost next to nothing and the gateways are what is measured (the public benchmark's
 * subgraphs are Rust). The test runs them without memoisation.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/** The public benchmark's data files (data.json, supergraph.graphql, query.graphql), inside the repository. */
export const BENCH_DATA_DIR = fileURLToPath(new URL('./data', import.meta.url));

interface User { id: string; name: string; username: string; birthday: number }
interface Product { upc: string; name: string; price: number; weight: number }
interface Review { id: string; body: string; productUpc: string }
interface BenchData { users: User[]; products: Product[]; inventory: { upc: string; inStock: boolean }[]; reviews: Review[] }

export function loadBenchData(dir = BENCH_DATA_DIR): BenchData {
  return JSON.parse(readFileSync(`${dir}/data.json`, 'utf8')) as BenchData;
}

const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

function schemas(data: BenchData): Record<string, GraphQLSchema> {
  const firstTwoReviews = () => data.reviews.slice(0, 2);
  const reviewOut = (r: Review) => ({ id: r.id, body: r.body, productUpc: r.productUpc });
  return {
    accounts: buildSubgraphSchema({
      typeDefs: parse(`${FED}
        type Query { me: User  user(id: ID!): User  users: [User] }
        type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`),
      resolvers: {
        Query: {
          me: () => data.users[0],
          user: (_: unknown, { id }: { id: string }) => data.users.find((u) => u.id === id) ?? null,
          users: () => data.users,
        },
        User: { __resolveReference: (ref: { id: string }) => data.users.find((u) => u.id === ref.id) ?? null },
      } as any,
    }),
    products: buildSubgraphSchema({
      typeDefs: parse(`${FED}
        type Query { topProducts(first: Int = 5): [Product] }
        type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`),
      resolvers: {
        Query: { topProducts: (_: unknown, { first }: { first: number }) => data.products.slice(0, Math.max(0, first)) },
        Product: { __resolveReference: (ref: { upc: string }) => data.products.find((p) => p.upc === ref.upc) ?? null },
      } as any,
    }),
    inventory: buildSubgraphSchema({
      typeDefs: parse(`${FED}
        type Product @key(fields: "upc") {
          upc: String!  weight: Int @external  price: Int @external  inStock: Boolean
          shippingEstimate: Int @requires(fields: "price weight")
        }`),
      resolvers: {
        Product: {
          __resolveReference: (ref: { upc: string; price?: number | null; weight?: number | null }) => ({
            ...ref,
            inStock: data.inventory.find((i) => i.upc === ref.upc)?.inStock ?? null,
          }),
          // 0 above 1000, else half the weight (integer division); null without a price
          shippingEstimate: (p: { price?: number | null; weight?: number | null }) => {
            if (p.price == null) return null;
            if (p.price > 1000) return 0;
            return p.weight == null ? null : Math.trunc(p.weight / 2);
          },
        },
      } as any,
    }),
    reviews: buildSubgraphSchema({
      typeDefs: parse(`${FED}
        type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
        type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
        type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`),
      resolvers: {
        Review: {
          __resolveReference: (ref: { id: string }) => {
            const r = data.reviews.find((x) => x.id === ref.id);
            return r ? reviewOut(r) : null;
          },
          product: (r: Review) => ({ upc: r.productUpc }),
          // always user 1 as "urigo", with the first two reviews
          author: () => ({ id: '1', username: 'urigo', reviews: firstTwoReviews() }),
        },
        User: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id, username: 'user', reviews: firstTwoReviews() }),
          reviews: (u: { reviews?: Review[] }) => u.reviews ?? firstTwoReviews(),
        },
        Product: {
          __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
          reviews: (p: { upc: string }) => data.reviews.filter((r) => r.productUpc === p.upc),
        },
      } as any,
    }),
  };
}

export interface RunningBenchSubgraphs {
  server: Server;
  port: number;
  /** subgraph name → URL */
  urls: Record<string, string>;
  stop(): Promise<void>;
}

export async function startBenchSubgraphs(options: { port?: number; memoize?: boolean; dir?: string } = {}): Promise<RunningBenchSubgraphs> {
  const all = schemas(loadBenchData(options.dir));
  const documents = new Map<string, DocumentNode>();
  const answers = new Map<string, string>();
  const answer = async (schema: GraphQLSchema, body: string): Promise<string> => {
    const { query, variables, operationName } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) return JSON.stringify({ errors: errors.map((e) => ({ message: e.message })) });
      documents.set(query, document);
    }
    return JSON.stringify(await execute({ schema, document, variableValues: variables, operationName }));
  };
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0].replace(/^\/+|\/+$/g, '').split('/')[0];
    const schema = all[name];
    if (!schema || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"not found"}]}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = `${name}\n${body}`;
      let text = options.memoize ? answers.get(key) : undefined;
      try {
        if (text === undefined) {
          text = await answer(schema, body);
          if (options.memoize && answers.size < 10_000) answers.set(key, text);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      } catch (e) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = await new Promise<number>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const base = `http://127.0.0.1:${port}`;
  return {
    server,
    port,
    urls: Object.fromEntries(Object.keys(all).map((n) => [n, `${base}/${n}`])),
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The supergraph of the data files with its subgraph URLs pointed at `base` (e.g. http://127.0.0.1:4200). */
export function benchSupergraph(base: string, dir = BENCH_DATA_DIR): string {
  return readFileSync(`${dir}/supergraph.graphql`, 'utf8').replaceAll('http://0.0.0.0:4200', base);
}

export function benchQuery(dir = BENCH_DATA_DIR): string {
  return readFileSync(`${dir}/query.graphql`, 'utf8');
}

// run directly: serve on --port (default 4200)
if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--port');
  const running = await startBenchSubgraphs({ port: i > 0 ? Number(process.argv[i + 1]) : 4200, memoize: !process.argv.includes('--no-memoize') });
  console.log(`ready ${running.port}`);
  process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}
