import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getArgumentValues, getVariableValues, GraphQLError, Kind, parse, separateOperations, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { mayManageMarket, maySellFromLocation, type Identity } from '../common/identity.ts';
import { strictInstant } from '../common/scalars.ts';

/**
 * Who may call what, and how big a request may be — decided before any planning or subgraph call.
 *
 * Scopes are declared in the subgraph SDL as `@tag(name: "scope:<scope>")` on fields; they reach the
 * supergraph through composition. A field with several scope tags needs any one of them.
 */
export type ScopeMap = Map<string, string[]>;

export function scopesFromSupergraph(supergraphSdl: string): ScopeMap {
  const map: ScopeMap = new Map();
  const doc = parse(supergraphSdl);
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      const scopes = (field.directives ?? [])
        .filter((d) => d.name.value === 'tag')
        .map((d) => d.arguments?.find((a) => a.name.value === 'name')?.value)
        .map((v) => (v && v.kind === Kind.STRING ? v.value : ''))
        .filter((name) => name.startsWith('scope:'))
        .map((name) => name.slice('scope:'.length));
      if (scopes.length) {
        const key = `${def.name.value}.${field.name.value}`;
        map.set(key, [...new Set([...(map.get(key) ?? []), ...scopes])]);
      }
    }
  }
  return map;
}

/** The fields (Type.field) an operation selects, fragments included; other operations of the document are ignored. */
export function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Set<string> {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operationName ?? (operations.length === 1 ? (operations[0] as { name?: { value: string } }).name?.value : undefined);
  const doc = name && operations.length > 1 ? (separateOperations(document)[name] ?? document) : document;
  const typeInfo = new TypeInfo(schema);
  const seen = new Set<string>();
  visit(doc, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent) seen.add(`${parent.name}.${node.name.value}`);
    },
  }));
  return seen;
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

export interface GuardOptions {
  scopes: ScopeMap;
  /** introspection is for keys with the operations scope only */
  restrictIntrospection: boolean;
}

/**
 * What a check before planning sees of a resolved operation: the fields of Apollo Server's request
 * context at `didResolveOperation`, and what the gateway's own request path (gateway/fastPath.ts) has
 * at the same point. A check throws a GraphQLError to refuse the operation.
 */
export interface ResolvedOperation<TContext> {
  document: DocumentNode;
  schema: GraphQLSchema;
  operation?: OperationDefinitionNode;
  queryHash: string;
  source: string;
  request: { operationName?: string | null; variables?: Record<string, unknown> | null };
  contextValue: TContext;
}
export type OperationCheck<TContext> = (op: ResolvedOperation<TContext>) => void;

/** A check as an Apollo Server plugin (its `didResolveOperation`). */
export function checkPlugin<TContext extends object>(check: OperationCheck<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          check(rc as unknown as ResolvedOperation<TContext>);
        },
      };
    },
  };
}

/** Refuses an operation that uses a field the caller's scopes do not cover, before planning. */
export function scopeGuard<TContext extends { identity: Identity }>(options: GuardOptions): ApolloServerPlugin<TContext> {
  return checkPlugin(scopeCheck<TContext>(options));
}

export function scopeCheck<TContext extends { identity: Identity }>(options: GuardOptions): OperationCheck<TContext> {
  // the fields of a document are collected once (per document text and operation name), not per request
  const cache = new Map<string, Set<string>>();
  let cacheSchema: GraphQLSchema | null = null;
  return ({ document, schema, request, contextValue, operation, queryHash, source }) => {
    if (!operation) {
      // in gateway mode Apollo would let this escape as an internal error (500)
      throw new GraphQLError(
        request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.',
        { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
      );
    }
    const identity = contextValue.identity;
    if (schema !== cacheSchema) {
      cache.clear();
      cacheSchema = schema;
    }
    const key = `${request.operationName ?? ''}\n${queryHash}`;
    let fields = cache.get(key);
    if (!fields) {
      fields = selectedCoordinates(schema, document, request.operationName);
      // bounded by entries and, against huge documents, skipped for very large ones
      if (cache.size >= 2000) cache.delete(cache.keys().next().value!);
      if (source.length < 100_000) cache.set(key, fields);
    }
    const denied: string[] = [];
    for (const coordinate of fields) {
      const field = coordinate.split('.')[1];
      if ((field === '__schema' || field === '__type') && options.restrictIntrospection && !identity.scopes.includes('operations')) {
        throw forbidden('Introspection is available to operations keys only.');
      }
      const needed = options.scopes.get(coordinate);
      if (needed && !needed.some((s) => identity.scopes.includes(s))) denied.push(coordinate);
    }
    if (denied.length) {
      throw forbidden(`The ${identity.channel} key may not use ${denied.join(', ')}.`);
    }
  };
}

/** Scopes whose fields act on markets a key manages: their `market` values must be the key's. */
const MARKET_SCOPES = new Set(['marketing', 'catalog:write']);

/** Every `market` and `location` value in a field's arguments, input objects and lists included. */
function namedValues(value: unknown, key: string, out: { market: string[]; location: string[] }, depth = 0): void {
  if (depth > 20 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (key === 'market') out.market.push(value);
    if (key === 'location') out.location.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) namedValues(v, key, out, depth + 1);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) namedValues(v, k, out, depth + 1);
  }
}

