import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { graphqlErrorBody, sendJson, type Route } from '../common/http.ts';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signIdentity, type Identity } from '../common/identity.ts';
import type { Logger } from '../common/log.ts';
import { neverSent, RoundRobin } from '../common/replicas.ts';

/**
 * Downloads through the gateway: `GET /exports/coupons/<batch id>.csv | .ndjson` (docs/coupon-export.md).
 * The gateway authenticates the key (Authorization: Bearer, or x-api-key), admits the request through
 * the request rate limit like any other, and forwards it to the promotions service with the key's
 * identity signed and addressed to that service, which checks the scope and the batch's market and
 * streams the file. The body is piped through with back-pressure: the gateway holds no more than a
 * socket buffer of it, whatever the size of the batch.
 */
export const EXPORTS_PREFIX = '/exports/coupons/';

export interface ExportRouteOptions {
  /** the promotions service's GraphQL URL(s) (a comma-separated list for replicas) */
  promotionsUrl: string;
  identitySecret: string;
  /** time until the service answers with its headers, ms */
  headersTimeoutMs: number;
  identify(req: IncomingMessage): Identity | null;
  /** the rate limit: throws a coded error that is the answer */
  admit?: (req: IncomingMessage) => Promise<void>;
  /** the id of this request (the client's x-request-id or a new one) */
  requestId(req: IncomingMessage): string;
  log: Logger;
}

/** Headers of the service's answer that the client receives. */
const PASSED = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options', 'allow'];

export function couponExportRoute(options: ExportRouteOptions): { route: Route; close(): Promise<void> } {
  const replicas = new RoundRobin(options.promotionsUrl);
  const agent = new Agent({ connections: 16, keepAliveTimeout: 10_000, headersTimeout: options.headersTimeoutMs, bodyTimeout: 60_000 });
  const route: Route = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return sendJson(res, 405, graphqlErrorBody('METHOD_NOT_ALLOWED', 'Downloads are GET requests.'), { allow: 'GET' });
    try {
      await options.admit?.(req);
    } catch (e) {
      const ext = (e as { extensions?: { code?: string; http?: { status?: number; headers?: Iterable<[string, string]> } } }).extensions;
      const headers: Record<string, string> = {};
      for (const [k, v] of ext?.http?.headers ?? []) headers[k] = v;
      return sendJson(res, ext?.http?.status ?? 429, graphqlErrorBody(ext?.code ?? 'RATE_LIMITED', (e as Error).message), headers);
    }
    const identity = options.identify(req);
    if (!identity) return sendJson(res, 401, graphqlErrorBody('UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>, or x-api-key).'));
    const requestId = options.requestId(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const signed = signIdentity({ ...identity, requestId, aud: 'promotions' }, options.identitySecret);
    const candidates = replicas.order();
    for (let i = 0; ; i++) {
      let answer: Awaited<ReturnType<typeof request>>;
      try {
        answer = await request(new URL(path, candidates[i]), {
          method: 'GET',
          dispatcher: agent,
          headers: { [IDENTITY_HEADER]: signed, [REQUEST_ID_HEADER]: requestId },
        });
      } catch (e) {
        if (neverSent(e) && i + 1 < candidates.length) continue;
        options.log.warn({ err: e, path }, 'coupon export: promotions unreachable');
        return sendJson(res, 503, graphqlErrorBody('SUBGRAPH_UNAVAILABLE', 'The promotions service is unavailable.'));
      }
      const headers: Record<string, string> = {};
      for (const name of PASSED) {
        const v = answer.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      res.writeHead(answer.statusCode, headers);
      try {
        await pipeline(answer.body as Readable, res);
      } catch (e) {
        // the client went away, or the service cut the stream (then the client's download is cut too)
        if (!res.destroyed) res.destroy();
        answer.body.destroy();
        options.log.warn({ err: e, path }, 'coupon export: stream ended early');
      }
      return;
    }
  };
  return { route, close: () => agent.close() };
}
