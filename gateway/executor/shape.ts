import {
  executeSync, isAbstractType, isLeafType, isListType, isNonNullType, isObjectType, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';

/**
 * Turns the data merged from the subgraph fetches into the client's response: fields in the
 * order and under the names the operation asked for, type conditions decided by `__typename`,
 * `@skip`/`@include`, and GraphQL's null propagation for non-null fields. Introspection fields
 * at the root are answered from the API schema.
 *
 * The fields to read for a (selection sets, object type) pair are collected once and kept on the
 * compiled operation; documents with `@skip`/`@include` collect them per request.
 */
type Variables = Record<string, unknown>;

interface CollectedField {
  key: string;
  name: string;
  /** the field's type in the API schema (undefined for __typename) */
  type?: GraphQLOutputType;
  /** sub-selections of every occurrence of the field */
  selectionSets: SelectionSetNode[];
}

const INVALID = Symbol('invalid');

export interface CompiledOperation {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  hasConditions: boolean;
  introspection: FieldNode[];
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
  const introspection = operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type'),
  );
  return { operation, fragments, hasConditions: hasConditionDirectives(document), introspection, rootSets: [operation.selectionSet], cache: new Map() };
}

function valueOf(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

function included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, variables: Variables): boolean {
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

export class ResponseShaper {
  constructor(private readonly schema: GraphQLSchema) {}

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const c = this.schema.getType(condition);
    return !!c && isAbstractType(c) && this.schema.isSubType(c, type);
  }

  private collect(op: CompiledOperation, type: GraphQLObjectType, sets: SelectionSetNode[], variables: Variables): CollectedField[] {
    let byType = op.hasConditions ? undefined : op.cache.get(sets);
    const cached = byType?.get(type.name);
    if (cached) return cached;
    const fields = new Map<string, CollectedField>();
    const defs = type.getFields();
    const visitSet = (set: SelectionSetNode, visited: Set<string>) => {
      for (const s of set.selections) {
        if (op.hasConditions && !included(s, variables)) continue;
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          let f = fields.get(key);
          if (!f) {
            f = { key, name: s.name.value, type: defs[s.name.value]?.type, selectionSets: [] };
            fields.set(key, f);
          }
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

  private completeObject(op: CompiledOperation, type: GraphQLObjectType, value: Record<string, unknown>, sets: SelectionSetNode[], variables: Variables): Record<string, unknown> | typeof INVALID {
    const out: Record<string, unknown> = {};
    for (const f of this.collect(op, type, sets, variables)) {
      if (f.name === '__typename') {
        out[f.key] = type.name;
        continue;
      }
      if (!f.type) {
        out[f.key] = null; // introspection at the root: filled in by shape(), in its place
        continue;
      }
      const v = this.complete(op, f.type, value[f.key], f.selectionSets, variables);
      if (v === INVALID) return INVALID;
      out[f.key] = v;
    }
    return out;
  }

  private complete(op: CompiledOperation, type: GraphQLOutputType, value: unknown, sets: SelectionSetNode[], variables: Variables): unknown {
    if (isNonNullType(type)) {
      const v = this.complete(op, type.ofType, value, sets, variables);
      return v === null || v === INVALID ? INVALID : v;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return null;
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const v = this.complete(op, type.ofType, value[i], sets, variables);
        if (v === INVALID) return null;
        out[i] = v;
      }
      return out;
    }
    if (isLeafType(type)) return value;
    if (typeof value !== 'object') return null;
    let runtime: GraphQLObjectType | undefined;
    if (isObjectType(type)) runtime = type;
    else {
      const typename = (value as { __typename?: string }).__typename;
      const t = typename ? this.schema.getType(typename) : undefined;
      if (t && isObjectType(t) && this.schema.isSubType(type, t)) runtime = t;
    }
    if (!runtime) return null;
    const v = this.completeObject(op, runtime, value as Record<string, unknown>, sets, variables);
    return v === INVALID ? null : v;
  }

  /** The response data for the merged subgraph data (null when a non-null root field is missing). */
  shape(op: CompiledOperation, rootType: GraphQLObjectType, merged: Record<string, unknown>, variables: Variables): Record<string, unknown> | null {
    const data = this.completeObject(op, rootType, merged, op.rootSets, variables);
    if (data === INVALID) return null;
    for (const field of op.introspection) {
      if (op.hasConditions && !included(field, variables)) continue;
      const key = field.alias?.value ?? field.name.value;
      const result = executeSync({
        schema: this.schema,
        document: {
          kind: Kind.DOCUMENT,
          definitions: [
            { ...op.operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
            ...Object.values(op.fragments),
          ],
        },
        variableValues: variables,
      });
      data[key] = result.data?.[key] ?? null;
    }
    return data;
  }
}
