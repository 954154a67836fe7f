import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlErrorBody, sendJson, type Route } from '../../../../common/http.ts';
import { hasScope, IDENTITY_HEADER, mayManageMarket, verifyIdentity } from '../../../../common/identity.ts';
import type { Logger } from '../../../../common/log.ts';
import type { Queryable } from '../../../../common/storage/index.ts';
import { CouponExportRepository } from '../data/couponExportRepository.ts';
import { exportCouponBatch, type CouponExportFormat } from '../services/couponExport.ts';

/**
 * GET /exports/coupons/<batch id>.csv | .ndjson: a coupon batch's codes with their state, streamed
 * in constant memory by the same export as `npm run export:coupons`. Reached through the gateway
 * (which authenticates the key and forwards its signed identity); the key needs the marketing scope
 * and must manage the batch's market: a batch of another market is answered as an unknown one (404).
 */
export const COUPON_DOWNLOAD_PREFIX = '/exports/coupons/';

const TYPES: Record<CouponExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** `<batch id>.<format>` from the path, or a string saying what is wrong with it. */
export function parseDownloadPath(pathname: string): { batchId: string; format: CouponExportFormat } | string {
  if (!pathname.startsWith(COUPON_DOWNLOAD_PREFIX)) return 'not a coupon download path';
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(COUPON_DOWNLOAD_PREFIX.length));
  } catch {
    return 'the batch id is not valid percent-encoding';
  }
  const m = /^([^/]{1,200})\.(csv|ndjson)$/.exec(name);
  if (!m) return `expected ${COUPON_DOWNLOAD_PREFIX}<batch id>.csv or .ndjson`;
  return { batchId: m[1], format: m[2] as CouponExportFormat };
}

export function couponDownloadRoute(options: { db: Queryable; secret: string; log: Logger; pageSize?: number }): Route {
  const repo = new CouponExportRepository(options.db);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET') return sendJson(res, 405, graphqlErrorBody('METHOD_NOT_ALLOWED', 'Downloads are GET requests.'), { allow: 'GET' });
    const identity = verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, options.secret, { audience: 'promotions' });
    if (!identity) return sendJson(res, 401, graphqlErrorBody('UNAUTHENTICATED', 'promotions: requests must come through the gateway (signed identity missing or invalid).'));
    if (!hasScope(identity, 'marketing')) return sendJson(res, 403, graphqlErrorBody('FORBIDDEN', 'Downloading coupon codes needs the marketing scope.'));
    const parsed = parseDownloadPath(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (typeof parsed === 'string') return sendJson(res, 400, graphqlErrorBody('BAD_REQUEST', parsed));
    const batch = await repo.batch(parsed.batchId);
    // another market's batch looks exactly like one that does not exist
    if (!batch || !mayManageMarket(identity, batch.market)) {
      return sendJson(res, 404, graphqlErrorBody('COUPON_BATCH_NOT_FOUND', `No coupon batch "${parsed.batchId}".`));
    }
    res.writeHead(200, {
      'content-type': TYPES[parsed.format],
      'content-disposition': `attachment; filename="coupons-${parsed.batchId.replace(/[^A-Za-z0-9._-]/g, '_')}.${parsed.format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    // a client that goes away stops the export at its next page
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort(new Error('client closed the download'));
    });
    try {
      const done = await exportCouponBatch(repo, parsed.batchId, res, { format: parsed.format, signal: gone.signal, pageSize: options.pageSize });
      res.end();
      options.log.info({ batchId: parsed.batchId, format: parsed.format, codes: done.codes, keyId: identity.keyId }, 'coupon batch downloaded');
    } catch (e) {
      if (!gone.signal.aborted) options.log.error({ err: e, batchId: parsed.batchId }, 'coupon download failed');
      // the status is sent: cut the connection so the client sees an incomplete download, not a short file
      res.destroy();
    }
  };
}
