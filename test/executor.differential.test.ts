import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType, isAbstractType, isLeafType, isObjectType, parse, validate,
  type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executorServer, monolith, startExecutorGraph, type Answer, type ExecutorGraph } from './support/executorGraph.ts';

/**
 * Differential test: many generated operations over a supergraph with interfaces, a union,
 * @interfaceObject, @requires, @provides, field errors and broken non-null fields, with aliases,
 * inline and named fragments, __typename, and @skip/@include on variables with and without
 * defaults. Each goes through our executor, through stock @apollo/gateway, and through the same
 * graph as one plain schema executed by graphql-js (the reference: what GraphQL says the answer is).
 * Ours must answer the reference's data and error paths every time, so it answers what stock
 * answers wherever stock is right. Where stock is wrong is counted and printed, not excused.
 *
 * The generator is seeded (EXECUTOR_DIFF_SEED to replay one run; the seed is in every failure).
 */
const SEED = Number(process.env.EXECUTOR_DIFF_SEED ?? Date.now() % 100_000);
const OPERATIONS = 300;

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

interface Generated {
  query: string;
  variables: Record<string, unknown>;
}

/** Generates operations over the API schema. Every response key is unique where it could collide. */
function generator(schema: GraphQLSchema, seed: number) {
  const r = random(seed);
  return (): Generated => {
    let aliasCount = 0;
    const conditions: string[] = [];
    const variables: Record<string, unknown> = {};
    const fragments: string[] = [];
    const condition = (): string => {
      if (!r.chance(0.25)) return '';
      const name = `c${conditions.length}`;
      const def = r.chance(0.5) ? ` = ${r.chance(0.5)}` : '';
      conditions.push(`$${name}: Boolean${def ? def : '!'}`);
      if (!def || r.chance(0.4)) variables[name] = r.chance(0.5);
      return ` @${r.chance(0.5) ? 'skip' : 'include'}(if: $${name})`;
    };
    const args = (field: GraphQLField<unknown, unknown>): string => {
      if (field.name === 'item' && field.args.length) return `(id: "${r.pick(['b1', 'b2', 'b3', 'b4', 'f1', 'f2', 'zz'])}")`;
      if (field.name === 'topRated' && r.chance(0.6)) return `(first: ${r.int(1, 4)})`;
      if (field.name === 'price' && r.chance(0.5)) return `(currency: "${r.pick(['USD', 'GBP'])}")`;
      return '';
    };
    const selection = (type: GraphQLNamedType, depth: number): string => {
      const parts: string[] = [];
      if (r.chance(0.3)) parts.push(r.chance(0.3) ? `t${aliasCount++}: __typename` : '__typename');
      if (isObjectType(type) || (isAbstractType(type) && 'getFields' in type)) {
        const fields = Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields())
          .filter((f) => f.name !== 'missing' || r.chance(0.05));
        const count = r.int(1, Math.min(4, fields.length));
        for (let i = 0; i < count; i++) {
          const field = r.pick(fields);
          const named = getNamedType(field.type);
          if (!isLeafType(named) && depth >= 3) continue;
          const a = args(field);
          // a field with arguments always gets its own name: two uses with different arguments may not merge
          const alias = a || r.chance(0.3) ? `a${aliasCount++}: ` : '';
          const sub = isLeafType(named) ? '' : ` { ${selection(named, depth + 1)} }`;
          parts.push(`${alias}${field.name}${a}${condition()}${sub}`);
        }
      }
      if (isAbstractType(type)) {
        for (const possible of schema.getPossibleTypes(type)) {
          if (!r.chance(0.5)) continue;
          const inner = selection(possible, depth + 1);
          if (r.chance(0.3)) {
            const name = `F${fragments.length}`;
            fragments.push(`fragment ${name} on ${possible.name} { ${inner} }`);
            parts.push(`...${name}${condition()}`);
          } else parts.push(`... on ${possible.name}${condition()} { ${inner} }`);
        }
      }
      if (!parts.length) parts.push('__typename');
      return parts.join(' ');
    };
    const root = selection(schema.getQueryType()!, 0);
    const defs = conditions.length ? `(${conditions.join(', ')})` : '';
    return { query: `query Generated${defs} { ${root} } ${fragments.join(' ')}`, variables };
  };
}

