import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../common/metrics.ts';
import { limitCode } from './guards.ts';

/** What one answered operation adds to the metrics: its latency, and each error by code. */
export interface OperationMetrics {
  /** `client`: the key's channel; `operationName`: the resolved operation's name; `errors` before formatting */
  observe(client: string, operationName: string | null | undefined, errors: readonly { message: string; extensions?: Record<string, unknown> }[], startedMs: number): void;
  plugin<TContext extends object>(): ApolloServerPlugin<TContext>;
}

/** Latency per operation and client, and errors (rejections included) by code. */
export function operationMetrics(metrics: Metrics): OperationMetrics {
  const seconds = metrics.histogram('gateway_operation_seconds', 'GraphQL operation latency', ['operation', 'client', 'outcome']);
  const errorsTotal = metrics.counter('gateway_errors_total', 'Errors in responses, by code (rejections by reason included)', ['code']);
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
  const operationLabel = budget(500);
  const code = budget(200);
  const observe: OperationMetrics['observe'] = (client, opName, list, started) => {
    // limits arrive as validation errors here (formatError renames them later): same mapping
    for (const e of list) errorsTotal.inc({ code: code(limitCode(e.message) ?? String(e.extensions?.code ?? 'UNKNOWN').slice(0, 40)) });
    seconds.observe(
      { operation: operationLabel((opName ?? 'anonymous').slice(0, 60)), client, outcome: list.length ? 'error' : 'ok' },
      (performance.now() - started) / 1000,
    );
  };
  return {
    observe,
    plugin: <TContext extends object>(): ApolloServerPlugin<TContext> => ({
      async requestDidStart({ contextValue }) {
        const started = performance.now();
        // the client label is the key's channel (a bounded set), never a name the caller chooses
        const client = (contextValue as { identity?: { channel: string } }).identity?.channel ?? 'unknown';
        return {
          async willSendResponse({ response, operationName, errors }) {
            const list = errors ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? [];
            observe(client, operationName, list as readonly { message: string; extensions?: Record<string, unknown> }[], started);
          },
        };
      },
    }),
  };
}
