import type { ApolloServerPlugin } from '@apollo/server';
import { trace, context as otelContext } from '@opentelemetry/api';
import { injectTraceContext, SpanKind, type ServiceTracing } from '../../common/tracing.ts';
import type { SubgraphClient } from '../executor/client.ts';
import type { FederatedGateway } from '../executor/index.ts';

/**
 * The gateway's spans beside its request span (common/http.ts): the query plan, and one CLIENT span
 * per subgraph fetch whose `traceparent` the subgraph continues. Set up only when the gateway
 * traces; without tracing none of this is installed and the executor runs untouched.
 */
export function traceSubgraphClient(client: SubgraphClient, tracing: ServiceTracing): SubgraphClient {
  const post = client.post.bind(client);
  client.post = (body, headers) =>
    tracing.span(`fetch ${client.name}`, { 'peer.service': client.name }, () => {
      const withTrace = { ...headers };
      injectTraceContext(withTrace);
      return post(body, withTrace);
    }, SpanKind.CLIENT);
  return client;
}

/** The query plan (a cache hit or the planner's work) as a span of the request. */
export function tracePlanning(gateway: FederatedGateway, tracing: ServiceTracing): void {
  const plan = gateway.plan.bind(gateway);
  gateway.plan = (document, queryHash, operationName, size, session) =>
    tracing.spanSync('plan', { 'graphql.operation.name': operationName ?? '' }, () => plan(document, queryHash, operationName, size, session));
}

/** Names the request's span after the operation once it is known (`query KioskProducts`). */
export function operationSpanName<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = trace.getSpan(otelContext.active());
          if (!span || !operation) return;
          span.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
          span.setAttributes({ 'graphql.operation.type': operation.operation, 'graphql.operation.name': operationName ?? '' });
        },
      };
    },
  };
}