/**
 * Scopes by value, before planning: the markets a marketing or catalog key names (in literals and in
 * variables, input objects included) must be its own, and the stock locations any key sells from,
 * counts or adjusts must be its own (a web key sells from no store). Product.stockLevel only reads.
 */
export function valueGuard<TContext extends { identity: Identity }>(options: { scopes: ScopeMap }): ApolloServerPlugin<TContext> {
  return checkPlugin(valueCheck<TContext>(options));
}

export function valueCheck<TContext extends { identity: Identity }>(options: { scopes: ScopeMap }): OperationCheck<TContext> {
  // the fields with arguments of each (document, operation): collected once, not per request
  const fieldsOf = new WeakMap<DocumentNode, Map<string, ArgumentField[]>>();
  return ({ document, schema, request, contextValue, operation }) => {
    if (!operation) return;
    let byOperation = fieldsOf.get(document);
    if (!byOperation) fieldsOf.set(document, (byOperation = new Map()));
    const name = operation.name?.value ?? '';
    let fields = byOperation.get(name);
    if (!fields) byOperation.set(name, (fields = argumentFields(schema, document, operation.name?.value)));
    if (!fields.length) return;
    const identity = contextValue.identity;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return; // answered by execution as BAD_USER_INPUT
    const denied = new Set<string>();
    for (const { node, def, coordinate } of fields) {
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(def, node, coerced.coerced);
      } catch {
        continue; // a missing or bad argument is answered by execution
      }
      const values = { market: [] as string[], location: [] as string[] };
      namedValues(args, '', values);
      const needed = options.scopes.get(coordinate) ?? [];
      if (needed.some((s) => MARKET_SCOPES.has(s))) {
        for (const m of values.market) if (!mayManageMarket(identity, m)) denied.add(`${coordinate}(market: ${JSON.stringify(m.slice(0, 20))})`);
      }
      if (coordinate !== 'Product.stockLevel') {
        for (const l of values.location) if (!maySellFromLocation(identity, l)) denied.add(`${coordinate}(location: ${JSON.stringify(l.slice(0, 40))})`);
      }
    }
    if (denied.size) throw forbidden(`The ${identity.channel} key may not use ${[...denied].slice(0, 5).join(', ')}: not its market or location.`);
  };
}

interface ArgumentField {
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
  coordinate: string;
}

/** Every field of the operation that takes arguments, with its definition. */
function argumentFields(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): ArgumentField[] {
  const doc = operationName && document.definitions.length > 1 ? (separateOperations(document)[operationName] ?? document) : document;
  const typeInfo = new TypeInfo(schema);
  const fields: ArgumentField[] = [];
  visit(doc, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const def = typeInfo.getFieldDef();
      const parent = typeInfo.getParentType();
      if (def && parent && node.arguments?.length) fields.push({ node, def, coordinate: `${parent.name}.${def.name}` });
    },
  }));
  return fields;
}

/** Input sizes the gateway refuses before planning, whatever the field: nesting of values and string length. */
export const INPUT_LIMITS = { maxValueDepth: 32, maxStringChars: 16_384 };

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** The deepest nesting and longest string in a JSON value (iteratively: a deep value cannot exhaust the stack). */
function measure(values: unknown[]): { depth: number; longest: number } {
  let depth = 0;
  let longest = 0;
  const stack: [unknown, number][] = values.map((v) => [v, 1]);
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v === 'string') longest = Math.max(longest, v.length);
    else if (v !== null && typeof v === 'object') {
      depth = Math.max(depth, d);
      if (depth > INPUT_LIMITS.maxValueDepth) break;
      for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return { depth, longest };
}

