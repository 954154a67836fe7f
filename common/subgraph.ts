import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLError, parse, type GraphQLFormattedError } from 'graphql';
import { fixedClock, systemClock, type Clock } from './clock.ts';
import { unauthenticated } from './errors.ts';
import { createGraphQLHttpServer, listen, closeServer, sendJson, type Route } from './http.ts';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, verifyIdentity, type Identity } from './identity.ts';
import type { Logger } from './log.ts';
import { rootFieldsOfOperation } from './rootFields.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { context, trace } from '@opentelemetry/api';
import { activeTraceId, tracingOf, type ServiceTracing } from './tracing.ts';

/** What every subgraph's request context carries. */
export interface RequestContext {
  identity: Identity;
  requestId: string;
  clock: Clock;
  log: Logger;
}

export interface SubgraphOptions<TContext extends RequestContext> {
  name: string;
  schemaFile: string | URL;
  resolvers: GraphQLResolverMap<TContext>;
  secret: string;
  log: Logger;
  production: boolean;
  /** builds the service context from the verified base context (DataLoaders are made here, per request) */
  context: (base: RequestContext) => TContext;
  /** the clock business code asks; tests pass a ManualClock */
  clock?: Clock;
  ready?: () => Promise<boolean>;
  routes?: Record<string, Route>;
  /** the service's Prometheus registry (served at /metrics); one is made when absent */
  metrics?: Metrics;
}

export function loadTypeDefs(file: string | URL) {
  return parse(readFileSync(file, 'utf8'));
}

/** Errors that are safe to show: coded ones. Everything else is masked in production. */
export function formatSubgraphError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    const safe = code && code !== 'INTERNAL_SERVER_ERROR';
    if (!safe) {
      const original = (error as { originalError?: Error })?.originalError ?? error;
      // logged by the caller's plugin; clients see a coded error without internals, and the trace to find it by
      const traceId = activeTraceId();
      if (production) return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(traceId ? { traceId } : {}) } };
      return { ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR', detail: String((original as Error)?.message ?? ''), ...(traceId ? { traceId } : {}) } };
    }
    const { stacktrace: _s, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  };
}

export interface RunningSubgraph {
  server: Server;
  apollo: ApolloServer<any>;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startSubgraph<TContext extends RequestContext>(
  options: SubgraphOptions<TContext>,
  port: number,
  host = '127.0.0.1',
): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema([{ typeDefs: loadTypeDefs(options.schemaFile), resolvers: options.resolvers as any }]);
  // set up with the service's database (common/service.ts) when the OTEL_* variables ask for traces
  const tracing = tracingOf(options.name);
  const apollo = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    introspection: !options.production,
    csrfPrevention: false,
    stopOnTerminationSignals: false,
    formatError: formatSubgraphError(options.production),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ...(tracing ? [resolverSpans(tracing)] : []),
      {
        // a token a service narrowed to one call is good for the root fields of that call only
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue, document, operation }) {
              const allowed = contextValue.identity?.fields;
              if (!allowed || !operation) return;
              const extra = rootFieldsOfOperation(document, operation).filter((f) => !allowed.includes(f));
              if (extra.length) {
                throw new GraphQLError(`${options.name}: this forwarded identity was issued for ${allowed.join(', ') || 'nothing'}, not ${extra.join(', ')}.`, {
                  extensions: { code: 'FORBIDDEN', http: { status: 403 } },
                });
              }
            },
          };
        },
      },
      {
        async requestDidStart({ contextValue }) {
          return {
            async didEncounterErrors({ errors }) {
              for (const err of errors) {
                const code = err.extensions?.code;
                if (!code || code === 'INTERNAL_SERVER_ERROR') {
                  contextValue.log.error({ err: err.originalError ?? err, path: err.path }, 'resolver failed');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const baseClock = options.clock ?? systemClock;
  const context = async (req: IncomingMessage): Promise<TContext> => {
    const identity = verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, options.secret, { audience: options.name });
    if (!identity) throw unauthenticated(`${options.name}: requests must come through the gateway or another service (signed identity missing or invalid).`);
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
    const clock = identity.previewAt ? fixedClock(new Date(identity.previewAt), true) : baseClock;
    return options.context({ identity, requestId, clock, log: options.log.child({ requestId }) });
  };
  const server = createGraphQLHttpServer({
    apollo,
    context,
    // a service is called by the gateway or another service: their traceparent continues the trace
    tracing,
    traceParentTrusted: true,
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }),
      '/metrics': (options.metrics ?? createMetrics(options.name)).route,
      '/ready': async (_req, res) => {
        const ok = options.ready ? await options.ready().catch(() => false) : true;
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', service: options.name });
      },
      ...options.routes,
    },
  });
  const actualPort = await listen(server, port, host);
  return {
    server,
    apollo,
    port: actualPort,
    url: `http://${host}:${actualPort}/graphql`,
    async stop() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

/**
 * A span per root field resolved (`Mutation.placeOrder`, `Query._entities` …), child of the request's
 * span; the database statements and service calls made meanwhile are spans of the request too.
 */
function resolverSpans(tracing: ServiceTracing): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      // a request that is not traced (not sampled) pays nothing per field
      if (!trace.getSpan(context.active())?.isRecording()) return {};
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (info.path.prev !== undefined) return undefined;
              const span = tracing.tracer.startSpan(`resolve ${info.parentType.name}.${info.fieldName}`, {
                attributes: { 'graphql.field.path': info.fieldName, 'graphql.field.type': String(info.returnType) },
              });
              return (error) => {
                if (error) span.recordException(error);
                span.end();
              };
            },
          };
        },
      };
    },
  };
}