/** Whether a value on the way to `path` (a joined response path) is null in `data`. */
function insideNull(data: unknown, path: string): boolean {
  let value = data;
  for (const step of path.split('.')) {
    if (value === null || value === undefined) return true;
    value = (value as Record<string, unknown>)[step];
  }
  return false;
}

const errorPaths = (errors: { path?: readonly (string | number)[] }[] | undefined) => (errors ?? []).map((e) => (e.path ?? []).join('.')).sort();

let graph: ExecutorGraph;
let ours: Awaited<ReturnType<typeof executorServer>>;
let stock: Awaited<ReturnType<typeof executorServer>>;
let reference: ReturnType<typeof monolith>;
let apiSchema: GraphQLSchema;

beforeAll(async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  graph = await startExecutorGraph({ orphans: false });
  ours = await executorServer(graph.supergraphSdl, 'ours');
  stock = await executorServer(graph.supergraphSdl, 'stock');
  apiSchema = Supergraph.build(graph.supergraphSdl).apiSchema().toGraphQLJSSchema();
  reference = monolith(apiSchema);
});
afterAll(async () => {
  await ours?.stop();
  await stock?.stop();
  await graph?.stop();
});

const same = (a: Answer, b: Answer) => JSON.stringify(a.data) === JSON.stringify(b.data) && JSON.stringify(errorPaths(a.errors)) === JSON.stringify(errorPaths(b.errors));

describe(`our executor, stock @apollo/gateway and a plain schema on ${OPERATIONS} generated operations (seed ${SEED})`, () => {
  it('ours answers the reference\'s data and error paths every time', async () => {
    const next = generator(apiSchema, SEED);
    let compared = 0;
    let withErrors = 0;
    let nonNullData = 0;
    let stockRight = 0;
    for (let i = 0; i < OPERATIONS; i++) {
      const { query, variables } = next();
      if (validate(apiSchema, parse(query)).length) continue;
      const truth = await reference(query, variables);
      const a = await ours.run(query, variables);
      const context = `seed ${SEED}, operation ${i}: ${query}\nvariables ${JSON.stringify(variables)}`;
      expect(a.data, context).toEqual(truth.data);
      // an error inside a value the null propagation removed may be reported or not: the subgraph's
      // own propagation can remove it before any gateway sees it (graphql-js stops at the first one too)
      const ourPaths = errorPaths(a.errors);
      const truePaths = errorPaths(truth.errors);
      const removed = (path: string) => insideNull(a.data, path);
      expect(ourPaths.filter((p) => !truePaths.includes(p) && !removed(p)), `${context}\nerrors the reference does not have`).toEqual([]);
      expect(truePaths.filter((p) => !ourPaths.includes(p) && !removed(p)), `${context}\nerrors of the reference missing`).toEqual([]);
      if (truePaths.length) expect(ourPaths.length, context).toBeGreaterThan(0);
      if (same(await stock.run(query, variables), truth)) stockRight++;
      compared++;
      if (a.errors?.length) withErrors++;
      if (a.data) nonNullData++;
    }
    console.log(`executor differential (seed ${SEED}): ${compared} operations, ${withErrors} with errors; stock @apollo/gateway right on ${stockRight}`);
    // the generator reaches the interesting cases, not only trivially valid ones
    expect(compared).toBeGreaterThan(OPERATIONS * 0.95);
    expect(withErrors).toBeGreaterThan(10);
    expect(nonNullData).toBeGreaterThan(compared / 3);
  }, 240_000);
});
