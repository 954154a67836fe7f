import { GraphQLError, isAbstractType, type GraphQLSchema } from 'graphql';
import { SubgraphUnavailable, type SubgraphAnswer, type SubgraphClient } from './client.ts';
import { FAILED, getOwn, isObject, newObject, setOwn, type Obj } from './own.ts';
import type { BatchFetchNode, EntityInput, FetchNode, PathStep, Plan, PlanNode, Rewrite, SelectionNode } from './plan.ts';

/**
 * Executes a query plan (plan.ts): fetches in sequence or in parallel, entity fetches (`_entities`,
 * alone or several batched in one request) with representations built from each fetch's
 * `requires`, the plan's input/output rewrites, and the answers merged into one tree. Subgraph
 * errors keep their code and message, get `serviceName`, and their paths are moved to the client's
 * response paths.
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

const bodyPrefixes = new WeakMap<FetchNode | BatchFetchNode, string>();

function bodyPrefix(fetch: FetchNode | BatchFetchNode): string {
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

interface FlatFragment {
  typeCondition?: string;
  /** `prefix`: the key as JSON and a colon */
  fields: { key: string; readFrom: string; prefix: string }[];
}

const flatShapes = new WeakMap<readonly SelectionNode[], FlatFragment[] | null>();

/**
 * `requires` as it nearly always is — inline fragments with a type condition, without @skip or
 * @include, each selecting distinct leaf fields — or null for any other shape (then representations
 * are built by `select`). Computed once per plan's selection array.
 */
function flatRequires(requires: readonly SelectionNode[]): FlatFragment[] | null {
  let flat = flatShapes.get(requires);
  if (flat !== undefined) return flat;
  flat = [];
  for (const s of requires) {
    if (s.kind !== 'InlineFragment' || s.skipIf || s.includeIf) {
      flat = null;
      break;
    }
    const fields: FlatFragment['fields'] = [];
    const keys = new Set<string>();
    for (const f of s.selections) {
      if (f.kind !== 'Field' || f.selections || keys.has(f.key)) {
        fields.length = 0;
        break;
      }
      keys.add(f.key);
      fields.push({ key: f.key, readFrom: f.readFrom, prefix: `${JSON.stringify(f.key)}:` });
    }
    if (!fields.length || !keys.has('__typename')) {
      flat = null;
      break;
    }
    flat.push({ ...(s.typeCondition ? { typeCondition: s.typeCondition } : {}), fields });
  }
  flatShapes.set(requires, flat);
  return flat;
}

/** No representation, or no flat fragment applies; several apply (or a value is not a plain scalar). */
const NONE = -1;
const MANY = -2;

/**
 * The representation's JSON text written directly from the entity (the same text as JSON.stringify
 * of what `select` builds, without building it); null when a key field is missing or there is no
 * __typename.
 */
function flatText(entity: Obj, fragment: FlatFragment): string | null {
  let text = '{';
  let typename: unknown;
  for (let i = 0; i < fragment.fields.length; i++) {
    const field = fragment.fields[i];
    const value = getOwn(entity, field.readFrom);
    if (value === undefined) return null;
    if (field.key === '__typename') typename = value;
    text += `${i ? ',' : ''}${field.prefix}${JSON.stringify(value)}`;
  }
  return typename ? `${text}}` : null;
}

/** The distinct representations of a set of entities, and the entities each one stands for. */
interface Representations {
  texts: string[];
  targetsOf: Obj[][];
}

export class PlanExecutor {
  constructor(
    private readonly supergraph: GraphQLSchema,
    private readonly clients: Map<string, SubgraphClient>,
  ) {}

