import {
  executeSync, GraphQLError, isAbstractType, isCompositeType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLLeafType, type GraphQLObjectType, type GraphQLOutputType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { getOwn, isObject, newObject, type Obj } from './own.ts';

/**
 * Turns the data merged from the subgraph fetches into the client's response, with GraphQL's value
 * completion: fields in the order and under the names the operation asked for; the runtime type of
 * an abstract field decided by `__typename` (an `@interfaceObject` answer may name the interface
 * itself); `@skip`/`@include` with the variables' values and defaults; leaf values checked against
 * the API schema (an enum value hidden by `@inaccessible` is null with an error); a null under a
 * non-null type propagated to the nearest nullable parent, with an error that says where, unless a
 * subgraph error at or below that place already explains it. Introspection fields of the root,
 * fragments included, are answered from the API schema.
 *
 * Every object built here has no prototype, and every key read from the merged data is an own
 * property: an alias or a subgraph key named `__proto__` is just a name.
 *
 * The fields to read for a (selection sets, type) pair are collected once and kept on the compiled
 * operation; documents with `@skip`/`@include` collect them per request.
 */
type Variables = Record<string, unknown>;
type Path = (string | number)[];

interface CollectedField {
  key: string;
  name: string;
  /** the field's type in the API schema (undefined for __typename and introspection) */
  type?: GraphQLOutputType;
  /** every occurrence of the field (introspection runs them) */
  nodes: FieldNode[];
  /** sub-selections of every occurrence of the field */
  selectionSets: SelectionSetNode[];
}

/** the value became null because of an error already reported: propagate, report nothing more */
const NULLED = Symbol('nulled');
/** a non-null position is null: the nearest nullable parent becomes null */
const BUBBLE = Symbol('bubble');
type Completed = unknown | typeof NULLED | typeof BUBBLE;

export const COMPLETION_ERROR_CODE = 'RESPONSE_VALIDATION_FAILED';

export interface CompiledOperation {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  hasConditions: boolean;
  /** the root selection, one array for the life of the operation (the field cache is keyed by array identity) */
  rootSets: SelectionSetNode[];
  cache: Map<SelectionSetNode[], Map<string, CollectedField[]>>;
}

function hasConditionDirectives(document: DocumentNode): boolean {
  let found = false;
  const scan = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include')) found = true;
      if (s.kind !== Kind.FRAGMENT_SPREAD) scan(s.selectionSet);
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) scan(d.selectionSet);
  return found;
}

export function compileOperation(document: DocumentNode, operation: OperationDefinitionNode): CompiledOperation {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { operation, fragments, hasConditions: hasConditionDirectives(document), rootSets: [operation.selectionSet], cache: new Map() };
}

