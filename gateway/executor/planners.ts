import { operationFromDocument, type Supergraph } from '@apollo/federation-internals';
import { QueryPlanner as ApolloQueryPlanner, type FetchDataRewrite, type PlanNode as ApolloNode, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { QueryPlanner as RustQueryPlanner, type PlanNode as RustNode, type RequiresSelection, type FetchRewrite, type FetchNodePathSegment, type FlattenNodePathSegment } from '@graphql-hive/router-query-planner';
import { GraphQLError, print, type DocumentNode } from 'graphql';
import type { PathStep, Plan, PlanNode, Rewrite, SelectionNode } from './plan.ts';

/**
 * The two query planners the executor can run, behind one interface:
 * - `apollo` (the default): `@apollo/query-planner`, what stock `@apollo/gateway` runs;
 * - `rust`: the query planner of Hive Router (`@graphql-hive/router-query-planner`, a native addon):
 *   it plans the cases `@apollo/query-planner` 2.14 gets wrong (`@requires` with field arguments,
 *   some key mash-ups and interface objects), with mistakes of its own around `@interfaceObject`.
 * Each plan is converted once into the executor's own shape (plan.ts).
 */
export type PlannerName = 'rust' | 'apollo';

export interface Planner {
  readonly name: PlannerName;
  /** `overrides`: progressive override labels and whether each is on for this request */
  plan(document: DocumentNode, operationName: string | null, overrides: Map<string, boolean>): Plan;
}

export function createPlanner(name: PlannerName, supergraphSdl: string, supergraph: Supergraph): Planner {
  return name === 'apollo' ? new ApolloPlanner(supergraph) : new RustPlanner(supergraphSdl, new ApolloPlanner(supergraph));
}

class ApolloPlanner implements Planner {
  readonly name = 'apollo';
  private readonly planner: ApolloQueryPlanner;
  constructor(private readonly supergraph: Supergraph) {
    this.planner = new ApolloQueryPlanner(supergraph);
  }

  plan(document: DocumentNode, operationName: string | null, overrides: Map<string, boolean>): Plan {
    const operation = operationFromDocument(this.supergraph.apiSchema(), document, { operationName: operationName ?? undefined, validate: false });
    const plan = this.planner.buildQueryPlan(operation, { overrideConditions: overrides });
    return { node: plan.node ? fromApollo(plan.node) : undefined };
  }
}

class RustPlanner implements Planner {
  readonly name = 'rust';
  private readonly planner: RustQueryPlanner;
  constructor(supergraphSdl: string, private readonly fallback: ApolloPlanner) {
    this.planner = new RustQueryPlanner(supergraphSdl);
  }

  plan(document: DocumentNode, operationName: string | null, overrides: Map<string, boolean>): Plan {
    // the Rust planner takes one number per request for every percent(N) label (a label is on when
    // the number is below N); labels decided so that no number fits are planned by the other planner
    const active = new Set<string>();
    let above = -1;
    let below = 101;
    for (const [label, on] of overrides) {
      const percent = /^percent\((\d+(?:\.\d+)?)\)$/.exec(label);
      if (!percent) {
        if (on) active.add(label);
      } else if (on) below = Math.min(below, Number(percent[1]));
      else above = Math.max(above, Number(percent[1]));
    }
    const value = above < 0 ? 0 : above + 1e-9;
    if (value >= below) return this.fallback.plan(document, operationName, overrides);
    let plan;
    try {
      plan = this.planner.plan(print(document), operationName, active, value);
    } catch (e) {
      throw new GraphQLError(`The operation cannot be planned: ${String((e as Error).message ?? e).replace(/^Failed to plan query: /, '')}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    return { node: plan.node ? fromRust(plan.node) : undefined };
  }
}

// --- @apollo/query-planner → plan.ts

const typeStep = (s: string): PathStep => (s.startsWith('... on ') ? { types: s.slice(7).split(',') } : s);

function apolloSelections(selections: readonly QueryPlanSelectionNode[]): SelectionNode[] {
  return selections.map((s) => (s.kind === 'Field'
    ? { kind: 'Field', key: s.alias ?? s.name, readFrom: s.alias ?? s.name, selections: s.selections && apolloSelections(s.selections) }
    : { kind: 'InlineFragment', typeCondition: s.typeCondition, selections: apolloSelections(s.selections) }));
}

function apolloRewrites(rewrites: FetchDataRewrite[] | undefined): Rewrite[] {
  return (rewrites ?? []).map((r) => (r.kind === 'ValueSetter'
    ? { kind: 'ValueSetter', path: r.path.map(typeStep), setValueTo: r.setValueTo }
    : { kind: 'KeyRenamer', path: r.path.map(typeStep), renameKeyTo: r.renameKeyTo }));
}

function fromApollo(node: ApolloNode | { kind: 'Subscription' }): PlanNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map(fromApollo) };
    case 'Flatten':
      return { kind: 'Flatten', path: node.path.map((p) => String(p)), node: fromApollo(node.node) };
    case 'Condition':
      return { kind: 'Condition', condition: node.condition, ifClause: node.ifClause && fromApollo(node.ifClause), elseClause: node.elseClause && fromApollo(node.elseClause) };
    case 'Fetch':
      return {
        kind: 'Fetch',
        serviceName: node.serviceName,
        operation: node.operation,
        operationName: node.operationName,
        variableUsages: node.variableUsages ?? [],
        requires: node.requires && apolloSelections(node.requires),
        inputRewrites: apolloRewrites(node.inputRewrites),
        outputRewrites: apolloRewrites(node.outputRewrites),
      };
    default:
      return { kind: 'Unsupported', message: node.kind === 'Defer' ? '@defer is not supported by this gateway.' : 'Subscriptions are not supported by this gateway.' };
  }
}

// --- @graphql-hive/router-query-planner → plan.ts

/**
 * A fetch from a subgraph that knows the entities only as an @interfaceObject sends every
 * representation as the interface (an input rewrite sets `__typename` to it). The Rust planner
 * can restrict such a fetch to one implementation although the operation needs it for others too
 * (`... on Book { r: rating } ... on Film { rating }` became one fetch of Films only): every entity
 * of the interface is sent, and the response keeps what each type asked for.
 */
function widenToInterfaceObject(requires: SelectionNode[], inputRewrites: Rewrite[]): SelectionNode[] {
  const typename = inputRewrites.find((r) => r.kind === 'ValueSetter' && r.path[r.path.length - 1] === '__typename');
  if (!typename || typename.kind !== 'ValueSetter') return requires;
  return requires.map((s) => (s.kind === 'InlineFragment' && s.typeCondition ? { ...s, typeCondition: typename.setValueTo } : s));
}

function rustSelections(selections: RequiresSelection[]): SelectionNode[] {
  return selections.map((s) => {
    if (s.kind === 'Field') return { kind: 'Field', key: s.alias ?? s.name, readFrom: s.name, selections: s.selections && rustSelections(s.selections) };
    if (s.kind === 'InlineFragment') return { kind: 'InlineFragment', typeCondition: s.typeCondition, selections: rustSelections(s.selections), skipIf: s.skipIf, includeIf: s.includeIf };
    throw new Error(`requires selection ${s.kind} is not supported`);
  });
}

const rustStep = (s: FetchNodePathSegment | FlattenNodePathSegment): PathStep => {
  if (s === '@') return '@';
  if ('Key' in s) return s.Key;
  if ('Field' in s) return s.Field;
  if ('TypenameEquals' in s) return { types: s.TypenameEquals };
  return { types: s.TypeCondition };
};

function rustRewrites(rewrites: FetchRewrite[] | undefined): Rewrite[] {
  return (rewrites ?? []).map((r) => {
    if ('kind' in r) return { kind: 'ValueSetter', path: r.path.map(rustStep), setValueTo: r.setValueTo };
    if ('ValueSetter' in r) return { kind: 'ValueSetter', path: r.ValueSetter.path.map(rustStep), setValueTo: r.ValueSetter.setValueTo };
    return { kind: 'KeyRenamer', path: r.KeyRenamer.path.map(rustStep), renameKeyTo: r.KeyRenamer.renameKeyTo };
  });
}

function fromRust(node: RustNode): PlanNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map(fromRust) };
    case 'Flatten':
      return { kind: 'Flatten', path: node.path.map(rustStep), node: fromRust(node.node) };
    case 'Condition':
      return { kind: 'Condition', condition: node.condition, ifClause: node.ifClause && fromRust(node.ifClause), elseClause: node.elseClause && fromRust(node.elseClause) };
    case 'Fetch': {
      const inputRewrites = rustRewrites(node.inputRewrites);
      return {
        kind: 'Fetch',
        serviceName: node.serviceName,
        operation: node.operation,
        operationName: node.operationName,
        variableUsages: node.variableUsages ?? [],
        requires: node.requires && widenToInterfaceObject(rustSelections(node.requires), inputRewrites),
        inputRewrites,
        outputRewrites: rustRewrites(node.outputRewrites),
      };
    }
    case 'BatchFetch':
      return {
        kind: 'BatchFetch',
        serviceName: node.serviceName,
        operation: node.operation,
        operationName: node.operationName,
        variableUsages: node.variableUsages ?? [],
        batches: node.entityBatch.aliases.map((a) => ({
          alias: a.alias,
          variable: a.representationsVariableName,
          paths: a.paths.map((p) => p.map(rustStep)),
          requires: rustSelections(a.requires),
          inputRewrites: rustRewrites(a.inputRewrites),
          outputRewrites: rustRewrites(a.outputRewrites),
        })),
      };
    default:
      return { kind: 'Unsupported', message: node.kind === 'Defer' ? '@defer is not supported by this gateway.' : 'Subscriptions are not supported by this gateway.' };
  }
}
