import {
  executeSync, GraphQLError, isAbstractType, isCompositeType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLLeafType, type GraphQLObjectType, type GraphQLOutputType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { hasConditionDirectives, included } from './conditions.ts';
import { FAILED, getOwn, isObject, newObject, type Obj } from './own.ts';

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
  /** the field's type in the API schema, taken apart (undefined for __typename and introspection) */
  shape?: TypeShape;
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

export function compileOperation(document: DocumentNode, operation: OperationDefinitionNode): CompiledOperation {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { operation, fragments, hasConditions: hasConditionDirectives(document), rootSets: [operation.selectionSet], cache: new Map() };
}

const isIntegral = (v: number) => Number.isInteger(v);
const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isInt = (v: unknown) => typeof v === 'number' && isIntegral(v);
const isFloat = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isId = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && isIntegral(v));
const always = () => true;
const never = () => false;

/** The check of a subgraph's leaf value against the API schema's type (custom scalars take any value). */
function leafCheck(schema: GraphQLSchema, type: GraphQLLeafType): (value: unknown) => boolean {
  if (isEnumType(type)) return (v) => typeof v === 'string' && type.getValue(v) !== undefined;
  switch (type.name) {
    case 'String': return isString;
    case 'Boolean': return isBoolean;
    case 'Int': return isInt;
    case 'Float': return isFloat;
    case 'ID': return isId;
    default: return schema.getType(type.name) === type ? always : never;
  }
}

/**
 * A field's output type taken apart once, so completing a value tests flags instead of the type's
 * classes: whether it is non-null, and a list's element, a leaf's check or the composite type.
 */
interface TypeShape {
  nonNull: boolean;
  of: TypeShape | null;
  leaf: ((value: unknown) => boolean) | null;
  composite: GraphQLCompositeType | null;
}

/** Whether `path` names a place the response does not have: an object on the way lacks the next key. */
function outsideResponse(data: Obj | null, path: readonly (string | number)[]): boolean {
  let value: unknown = data;
  for (const step of path) {
    if (value === null || value === undefined || typeof value !== 'object') return false;
    if (!Object.hasOwn(value, step)) return true;
    value = (value as Obj)[step];
  }
  return false;
}

interface Run {
  op: CompiledOperation;
  variables: Variables;
  errors: GraphQLError[];
  /** response paths of subgraph errors, joined: a null they explain gets no error of its own */
  explained: string[];
  /** a subgraph error without a path (a failed fetch) explains every missing value */
  pathless: boolean;
  path: Path;
  /** for each step of `path`, whether the value there is of a non-null type */
  nonNull: boolean[];
}

export class ResponseShaper {
  private readonly shapes = new Map<GraphQLOutputType, TypeShape>();

  constructor(private readonly schema: GraphQLSchema) {}

  private shapeOf(type: GraphQLOutputType): TypeShape {
    let shape = this.shapes.get(type);
    if (shape) return shape;
    const nonNull = isNonNullType(type);
    const inner = nonNull ? type.ofType : type;
    shape = {
      nonNull,
      of: isListType(inner) ? this.shapeOf(inner.ofType) : null,
      leaf: isLeafType(inner) ? leafCheck(this.schema, inner) : null,
      composite: isCompositeType(inner) ? inner : null,
    };
    this.shapes.set(type, shape);
    return shape;
  }

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
            f = { key, name: s.name.value, shape: def ? this.shapeOf(def.type) : undefined, nodes: [], selectionSets: [] };
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

