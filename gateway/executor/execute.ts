import { GraphQLError, isAbstractType, type GraphQLSchema } from 'graphql';
import type { FetchDataRewrite, FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from '@apollo/query-planner';
import { SubgraphUnavailable, type SubgraphAnswer, type SubgraphClient } from './client.ts';
import { FAILED, getOwn, isObject, newObject, setOwn, type Obj } from './own.ts';

/**
 * Executes a query plan of `@apollo/query-planner`: fetches in sequence or in parallel, entity
 * fetches (`_entities`) with representations built from each fetch's `requires`, the plan's
 * input/output rewrites, and the answers merged into one tree. Subgraph errors keep their code and
 * message, get `serviceName`, and their paths are moved to the client's response paths.
 *
 * Keys come from clients (aliases) and subgraphs (response keys): they are read as own properties
 * and written with `setOwn`, into objects without a prototype wherever the executor creates them.
 */
type Path = (string | number)[];

export interface ExecutionState {
  /** the variables as sent by the client: forwarded to subgraphs as they are */
  variables: Record<string, unknown>;
  /** the coerced variables, defaults applied: what `@skip`/`@include` conditions read */
  conditions: Record<string, unknown>;
  headers: Record<string, string>;
  errors: GraphQLError[];
  data: Obj;
}

const bodyPrefixes = new WeakMap<FetchNode, string>();

function bodyPrefix(fetch: FetchNode): string {
  let prefix = bodyPrefixes.get(fetch);
  if (prefix === undefined) {
    prefix = `{"query":${JSON.stringify(fetch.operation)}${fetch.operationName ? `,"operationName":${JSON.stringify(fetch.operationName)}` : ''},"variables":`;
    bodyPrefixes.set(fetch, prefix);
  }
  return prefix;
}

export function deepMerge(target: Obj, source: unknown): void {
  if (!isObject(source)) return;
  for (const key of Object.keys(source)) {
    const s = source[key];
    const t = getOwn(target, key);
    if (isObject(t) && isObject(s)) deepMerge(t, s);
    else if (Array.isArray(t) && Array.isArray(s) && t.length === s.length) {
      for (let i = 0; i < s.length; i++) {
        if (isObject(t[i]) && isObject(s[i])) deepMerge(t[i], s[i]);
        else t[i] = s[i];
      }
    } else setOwn(target, key, s);
  }
}

export class PlanExecutor {
  constructor(
    private readonly supergraph: GraphQLSchema,
    private readonly clients: Map<string, SubgraphClient>,
  ) {}

  async execute(plan: QueryPlan, state: ExecutionState): Promise<void> {
    const node = plan.node;
    if (!node) return;
    if (node.kind === 'Subscription') throw new GraphQLError('Subscriptions are not supported by this gateway.', { extensions: { code: 'BAD_REQUEST' } });
    await this.run(node, state, [state.data], []);
  }

  private isAbstract(typename: unknown): boolean {
    const t = typeof typename === 'string' ? this.supergraph.getType(typename) : undefined;
    return !!t && isAbstractType(t);
  }

  private isOfType(obj: Obj, condition: string, unknownIs = false): boolean {
    const typename = getOwn(obj, '__typename') as string | undefined;
    if (!typename) return unknownIs;
    if (typename === condition) return true;
    const c = this.supergraph.getType(condition);
    const t = this.supergraph.getType(typename);
    return !!c && !!t && isAbstractType(c) && this.supergraph.isSubType(c, t as never);
  }

  private async run(node: PlanNode, state: ExecutionState, entities: Obj[], path: Path): Promise<void> {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await this.run(child, state, entities, path);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.run(child, state, entities, path)));
        return;
      case 'Flatten': {
        const inner: Obj[] = [];
        for (const e of entities) flatten(e, node.path, 0, inner);
        if (inner.length) await this.run(node.node, state, inner, [...path, ...node.path]);
        return;
      }
      case 'Condition': {
        const value = getOwn(state.conditions, node.condition) === true;
        const branch = value ? node.ifClause : node.elseClause;
        if (branch) await this.run(branch, state, entities, path);
        return;
      }
      case 'Fetch':
        try {
          await this.fetch(node, state, entities, path);
        } catch (e) {
          state.errors.push(toError(e, node.serviceName));
        }
        return;
      default:
        throw new GraphQLError('@defer is not supported by this gateway.', { extensions: { code: 'BAD_REQUEST' } });
    }
  }

  private async fetch(fetch: FetchNode, state: ExecutionState, entities: Obj[], path: Path): Promise<void> {
    const client = this.clients.get(fetch.serviceName);
    if (!client) throw new Error(`no subgraph named ${fetch.serviceName}`);
    const variables = newObject();
    for (const name of fetch.variableUsages ?? []) {
      const value = getOwn(state.variables, name);
      if (value !== undefined) setOwn(variables, name, value);
    }
    if (!fetch.requires) {
      const answer = await client.post(bodyPrefix(fetch) + JSON.stringify(variables) + '}', state.headers);
      this.errorsOf(answer, fetch, state, (p) => [[...path, ...p]]);
      if (!isObject(answer.data)) return;
      applyRewrites(this, fetch.outputRewrites, answer.data);
      for (const e of entities) deepMerge(e, answer.data);
      return;
    }
    // one representation per distinct entity: the same product under many reviews is fetched once
    const unique = new Map<string, number>();
    const representations: string[] = [];
    /** the entities each representation stands for, in the data's order */
    const targetsOf: Obj[][] = [];
    for (const entity of entities) {
      const rep = this.select(entity, fetch.requires);
      if (!rep || !getOwn(rep, '__typename')) continue;
      applyRewrites(this, fetch.inputRewrites, rep);
      const text = JSON.stringify(rep);
      let slot = unique.get(text);
      if (slot === undefined) {
        slot = representations.length;
        unique.set(text, slot);
        representations.push(text);
        targetsOf.push([]);
      }
      targetsOf[slot].push(entity);
    }
    if (!representations.length) return;
    if (Object.hasOwn(variables, 'representations')) throw new Error('a variable named "representations" cannot be sent with an entity fetch');
    const others = JSON.stringify(variables);
    const body = `${bodyPrefix(fetch)}${others.length > 2 ? `${others.slice(0, -1)},` : '{'}"representations":[${representations.join(',')}]}}`;
    const answer = await client.post(body, state.headers);
    // an error of one representation is an error of every entity it stands for, at each one's response path
    const failed = new Set<number>();
    this.errorsOf(answer, fetch, state, (p) => {
      if (typeof p[1] === 'number') failed.add(p[1]);
      const targets = typeof p[1] === 'number' ? targetsOf[p[1]] : undefined;
      if (!targets) return [[...path, ...p]];
      const paths = targets.map((target) => pathOf(state.data, target, path)).filter((at) => !!at).map((at) => [...at!, ...p.slice(2)]);
      return paths.length ? paths : [path.filter((x) => x !== '@')];
    });
    const data = answer.data;
    const received = isObject(data) ? getOwn(data, '_entities') : undefined;
    if (!Array.isArray(received)) {
      if (data !== null && data !== undefined) throw new Error(`subgraph ${fetch.serviceName}: "_entities" is not a list`);
      return;
    }
    if (received.length !== representations.length) throw new Error(`subgraph ${fetch.serviceName}: ${received.length} entities for ${representations.length} representations`);
    for (let i = 0; i < received.length; i++) {
      const r = received[i];
      if (!isObject(r)) {
        // the subgraph nulled this entity because of an error: the entity is null in the response too
        if (r === null && failed.has(i)) for (const target of targetsOf[i]) (target as Record<symbol, boolean>)[FAILED] = true;
        continue;
      }
      // a subgraph that knows the type only as an @interfaceObject answers the interface's name: the
      // concrete type already known stays
      const known = getOwn(targetsOf[i][0], '__typename');
      const answered = getOwn(r, '__typename');
      if (!answered || (known && this.isAbstract(answered) && !this.isAbstract(known))) setOwn(r, '__typename', known);
      applyRewrites(this, fetch.outputRewrites, r);
      for (const target of targetsOf[i]) deepMerge(target, r);
    }
  }

  /** The representation of an entity: the `requires` selection read from the data so far (null when an input is missing). */
  private select(source: Obj | null, selections: readonly QueryPlanSelectionNode[]): Obj | null {
    if (source === null) return null;
    const out = newObject();
    return this.selectInto(out, source, selections) ? out : null;
  }

  /** Adds the selection read from `source` to `out` (fragments write into the same object); false when an input is missing. */
  private selectInto(out: Obj, source: Obj, selections: readonly QueryPlanSelectionNode[]): boolean {
    for (const s of selections) {
      if (s.kind === 'Field') {
        const key = s.alias ?? s.name;
        const value = getOwn(source, key);
        if (value === undefined) return false;
        if (!s.selections || value === null) setOwn(out, key, value);
        else if (Array.isArray(value)) setOwn(out, key, value.map((v) => (isObject(v) ? this.select(v, s.selections!) : v)));
        else {
          const existing = getOwn(out, key);
          if (isObject(existing)) {
            if (!this.selectInto(existing, value, s.selections)) setOwn(out, key, null);
          } else setOwn(out, key, isObject(value) ? this.select(value, s.selections) : null);
        }
      } else if (!s.typeCondition || this.isOfType(source, s.typeCondition)) {
        if (!this.selectInto(out, source, s.selections)) return false;
      }
    }
    return true;
  }

  private errorsOf(answer: SubgraphAnswer, fetch: FetchNode, state: ExecutionState, mapPath: (p: Path) => Path[]): void {
    if (!Array.isArray(answer.errors)) return;
    for (const e of answer.errors) {
      const ext = isObject(e) && isObject(e.extensions) ? e.extensions : undefined;
      const extensions = newObject();
      if (ext) for (const key of Object.keys(ext)) setOwn(extensions, key, ext[key]);
      extensions.serviceName = fetch.serviceName;
      if (!extensions.code) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
      const message = isObject(e) && typeof e.message === 'string' && e.message ? e.message : `Error while fetching subquery from service "${fetch.serviceName}"`;
      const paths = isObject(e) && Array.isArray(e.path) ? mapPath(e.path) : [undefined];
      for (const path of paths) state.errors.push(new GraphQLError(message, { path, extensions }));
    }
  }

  /** exposed for applyRewrites */
  matches(obj: Obj, typeName: string): boolean {
    return this.isOfType(obj, typeName, true);
  }
}

