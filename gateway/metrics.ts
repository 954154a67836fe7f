import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../common/metrics.ts';
import { limitCode } from './guards.ts';

/** Latency per operation and client, and errors (rejections included) by code. */
export function operationMetrics<TContext extends object>(metrics: Metrics): ApolloServerPlugin<TContext> {
  const seconds = metrics.histogram('gateway_operation_seconds', 'GraphQL operation latency', ['operation', 'client', 'outcome']);
  const errors = metrics.counter('gateway_errors_total', 'Errors in responses, by code (rejections by reason included)', ['code']);
  // operation names come from callers: bound the label values, each label with its own budget, so
  // that names cannot use up the room of error codes
  const budget = (max: number) => {
    const known = new Set<string>();
    return (value: string) => {
      if (known.has(value)) return value;
      if (known.size >= max) return 'other';
      known.add(value);
      return value;
    };
  };
  const operationName = budget(500);
  const code = budget(200);
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      // the client label is the key's channel (a bounded set), never a name the caller chooses
      const client = (contextValue as { identity?: { channel: string } }).identity?.channel ?? 'unknown';
      return {
        async willSendResponse({ response, operationName: opName, errors: errs }) {
          const list = errs ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? [];
          // limits arrive as validation errors here (formatError renames them later): same mapping
          for (const e of list) errors.inc({ code: code(limitCode(e.message) ?? String(e.extensions?.code ?? 'UNKNOWN').slice(0, 40)) });
          seconds.observe(
            { operation: operationName((opName ?? 'anonymous').slice(0, 60)), client, outcome: list.length ? 'error' : 'ok' },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
