import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import { Agent, fetch as undiciFetch, Response as UndiciResponse } from 'undici';
import { unauthenticated } from '../common/errors.ts';
import { neverSent, RoundRobin, urlList } from '../common/replicas.ts';
import { createGraphQLHttpServer, listen, closeServer, sendJson } from '../common/http.ts';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signIdentity, type Identity } from '../common/identity.ts';
import { createLogger, type Logger } from '../common/log.ts';
import { createMetrics } from '../common/metrics.ts';
import { operationMetrics } from './metrics.ts';
import type { GatewayConfig } from './config.ts';
import { armor, checkPlugin, clientErrorStatus, inputSizeCheck, limitCode, PREVIEW_HEADER, previewExtensions, previewInstant, scopeCheck, scopesFromSupergraph, valueCheck, type OperationCheck } from './guards.ts';
import { keyStoreFromConfig, KeyStore, keyFromHeaders } from './keys.ts';
import { FederatedGateway } from './executor/index.ts';
import { SubgraphClient } from './executor/client.ts';
import { contractCheck, contractGuard, contractSchemas } from './contracts.ts';
import { CUSTOMER_TOKEN_HEADER, CustomerTokens } from './customers.ts';
import { usageRecording } from './usage.ts';
import { createFastPath } from './fastPath.ts';
import { holdOneByteNames } from './executor/names.ts';
import { checkIdeAssets, ideLandingPage, ideRoutes, ideSchemaRoute, type IdeOptions } from './ide.ts';
import { DEMO_KEYS } from '../common/demo.ts';
import { apiSchemaOf } from '../common/compose.ts';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { createEdge } from './edge/index.ts';
import { attachSpan, traceAnswers, tracePlanning, traceSubgraphClient } from './edge/tracing.ts';
import { registerTracing, requestSpan, unregisterTracing } from '../common/tracing.ts';
import type { Span } from '@opentelemetry/api';
import { prepareRequest, TrustedDocuments } from './edge/trustedDocuments.ts';
import type { TrustedDocument } from '../common/schemaCheck/trustedDocuments.ts';
import { couponExportRoute, EXPORTS_PREFIX } from './exports.ts';
import { consoleRoutes } from './console.ts';

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** the manifest document this request runs, when it is one (gateway/edge/trustedDocuments.ts) */
  trustedDocument?: TrustedDocument;
  /** the request's span when it is traced (sampled; gateway/edge/tracing.ts) */
  traceSpan?: Span;
}

export interface RunningGateway {
  server: Server;
  port: number;
  url: string;
  keys: KeyStore;
  stop(): Promise<void>;
}

/** The identity of every request when a benchmark turns authentication off (GATEWAY_BENCHMARK_DISABLE=auth): a web storefront key's. */
const BENCHMARK_IDENTITY: Identity = { keyId: 'benchmark-no-auth', channel: 'web', scopes: ['storefront'], markets: [] };

/** Error codes whose messages are meant for clients; anything else is masked. */
const SAFE_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'SERVICE_UNAVAILABLE', 'PREVIEW_READ_ONLY', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE',
  'OUTSIDE_CHANNEL_CONTRACT', 'RESPONSE_VALIDATION_FAILED',
]);

