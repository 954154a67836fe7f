import type { IncomingHttpHeaders } from 'node:http';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, type Sampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * OpenTelemetry traces across the graph: one trace per request, from the gateway (request, plan, one
 * span per subgraph fetch) into every service (request, resolvers, database statements, calls to
 * other services), joined by W3C `traceparent` headers and exported over OTLP/HTTP.
 *
 * On when the standard variables name a collector (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none;
 * sampling by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (e.g. parentbased_traceidratio and 0.01),
 * batching by OTEL_BSP_*, headers and timeouts by OTEL_EXPORTER_OTLP_*, extra resource attributes by
 * OTEL_RESOURCE_ATTRIBUTES; `service.name` is the service's own name. Off, nothing here runs: no
 * provider, no context manager, no per-request work.
 */
export interface TracingConfig {
  enabled: boolean;
  /** the OTLP/HTTP traces URL; default from the OTEL_EXPORTER_OTLP_* variables */
  url?: string;
  /** how long spans wait before a batch is sent (ms); default OTEL_BSP_SCHEDULE_DELAY or 5000 */
  exportDelayMs?: number;
  /** the sampler (tests); default from OTEL_TRACES_SAMPLER */
  sampler?: Sampler;
  /** where spans go instead of OTLP (tests) */
  exporter?: SpanExporter;
}

export const TRACING_OFF: TracingConfig = { enabled: false };

/** Tracing as the standard OTEL_* variables say. */
export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const off = ['true', '1'].includes((env.OTEL_SDK_DISABLED ?? '').toLowerCase()) || (env.OTEL_TRACES_EXPORTER ?? '').toLowerCase() === 'none';
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return { enabled: !off && !!endpoint };
}

let contextManagerInstalled = false;

/**
 * The active span follows a request through its awaits (AsyncLocalStorage), installed once per
 * process by the first service that makes a span active. Never on the gateway: once used,
 * AsyncLocalStorage slows every await of the process (and the SDK's exporter would use it too).
 */
