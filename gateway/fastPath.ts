import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, getVariableValues, parse, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { Identity } from '../common/identity.ts';
import type { Logger } from '../common/log.ts';
import { asksIntrospection, introspectionOnly } from './contracts.ts';
import { nameSpan, traceErrors } from './edge/tracing.ts';
import type { FederatedGateway, OperationResult } from './executor/index.ts';
import { CLIENT_ERROR_CODES, previewExtension, type OperationCheck } from './guards.ts';
import type { OperationMetrics } from './metrics.ts';
import type { GatewayContext } from './server.ts';
import type { UsageRecording } from './usage.ts';

/**
 * The gateway's own request path for the common case: a POST of `application/json` that names one
 * valid operation which every check lets through. It does what Apollo Server's pipeline does for
 * such a request — the same context (key, channel, scopes, customer, preview), the same checks
 * before planning (input sizes, scopes, channel contracts, values), usage recording, metrics,
 * tracing, error formatting and masking, status codes and headers — without the pipeline's hooks and
 * promises around every step, with its own cache of parsed and validated documents, and writes the
 * answer itself.
 *
 * Anything else is answered by Apollo Server (`false`: not handled): a document that does not parse
 * or validate, an operation a check refuses, variables that do not coerce, a context that cannot be
 * made (no or a bad key or customer token), introspection, persisted-query extensions, other
 * methods, content types and `accept` headers. Those steps have no side effects, so Apollo Server
 * starts again from the beginning and answers exactly as before. Once the operation runs, the answer
 * is this path's. GATEWAY_FAST_PATH=off sends every request through Apollo Server.
 */
export interface FastPathOptions {
  gateway: FederatedGateway;
  /** the API schema Apollo Server serves (the gateway's) */
  schema: GraphQLSchema;
  /** the gateway's own validation rules (graphql-armor's), beside graphql-js's */
  validationRules: readonly ValidationRule[];
  parseOptions: { maxTokens?: number };
  context: (req: IncomingMessage) => Promise<GatewayContext>;
  /** the checks of the Apollo plugins' `didResolveOperation`, in their order */
  checks: OperationCheck<GatewayContext>[];
  metrics: OperationMetrics;
  usage: UsageRecording;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** graphql-armor's field suggestion mask on error messages (production) */
  maskSuggestions: boolean;
  log: Logger;
}

export type FastPath = (req: IncomingMessage, res: ServerResponse, request: { method: string; body: unknown; search: string }) => Promise<boolean>;

interface ParsedDocument {
  document: DocumentNode;
  queryHash: string;
  /** resolved operations by requested name ('' for none) */
  operations: Map<string, OperationDefinitionNode | null>;
  introspection: boolean;
}

