import { Supergraph } from '@apollo/federation-internals';
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { SubgraphClient } from './client.ts';
import { PlanExecutor, type ExecutionState } from './execute.ts';
import { OverrideDecider, overrideLabelsOf, sessionOf, type LabelSetting } from './overrides.ts';
import { batchPlan } from './batching.ts';
import { planningDocument } from './conditions.ts';
import { newObject } from './own.ts';
import type { Plan } from './plan.ts';
import { createPlanner, type Planner, type PlannerName } from './planners.ts';
import { compileOperation, ResponseShaper, type CompiledOperation } from './shape.ts';

/**
 * The gateway's own executor, plugged into Apollo Server as its `gateway` (so every plugin —
 * guards, limits, metrics, usage — runs as before). It keeps the query planner's plans (planners.ts)
 * in a cache keyed by document, operation name and the active override labels, runs them with
 * PlanExecutor over keep-alive undici clients, and shapes the response with ResponseShaper.
 */
/**
 * Caches bounded by entries and by the size of the documents they were built from (a plan holds
 * the subgraph operations and their ASTs, a few times the client document): hostile documents
 * with huge literals cannot fill the memory.
 */
const MAX_ENTRIES = 2000;
const MAX_DOCUMENT_CHARS = 4_000_000;

class Lru<V> {
  private map = new Map<string, { value: V; weight: number }>();
  private weight = 0;
  constructor(private readonly maxEntries: number, private readonly maxWeight: number) {}
  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }
  set(key: string, value: V, weight: number): void {
    const old = this.map.get(key);
    if (old) {
      this.weight -= old.weight;
      this.map.delete(key);
    }
    this.map.set(key, { value, weight });
    this.weight += weight;
    while (this.map.size > this.maxEntries || (this.weight > this.maxWeight && this.map.size > 1)) {
      const [oldest, entry] = this.map.entries().next().value!;
      this.map.delete(oldest);
      this.weight -= entry.weight;
    }
  }
}

export interface FederatedGatewayOptions {
  supergraphSdl: string;
  /** subgraph name → client; called once per subgraph named in the supergraph */
  client: (name: string, url: string) => SubgraphClient;
  /** headers sent with every subgraph call of one request */
  headers: (context: any) => Record<string, string>;
  overrideLabels?: Record<string, LabelSetting>;
  /** the query planner (planners.ts); @apollo/query-planner unless told otherwise */
  planner?: PlannerName;
  /** one request per subgraph and wave of the plan (batching.ts); on unless false */
  batching?: boolean;
}

/** One operation to run: what Apollo Server's gateway request context holds, or the gateway's own request path. */
export interface OperationRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** the resolved operation's name */
  operationName: string | null;
  /** sha256 of the document text: the key of the plan and operation caches */
  queryHash: string;
  source: string;
  variables?: Record<string, unknown> | null;
  /** the variables already coerced against the operation (skips coercion here) */
  coerced?: Record<string, unknown>;
  headers?: { get(name: string): string | undefined | null };
  context: unknown;
}

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
}

export class FederatedGateway implements GatewayInterface {
  private callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  readonly clients = new Map<string, SubgraphClient>();
  private plans = new Lru<Plan>(MAX_ENTRIES, MAX_DOCUMENT_CHARS);
  private operations = new Lru<CompiledOperation>(MAX_ENTRIES, MAX_DOCUMENT_CHARS);
  readonly overrides: OverrideDecider;
  private readonly supergraph: Supergraph;
  readonly schema: GraphQLSchema;
  readonly planner: Planner;
  private readonly runner: PlanExecutor;
  private readonly shaper: ResponseShaper;

  constructor(private readonly options: FederatedGatewayOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.schema = this.supergraph.apiSchema().toGraphQLJSSchema();
    this.planner = createPlanner(options.planner ?? 'apollo', options.supergraphSdl, this.supergraph);
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
  plan(document: DocumentNode, queryHash: string, operationName: string | null, size: number, session?: string): Plan {
    const { conditions, key } = this.overrides.decide(session);
    const cacheKey = `${queryHash}\0${operationName ?? ''}\0${key}`;
    let plan = this.plans.get(cacheKey);
    if (!plan) {
      plan = this.planner.plan(planningDocument(document), operationName, conditions);
      if (this.options.batching !== false) plan = batchPlan(plan);
      this.plans.set(cacheKey, plan, size);
    }
    return plan;
  }

  private executor: GatewayExecutor = (rc) => this.execute({
    document: rc.document,
    operation: rc.operation,
    operationName: rc.operationName,
    queryHash: rc.queryHash,
    source: rc.source,
    variables: rc.request.variables,
    headers: rc.request.http?.headers,
    context: rc.context,
  });

  /**
   * Runs one resolved, validated operation: Apollo Server's executor above, and the gateway's own
   * request path (gateway/fastPath.ts) with `coerced`, the variables it has already coerced.
   */
  async execute(request: OperationRequest): Promise<OperationResult> {
    try {
      return await this.run(request);
    } catch (e) {
      // a failure of one request is that request's error, never the process's
      return { errors: [e instanceof GraphQLError ? e : new GraphQLError('Internal error while executing the operation.', { originalError: e as Error, extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
  }

  private async run(rc: OperationRequest): Promise<OperationResult> {
    const variables = (rc.variables ?? newObject()) as Record<string, unknown>;
    let conditions: Record<string, unknown> = rc.coerced ?? newObject();
    if (!rc.coerced && rc.operation.variableDefinitions?.length) {
      const { errors, coerced } = getVariableValues(this.schema, rc.operation.variableDefinitions, variables);
      if (errors?.length) {
        return { errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })) };
      }
      conditions = coerced!;
    }
    const opKey = `${rc.queryHash}\0${rc.operationName ?? ''}`;
    let compiled = this.operations.get(opKey);
    if (!compiled) {
      compiled = compileOperation(rc.document, rc.operation);
      this.operations.set(opKey, compiled, rc.source.length);
    }
    let plan: Plan;
    try {
      const session = this.overrides.labels.length ? sessionOf(rc.headers, variables) : undefined;
      plan = this.plan(rc.document, rc.queryHash, rc.operationName, rc.source.length, session);
    } catch (e) {
      return { errors: [e instanceof GraphQLError ? e : new GraphQLError((e as Error).message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
    const state: ExecutionState = { variables, conditions, headers: this.options.headers(rc.context), errors: [], data: newObject() };
    await this.runner.execute(plan, state);
    const root = rc.operation.operation === 'mutation' ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const data = this.shaper.shape(compiled, root, state.data, conditions, state.errors);
    return state.errors.length ? { errors: state.errors, data } : { data };
  }
}
