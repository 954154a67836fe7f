import { readFileSync } from 'node:fs';
import {
  buildSchema, getNamedType, getNullableType, getVariableValues, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  parse, specifiedRules, validate, type GraphQLArgument, type OperationDefinitionNode, type GraphQLField, type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../common/demo.ts';
import { contractSchemas } from '../gateway/contracts.ts';
import { scopesFromSupergraph } from '../gateway/guards.ts';
import { startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * The authorization matrix, generated from the schema: every root field of the API × every demo key
 * × its own and a foreign market, with the arguments as literals and as variables (and once selecting
 * every field of the result). Each cell is refused by the gateway — with no subgraph called — or let
 * through, exactly as the `@tag` scopes, the keys' markets and locations, and the channel contracts say.
 */
const supergraph = readFileSync('schema/supergraph.graphql', 'utf8');
const api = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const scopes = scopesFromSupergraph(supergraph);
const contracts = contractSchemas(supergraph);
const MANAGED = new Set(['marketing', 'catalog:write']);

type Key = (typeof DEMO_KEYS)[number];
interface Cell { key: Key; market: string; form: 'literal' | 'variables' | 'all fields' }

/** A valid value of an input type; `market` and `location` values are the cell's. */
function valueOf(type: GraphQLInputType, name: string, cell: Cell, depth = 0): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [valueOf(t.ofType, name, cell, depth + 1)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const f of Object.values(t.getFields())) {
      if (isNonNullType(f.type) || (['market', 'location'].includes(f.name) && locationOf(cell.key) !== null)) out[f.name] = valueOf(f.type, f.name, cell, depth + 1);
    }
    return { ...out };
  }
  if (name === 'market') return cell.market;
  if (name === 'location') return locationOf(cell.key) ?? 'store-berlin-1';
  const scalar = isScalarType(t) ? t.name : 'String';
  return ({ Int: 1, Float: 1, Boolean: false, ID: 'matrix-id', DateTime: '2027-01-01T00:00:00Z', JSON: {} } as Record<string, unknown>)[scalar] ?? 'x';
}

const locationOf = (key: Key) => (key.locations.includes('*') ? 'store-berlin-1' : key.locations[0] ?? null);