function flatten(value: unknown, path: Path, i: number, out: Obj[]): void {
  if (value === null || value === undefined) return;
  if (i === path.length) {
    if (Array.isArray(value)) for (const v of value) flatten(v, path, i, out);
    else if (isObject(value)) out.push(value);
    return;
  }
  const step = path[i];
  if (step === '@') {
    if (Array.isArray(value)) for (const v of value) flatten(v, path, i + 1, out);
    return;
  }
  if (Array.isArray(value)) for (const v of value) flatten(v, path, i, out);
  else if (isObject(value)) flatten(getOwn(value, step as string), path, i + 1, out);
}

/** The response path of `target` under the flatten path (only computed for errors). */
function pathOf(root: Obj, target: Obj, flattenPath: Path): Path | undefined {
  const walk = (value: unknown, i: number, acc: Path): Path | undefined => {
    if (value === target) return acc;
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) {
        const found = walk(value[k], flattenPath[i] === '@' ? i + 1 : i, [...acc, k]);
        if (found) return found;
      }
      return undefined;
    }
    if (i >= flattenPath.length) return undefined;
    const step = flattenPath[i];
    return step === '@' ? undefined : walk(getOwn(value as Obj, step as string), i + 1, [...acc, step]);
  };
  return walk(root, 0, []);
}