function valueOf(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return getOwn(variables, node.name.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

/** `@skip`/`@include` of a selection; `variables` are the coerced values (defaults applied). */
export function included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, variables: Variables): boolean {
  for (const d of node.directives ?? []) {
    const name = d.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    const value = arg ? valueOf(arg.value, variables) === true : false;
    if (name === 'skip' && value) return false;
    if (name === 'include' && !value) return false;
  }
  return true;
}

const isIntegral = (v: number) => Number.isInteger(v);

/** Whether a subgraph's leaf value is one the API schema allows (custom scalars take any value). */
function validLeaf(schema: GraphQLSchema, type: GraphQLLeafType, value: unknown): boolean {
  if (isEnumType(type)) return typeof value === 'string' && type.getValue(value) !== undefined;
  switch (type.name) {
    case 'String': return typeof value === 'string';
    case 'Boolean': return typeof value === 'boolean';
    case 'Int': return typeof value === 'number' && isIntegral(value);
    case 'Float': return typeof value === 'number' && Number.isFinite(value);
    case 'ID': return typeof value === 'string' || (typeof value === 'number' && isIntegral(value));
    default: return schema.getType(type.name) === type;
  }
}

interface Run {
  op: CompiledOperation;
  variables: Variables;
  errors: GraphQLError[];
  /** response paths of subgraph errors, joined: a null they explain gets no error of its own */
  explained: string[];
  path: Path;
}

export class ResponseShaper {
  constructor(private readonly schema: GraphQLSchema) {}

  private applies(condition: string | undefined, type: GraphQLCompositeType): boolean {
    if (!condition || condition === type.name) return true;
    const c = this.schema.getType(condition);
    // an object type, or an interface (the runtime type an @interfaceObject answer can have) implementing the condition
    return !!c && isAbstractType(c) && this.schema.isSubType(c, type as GraphQLObjectType);
  }

  private collect(run: Run, type: GraphQLCompositeType, sets: SelectionSetNode[]): CollectedField[] {
    const { op, variables } = run;
    let byType = op.hasConditions ? undefined : op.cache.get(sets);
    const cached = byType?.get(type.name);
    if (cached) return cached;
    const fields = new Map<string, CollectedField>();
    const defs = 'getFields' in type ? type.getFields() : undefined;
    const visitSet = (set: SelectionSetNode, visited: Set<string>) => {
      for (const s of set.selections) {
        if (op.hasConditions && !included(s, variables)) continue;
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          let f = fields.get(key);
          if (!f) {
            const def = defs && Object.hasOwn(defs, s.name.value) ? defs[s.name.value] : undefined;
            f = { key, name: s.name.value, type: def?.type, nodes: [], selectionSets: [] };
            fields.set(key, f);
          }
          f.nodes.push(s);
          if (s.selectionSet) f.selectionSets.push(s.selectionSet);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(s.typeCondition?.name.value, type)) visitSet(s.selectionSet, visited);
        } else {
          const name = s.name.value;
          const fragment = op.fragments[name];
          if (!fragment || visited.has(name)) continue;
          if (this.applies(fragment.typeCondition.name.value, type)) visitSet(fragment.selectionSet, new Set(visited).add(name));
        }
      }
    };
    for (const set of sets) visitSet(set, new Set());
    const list = [...fields.values()];
    if (!op.hasConditions) {
      if (!byType) op.cache.set(sets, (byType = new Map()));
      byType.set(type.name, list);
    }
    return list;
  }

  private report(run: Run, message: string): void {
    const at = run.path.join('.');
    // a subgraph error at this place or below it already says why the value is missing
    if (run.explained.some((p) => p === at || p.startsWith(`${at}.`))) return;
    run.errors.push(new GraphQLError(message, { path: [...run.path], extensions: { code: COMPLETION_ERROR_CODE } }));
  }

  private describe(run: Run, parent: string): string {
    const last = run.path[run.path.length - 1];
    return typeof last === 'number' ? `list element at index ${last} of ${parent}` : `field ${parent}.${last}`;
  }

  private completeObject(run: Run, type: GraphQLCompositeType, value: Obj, sets: SelectionSetNode[]): Obj | typeof BUBBLE {
    const out = newObject();
    const root = type === this.schema.getQueryType();
    for (const f of this.collect(run, type, sets)) {
      if (f.name === '__typename') {
        if (!isObjectType(type)) {
          // the concrete type is not known (an @interfaceObject answer nobody resolved)
          run.path.push(f.key);
          this.report(run, `Cannot resolve the concrete type of ${type.name} for ${f.key}.`);
          run.path.pop();
          return BUBBLE;
        }
        out[f.key] = type.name;
        continue;
      }
      if (root && (f.name === '__schema' || f.name === '__type')) {
        out[f.key] = this.introspect(run, f);
        continue;
      }
      if (!f.type) continue; // not a field of this type: validation let it through for another type
      run.path.push(f.key);
      const v = this.complete(run, type.name, f.type, getOwn(value, f.key), f.selectionSets);
      run.path.pop();
      if (v === BUBBLE) return BUBBLE;
      out[f.key] = v === NULLED ? null : v;
    }
    return out;
  }

  private complete(run: Run, parent: string, type: GraphQLOutputType, value: unknown, sets: SelectionSetNode[]): Completed {
    if (isNonNullType(type)) {
      const v = this.complete(run, parent, type.ofType, value, sets);
      if (v === null) {
        this.report(run, `Cannot return null for non-nullable ${this.describe(run, parent)}.`);
        return BUBBLE;
      }
      return v === NULLED ? BUBBLE : v;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) {
        this.report(run, `Expected a list for ${this.describe(run, parent)}.`);
        return NULLED;
      }
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        run.path.push(i);
        const v = this.complete(run, parent, type.ofType, value[i], sets);
        run.path.pop();
        if (v === BUBBLE) return NULLED;
        out[i] = v === NULLED ? null : v;
      }
      return out;
    }
    if (isLeafType(type)) {
      if (validLeaf(this.schema, type, value)) return value;
      this.report(run, `Invalid value found for ${this.describe(run, parent)}.`);
      return NULLED;
    }
    if (!isObject(value)) {
      this.report(run, `Expected an object for ${this.describe(run, parent)}.`);
      return NULLED;
    }
    let runtime: GraphQLCompositeType = type;
    const typename = getOwn(value, '__typename');
    if (typeof typename === 'string' && typename !== type.name) {
      const t = this.schema.getType(typename);
      if (!t || !isCompositeType(t) || (isObjectType(t) && isAbstractType(type) && !this.schema.isSubType(type, t))) {
        this.report(run, `Invalid __typename found for object at ${this.describe(run, parent)}.`);
        return NULLED;
      }
      runtime = t;
    }
    const v = this.completeObject(run, runtime, value, sets);
    return v === BUBBLE ? NULLED : v;
  }

  private introspect(run: Run, f: CollectedField): unknown {
    const [first] = f.nodes;
    const field: FieldNode = f.selectionSets.length > 1
      ? { ...first, selectionSet: { kind: Kind.SELECTION_SET, selections: f.selectionSets.flatMap((s) => s.selections) } }
      : first;
    const result = executeSync({
      schema: this.schema,
      document: {
        kind: Kind.DOCUMENT,
        definitions: [
          { ...run.op.operation, operation: 'query' as never, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
          ...Object.values(run.op.fragments),
        ],
      },
      variableValues: run.variables,
    });
    for (const e of result.errors ?? []) run.errors.push(e);
    return result.data ? getOwn(result.data, f.key) ?? null : null;
  }

  /**
   * The response data for the merged subgraph data (null when a non-null root field is null).
   * `variables` are the coerced values, defaults applied; completion errors are added to `errors`,
   * which holds the subgraph errors so far.
   */
  shape(op: CompiledOperation, rootType: GraphQLCompositeType, merged: Obj, variables: Variables, errors: GraphQLError[]): Obj | null {
    const explained = errors.flatMap((e) => (e.path ? [e.path.join('.')] : []));
    const run: Run = { op, variables, errors, explained, path: [] };
    const data = this.completeObject(run, rootType, merged, op.rootSets);
    return data === BUBBLE ? null : data;
  }
}
