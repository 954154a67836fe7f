import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, Kind, separateOperations, typeFromAST, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type ValueNode,
} from 'graphql';

/**
 * Schema coordinates an operation uses: fields `Type.field`, arguments `Type.field(arg:)`, enum
 * values `Enum.VALUE` and input fields `Input.field`, in literals and (see variableCoordinates) in
 * the variables sent with it.
 */
export interface StaticUsage {
  coordinates: string[];
  /** the operation's variables and their input types, for the values sent at run time */
  variables: { name: string; type: GraphQLInputType }[];
  /** arguments given as a variable: used only when the variable has a value (or a default) */
  variableArguments: { coordinate: string; variable: string }[];
}

function pickOperation(document: DocumentNode, operationName: string | null | undefined): DocumentNode {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length <= 1) return document;
  return (operationName && separateOperations(document)[operationName]) || document;
}

/** What the document's operation uses, known before execution (cache it per document and operation name). */
export function staticUsage(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): StaticUsage {
  const doc = pickOperation(document, operationName);
  const typeInfo = new TypeInfo(schema);
  const seen = new Set<string>();
  const variables: StaticUsage['variables'] = [];
  const variableArguments: StaticUsage['variableArguments'] = [];
  const defaults = new Set<string>();
  const literal = (value: ValueNode, type: GraphQLInputType | null | undefined) => collectLiteral(value, type, seen);
  visit(doc, visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      if (operationName && node.name?.value !== operationName && doc === document) return false;
      for (const v of node.variableDefinitions ?? []) {
        const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
        if (type) variables.push({ name: v.variable.name.value, type });
        if (type && v.defaultValue && v.defaultValue.kind !== Kind.NULL) {
          literal(v.defaultValue, type);
          defaults.add(v.variable.name.value);
        }
      }
      return undefined;
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent || node.name.value.startsWith('__')) return;
      seen.add(`${parent.name}.${node.name.value}`);
    },
    Argument(node) {
      const arg = typeInfo.getArgument();
      const field = typeInfo.getFieldDef();
      const parent = typeInfo.getParentType();
      if (!arg || !field || !parent || typeInfo.getDirective()) return;
      const coordinate = `${parent.name}.${field.name}(${arg.name}:)`;
      // an argument passed as null counts as not given (what matters when it becomes required)
      if (node.value.kind === Kind.VARIABLE && !defaults.has(node.value.name.value)) variableArguments.push({ coordinate, variable: node.value.name.value });
      else if (node.value.kind !== Kind.NULL) seen.add(coordinate);
      literal(node.value, arg.type);
    },
  }));
  return { coordinates: [...seen], variables, variableArguments };
}

function collectLiteral(value: ValueNode, type: GraphQLInputType | null | undefined, out: Set<string>): void {
  if (!type) return;
  if (isNonNullType(type)) return collectLiteral(value, type.ofType, out);
  if (isListType(type)) {
    if (value.kind === Kind.LIST) for (const v of value.values) collectLiteral(v, type.ofType, out);
    else collectLiteral(value, type.ofType, out);
    return;
  }
  if (isEnumType(type) && value.kind === Kind.ENUM) out.add(`${type.name}.${value.value}`);
  if (isInputObjectType(type) && value.kind === Kind.OBJECT) {
    const fields = type.getFields();
    out.add(type.name);
    for (const f of value.fields) {
      const def = fields[f.name.value];
      if (!def || f.value.kind === Kind.NULL) continue;
      out.add(`${type.name}.${def.name}`);
      collectLiteral(f.value, def.type, out);
    }
  }
}

/** Arguments given by variables that have a value, and enum values and input fields inside the variables' values. */
export function variableCoordinates(usage: StaticUsage, values: Record<string, unknown> | undefined, out: Set<string>): void {
  if (!values) return;
  for (const a of usage.variableArguments) if (values[a.variable] !== undefined && values[a.variable] !== null) out.add(a.coordinate);
  for (const v of usage.variables) collectValue(values[v.name], v.type, out, 0);
}

function collectValue(value: unknown, type: GraphQLInputType, out: Set<string>, depth: number): void {
  if (value === null || value === undefined || depth > 20) return;
  if (isNonNullType(type)) return collectValue(value, type.ofType, out, depth);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const v of value) collectValue(v, type.ofType, out, depth + 1);
    else collectValue(value, type.ofType, out, depth + 1);
    return;
  }
  const named = getNamedType(type);
  if (isEnumType(named) && typeof value === 'string' && named.getValue(value)) out.add(`${named.name}.${value}`);
  if (isInputObjectType(named) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = named.getFields();
    out.add(named.name);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const def = fields[k];
      if (!def || v === null || v === undefined) continue;
      out.add(`${named.name}.${k}`);
      collectValue(v, def.type, out, depth + 1);
    }
  }
}
