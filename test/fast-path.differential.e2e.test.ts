import { readdirSync, readFileSync } from 'node:fs';
import {
  buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, Kind, parse, typeFromAST,
  type GraphQLInputType, type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../common/http.ts';
import type { RunningGateway } from '../gateway/server.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * The gateway's own request path (gateway/fastPath.ts) answers exactly what Apollo Server answers:
 * the same corpus goes to a gateway with it on and to one with it off (GATEWAY_FAST_PATH=off), over
 * the same subgraphs, in development and in production settings; status, content type, cache control
 * and body must be the same (generated ids and instants aside: each request creates its own).
 */
let g: TestGraph;
const pairs: Record<'development' | 'production', { on: RunningGateway; off: RunningGateway }> = {} as never;

beforeAll(async () => {
  g = await startTestGraph();
  const production = { production: true, persistedOnlyChannels: ['pos', 'kiosk', 'in-game'] };
  pairs.development = { on: g.gateway, off: await g.startAnotherGateway({ fastPath: false }) };
  pairs.production = {
    on: await g.startAnotherGateway({ ...production, fastPath: true }),
    off: await g.startAnotherGateway({ ...production, fastPath: false }),
  };
}, 120_000);
afterAll(async () => {
  await g?.stop();
});

interface Case {
  name: string;
  method?: string;
  headers?: Record<string, string>;
  /** a string is sent as it is */
  body?: unknown;
  search?: string;
  /** changes state: answered once before, so that both gateways see the same state */
  mutation?: boolean;
}

const api = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const manifest = JSON.parse(readFileSync('schema/trusted-documents.json', 'utf8')) as { documents: Record<string, { document: string; operation: string }> };

/** Plausible values for an operation's variables: the demo's market, SKUs and locations where the name says so. */
function valueFor(name: string, type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(name, type.ofType, depth);
  if (isListType(type)) return [valueFor(name, type.ofType, depth)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const [field, def] of Object.entries(named.getFields())) {
      if (isNonNullType(def.type) || ['market', 'sku', 'quantity', 'location', 'currency'].includes(field)) out[field] = valueFor(field, def.type, depth + 1);
    }
    return out;
  }
  switch (named.name) {
    case 'Int': return name === 'first' ? 3 : 1;
    case 'Float': return 1.5;
    case 'Boolean': return true;
    default:
      if (/market/i.test(name)) return 'DE';
      if (/sku/i.test(name)) return 'SKU-1001';
      if (/location/i.test(name)) return 'store-berlin-1';
      if (/currency/i.test(name)) return 'EUR';
      if (/country/i.test(name)) return 'DE';
      if (/at$|from|to|until|since/i.test(name)) return '2026-11-27T10:00:00Z';
      return `x-${name}`;
  }
}

const clientOperations = readdirSync('clients').filter((f) => f.endsWith('.graphql')).flatMap((file) => {
  const source = readFileSync(`clients/${file}`, 'utf8');
  return parse(source).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((op) => {
    const variables: Record<string, unknown> = {};
    for (const v of op.variableDefinitions ?? []) {
      const type = typeFromAST(api, v.type as never) as GraphQLInputType | undefined;
      if (type) variables[v.variable.name.value] = valueFor(v.variable.name.value, type);
    }
    return { file, name: op.name!.value, source, variables, mutation: op.operation === 'mutation' };
  });
});

const json = { 'content-type': 'application/json' };
const web = { ...json, authorization: `Bearer ${KEYS.web}` };
const ops = { ...json, authorization: `Bearer ${KEYS.operations}` };
const kiosk = { ...json, authorization: `Bearer ${KEYS.kiosk}` };
const deep = `{ products(market: "DE", first: 1) { edges { node { ${'family { variants { '.repeat(9)}sku${' } }'.repeat(9)} } } } }`;
const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: product(sku: "SKU-1001") { sku }`).join(' ')} }`;
const tokens = `{ products(market: "DE", first: 1) { edges { node { ${'sku '.repeat(6000)}} } } }`;
const trusted = Object.entries(manifest.documents)[0];

