import type { ApolloServerPlugin } from '@apollo/server';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import type { Logger } from '../../common/log.ts';
import { injectTraceContext, SpanKind, type ServiceTracing } from '../../common/tracing.ts';
import type { SubgraphClient } from '../executor/client.ts';
import type { FederatedGateway } from '../executor/index.ts';

/**
 * The gateway's spans beside its request span (common/http.ts): the query plan, and one CLIENT span
 * per subgraph fetch whose `traceparent` the subgraph continues. The gateway hands its request span
 * on explicitly — in its context, and attached to the headers object of the request's subgraph calls —
 * rather than through AsyncLocalStorage, which slows every await of every request once used. Set up
 * only when the gateway traces; a request that is not sampled has no span and none of this runs.
 */
const spansOfHeaders = new WeakMap<object, Span>();

/** Marks the headers of one request's subgraph calls as belonging to its (sampled) span. */
export function attachSpan<T extends object>(headers: T, span: Span | undefined): T {
  if (span) spansOfHeaders.set(headers, span);
  return headers;
}

export function traceSubgraphClient(client: SubgraphClient, tracing: ServiceTracing): SubgraphClient {
  const post = client.post.bind(client);
  client.post = (body, headers) => {
    const parent = spansOfHeaders.get(headers);
    if (!parent) return post(body, headers);
    return tracing.childOf(parent, `fetch ${client.name}`, { 'peer.service': client.name }, (span) => {
      const withTrace = { ...headers };
      injectTraceContext(withTrace, span);
      return post(body, withTrace);
    }, SpanKind.CLIENT);
  };
  return client;
}

/**
 * The query plan (a cache hit or the planner's work) as a span of the request. The executor plans
 * synchronously at the start of each execution, so the request whose execution is starting is known
 * at that moment without any async context.
 */
export function tracePlanning(gateway: FederatedGateway, tracing: ServiceTracing): void {
  let executing: Span | undefined;
  const execute = gateway.execute.bind(gateway);
  gateway.execute = (request) => {
    executing = (request.context as { traceSpan?: Span } | undefined)?.traceSpan;
    try {
      return execute(request);
    } finally {
      executing = undefined;
    }
  };
  const plan = gateway.plan.bind(gateway);
  gateway.plan = (document, queryHash, operationName, size, session) => {
    const parent = executing;
    if (!parent) return plan(document, queryHash, operationName, size, session);
    const span = tracing.tracer.startSpan('plan', { attributes: { 'graphql.operation.name': operationName ?? '' } }, traceContextOf(parent));
    try {
      return plan(document, queryHash, operationName, size, session);
    } finally {
      span.end();
    }
  };
}

/**
 * Names the request's span after the operation (`mutation PlaceOrder`), adds the trace id to masked
 * errors (`extensions.traceId`) and writes one log line with the trace id for a traced request that
 * was answered with errors, beside the lines of its request id.
 */
export function traceAnswers<TContext extends { traceSpan?: Span; requestId: string }>(log: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = contextValue.traceSpan;
      if (!span) return {};
      return {
        async didResolveOperation({ operation, operationName }) {
          if (operation) nameSpan(span, operation.operation, operationName);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
          const result = response.body.singleResult;
          result.errors = traceErrors(log, span, contextValue.requestId, result.errors!);
        },
      };
    },
  };
}

/** The request's span named after its operation (`mutation PlaceOrder`). */
export function nameSpan(span: Span, type: string, operationName: string | null | undefined): void {
  span.updateName(`${type} ${operationName ?? 'anonymous'}`);
  span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName ?? '' });
}

/** The trace id in the masked errors of a traced request's answer, and one log line with it. */
export function traceErrors<E extends { extensions?: Record<string, unknown> }>(log: Logger, span: Span, requestId: string, errors: readonly E[]): E[] {
  const { traceId, spanId } = span.spanContext();
  const marked = errors.map((e) => (MASKED.has(String(e.extensions?.code)) ? { ...e, extensions: { ...e.extensions, traceId } } : e));
  log.warn({ trace_id: traceId, span_id: spanId, requestId, codes: [...new Set(marked.map((e) => String(e.extensions?.code)))] }, 'traced request answered with errors');
  return marked;
}

const MASKED = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE']);

const traceContextOf = (span: Span) => trace.setSpan(ROOT_CONTEXT, span);
