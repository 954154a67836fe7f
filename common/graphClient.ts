import { Agent, request } from 'undici';
import { injectTraceContext, SpanKind, tracingOf } from './tracing.ts';
import { neverSent, RoundRobin } from './replicas.ts';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, SERVICE_TOKEN_TTL_MS, serviceIdentity, signIdentity, type Identity } from './identity.ts';
import { rootFieldsOf } from './rootFields.ts';

/**
 * Calls another service's own GraphQL API (never its tables). Keep-alive, bounded sockets and a
 * timeout on every call. Failures are ServiceCallError, so callers can decide what is retryable.
 */
export class ServiceCallError extends Error {
  constructor(
    readonly service: string,
    message: string,
    readonly code: string = 'SERVICE_UNAVAILABLE',
  ) {
    super(`${service}: ${message}`);
    this.name = 'ServiceCallError';
  }
}

export interface GraphClientOptions {
  /** name of the calling service, for its identity */
  caller: string;
  secret: string;
  timeoutMs: number;
  maxSockets?: number;
}

export interface CallOptions {
  /** forwarded identity of the original caller; defaults to the service's own identity */
  identity?: Identity;
  requestId?: string;
  timeoutMs?: number;
}

export class GraphClient {
  private readonly agent: Agent;
  private readonly rotations = new Map<string, RoundRobin>();
  constructor(private readonly options: GraphClientOptions) {
    this.agent = new Agent({ connections: options.maxSockets ?? 32, keepAliveTimeout: 10_000, pipelining: 1 });
  }

  /** `url` may list several replicas, comma-separated: calls rotate over them. */
  async call<T>(service: string, url: string, query: string, variables: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: this.forwardedIdentity(service, query, opts),
    };
    if (opts.requestId) headers[REQUEST_ID_HEADER] = opts.requestId;
    const tracing = tracingOf(this.options.caller);
    if (!tracing) return this.send<T>(service, url, query, variables, opts, headers);
    // a CLIENT span of the caller's trace; the called service continues it from `traceparent`
    return tracing.span(`call ${service}`, { 'peer.service': service }, async () => {
      injectTraceContext(headers);
      return this.send<T>(service, url, query, variables, opts, headers);
    }, SpanKind.CLIENT);
  }

  private async send<T>(service: string, url: string, query: string, variables: Record<string, unknown>, opts: CallOptions, headers: Record<string, string>): Promise<T> {
    let res;
    const signal = AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs);
    const candidates = this.replicas(url).order();
    for (let i = 0; ; i++) {
      try {
        res = await request(candidates[i], { method: 'POST', headers, body: JSON.stringify({ query, variables }), dispatcher: this.agent, signal });
        break;
      } catch (e) {
        if (neverSent(e) && i + 1 < candidates.length) continue; // that replica is down: the next one
        const name = (e as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new ServiceCallError(service, 'timed out', 'SERVICE_TIMEOUT');
        throw new ServiceCallError(service, `unreachable (${(e as Error).message})`);
      }
    }
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.body.json()) as typeof body;
    } catch {
      throw new ServiceCallError(service, `answered ${res.statusCode} without JSON`);
    }
    if (body.errors?.length) {
      const first = body.errors[0];
      throw new ServiceCallError(service, first.message, first.extensions?.code ?? 'SERVICE_ERROR');
    }
    if (!body.data) throw new ServiceCallError(service, `answered ${res.statusCode} without data`);
    return body.data;
  }

  /**
   * The caller's identity (or the service's own) narrowed to this one call: addressed to `service`,
   * usable for the root fields `query` selects only, bound to the request, valid for seconds. The
   * `service` scope it carries unlocks internal fields only; the caller's scopes and markets stay theirs.
   */
  private forwardedIdentity(service: string, query: string, opts: CallOptions): string {
    const base = opts.identity ?? serviceIdentity(this.options.caller);
    const { aud: _a, fields: _f, via: _v, ...caller } = base;
    const identity: Identity = {
      ...caller,
      scopes: [...caller.scopes.filter((s) => s !== 'service'), 'service'],
      via: this.options.caller,
      aud: service,
      fields: rootFieldsOf(query),
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    };
    return signIdentity(identity, this.options.secret, { ttlMs: SERVICE_TOKEN_TTL_MS });
  }

  private replicas(url: string): RoundRobin {
    let rr = this.rotations.get(url);
    if (!rr) this.rotations.set(url, (rr = new RoundRobin(url)));
    return rr;
  }

  /** Closes the keep-alive connections; a second call (a service stopped twice) does nothing. */
  close(): Promise<void> {
    if (this.agent.closed || this.agent.destroyed) return Promise.resolve();
    return this.agent.close();
  }
}