const corpus: Case[] = [
  ...clientOperations.flatMap(({ file, name, source, variables, mutation }) => Object.entries(KEYS).map(([keyName, key]): Case => ({
    name: `${file} ${name} as ${keyName}`,
    mutation,
    headers: { ...json, authorization: `Bearer ${key}` },
    body: { query: source, operationName: name, variables },
  }))),
  // every manifest document by hash, with the keys that run nothing else in production
  ...Object.entries(manifest.documents).flatMap(([hash, d]) => (['pos', 'kiosk', 'inGame'] as const).map((keyName): Case => ({
    name: `trusted ${d.operation} as ${keyName}`,
    headers: { ...json, authorization: `Bearer ${KEYS[keyName]}`, 'apollographql-client-name': `${keyName}-app` },
    body: { documentId: hash, operationName: d.operation, variables: clientOperations.find((o) => o.name === d.operation)?.variables ?? {} },
    mutation: /^\s*mutation/m.test(d.document),
  }))),
  { name: 'products, variables omitted', headers: web, body: { query: '{ products(market: "DE", first: 2) { edges { node { sku name } } } }' } },
  { name: 'products, variables null, operationName null', headers: web, body: { query: '{ products(market: "DE", first: 2) { edges { node { sku } } } }', variables: null, operationName: null } },
  { name: 'unknown field with a suggestion', headers: web, body: { query: '{ product { skus } }' } },
  { name: 'syntax error', headers: web, body: { query: '{ products(first: 2) { nodes { sku }' } },
  { name: 'empty query', headers: web, body: { query: '' } },
  { name: 'query not a string', headers: web, body: { query: 42 } },
  { name: 'no query', headers: web, body: { variables: {} } },
  { name: 'empty object', headers: web, body: {} },
  { name: 'unknown operation name', headers: web, body: { query: 'query A { __typename } query B { __typename }', operationName: 'C' } },
  { name: 'several operations, no name', headers: web, body: { query: 'query A { products(market: "DE", first: 1) { edges { node { sku } } } } query B { __typename }' } },
  { name: 'several operations, one named', headers: web, body: { query: 'query A { products(market: "DE", first: 1) { edges { node { sku } } } } query B { __typename }', operationName: 'A' } },
  { name: 'operationName not a string', headers: web, body: { query: '{ __typename }', operationName: 7 } },
  { name: 'missing required variable', headers: web, body: { query: 'query P($sku: ID!) { product(sku: $sku) { sku } }' } },
  { name: 'variable of the wrong type', headers: web, body: { query: 'query P($first: Int) { products(market: "DE", first: $first) { edges { node { sku } } } }', variables: { first: 'many' } } },
  { name: 'variables as a string', headers: web, body: { query: '{ __typename }', variables: '{}' } },
  { name: 'variables as an array', headers: web, body: { query: '{ __typename }', variables: [] } },
  { name: 'extensions as an array', headers: web, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }', extensions: [] } },
  { name: 'other extensions', headers: web, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }', extensions: { clientLibrary: { name: 'x' } } } },
  { name: 'too deep', headers: web, body: { query: deep } },
  { name: 'too many aliases', headers: web, body: { query: aliases } },
  { name: 'too many tokens', headers: web, body: { query: tokens } },
  { name: 'too many directives', headers: web, body: { query: `{ __typename ${'@include(if: true) '.repeat(60)}}` } },
  { name: 'string too long', headers: web, body: { query: 'query P($sku: ID!) { product(sku: $sku) { sku } }', variables: { sku: 'x'.repeat(20_000) } } },
  { name: 'persisted query miss', headers: web, body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } } },
  { name: 'documentId miss', headers: web, body: { documentId: 'sha256:' + 'e'.repeat(64) } },
  { name: 'trusted document by documentId', headers: web, body: { documentId: trusted[0], operationName: trusted[1].operation, variables: {} } },
  { name: 'trusted document by extension', headers: web, body: { extensions: { persistedQuery: { version: 1, sha256Hash: trusted[0] } }, operationName: trusted[1].operation } },
  { name: 'trusted document, text differs', headers: web, body: { documentId: trusted[0], query: '{ __typename }' } },
  { name: 'pos key, not a trusted document', headers: { ...json, authorization: `Bearer ${KEYS.pos}` }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'bad JSON', headers: web, body: '{"query": ' },
  { name: 'empty body', headers: web, body: '' },
  { name: 'batch (array)', headers: web, body: [{ query: '{ __typename }' }] },
  { name: 'text/plain (CSRF)', headers: { 'content-type': 'text/plain', authorization: `Bearer ${KEYS.web}` }, body: JSON.stringify({ query: '{ __typename }' }) },
  { name: 'application/graphql', headers: { 'content-type': 'application/graphql', authorization: `Bearer ${KEYS.web}` }, body: '{ __typename }' },
  { name: 'json with charset', headers: { ...web, 'content-type': 'application/json; charset=utf-8' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'accept */*', headers: { ...web, accept: '*/*' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'accept graphql-response+json', headers: { ...web, accept: 'application/graphql-response+json' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'accept text/html', headers: { ...web, accept: 'text/html' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'introspection, web key', headers: web, body: { query: '{ __schema { queryType { name } } }' } },
  { name: 'introspection, operations key', headers: ops, body: { query: '{ __schema { queryType { name } } }' } },
  { name: '__typename only', headers: web, body: { query: '{ __typename }' } },
  { name: '__typename beside a field', headers: web, body: { query: '{ __typename products(market: "DE", first: 1) { edges { node { sku __typename } } } }' } },
  { name: 'introspection inside a larger operation', headers: web, body: { query: '{ __type(name: "Product") { name } products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'alias __proto__', headers: web, body: { query: '{ __proto__: products(market: "DE", first: 1) { edges { node { constructor: sku toString: name } } } }' } },
  { name: 'variables with __proto__', headers: web, body: { query: 'query P($first: Int) { products(market: "DE", first: $first) { edges { node { sku } } } }', variables: JSON.parse('{"__proto__": {"first": 1}, "first": 2}') } },
  { name: 'no key', headers: json, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'invalid key', headers: { ...json, authorization: 'Bearer nope' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'x-api-key', headers: { ...json, 'x-api-key': KEYS.web }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'bad customer token', headers: { ...web, 'x-customer-token': 'not-a-token' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'preview by the operations key', headers: { ...ops, 'x-preview-at': '2030-01-01T00:00:00Z' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'preview by the web key', headers: { ...web, 'x-preview-at': '2030-01-01T00:00:00Z' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'preview, bad instant', headers: { ...ops, 'x-preview-at': 'tomorrow' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'a marketing key reading products', headers: { ...json, authorization: `Bearer ${KEYS.marketing}` }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'a field outside the kiosk contract', headers: kiosk, body: { query: '{ cart(id: "x") { id customerId } }' } },
  { name: 'a field inside the kiosk contract', headers: kiosk, body: { query: '{ cart(id: "x") { id } products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'introspection of the kiosk contract', headers: kiosk, body: { query: '{ __schema { queryType { fields { name } } } }' } },
  { name: 'introspection in a kiosk operation', headers: kiosk, body: { query: '{ __type(name: "Cart") { name } cart(id: "x") { id } }' } },
  { name: 'a customer token', headers: { ...web, 'x-customer-token': '<customer>' }, body: { query: '{ products(market: "DE", first: 1) { edges { node { sku } } } }' } },
  { name: 'a marketing key naming a market not its own', headers: { ...json, authorization: `Bearer ${KEYS.marketingDE}` }, body: { query: '{ promotionShadowReport(market: "FR") { market } }' } },
  { name: 'execution error from a subgraph', headers: web, body: { query: '{ order(id: "no-such-order") { id } }' } },
  { name: 'GET query', method: 'GET', headers: { authorization: `Bearer ${KEYS.web}`, 'apollo-require-preflight': '1' }, search: `?query=${encodeURIComponent('{ products(market: "DE", first: 1) { edges { node { sku } } } }')}` },
  { name: 'GET mutation', method: 'GET', headers: { authorization: `Bearer ${KEYS.web}`, 'apollo-require-preflight': '1' }, search: `?query=${encodeURIComponent('mutation { __typename }')}` },
  { name: 'PUT', method: 'PUT', headers: web, body: { query: '{ __typename }' } },
];

async function send(gateway: RunningGateway, c: Case) {
  const headers = { ...c.headers };
  if (headers['x-customer-token'] === '<customer>') headers['x-customer-token'] = await g.customerToken('customer-1');
  const res = await fetch(`${gateway.url}${c.search ?? ''}`, {
    method: c.method ?? 'POST',
    headers,
    ...(c.method === 'GET' ? {} : { body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) }),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), allow: res.headers.get('allow'), body: normalise(await res.text()) };
}

/** Ids and instants a request creates differ between two requests; the rest must not. */
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<instant>')
    .replace(/"(id|number|orderNumber|cartId|orderId)":"[A-Za-z0-9_-]{6,}"/g, '"$1":"<generated>"');
}

async function answered(gateway: RunningGateway): Promise<Record<string, number>> {
  const text = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^gateway_request_path_total\{path="([a-z]+)"[^}]*\} (\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

async function compare(mode: keyof typeof pairs, cases: Case[]): Promise<void> {
  const { on, off } = pairs[mode];
  const differences: string[] = [];
  for (const c of cases) {
    // a mutation (a stocktake, a cart) leaves state behind: Apollo Server answers it first, then both
    // gateways answer it in the same state
    if (c.mutation) await send(off, c);
    const fast = await send(on, c);
    const apollo = await send(off, c);
    try {
      expect(fast).toEqual(apollo);
    } catch {
      differences.push(`${c.name}:\n  own:    ${JSON.stringify(fast).slice(0, 600)}\n  apollo: ${JSON.stringify(apollo).slice(0, 600)}`);
    }
  }
  expect(differences, differences.join('\n')).toEqual([]);
}

describe.each(['development', 'production'] as const)('%s settings', (mode) => {
  it('answers the whole corpus as Apollo Server does', async () => {
    await compare(mode, corpus);
    // the corpus reaches both paths of the gateway with it on, and only Apollo Server's with it off
    const { on, off } = pairs[mode];
    const counts = await answered(on);
    expect(counts.own).toBeGreaterThan(50);
    expect(counts.apollo).toBeGreaterThan(30);
    expect((await answered(off)).own ?? 0).toBe(0);
  }, 300_000);
});

describe('a subgraph that is down', () => {
  it('is answered with the same masked errors and partial data', async () => {
    // the last test of the file: the graph is not used after it
    await closeServer(g.services.inventory.server);
    const kiosk = clientOperations.find((o) => o.name === 'KioskProducts')!;
    const cases: Case[] = [
      { name: 'availability from the inventory', headers: web, body: { query: kiosk.source, operationName: kiosk.name, variables: { market: 'DE', first: 2 } } },
      { name: 'availability only', headers: web, body: { query: '{ products(market: "DE", first: 2) { edges { node { sku availability(market: "DE") { inStock } } } } }' } },
    ];
    await compare('development', cases);
    await compare('production', cases);
    const answer = await send(pairs.production.on, cases[1]);
    expect(answer.body).toContain('SUBGRAPH_UNAVAILABLE');
  }, 120_000);
});