  async execute(plan: Plan, state: ExecutionState): Promise<void> {
    if (plan.node) await this.run(plan.node, state, [state.data], []);
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

  private isOfAny(obj: Obj, types: string[], unknownIs = false): boolean {
    return types.some((t) => this.isOfType(obj, t, unknownIs));
  }

  private async run(node: PlanNode, state: ExecutionState, entities: Obj[], path: PathStep[]): Promise<void> {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await this.run(child, state, entities, path);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.run(child, state, entities, path)));
        return;
      case 'Flatten': {
        const inner: Obj[] = [];
        for (const e of entities) this.flatten(e, node.path, 0, inner);
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
      case 'BatchFetch':
        try {
          if (node.kind === 'BatchFetch') await this.batchFetch(node, state);
          else await this.fetch(node, state, entities, path);
        } catch (e) {
          state.errors.push(toError(e, node.serviceName));
        }
        return;
      default:
        throw new GraphQLError(node.message, { extensions: { code: 'BAD_REQUEST' } });
    }
  }

  /** The objects at `path` under `value` (`@` steps into every element of a list, a type condition filters). */
  private flatten(value: unknown, path: PathStep[], i: number, out: Obj[]): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value) this.flatten(v, path, path[i] === '@' ? i + 1 : i, out);
      return;
    }
    if (!isObject(value)) return;
    if (i === path.length) return void out.push(value);
    const step = path[i];
    if (step === '@') this.flatten(value, path, i + 1, out);
    else if (typeof step === 'string') this.flatten(getOwn(value, step), path, i + 1, out);
    else if (this.isOfAny(value, step.types)) this.flatten(value, path, i + 1, out);
  }

  private variablesOf(fetch: FetchNode | BatchFetchNode, state: ExecutionState): Obj {
    const variables = newObject();
    for (const name of fetch.variableUsages) {
      const value = getOwn(state.variables, name);
      if (value !== undefined) setOwn(variables, name, value);
    }
    return variables;
  }

  private async fetch(fetch: FetchNode, state: ExecutionState, entities: Obj[], path: PathStep[]): Promise<void> {
    const client = this.client(fetch.serviceName);
    const variables = this.variablesOf(fetch, state);
    if (!fetch.requires) {
      const answer = await client.post(bodyPrefix(fetch) + JSON.stringify(variables) + '}', state.headers);
      this.errorsOf(answer, fetch.serviceName, state, (p) => [[...responsePath(path), ...p]]);
      if (!isObject(answer.data)) return;
      this.applyRewrites(fetch.outputRewrites, answer.data);
      for (const e of entities) deepMerge(e, answer.data);
      return;
    }
    const reps = this.representations(entities, fetch as EntityInput, state);
    if (!reps.texts.length) return;
    if (Object.hasOwn(variables, 'representations')) throw new Error('a variable named "representations" cannot be sent with an entity fetch');
    const others = JSON.stringify(variables);
    const body = `${bodyPrefix(fetch)}${others.length > 2 ? `${others.slice(0, -1)},` : '{'}"representations":[${reps.texts.join(',')}]}}`;
    const answer = await client.post(body, state.headers);
    const failed = new Set<number>();
    this.errorsOf(answer, fetch.serviceName, state, (p) => this.entityErrorPaths(p, reps, failed, state, [path]));
    this.mergeEntities(answer.data, '_entities', fetch.serviceName, reps, fetch as EntityInput, failed);
  }

  /** Several entity fetches to one subgraph in one request: `alias: _entities(representations: $variable)` each. */
  private async batchFetch(fetch: BatchFetchNode, state: ExecutionState): Promise<void> {
    const client = this.client(fetch.serviceName);
    const variables = this.variablesOf(fetch, state);
    const batches = fetch.batches.map((batch) => {
      const entities: Obj[] = [];
      for (const path of batch.paths) this.flatten(state.data, path, 0, entities);
      return { batch, reps: this.representations(entities, batch, state), failed: new Set<number>() };
    });
    if (!batches.some((b) => b.reps.texts.length)) return;
    let body = `${bodyPrefix(fetch)}${JSON.stringify(variables).slice(0, -1)}`;
    let first = body.endsWith('{');
    for (const { batch, reps } of batches) {
      body += `${first ? '' : ','}${JSON.stringify(batch.variable)}:[${reps.texts.join(',')}]`;
      first = false;
    }
    const answer = await client.post(`${body}}}`, state.headers);
    this.errorsOf(answer, fetch.serviceName, state, (p) => {
      const b = batches.find((x) => x.batch.alias === p[0]);
      return b ? this.entityErrorPaths(p, b.reps, b.failed, state, b.batch.paths) : [p];
    });
    for (const { batch, reps, failed } of batches) {
      if (reps.texts.length) this.mergeEntities(answer.data, batch.alias, fetch.serviceName, reps, batch, failed);
    }
  }

  private client(name: string): SubgraphClient {
    const client = this.clients.get(name);
    if (!client) throw new Error(`no subgraph named ${name}`);
    return client;
  }

  /**
   * One representation per distinct entity: the same product under many reviews is fetched once.
   * For the usual `requires` (flatRequires) an entity's slot is found by its key values in a tree of
   * maps, so the text is written only for the first entity of each; other shapes are deduplicated
   * by their text.
   */
  private representations(entities: Obj[], input: EntityInput, state: ExecutionState): Representations {
    const reps: Representations = { texts: [], targetsOf: [] };
    const byText = new Map<string, number>();
    const slotOf = (text: string): number => {
      let slot = byText.get(text);
      if (slot === undefined) {
        slot = reps.texts.length;
        byText.set(text, slot);
        reps.texts.push(text);
        reps.targetsOf.push([]);
      }
      return slot;
    };
    const flat = input.inputRewrites.length ? null : flatRequires(input.requires);
    const trees = flat ? flat.map(() => new Map<unknown, unknown>()) : [];
    for (const entity of entities) {
      let slot: number | undefined;
      const f = flat ? this.flatFragmentOf(entity, flat) : MANY;
      if (f === NONE) continue;
      if (f !== MANY) {
        slot = this.slotByValues(entity, flat![f], trees[f], slotOf);
        if (slot === NONE) continue;
      }
      if (slot === undefined || slot === MANY) {
        const rep = this.select(entity, input.requires, state);
        if (!rep || !getOwn(rep, '__typename')) continue;
        this.applyRewrites(input.inputRewrites, rep);
        slot = slotOf(JSON.stringify(rep));
      }
      reps.targetsOf[slot].push(entity);
    }
    return reps;
  }

  /** The one flat fragment that applies to an entity; NONE when none does, MANY when several do (left to `select`). */
  private flatFragmentOf(entity: Obj, flat: FlatFragment[]): number {
    let found = NONE;
    for (let i = 0; i < flat.length; i++) {
      const condition = flat[i].typeCondition;
      if (condition && !this.isOfType(entity, condition)) continue;
      if (found !== NONE) return MANY;
      found = i;
    }
    return found;
  }

  /**
   * The slot of an entity's representation, found by its key values (one level of `tree` per field);
   * NONE when it has none (a key field missing, no __typename); MANY when a value is not a plain
   * JSON scalar (found by its text instead).
   */
  private slotByValues(entity: Obj, fragment: FlatFragment, tree: Map<unknown, unknown>, slotOf: (text: string) => number): number {
    const { fields } = fragment;
    let node = tree;
    for (let i = 0; i < fields.length; i++) {
      const value = getOwn(entity, fields[i].readFrom);
      if (value === undefined) return NONE;
      if (typeof value === 'object' && value !== null) return MANY;
      const next = node.get(value);
      if (i < fields.length - 1) {
        if (next === undefined) node.set(value, (node = new Map()));
        else node = next as Map<unknown, unknown>;
        continue;
      }
      if (next !== undefined) return next as number;
      const text = flatText(entity, fragment);
      const slot = text === null ? NONE : slotOf(text);
      node.set(value, slot);
      return slot;
    }
    return NONE;
  }

  /** An error of one representation is an error of every entity it stands for, at each one's response path. */
  private entityErrorPaths(p: Path, reps: Representations, failed: Set<number>, state: ExecutionState, paths: PathStep[][]): Path[] {
    const targets = typeof p[1] === 'number' ? reps.targetsOf[p[1]] : undefined;
    if (!targets) return [[...responsePath(paths[0]), ...p]];
    failed.add(p[1] as number);
    const found: Path[] = [];
    for (const target of targets) {
      for (const path of paths) {
        const at = this.pathOf(state.data, target, path);
        if (at) {
          found.push([...at, ...p.slice(2)]);
          break;
        }
      }
    }
    return found.length ? found : [responsePath(paths[0])];
  }

  private mergeEntities(data: unknown, key: string, serviceName: string, reps: Representations, input: EntityInput, failed: Set<number>): void {
    const received = isObject(data) ? getOwn(data, key) : undefined;
    if (!Array.isArray(received)) {
      if (data !== null && data !== undefined) throw new Error(`subgraph ${serviceName}: "${key}" is not a list`);
      return;
    }
    if (received.length !== reps.texts.length) throw new Error(`subgraph ${serviceName}: ${received.length} entities for ${reps.texts.length} representations`);
    for (let i = 0; i < received.length; i++) {
      const r = received[i];
      if (!isObject(r)) {
        // the subgraph nulled this entity because of an error: the entity is null in the response too
        if (r === null && failed.has(i)) for (const target of reps.targetsOf[i]) (target as Record<symbol, boolean>)[FAILED] = true;
        continue;
      }
      // a subgraph that knows the type only as an @interfaceObject answers the interface's name: the
      // concrete type already known stays
      const known = getOwn(reps.targetsOf[i][0], '__typename');
      const answered = getOwn(r, '__typename');
      if (!answered || (known && this.isAbstract(answered) && !this.isAbstract(known))) setOwn(r, '__typename', known);
      this.applyRewrites(input.outputRewrites, r);
      for (const target of reps.targetsOf[i]) deepMerge(target, r);
    }
  }

  /** The representation of an entity: the `requires` selection read from the data so far (null when an input is missing). */
  private select(source: Obj | null, selections: readonly SelectionNode[], state: ExecutionState): Obj | null {
    if (source === null) return null;
    const out = newObject();
    return this.selectInto(out, source, selections, state) ? out : null;
  }

  /** Adds the selection read from `source` to `out` (fragments write into the same object); false when an input is missing. */
  private selectInto(out: Obj, source: Obj, selections: readonly SelectionNode[], state: ExecutionState): boolean {
    for (const s of selections) {
      if (s.kind === 'Field') {
        const value = getOwn(source, s.readFrom);
        if (value === undefined) return false;
        if (!s.selections || value === null) setOwn(out, s.key, value);
        else if (Array.isArray(value)) setOwn(out, s.key, value.map((v) => (isObject(v) ? this.select(v, s.selections!, state) : v)));
        else {
          const existing = getOwn(out, s.key);
          if (isObject(existing)) {
            if (!this.selectInto(existing, value, s.selections, state)) setOwn(out, s.key, null);
          } else setOwn(out, s.key, isObject(value) ? this.select(value, s.selections, state) : null);
        }
      } else {
        if (s.skipIf && getOwn(state.conditions, s.skipIf) === true) continue;
        if (s.includeIf && getOwn(state.conditions, s.includeIf) !== true) continue;
        if (s.typeCondition && !this.isOfType(source, s.typeCondition)) continue;
        if (!this.selectInto(out, source, s.selections, state)) return false;
      }
    }
    return true;
  }

  private errorsOf(answer: SubgraphAnswer, serviceName: string, state: ExecutionState, mapPath: (p: Path) => Path[]): void {
    if (!Array.isArray(answer.errors)) return;
    for (const e of answer.errors) {
      const ext = isObject(e) && isObject(e.extensions) ? e.extensions : undefined;
      const extensions = newObject();
      if (ext) for (const key of Object.keys(ext)) setOwn(extensions, key, ext[key]);
      extensions.serviceName = serviceName;
      if (!extensions.code) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
      const message = isObject(e) && typeof e.message === 'string' && e.message ? e.message : `Error while fetching subquery from service "${serviceName}"`;
      const paths = isObject(e) && Array.isArray(e.path) ? mapPath(e.path) : [undefined];
      for (const path of paths) state.errors.push(new GraphQLError(message, { path, extensions }));
    }
  }

  /** The response path of `target` under the flatten path (only computed for errors). */
  private pathOf(root: Obj, target: Obj, flattenPath: PathStep[]): Path | undefined {
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
      if (step === '@' || typeof step !== 'string') return walk(value, i + 1, acc);
      return walk(getOwn(value as Obj, step), i + 1, [...acc, step]);
    };
    return walk(root, 0, []);
  }

  private applyRewrites(rewrites: Rewrite[] | undefined, value: Obj): void {
    for (const rewrite of rewrites ?? []) {
      if (!rewrite.path.length) continue;
      const parents = rewrite.path.slice(0, -1);
      const field = rewrite.path[rewrite.path.length - 1];
      if (typeof field !== 'string') continue;
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
        if (typeof step !== 'string') {
          if (this.isOfAny(v, step.types, true)) at(v, i + 1);
        } else at(getOwn(v, step), i + 1);
      };
      at(value, 0);
    }
  }
}

/** A flatten path as a response path prefix (for errors that name no entity). */
function responsePath(path: PathStep[]): Path {
  return path.filter((s): s is string => typeof s === 'string' && s !== '@');
}

function toError(e: unknown, serviceName: string): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (e instanceof SubgraphUnavailable) {
    return new GraphQLError(e.message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
  }
  return new GraphQLError((e as Error)?.message ?? String(e), { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName } });
}
