import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { setRequestSpan, type ServiceTracing } from './tracing.ts';

/**
 * A small node:http integration for Apollo Server 5 used by the gateway and every subgraph:
 * GraphQL at /graphql, plus plain routes (/health, /ready, /metrics …) and a body size limit.
 */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  /** plain routes by exact path; a path ending in `/*` answers every path under it (`/exports/coupons/*`) */
  routes?: Record<string, Route>;
  /** maximum request body in bytes */
  maxBodyBytes?: number;
  /** lets a request in, or throws a GraphQLError that is the answer, before its body is read (the gateway's rate limit) */
  admit?: (req: IncomingMessage) => Promise<void>;
  /**
   * rewrites a parsed request before Apollo reads it (the gateway: trusted documents by hash); a
   * GraphQLError it throws is the answer, with its `extensions.http.status`
   */
  rewrite?: (req: IncomingMessage, request: { method: string; body: unknown; search: string }) => { body: unknown; search: string };
  /** traces each GraphQL request in a SERVER span (common/tracing.ts); none when null */
  tracing?: ServiceTracing | null;
  /** whether an incoming `traceparent` is believed (services: yes; the public gateway: no) */
  traceParentTrusted?: boolean;
  /**
   * the request's span is not made the active context but handed on explicitly (`requestSpan(req)`):
   * the gateway, where AsyncLocalStorage would slow every await of every request
   */
  traceExplicitly?: boolean;
  path?: string;
  /**
   * answers a request itself instead of Apollo Server (the gateway's own request path), after the
   * admission, the body and `rewrite`; `false` leaves the request to Apollo Server
   */
  fastPath?: (req: IncomingMessage, res: ServerResponse, request: { method: string; body: unknown; search: string }) => Promise<boolean>;
}

export class BodyTooLargeError extends Error {}

/** Hard cap on what is read (and discarded) from a too-large request before the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the body up to `limit` bytes. A larger body is drained and discarded (so the client can
 * read the 413 answer instead of a reset connection), up to DRAIN_LIMIT.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > DRAIN_LIMIT) req.destroy();
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError(`request body exceeds ${limit} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function graphqlErrorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * How long an idle keep-alive connection stays open on our servers. Clients (undici, Node's fetch)
 * close an idle connection a little before the `Keep-Alive: timeout` the server announces; with
 * Node's default of 5 s, a client busy for a few seconds (a loaded machine, a long synchronous step)
 * may send its next request on a connection the server is closing at that moment, and gets
 * ECONNRESET. A long timeout makes that moment rare; the client still closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function createGraphQLHttpServer<TContext extends BaseContext>(options: HttpOptions<TContext>): Server {
  const limit = options.maxBodyBytes ?? 1_000_000;
  const path = options.path ?? '/graphql';
  const tracing = options.tracing ?? null;
  const prefixes = Object.entries(options.routes ?? {}).filter(([p]) => p.endsWith('/*')).map(([p, route]) => [p.slice(0, -1), route] as const);
  const routeOf = (pathname: string): Route | undefined =>
    options.routes?.[pathname] ?? prefixes.find(([prefix]) => pathname.startsWith(prefix) && pathname.length > prefix.length)?.[1];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = routeOf(url.pathname);
      if (route) return await route(req, res);
      if (url.pathname !== path && url.pathname !== '/') {
        return sendJson(res, 404, graphqlErrorBody('NOT_FOUND', `No route ${url.pathname}; GraphQL is served at ${path}`));
      }
      if (!tracing) return await graphql(req, res, url);
      await tracing.serve(`${req.method ?? 'GET'} ${url.pathname}`, options.traceParentTrusted ? req.headers : null,
        { 'http.request.method': req.method ?? 'GET', 'url.path': url.pathname }, async (span) => {
          if (span && options.traceExplicitly) setRequestSpan(req, span);
          await graphql(req, res, url);
          span?.setAttribute('http.response.status_code', res.statusCode);
        }, !options.traceExplicitly);
    } catch (e) {
      answerError(res, e);
    }
  });

  /** GraphQL over HTTP: the body (size-limited), then Apollo; errors thrown go to answerError. */
  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (options.admit) await options.admit(req);
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, limit);
      const type = String(req.headers['content-type'] ?? '');
      if (type.includes('application/json') || type.includes('application/graphql-response+json')) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(res, 400, graphqlErrorBody('BAD_REQUEST', 'The request body is not valid JSON.'));
        }
      } else {
        body = text;
      }
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const rewritten = options.rewrite ? options.rewrite(req, { method, body, search: url.search }) : { body, search: url.search };
    if (options.fastPath && await options.fastPath(req, res, { method, body: rewritten.body, search: rewritten.search })) return;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: rewritten.search, body: rewritten.body };
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
    });
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
    res.writeHead(response.status ?? 200, outHeaders);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  function answerError(res: ServerResponse, e: unknown): void {
    if (res.headersSent) return void res.end();
    if (e instanceof BodyTooLargeError) {
      return sendJson(res, 413, graphqlErrorBody('PAYLOAD_TOO_LARGE', e.message), { connection: 'close' });
    }
    // context() throws GraphQLError for authentication problems, admit() for limits, rewrite() for refused documents
    const ext = (e as { extensions?: { code?: string; http?: { status?: number; headers?: Iterable<[string, string]> } } & Record<string, unknown> }).extensions;
    if (ext?.code) {
      const { http, ...extensions } = ext;
      const headers: Record<string, string> = {};
      for (const [key, value] of http?.headers ?? []) headers[key] = value;
      return sendJson(res, http?.status ?? 400, { errors: [{ message: (e as Error).message, extensions }] }, headers);
    }
    return sendJson(res, 500, graphqlErrorBody('INTERNAL_SERVER_ERROR', 'Internal server error.'));
  }
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  return server;
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