function activeContexts(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/** The SERVER span of an incoming request that is traced without being made active (the gateway's). */
const requestSpans = new WeakMap<object, Span>();
export const requestSpan = (req: object): Span | undefined => requestSpans.get(req);
export const setRequestSpan = (req: object, span: Span): void => void requestSpans.set(req, span);
const propagator = new W3CTraceContextPropagator();
const headerGetter = {
  keys: (carrier: IncomingHttpHeaders) => Object.keys(carrier),
  get: (carrier: IncomingHttpHeaders, key: string) => carrier[key],
};

/** One service's tracer: its own provider (its `service.name`), exporting over OTLP. */
export class ServiceTracing {
  readonly tracer: Tracer;
  private readonly provider: BasicTracerProvider;

  constructor(readonly service: string, readonly config: TracingConfig) {
    const exporter = config.exporter ?? new OTLPTraceExporter(config.url ? { url: config.url } : {});
    this.provider = new BasicTracerProvider({
      resource: detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ 'service.name': service })),
      ...(config.sampler ? { sampler: config.sampler } : {}),
      spanProcessors: [new BatchSpanProcessor(exporter, config.exportDelayMs !== undefined ? { scheduledDelayMillis: config.exportDelayMs } : {})],
    });
    this.tracer = this.provider.getTracer('commerce-graph');
  }

  /**
   * Runs an incoming request's handling inside a SERVER span. `parentFrom` are the request's headers
   * when its `traceparent` is believed (a service called by the gateway or another service): a
   * service traces a request only when its caller sampled it. The public gateway starts a trace of
   * its own and samples it. A request that is not sampled runs as if tracing were off: no span, no
   * context, nothing sent on (so no service starts traces of its own for it).
   */
  async serve<T>(name: string, parentFrom: IncomingHttpHeaders | null, attributes: Record<string, string>, run: (span: Span | null) => Promise<T>, activate = true): Promise<T> {
    let parent = ROOT_CONTEXT;
    if (parentFrom) {
      if (!parentFrom.traceparent) return run(null);
      parent = propagator.extract(ROOT_CONTEXT, parentFrom, headerGetter);
      const remote = trace.getSpanContext(parent);
      if (!remote || (remote.traceFlags & TraceFlags.SAMPLED) === 0) return run(null);
    }
    const span = this.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
    if (!span.isRecording()) {
      span.end();
      return run(null);
    }
    if (activate) activeContexts();
    try {
      // `activate`: the span becomes the active context of everything the request does (AsyncLocalStorage);
      // the gateway passes its span along explicitly instead (AsyncLocalStorage slows every await)
      return await (activate ? context.with(trace.setSpan(parent, span), () => run(span)) : run(span));
    } catch (e) {
      fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Runs `fn` in a child span of the active one (INTERNAL unless told); without a traced request around it, just runs `fn`. */
  async span<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span | null) => Promise<T>, kind = SpanKind.INTERNAL): Promise<T> {
    if (!trace.getSpan(context.active())?.isRecording()) return fn(null);
    const span = this.tracer.startSpan(name, { kind, attributes });
    try {
      return await context.with(trace.setSpan(context.active(), span), () => fn(span));
    } catch (e) {
      fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** A CLIENT or INTERNAL span under an explicit parent (the gateway's, which are not in the active context). */
  async childOf<T>(parent: Span, name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>, kind = SpanKind.INTERNAL): Promise<T> {
    const span = this.tracer.startSpan(name, { kind, attributes }, trace.setSpan(ROOT_CONTEXT, parent));
    try {
      return await fn(span);
    } catch (e) {
      fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** A synchronous step in a child span of the active one (or just the step, without a traced request). */
  spanSync<T>(name: string, attributes: Record<string, string | number | boolean>, fn: () => T): T {
    if (!trace.getSpan(context.active())?.isRecording()) return fn();
    const span = this.tracer.startSpan(name, { attributes });
    try {
      return fn();
    } catch (e) {
      fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Sends what is buffered, then stops. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }
}

function fail(span: Span, e: unknown): void {
  span.recordException(e instanceof Error ? e : String(e));
  span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
}

/** Adds the W3C `traceparent` (and `tracestate`) of the active span, or of `span`, to outgoing headers. */
export function injectTraceContext(headers: Record<string, string>, span?: Span): void {
  propagator.inject(span ? trace.setSpan(ROOT_CONTEXT, span) : context.active(), headers, { set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value) });
}

/** `{ trace_id, span_id }` of the active (traced) span for log lines (pino's mixin: a new object each line, pino writes into it). */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const c = span.spanContext();
  return { trace_id: c.traceId, span_id: c.spanId };
}

/** The active trace's id (a traced request's), for error answers that support must find in the traces and the logs. */
export function activeTraceId(): string | undefined {
  return trace.getSpan(context.active())?.spanContext().traceId;
}

/**
 * The tracing of each service in this process, by name (npm start runs one service per process;
 * the tests run them all in one). Registered when a service opens its database, found by the code
 * shared by every service (HTTP server, service client, storage).
 */
const registry = new Map<string, ServiceTracing>();

/**
 * Sets up a service's tracing, or finds the one of this name set up with the same configuration (the
 * replicas of a service in one process share it); with tracing off the service has none.
 */
export function registerTracing(service: string, config: TracingConfig | undefined): ServiceTracing | null {
  const previous = registry.get(service);
  if (previous && previous.config === config) return previous;
  if (previous) void previous.shutdown().catch(() => {});
  registry.delete(service);
  if (!config?.enabled) return null;
  const tracing = new ServiceTracing(service, config);
  registry.set(service, tracing);
  return tracing;
}

/** Stops a service's tracing (what is buffered is sent first) and forgets it. */
export async function unregisterTracing(tracing: ServiceTracing): Promise<void> {
  if (registry.get(tracing.service) === tracing) registry.delete(tracing.service);
  await tracing.shutdown().catch(() => {});
}

/** The tracing of a service of this process, or null when it has none (then nothing is traced). */
export function tracingOf(service: string): ServiceTracing | null {
  return registry.get(service) ?? null;
}

export { AlwaysOnSampler, SpanKind };