function applyRewrites(executor: PlanExecutor, rewrites: FetchDataRewrite[] | undefined, value: Obj): void {
  for (const rewrite of rewrites ?? []) {
    if (!rewrite.path.length) continue;
    const parents = rewrite.path.slice(0, -1);
    const field = rewrite.path[rewrite.path.length - 1];
    const apply = (obj: Obj) => {
      if (rewrite.kind === 'ValueSetter') setOwn(obj, field, rewrite.setValueTo);
      else if (getOwn(obj, field)) {
        setOwn(obj, rewrite.renameKeyTo, getOwn(obj, field));
        setOwn(obj, field, undefined);
      }
    };
    const at = (v: unknown, i: number): void => {
      if (Array.isArray(v)) return v.forEach((x) => at(x, i));
      if (!isObject(v)) return;
      if (i === parents.length) return apply(v);
      const step = parents[i];
      if (step.startsWith('... on ')) {
        if (executor.matches(v, step.slice(7))) at(v, i + 1);
      } else at(getOwn(v, step), i + 1);
    };
    at(value, 0);
  }
}

function toError(e: unknown, serviceName: string): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (e instanceof SubgraphUnavailable) {
    return new GraphQLError(e.message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
  }
  return new GraphQLError((e as Error)?.message ?? String(e), { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName } });
}
