import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The root fields an operation selects (through fragments too), `__typename` excluded. */
export function rootFieldsOfOperation(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '__typename') names.add(s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...names];
}

// the queries services send each other are constants in their code: this cache stays small
const cache = new Map<string, string[]>();

/** The root fields of a one-operation document (a service's own query text). */
export function rootFieldsOf(query: string): string[] {
  let fields = cache.get(query);
  if (!fields) {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    fields = operation ? rootFieldsOfOperation(document, operation) : [];
    if (cache.size < 1000) cache.set(query, fields);
  }
  return fields;
}
