import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { activeTraceId, AlwaysOnSampler, injectTraceContext, registerTracing, traceFields, tracingFromEnv, tracingOf, unregisterTracing } from './tracing.ts';

describe('tracing configuration', () => {
  it('is on when the OTEL_* variables name a collector, unless the SDK or the exporter is turned off', () => {
    expect(tracingFromEnv({}).enabled).toBe(false);
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled).toBe(true);
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).enabled).toBe(true);
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
  });
});

describe('service tracing', () => {
  it('spans nest through awaits; the trace id reaches log fields, outgoing traceparent and error answers', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = registerTracing('unit', { enabled: true, exporter, exportDelayMs: 1, sampler: new AlwaysOnSampler() })!;
    expect(tracingOf('unit')).toBe(tracing);
    expect(traceFields()).toEqual({});
    expect(activeTraceId()).toBeUndefined();
    let seen: { fields: ReturnType<typeof traceFields>; headers: Record<string, string>; traceId?: string } | undefined;
    await tracing.serve('POST /graphql', { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, {}, async () => {
      await tracing.span('child', {}, async () => {
        await new Promise((r) => setImmediate(r));
        const headers: Record<string, string> = {};
        injectTraceContext(headers);
        seen = { fields: traceFields(), headers, traceId: activeTraceId() };
      });
    });
    await tracing.forceFlush();
    const finished = exporter.getFinishedSpans();
    const server = finished.find((s) => s.name === 'POST /graphql')!;
    const child = finished.find((s) => s.name === 'child')!;
    // a service continues its caller's trace
    expect(server.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(server.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(seen!.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(seen!.fields).toEqual({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: child.spanContext().spanId });
    expect(seen!.headers.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${child.spanContext().spanId}-01`);
    await unregisterTracing(tracing);
    expect(tracingOf('unit')).toBeNull();
  });

  it('an edge that does not believe traceparent starts a trace of its own', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = registerTracing('edge', { enabled: true, exporter, sampler: new AlwaysOnSampler() })!;
    await tracing.serve('POST /graphql', null, {}, async () => {});
    await tracing.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    await unregisterTracing(tracing);
  });

  it('a failing step marks its span as an error and still ends it', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = registerTracing('failing', { enabled: true, exporter, sampler: new AlwaysOnSampler() })!;
    await expect(tracing.serve('POST /graphql', null, {}, () => tracing.span('db SELECT', {}, async () => { throw new Error('no such table'); }))).rejects.toThrow('no such table');
    await tracing.forceFlush();
    expect(exporter.getFinishedSpans().find((s) => s.name === 'db SELECT')!.status).toMatchObject({ code: 2, message: 'no such table' });
    await unregisterTracing(tracing);
  });

  it('what is not sampled runs as if tracing were off: no span, nothing sent on, no trace of its own downstream', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = registerTracing('unsampled', { enabled: true, exporter, sampler: new AlwaysOnSampler() })!;
    const headersSeen: Record<string, string>[] = [];
    const step = async () => tracing.span('call inventory', {}, async (span) => {
      const headers: Record<string, string> = {};
      injectTraceContext(headers);
      headersSeen.push(headers);
      expect(span).toBeNull();
      expect(traceFields()).toEqual({});
    });
    // a caller that did not sample, and a caller that sent no traceparent
    await tracing.serve('POST /graphql', { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' }, {}, step);
    await tracing.serve('POST /graphql', {}, {}, step);
    // work outside any request (background tasks)
    await step();
    await tracing.forceFlush();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(headersSeen).toEqual([{}, {}, {}]);
    await unregisterTracing(tracing);
  });
});
