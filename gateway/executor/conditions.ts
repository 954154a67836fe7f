import { Kind, type DocumentNode, type SelectionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { getOwn } from './own.ts';

/** `@skip` and `@include`: deciding them, and planning documents that use them. */
type Variables = Record<string, unknown>;
type Directed = { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] };

const isCondition = (name: string) => name === 'skip' || name === 'include';

export function hasConditionDirectives(document: DocumentNode): boolean {
  let found = false;
  const scan = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.directives?.some((d) => isCondition(d.name.value))) found = true;
      if (s.kind !== Kind.FRAGMENT_SPREAD) scan(s.selectionSet);
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) scan(d.selectionSet);
  return found;
}

function valueOf(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return getOwn(variables, node.name.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

/** `@skip`/`@include` of a selection; `variables` are the coerced values (defaults applied). */
export function included(node: Directed, variables: Variables): boolean {
  for (const d of node.directives ?? []) {
    const name = d.name.value;
    if (!isCondition(name)) continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    const value = arg ? valueOf(arg.value, variables) === true : false;
    if (name === 'skip' && value) return false;
    if (name === 'include' && !value) return false;
  }
  return true;
}

/**
 * The document the query planner is given:
 * - every selection set holding a conditional selection also selects `__typename`
 *   unconditionally. Without it, a planner drops the fetch of a field whose every sub-selection is
 *   skipped, and the field (`{}` per GraphQL) comes back null;
 * - introspection fields (`__schema`, `__type`) are left out: the gateway answers them from the API
 *   schema, and not every planner accepts them.
 * The response is shaped from the client's document, so the extra `__typename` never shows.
 */
export function planningDocument(document: DocumentNode): DocumentNode {
  const visit = (set: SelectionSetNode): SelectionSetNode => {
    let typename = false;
    const selections: SelectionNode[] = [];
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD && (s.name.value === '__schema' || s.name.value === '__type')) continue;
      if (s.directives?.some((d) => isCondition(d.name.value))) typename = true;
      selections.push(s.kind === Kind.FRAGMENT_SPREAD || !s.selectionSet ? s : { ...s, selectionSet: visit(s.selectionSet) });
    }
    if (typename || !selections.length) selections.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } });
    return { ...set, selections };
  };
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? { ...d, selectionSet: visit(d.selectionSet) } : d,
    ),
  };
}