/** A GraphQL literal of a plain value. */
function literal(value: unknown, type: GraphQLInputType): string {
  const t = getNullableType(type);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(t) ? t.ofType : t)).join(', ')}]`;
  if (isEnumType(t)) return String(value);
  if (isInputObjectType(t)) return `{ ${Object.entries(value as object).map(([k, v]) => `${k}: ${literal(v, t.getFields()[k].type)}`).join(', ')} }`;
  if (value !== null && typeof value === 'object') return '{}';
  return JSON.stringify(value);
}

/** The arguments a cell passes: required ones, and market/location ones. */
function argsOf(field: GraphQLField<unknown, unknown>): GraphQLArgument[] {
  return field.args.filter((a) => isNonNullType(a.type) || ['market', 'location'].includes(a.name));
}

function selectionOf(field: GraphQLField<unknown, unknown>, all: boolean): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  if (!all) return '{ __typename }';
  const leaves = Object.values(named.getFields())
    .filter((f) => !f.args.some((a) => isNonNullType(a.type)))
    .map((f) => (isObjectType(getNamedType(f.type)) || getNamedType(f.type).name.endsWith('Connection') ? `${f.name} { __typename }` : f.name));
  return `{ __typename ${leaves.join(' ')} }`;
}

function request(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, cell: Cell): { query: string; variables: Record<string, unknown> } {
  const args = argsOf(field);
  const selection = selectionOf(field, cell.form === 'all fields');
  if (cell.form === 'variables') {
    const defs = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    return {
      query: `${operation}${defs ? `(${defs})` : ''} { ${field.name}${call} ${selection} }`,
      variables: Object.fromEntries(args.map((a) => [a.name, valueOf(a.type, a.name, cell)])),
    };
  }
  const call = args.length ? `(${args.map((a) => `${a.name}: ${literal(valueOf(a.type, a.name, cell), a.type)}`).join(', ')})` : '';
  return { query: `${operation} { ${field.name}${call} ${selection} }`, variables: {} };
}

/** Every market and location value in the variables or the literal arguments of a request. */
function namedValues(value: unknown, key = '', out: { market: string[]; location: string[] } = { market: [], location: [] }) {
  if (typeof value === 'string' && (key === 'market' || key === 'location')) out[key].push(value);
  else if (Array.isArray(value)) value.forEach((v) => namedValues(v, key, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => namedValues(v, k, out));
  return out;
}

/** What the tags, the key's markets and locations, and the channel's contract say about a cell. */
function expected(type: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, cell: Cell, req: { query: string; variables: Record<string, unknown> }): 'allowed' | 'FORBIDDEN' | 'OUTSIDE_CHANNEL_CONTRACT' {
  const needed = scopes.get(`${type}.${field.name}`) ?? [];
  if (needed.length && !needed.some((s) => cell.key.scopes.includes(s))) return 'FORBIDDEN';
  const contract = contracts.get(cell.key.channel);
  if (contract) {
    const document = parse(req.query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    if (validate(contract, document, specifiedRules).length) return 'OUTSIDE_CHANNEL_CONTRACT';
    if (getVariableValues(contract, operation.variableDefinitions ?? [], req.variables).errors) return 'OUTSIDE_CHANNEL_CONTRACT';
  }
  const values = namedValues(Object.fromEntries(argsOf(field).map((a) => [a.name, valueOf(a.type, a.name, cell)])));
  if (needed.some((s) => MANAGED.has(s)) && values.market.some((m) => !cell.key.markets.includes('*') && !cell.key.markets.includes(m))) return 'FORBIDDEN';
  if (values.location.some((l) => !cell.key.locations.includes('*') && !cell.key.locations.includes(l))) return 'FORBIDDEN';
  return 'allowed';
}

let g: TestGraph;
let subgraphRequests = 0;
beforeAll(async () => {
  g = await startTestGraph({ cartOptions: { limits: { cartsPerClientPerHour: 100_000 } } });
  for (const s of Object.values(g.services)) s.server.on('request', () => subgraphRequests++);
});
afterAll(async () => {
  await g?.stop();
});

const roots = (['Query', 'Mutation'] as const).flatMap((type) => {
  const root = type === 'Query' ? api.getQueryType()! : api.getMutationType()!;
  return Object.values(root.getFields()).map((field) => ({ type, field }));
});
const cells: Cell[] = DEMO_KEYS.flatMap((key) => ['DE', 'FR'].flatMap((market) => (['literal', 'variables', 'all fields'] as const).map((form) => ({ key, market, form }))));
const tally = { allowed: 0, FORBIDDEN: 0, OUTSIDE_CHANNEL_CONTRACT: 0 };

describe('authorization matrix (schema × demo keys × markets × literal/variables)', () => {
  it.each(roots.map((r) => [`${r.type}.${r.field.name}`, r] as const))('%s', async (_name, { type, field }) => {
    for (const cell of cells) {
      const req = request(type === 'Query' ? 'query' : 'mutation', field, cell);
      const want = expected(type, field, cell, req);
      tally[want]++;
      const before = subgraphRequests;
      const res = await g.gql(req.query, req.variables, cell.key.key);
      const where = `${cell.key.id} ${cell.market} ${cell.form}: ${req.query} ${JSON.stringify(req.variables)} → ${res.status} ${JSON.stringify(res.errors ?? []).slice(0, 300)}`;
      if (want === 'allowed') {
        expect(res.status, where).toBe(200);
        expect((res.errors ?? []).map((e) => e.extensions?.code), where).not.toContain('OUTSIDE_CHANNEL_CONTRACT');
        expect(subgraphRequests, where).toBeGreaterThan(before);
      } else {
        expect(res.status, where).toBe(want === 'FORBIDDEN' ? 403 : 400);
        expect(res.errors?.map((e) => e.extensions?.code), where).toEqual([want]);
        expect(res.data ?? null, where).toBeNull();
        expect(subgraphRequests, where).toBe(before);
      }
    }
  }, 120_000);

  it('is not vacuous: every root field, every key, and each verdict many times', () => {
    expect(roots.length).toBeGreaterThan(40);
    expect(tally.allowed).toBeGreaterThan(300);
    expect(tally.FORBIDDEN).toBeGreaterThan(300);
    expect(tally.OUTSIDE_CHANNEL_CONTRACT).toBeGreaterThan(20);
  });
});