export function formatGatewayError(production: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = (formatted.extensions ?? {}) as Record<string, unknown>;
    const code = String(ext.code ?? 'INTERNAL_SERVER_ERROR');
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
      const limit = limitCode(formatted.message);
      if (limit) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limit } };
    }
    const serviceName = ext.serviceName as string | undefined;
    if (SAFE_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...rest } = ext;
      return { ...formatted, extensions: rest };
    }
    // downstream failures: say which service, never its internals
    if (serviceName || /fetch|ECONNREFUSED|aborted|timeout/i.test(formatted.message)) {
      log.warn({ serviceName, message: formatted.message }, 'subgraph failure');
      return {
        message: serviceName ? `The ${serviceName} service is unavailable.` : 'A service is unavailable.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
      };
    }
    log.error({ err: error, message: formatted.message }, 'gateway error');
    return {
      message: production ? 'Internal server error.' : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** "web · storefront", "marketing DE · marketing": what the IDE's key picker shows for a demo key. */
function demoKeyLabel(k: (typeof DEMO_KEYS)[number]): string {
  const markets = k.markets.length && !k.markets.includes('*') ? ` ${k.markets.join(', ')}` : '';
  return `${k.channel}${markets} · ${k.scopes.join(', ')}`;
}

/** A general Federation 2 gateway over any supergraph: identity forwarding, timeouts, keep-alive. */
export async function startGateway(config: GatewayConfig, options: { log?: Logger; keys?: KeyStore } = {}): Promise<RunningGateway> {
  const log = options.log ?? createLogger('gateway', config.logLevel);
  const keys = options.keys ?? keyStoreFromConfig(config);
  const customers = config.customerAuth ? CustomerTokens.fromConfig(config.customerAuth) : null;
  const supergraphSdl = readFileSync(config.supergraphFile, 'utf8');
  holdOneByteNames(supergraphSdl);
  const agents: Agent[] = [];
  const metrics = createMetrics('gateway');
  // OpenTelemetry (common/tracing.ts, gateway/edge/tracing.ts): only when the OTEL_* variables ask for it
  const tracing = registerTracing('gateway', config.tracing);
  const subgraphSeconds = metrics.histogram('gateway_subgraph_request_seconds', 'Subgraph call latency', ['subgraph', 'outcome']);

  // the stock executor (GATEWAY_EXECUTOR=stock), kept for comparison
  const stockGateway = () => new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const agent = new Agent({ connections: config.maxSocketsPerSubgraph, keepAliveTimeout: 10_000 });
      agents.push(agent);
      const timeout = config.subgraphTimeouts[name] ?? config.subgraphTimeoutMs;
      const replicas = new RoundRobin(config.subgraphUrls[name] ?? url);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: replicas.urls[0],
        // round robin over the subgraph's replicas; one that refuses the connection is skipped
        fetcher: (async (_input: string, init: RequestInit) => {
          const signal = AbortSignal.timeout(timeout);
          const candidates = replicas.order();
          const end = subgraphSeconds.startTimer({ subgraph: name });
          for (let i = 0; ; i++) {
            try {
              const res = await undiciFetch(candidates[i], { ...(init as object), dispatcher: agent, signal });
              // the whole answer, body included, arrives within the timeout
              const body = await res.arrayBuffer();
              end({ outcome: res.ok ? 'ok' : `http_${res.status}` });
              return new UndiciResponse(body, { status: res.status, statusText: res.statusText, headers: res.headers });
            } catch (e) {
              if (!(neverSent(e) && i + 1 < candidates.length)) {
                end({ outcome: signal.aborted ? 'timeout' : 'unreachable' });
                // an abort is a DOMException, whose read-only message breaks error plugins downstream
                throw signal.aborted ? new Error(`subgraph ${name}: timeout after ${timeout} ms`) : e;
              }
            }
          }
        }) as any,
        willSendRequest({ request, context }) {
          if (!context?.identity) return;
          request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.identity, config.identitySecret));
          request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
        },
      });
    },
  });

  const subgraphTimeout = (name: string) => config.subgraphTimeouts[name] ?? config.subgraphTimeoutMs;
  const gateway = config.executor === 'stock' ? stockGateway() : new FederatedGateway({
    supergraphSdl,
    overrideLabels: config.overrideLabels,
    planner: config.planner,
    client: (name, url) => {
      const client = new SubgraphClient(name, config.subgraphUrls[name] ?? url, subgraphTimeout(name), config.maxSocketsPerSubgraph,
        (outcome, seconds) => subgraphSeconds.observe({ subgraph: name, outcome }, seconds), config.subgraphMaxResponseBytes);
      return tracing ? traceSubgraphClient(client, tracing) : client;
    },
    // signed once per request, sent with each of its subgraph calls
    headers: (context: GatewayContext | undefined): Record<string, string> => (context?.identity
      ? attachSpan({ 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(context.identity, config.identitySecret), [REQUEST_ID_HEADER]: context.requestId }, context.traceSpan)
      : { 'content-type': 'application/json' }),
  });

  if (tracing && gateway instanceof FederatedGateway) tracePlanning(gateway, tracing);

  let contractMap: Map<string, GraphQLSchema> | undefined;
  const contracts = () => (contractMap ??= contractSchemas(supergraphSdl));
  // the GraphQL IDE for browsers (gateway/ide.ts); the demo keys in its picker when the gateway accepts them
  const ide: IdeOptions | null = config.ide ? {
    endpoint: '/graphql',
    keys: config.demoKeys ? DEMO_KEYS.map((k) => ({ key: k.key, label: demoKeyLabel(k) })) : [],
    defaultKey: config.demoKeys ? 'demo-web-key' : undefined,
  } : null;
  if (ide) checkIdeAssets();

  const protection = armor({ ...config.limits, production: config.production });
  // benchmarks only (GATEWAY_BENCHMARK_DISABLE): what each feature costs
  const off = new Set(config.benchmarkDisable);
  if (off.size) log.warn({ disabled: [...off] }, 'BENCHMARK MODE: gateway features turned off');
  // the edge (gateway/edge): the client's address, and the request rate limit per client and per key
  // (benchmarks: off with `limits`, and with `auth`, since its buckets are per key)
  const edge = createEdge(off.has('limits') || off.has('auth') ? { ...config, rateLimit: { ...config.rateLimit, enabled: false } } : config, {
    log, metrics, settingsOf: (keyId) => keys.rateLimitOf(keyId),
  });
  // trusted documents: by hash, parsed and validated once; persisted-only keys run nothing else
  const trusted = TrustedDocuments.load(config.trustedDocumentsFile);
  const persistedOnlyChannels = new Set(config.persistedOnlyChannels);
  const persistedOnly = (identity: Identity) => keys.persistedOnlyOf(identity.keyId) ?? persistedOnlyChannels.has(identity.channel);
  const scopes = scopesFromSupergraph(supergraphSdl);
  // the checks before planning, shared by Apollo Server's plugins and the gateway's own request path
  const sizeCheck = off.has('limits') ? null : inputSizeCheck<GatewayContext>();
  const accessChecks = off.has('auth') ? null : {
    scope: scopeCheck<GatewayContext>({ scopes, restrictIntrospection: config.production }),
    contract: contractCheck<GatewayContext>(contracts()),
    value: valueCheck<GatewayContext>({ scopes }),
  };
  const checks: OperationCheck<GatewayContext>[] = [
    ...(sizeCheck ? [sizeCheck] : []),
    ...(accessChecks ? [accessChecks.scope, accessChecks.contract, accessChecks.value] : []),
  ];
  const opMetrics = operationMetrics(metrics);
  const usage = usageRecording(off.has('usage') ? { ...config.usage, enabled: false } : config.usage, log);
  const formatError = formatGatewayError(config.production, log);
  const validationRules = off.has('limits') ? [] : protection.validationRules;
  const parseOptions = off.has('limits') ? {} : { maxTokens: config.limits.maxTokens };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...(trusted.size ? { documentStore: trusted.documentStore(buildSchema(apiSchemaOf(supergraphSdl)), off.has('limits') ? [] : protection.validationRules) } : {}),
    validationRules,
    parseOptions,
    // introspection stays on: the scope guard allows it to operations keys only in production
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      // no Apollo landing page (it loads from the internet); ours when the IDE is on
      ApolloServerPluginLandingPageDisabled(),
      ...(tracing ? [traceAnswers<GatewayContext>(log)] : []),
      ...(ide ? [ideLandingPage<GatewayContext>(ide)] : []),
      ...(off.has('limits') ? [] : (protection.plugins as ApolloServerPlugin<GatewayContext>[])), // armor's types come from Apollo's CJS build
      clientErrorStatus<GatewayContext>(),
      ...(sizeCheck ? [checkPlugin(sizeCheck)] : []),
      opMetrics.plugin<GatewayContext>(),
      previewExtensions<GatewayContext>(),
      ...(accessChecks ? [checkPlugin(accessChecks.scope), contractGuard<GatewayContext>(contracts(), accessChecks.contract), checkPlugin(accessChecks.value)] : []),
      usage.plugin<GatewayContext>(),
    ],
  });
  await apollo.start();
  let loaded = true;

  // the key's identity, looked up once per request (trusted documents before Apollo, then the context)
  const identities = new WeakMap<IncomingMessage, Identity | null>();
  const identify = (req: IncomingMessage): Identity | null => {
    let identity = identities.get(req);
    if (identity === undefined) identities.set(req, (identity = off.has('auth') ? BENCHMARK_IDENTITY : keys.identify(keyFromHeaders(req.headers))));
    return identity;
  };
  const trustedOf = new WeakMap<IncomingMessage, TrustedDocument>();
  const refusedDocuments = metrics.counter('gateway_trusted_document_refusals_total', 'Requests refused before parsing: not a trusted document for a persisted-only key, or an unknown hash', ['code']);
  const rewrite = (req: IncomingMessage, request: { method: string; body: unknown; search: string }) => {
    const identity = identify(req);
    try {
      const prepared = prepareRequest(trusted, !!identity && persistedOnly(identity), request);
      if (prepared.trusted) trustedOf.set(req, prepared.trusted);
      return prepared;
    } catch (e) {
      refusedDocuments.inc({ code: String((e as { extensions?: { code?: string } }).extensions?.code ?? 'UNKNOWN') });
      throw e;
    }
  };

  // the request rate limit, before the body is read; a request without a valid key counts against
  // its client's bucket too (key guessing)
  const limiter = edge.limiter;
  const admit = limiter ? (req: IncomingMessage) => limiter.admit(identify(req)?.keyId ?? null, edge.clientOf(req)) : undefined;

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const identity = identify(req);
    const client = edge.clientOf(req);
    if (!identity) throw unauthenticated('A valid API key is required (Authorization: Bearer <key>, or x-api-key).');
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 100) || randomUUID();
    const previewAt = previewInstant(req.headers[PREVIEW_HEADER] as string | undefined, identity);
    // the signed-in customer, only from a token the shop's identity system signed
    const token = req.headers[CUSTOMER_TOKEN_HEADER] as string | undefined;
    let customerId: string | undefined;
    if (token) {
      if (!customers) throw unauthenticated('Customer tokens are not accepted here: no identity system is configured (CUSTOMER_JWKS_URL).');
      customerId = await customers.verify(token.trim());
    }
    const trustedDocument = trustedOf.get(req);
    const traceSpan = tracing ? requestSpan(req) : undefined;
    return {
      identity: { ...identity, requestId, client, ...(previewAt ? { previewAt } : {}), ...(customerId ? { customerId } : {}) },
      requestId,
      ...(trustedDocument ? { trustedDocument } : {}),
      ...(traceSpan ? { traceSpan } : {}),
    };
  };

  let apiSchema: GraphQLSchema | undefined;
  const subgraphs = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].flatMap((m) =>
    urlList(config.subgraphUrls[m[1]] ?? m[2]).map((url) => ({ name: m[1], url })),
  );
  // coupon downloads (gateway/exports.ts), streamed from the promotions service
  const promotionsUrl = config.subgraphUrls.promotions ?? subgraphs.filter((s) => s.name === 'promotions').map((s) => s.url).join(',');
  const exportsRoute = promotionsUrl ? couponExportRoute({
    promotionsUrl,
    identitySecret: config.identitySecret,
    headersTimeoutMs: subgraphTimeout('promotions'),
    identify,
    ...(admit ? { admit } : {}),
    requestId: (req) => (req.headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 100) || randomUUID(),
    log,
  }) : null;
  // the gateway's own request path for valid operations (gateway/fastPath.ts), with the same parts
  const fastPath = config.fastPath && gateway instanceof FederatedGateway ? createFastPath({
    gateway,
    schema: gateway.schema,
    validationRules,
    parseOptions,
    context,
    checks,
    metrics: opMetrics,
    usage,
    formatError,
    maskSuggestions: !off.has('limits') && config.production,
    log,
  }) : undefined;
  const answeredBy = metrics.counter('gateway_request_path_total', 'GraphQL requests (past the rate limit, the body and trusted documents) by the path that answered them: own (gateway/fastPath.ts) or apollo', ['path']);
  const server = createGraphQLHttpServer({
    apollo,
    context,
    fastPath: async (req, res, request) => {
      const own = fastPath ? await fastPath(req, res, request) : false;
      answeredBy.inc({ path: own ? 'own' : 'apollo' });
      return own;
    },
    maxBodyBytes: config.maxBodyBytes,
    ...(admit ? { admit } : {}),
    rewrite,
    // the public edge starts its own traces: a client's traceparent is not believed; its span is
    // handed on explicitly (no AsyncLocalStorage on the gateway's hot path)
    tracing,
    traceParentTrusted: false,
    traceExplicitly: true,
    routes: {
      ...(ide ? ideRoutes() : {}),
      ...(exportsRoute ? { [`${EXPORTS_PREFIX}*`]: exportsRoute.route } : {}),
      ...(config.console ? consoleRoutes({ dir: config.consoleDir }) : {}),
      ...(ide ? { '/ide/schema': ideSchemaRoute({
        identify: (req) => (off.has('auth') ? BENCHMARK_IDENTITY : keys.identify(keyFromHeaders(req.headers))),
        schemaFor: (identity) => contracts().get(identity.channel) ?? (apiSchema ??= buildSchema(apiSchemaOf(supergraphSdl))),
        restrictIntrospection: config.production,
      }) } : {}),
      '/health': (_req, res) => sendJson(res, loaded ? 200 : 503, { status: loaded ? 'ok' : 'loading' }),
      '/metrics': metrics.route,
      '/ready': async (_req, res) => {
        const checks = await Promise.all(
          subgraphs.map(async (s) => {
            const health = new URL('/health', s.url).toString();
            const ok = await undiciFetch(health, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
            return { name: s.name, url: s.url, reachable: ok };
          }),
        );
        // ready while every subgraph has at least one reachable replica
        const ready = [...new Set(checks.map((c) => c.name))].every((name) => checks.some((c) => c.name === name && c.reachable));
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'degraded', subgraphs: checks });
      },
    },
  });
  const port = await listen(server, config.port, config.host);
  return {
    server,
    port,
    url: `http://${config.host}:${port}/graphql`,
    keys,
    async stop() {
      loaded = false;
      await closeServer(server);
      await apollo.stop();
      await Promise.all(agents.map((a) => a.close()));
      await exportsRoute?.close();
      await edge.close();
      if (tracing) await unregisterTracing(tracing);
    },
  };
}