  /**
   * Reports a completion error at the current path, unless a subgraph error already explains it: one
   * at this place or below it or, for a null under a non-null type (`nulls`), one anywhere under the
   * place the null propagates to (the subgraph's own propagation took the sibling values with it).
   */
  private report(run: Run, message: string, nulls = false): void {
    let scope = run.path.length;
    if (nulls) {
      scope = 0;
      for (let i = run.path.length - 2; i >= 0; i--) {
        if (!run.nonNull[i]) {
          scope = i + 1;
          break;
        }
      }
    }
    const at = run.path.slice(0, scope).join('.');
    if (run.pathless || run.explained.some((p) => at === '' || p === at || p.startsWith(`${at}.`))) return;
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
      if (!f.shape) continue; // not a field of this type: validation let it through for another type
      run.path.push(f.key);
      run.nonNull.push(f.shape.nonNull);
      const v = this.complete(run, type.name, f.shape, getOwn(value, f.key), f.selectionSets);
      run.path.pop();
      run.nonNull.pop();
      if (v === BUBBLE) return BUBBLE;
      out[f.key] = v === NULLED ? null : v;
    }
    return out;
  }

  private complete(run: Run, parent: string, shape: TypeShape, value: unknown, sets: SelectionSetNode[]): Completed {
    let v: Completed;
    if (value === null || value === undefined) v = null;
    else if (shape.of) v = this.completeList(run, parent, shape.of, value, sets);
    else if (shape.leaf) {
      if (shape.leaf(value)) v = value;
      else {
        this.report(run, `Invalid value found for ${this.describe(run, parent)}.`);
        v = NULLED;
      }
    } else v = this.completeComposite(run, parent, shape.composite!, value, sets);
    if (!shape.nonNull) return v;
    if (v === null) {
      this.report(run, `Cannot return null for non-nullable ${this.describe(run, parent)}.`, true);
      return BUBBLE;
    }
    return v === NULLED ? BUBBLE : v;
  }

  private completeList(run: Run, parent: string, of: TypeShape, value: unknown, sets: SelectionSetNode[]): Completed {
    if (!Array.isArray(value)) {
      this.report(run, `Expected a list for ${this.describe(run, parent)}.`);
      return NULLED;
    }
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      run.path.push(i);
      run.nonNull.push(of.nonNull);
      const v = this.complete(run, parent, of, value[i], sets);
      run.path.pop();
      run.nonNull.pop();
      if (v === BUBBLE) return NULLED;
      out[i] = v === NULLED ? null : v;
    }
    return out;
  }

  private completeComposite(run: Run, parent: string, type: GraphQLCompositeType, value: unknown, sets: SelectionSetNode[]): Completed {
    if (!isObject(value)) {
      this.report(run, `Expected an object for ${this.describe(run, parent)}.`);
      return NULLED;
    }
    // a subgraph failed this entity and said why (its error is at or below this place)
    if ((value as Record<symbol, unknown>)[FAILED]) return NULLED;
    let runtime: GraphQLCompositeType = type;
    let typename = getOwn(value, '__typename');
    // an object type's value is of that type when it names none
    if (typeof typename === 'string' ? isAbstractType(this.schema.getType(typename)) : isAbstractType(type)) {
      // an @interfaceObject answer names the interface; the concrete type may have come under an alias
      const aliased = this.aliasedTypename(run, value, sets);
      if (aliased !== undefined) typename = aliased;
    }
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

  /** `__typename` fetched only under an alias of the client's (a planner may leave the plain one out). */
  private aliasedTypename(run: Run, value: Obj, sets: SelectionSetNode[]): unknown {
    const seen = new Set<string>();
    for (const set of sets) {
      const found = this.findAliasedTypename(run, value, set, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private findAliasedTypename(run: Run, value: Obj, set: SelectionSetNode, seen: Set<string>): unknown {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const v = s.name.value === '__typename' && s.alias ? getOwn(value, s.alias.value) : undefined;
        if (typeof v === 'string' && isObjectType(this.schema.getType(v))) return v;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const found = this.findAliasedTypename(run, value, s.selectionSet, seen);
        if (found !== undefined) return found;
      } else if (!seen.has(s.name.value) && run.op.fragments[s.name.value]) {
        seen.add(s.name.value);
        const found = this.findAliasedTypename(run, value, run.op.fragments[s.name.value].selectionSet, seen);
        if (found !== undefined) return found;
      }
    }
    return undefined;
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
    const run: Run = { op, variables, errors, explained, pathless: errors.some((e) => !e.path), path: [], nonNull: [] };
    const subgraphErrors = errors.length;
    const completed = this.completeObject(run, rootType, merged, op.rootSets);
    const data = completed === BUBBLE ? null : completed;
    // a subgraph error of a field the client did not ask for (fetched for a type condition that
    // does not apply, or for @requires) is not the client's
    const asked = errors.slice(0, subgraphErrors).filter((e) => !e.path || !outsideResponse(data, e.path));
    errors.splice(0, subgraphErrors, ...asked);
    return data;
  }
}