/** Every value in the request has a size: nesting (variables and literals) and string length; BAD_USER_INPUT naming the limit. */
export function inputSizeGuard<TContext extends object>(): ApolloServerPlugin<TContext> {
  return checkPlugin(inputSizeCheck<TContext>());
}

export function inputSizeCheck<TContext extends object>(): OperationCheck<TContext> {
  // the literals of a document do not change: measured once per document
  const literals = new WeakMap<DocumentNode, { depth: number; longest: number }>();
  return ({ request, document }) => {
    let inDocument = literals.get(document);
    if (!inDocument) {
      const m = { depth: 0, longest: 0 };
      let literalDepth = 0;
      visit(document, {
        ObjectValue: { enter: () => void (m.depth = Math.max(m.depth, ++literalDepth)), leave: () => void literalDepth-- },
        ListValue: { enter: () => void (m.depth = Math.max(m.depth, ++literalDepth)), leave: () => void literalDepth-- },
        StringValue: (node) => void (m.longest = Math.max(m.longest, node.value.length)),
      });
      literals.set(document, (inDocument = m));
    }
    const vars = measure(Object.values(request.variables ?? {}));
    const depth = Math.max(vars.depth, inDocument.depth);
    const longest = Math.max(vars.longest, inDocument.longest);
    if (depth > INPUT_LIMITS.maxValueDepth) throw badInput(`Input values may be nested at most ${INPUT_LIMITS.maxValueDepth} levels deep.`);
    if (longest > INPUT_LIMITS.maxStringChars) throw badInput(`Input strings may be at most ${INPUT_LIMITS.maxStringChars} characters long.`);
  };
}

export interface LimitConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  production: boolean;
}

export const DEFAULT_LIMITS = { maxDepth: 15, maxAliases: 30, maxTokens: 5000, maxDirectives: 50, maxCost: 20000 };

/** graphql-armor: depth, aliases, directives, cost; no field suggestions in production. */
export function armor(limits: LimitConfig) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // tokens are limited by the parser itself (parseOptions.maxTokens): armor's token plugin parses in a
    // hook of its own, where any syntax error becomes a 500
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: false },
    blockFieldSuggestion: { enabled: limits.production },
  }).protect();
}

/** Armor's rejections arrive as validation errors; give each a code of its own. */
export function limitCode(message: string): string | null {
  if (/depth limit/i.test(message)) return 'QUERY_TOO_DEEP';
  if (/aliases limit/i.test(message)) return 'TOO_MANY_ALIASES';
  if (/token limit|more tha[nt] \d+ tokens/i.test(message)) return 'TOO_MANY_TOKENS'; // graphql-js spells it "more that"
  if (/directives limit/i.test(message)) return 'TOO_MANY_DIRECTIVES';
  if (/cost limit/i.test(message)) return 'QUERY_TOO_COMPLEX';
  return null;
}

/** Codes that mean the request itself was bad: answered 400 (a parse failure inside a plugin would otherwise be a 500). */
export const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COMPLEX',
]);

export function clientErrorStatus<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data === undefined && errors?.length && errors.every((e) => CLIENT_ERROR_CODES.has(String(e.extensions?.code)))) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}

export const PREVIEW_HEADER = 'x-preview-at';

/**
 * Staff may preview the graph at a future instant with `x-preview-at: <ISO instant>` (keys with the
 * `preview` scope only). The gateway forwards the instant inside the signed identity; every
 * subgraph then answers as of that instant and refuses writes.
 */
export function previewInstant(header: string | undefined, identity: Identity): string | undefined {
  if (!header) return undefined;
  if (!identity.scopes.includes('preview')) throw forbidden('Previewing (x-preview-at) needs a key with the preview scope.');
  const at = strictInstant(header);
  if (!at) {
    throw new GraphQLError(`x-preview-at must be an ISO-8601 instant, e.g. 2026-11-27T10:00:00Z (got "${header.slice(0, 40)}").`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return at.toISOString();
}

/** Says in the response that it is a preview, and that stock is shown as it is now. */
export function previewExtensions<TContext extends { identity: Identity }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const at = contextValue.identity?.previewAt;
          if (!at || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, ...previewExtension(at) };
        },
      };
    },
  };
}

/** The response extension of a preview at `at`. */
export function previewExtension(at: string) {
  return { preview: { at, readOnly: true, stock: 'Stock is shown as it is now; it is never predicted.' } };
}