const MAX_DOCUMENTS = 1000;
const MAX_DOCUMENT_CHARS = 100_000;
/** Apollo Server's content type for `accept` absent or one of these */
const JSON_UTF8 = 'application/json; charset=utf-8';
const PLAIN_ACCEPTS = new Set(['*/*', 'application/json', 'application/json, */*', JSON_UTF8]);
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function createFastPath(options: FastPathOptions): FastPath {
  const { gateway, schema } = options;
  const rules = [...specifiedRules, ...options.validationRules];
  // parsed and validated documents by text; a text that fails either is remembered as null
  const documents = new Map<string, ParsedDocument | null>();

  const documentOf = (query: string): ParsedDocument | null => {
    let parsed = documents.get(query);
    if (parsed !== undefined) {
      // most recently used last
      documents.delete(query);
      documents.set(query, parsed);
      return parsed;
    }
    parsed = null;
    try {
      const document = parse(query, options.parseOptions);
      if (validate(schema, document, rules).length === 0) {
        parsed = { document, queryHash: createHash('sha256').update(query).digest('hex'), operations: new Map(), introspection: asksIntrospection(document) };
      }
    } catch {
      parsed = null;
    }
    if (query.length <= MAX_DOCUMENT_CHARS) {
      if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
      documents.set(query, parsed);
    }
    return parsed;
  };

  const operationOf = (parsed: ParsedDocument, name: string | undefined): OperationDefinitionNode | null => {
    const key = name ?? '';
    let operation = parsed.operations.get(key);
    if (operation === undefined) {
      operation = getOperationAST(parsed.document, name) ?? null;
      if (parsed.operations.size < 50) parsed.operations.set(key, operation);
    }
    return operation;
  };

  return async (req, res, { method, body }) => {
    if (method !== 'POST' || !isRecord(body)) return false;
    const contentType = req.headers['content-type'];
    if (!contentType || !JSON_CONTENT_TYPE.test(contentType)) return false;
    const accept = req.headers.accept;
    if (accept !== undefined && !PLAIN_ACCEPTS.has(accept)) return false;
    const { query, operationName, variables, extensions } = body;
    if (typeof query !== 'string' || !query) return false;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return false;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return false;
    if (extensions !== undefined && extensions !== null && !isRecord(extensions)) return false;
    if (isRecord(extensions) && extensions.persistedQuery !== undefined) return false;

    const parsed = documentOf(query);
    if (!parsed || parsed.introspection) return false;
    const requestedName = typeof operationName === 'string' ? operationName : undefined;
    const operation = operationOf(parsed, requestedName);
    if (!operation || operation.operation === 'subscription' || introspectionOnly(operation)) return false;

    let contextValue: GatewayContext;
    try {
      contextValue = await options.context(req);
    } catch {
      return false;
    }
    const vars = (isRecord(variables) ? variables : undefined) as Record<string, unknown> | undefined;
    const resolved = {
      document: parsed.document,
      schema,
      operation,
      queryHash: parsed.queryHash,
      source: query,
      request: { operationName: requestedName, variables: vars },
      contextValue,
    };
    try {
      for (const check of options.checks) check(resolved);
    } catch {
      return false;
    }
    let coerced: Record<string, unknown> | undefined;
    if (operation.variableDefinitions?.length) {
      const values = getVariableValues(schema, operation.variableDefinitions, vars ?? {});
      if (values.errors) return false;
      coerced = values.coerced;
    }

    // from here on the answer is ours
    const started = performance.now();
    const resolvedName = operation.name?.value ?? null;
    const span = contextValue.traceSpan;
    try {
      if (span) nameSpan(span, operation.operation, resolvedName);
      const headers = { get: (name: string) => headerValue(req, name) };
      options.usage.record({ ...resolved, operationName: resolvedName, request: { ...resolved.request, http: { headers } } });
      const result = await gateway.execute({
        document: parsed.document,
        operation,
        operationName: resolvedName,
        queryHash: parsed.queryHash,
        source: query,
        variables: vars,
        coerced,
        headers,
        context: contextValue,
      });
      answer(res, contextValue, resolvedName, result, started);
    } catch (e) {
      options.log.error({ err: e }, 'gateway request path failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': JSON_UTF8 });
        res.end(`${JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })}\n`);
      } else res.end();
    }
    return true;
  };

  /** Apollo Server's answer to an executed operation: errors formatted, status, preview, metrics, tracing. */
  function answer(res: ServerResponse, contextValue: GatewayContext, operationName: string | null, result: OperationResult, started: number): void {
    let status: number | undefined;
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      if (options.maskSuggestions) for (const e of result.errors) e.message = e.message.replace(/Did you mean ".+"/g, '[Suggestion hidden]');
      errors = result.errors.map((error) => {
        const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
        const http = extensions.http as { status?: unknown; headers?: unknown } | undefined;
        if (http && typeof http === 'object' && (!('status' in http) || typeof http.status === 'number') && (!('headers' in http) || http.headers instanceof Map)) {
          if (typeof http.status === 'number') status = http.status;
          delete extensions.http;
        }
        try {
          return options.formatError({ ...error.toJSON(), extensions }, error);
        } catch {
          return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        }
      });
      if (result.errors.length && result.data === undefined && !status) status = 400;
    }
    // willSendResponse, in the plugins' order
    const span = contextValue.traceSpan;
    if (span && errors?.length) errors = traceErrors(options.log, span, contextValue.requestId, errors);
    if (result.data === undefined && errors?.length && errors.every((e) => CLIENT_ERROR_CODES.has(String(e.extensions?.code)))) status = 400;
    options.metrics.observe(contextValue.identity?.channel ?? 'unknown', operationName, result.errors ?? [], started);
    const at = (contextValue.identity as Identity | undefined)?.previewAt;
    const extensions = at ? previewExtension(at) : undefined;
    const text = `${JSON.stringify({ errors, data: result.data, extensions })}\n`;
    // Apollo Server's cache control: nothing here carries a cache policy, so every answer is no-store
    res.writeHead(status ?? 200, { 'cache-control': 'no-store', 'content-type': JSON_UTF8 });
    res.end(text);
  }
}

/** A request header as Apollo Server's HeaderMap gives it (several values joined). */
function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
