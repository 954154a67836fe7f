import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../common/metrics.ts';
import { limitCode } from './guards.ts';

/** Latency per operation and client, and errors (rejections included) by code. */
export function operationMetrics<TContext extends object>(metrics: Metrics): ApolloServerPlugin<TContext> {
  const seconds = metrics.histogram('gateway_operation_seconds', 'GraphQL operation latency', ['operation', 'client', 'outcome']);
  const errors = metrics.counter('gateway_errors_total', 'Errors in responses, by code (rejections by reason included)', ['code']);
  // operation and client names come from callers: bound the label values
  const known = new Set<string>();
  const bounded = (value: string) => {
    if (known.has(value)) return value;
    if (known.size >= 500) return 'other';
    known.add(value);
    return value;
  };
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      const client = bounded(String(request.http?.headers.get('apollographql-client-name') ?? 'unknown').slice(0, 40));
      return {
        async willSendResponse({ response, operationName, errors: errs }) {
          const list = errs ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? [];
          // limits arrive as validation errors here (formatError renames them later): same mapping
          for (const e of list) errors.inc({ code: bounded(limitCode(e.message) ?? String(e.extensions?.code ?? 'UNKNOWN').slice(0, 40)) });
          seconds.observe(
            { operation: bounded((operationName ?? 'anonymous').slice(0, 60)), client, outcome: list.length ? 'error' : 'ok' },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
