import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, type GraphQLSchema } from 'graphql';
import type { SubgraphClient } from './client.ts';
import { PlanExecutor, type ExecutionState } from './execute.ts';
import { OverrideDecider, overrideLabelsOf, sessionOf, type LabelSetting } from './overrides.ts';
import { compileOperation, ResponseShaper, type CompiledOperation } from './shape.ts';

/**
 * The gateway's own executor, plugged into Apollo Server as its `gateway` (so every plugin —
 * guards, limits, metrics, usage — runs as before). It keeps `@apollo/query-planner`'s plans in a
 * cache keyed by document, operation name and the active override labels, runs them with
 * PlanExecutor over keep-alive undici clients, and shapes the response with ResponseShaper.
 */
const MAX_CACHED = 2000;

class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
  get size(): number {
    return this.map.size;
  }
}

export interface FederatedGatewayOptions {
  supergraphSdl: string;
  /** subgraph name → client; called once per subgraph named in the supergraph */
  client: (name: string, url: string) => SubgraphClient;
  /** headers sent with every subgraph call of one request */
  headers: (context: any) => Record<string, string>;
  overrideLabels?: Record<string, LabelSetting>;
}

export class FederatedGateway implements GatewayInterface {
  private callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  readonly clients = new Map<string, SubgraphClient>();
  private plans = new Lru<QueryPlan>(MAX_CACHED);
  private operations = new Lru<CompiledOperation>(MAX_CACHED);
  readonly overrides: OverrideDecider;
  private readonly supergraph: Supergraph;
  readonly schema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly runner: PlanExecutor;
  private readonly shaper: ResponseShaper;

  constructor(private readonly options: FederatedGatewayOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.schema = this.supergraph.apiSchema().toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
    for (const sg of this.supergraph.subgraphs()) this.clients.set(sg.name, options.client(sg.name, sg.url));
    this.runner = new PlanExecutor(this.supergraph.schema.toGraphQLJSSchema(), this.clients);
    this.shaper = new ResponseShaper(this.schema);
    this.overrides = new OverrideDecider(overrideLabelsOf(options.supergraphSdl), options.overrideLabels);
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    this.callbacks.add(callback);
    return () => void this.callbacks.delete(callback);
  }

  async load() {
    for (const cb of this.callbacks) cb({ apiSchema: this.schema, coreSupergraphSdl: this.options.supergraphSdl });
    return { executor: this.executor };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }

  /** The plan for a document under the given override conditions (cached). */
  plan(document: Parameters<typeof operationFromDocument>[1], queryHash: string, operationName: string | null, session?: string): QueryPlan {
    const { conditions, key } = this.overrides.decide(session);
    const cacheKey = `${queryHash}\0${operationName ?? ''}\0${key}`;
    let plan = this.plans.get(cacheKey);
    if (!plan) {
      const operation = operationFromDocument(this.supergraph.apiSchema(), document, { operationName: operationName ?? undefined, validate: false });
      plan = this.planner.buildQueryPlan(operation, { overrideConditions: conditions });
      this.plans.set(cacheKey, plan);
    }
    return plan;
  }

  private executor: GatewayExecutor = async (rc) => {
    const variables = (rc.request.variables ?? {}) as Record<string, unknown>;
    if (rc.operation.variableDefinitions?.length) {
      const { errors } = getVariableValues(this.schema, rc.operation.variableDefinitions, variables);
      if (errors?.length) {
        return { errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })) };
      }
    }
    let plan: QueryPlan;
    try {
      plan = this.plan(rc.document, rc.queryHash, rc.operationName, this.overrides.labels.length ? sessionOf(rc.request.http?.headers, variables) : undefined);
    } catch (e) {
      return { errors: [e instanceof GraphQLError ? e : new GraphQLError((e as Error).message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
    const opKey = `${rc.queryHash}\0${rc.operationName ?? ''}`;
    let compiled = this.operations.get(opKey);
    if (!compiled) {
      compiled = compileOperation(rc.document, rc.operation);
      this.operations.set(opKey, compiled);
    }
    const state: ExecutionState = { variables, headers: this.options.headers(rc.context), errors: [], data: {} };
    await this.runner.execute(plan, state);
    const root = rc.operation.operation === 'mutation' ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const data = this.shaper.shape(compiled, root, state.data, variables);
    return state.errors.length ? { errors: state.errors, data } : { data };
  };
}
