import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CouponExportRepository } from '../data/couponExportRepository.ts';

export type CouponExportFormat = 'csv' | 'ndjson';

/** One exported code: UNUSED, or REDEEMED by the orders listed (a released redemption does not count). */
export interface ExportedCode {
  code: string;
  state: 'UNUSED' | 'REDEEMED';
  orders: string[];
  /** when it was first redeemed (of its active redemptions); null when unused */
  redeemedAt: string | null;
}

export interface CouponExportProgress {
  codes: number;
  redeemed: number;
  /** how many codes the batch holds now (what a finished export reaches) */
  total: number;
}

export interface CouponExportOptions {
  format: CouponExportFormat;
  /** codes per page (default 10000): memory holds one page */
  pageSize?: number;
  onProgress?: (p: CouponExportProgress) => void;
  /** stops the export (rejects with the signal's reason): a download whose client went away */
  signal?: AbortSignal;
}

export class CouponBatchNotFound extends Error {
  constructor(readonly batchId: string) {
    super(`No coupon batch "${batchId}".`);
    this.name = 'CouponBatchNotFound';
  }
}

export const CSV_HEADER = 'code,state,orders,redeemedAt\n';

/** A CSV field (RFC 4180), with a leading apostrophe on text a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(c: ExportedCode, format: CouponExportFormat): string {
  if (format === 'ndjson') return `${JSON.stringify(c)}\n`;
  return `${csvField(c.code)},${c.state},${csvField(c.orders.join(' '))},${c.redeemedAt ?? ''}\n`;
}

async function write(out: Writable, chunk: string, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (!out.write(chunk)) await once(out, 'drain', signal ? { signal } : {});
}

/**
 * Streams a batch's codes with their state, in code order, as CSV (header + one row per code; the
 * orders of a code separated by spaces) or NDJSON (one object per line), page by page: memory holds one
 * page of codes and their redemptions, whatever the size of the batch. A batch still generating is
 * exported as far as it is; the progress says how many codes it holds. Throws CouponBatchNotFound.
 */
export async function exportCouponBatch(repo: CouponExportRepository, batchId: string, out: Writable, options: CouponExportOptions): Promise<CouponExportProgress> {
  const batch = await repo.batch(batchId);
  if (!batch) throw new CouponBatchNotFound(batchId);
  const pageSize = options.pageSize ?? 10_000;
  const progress: CouponExportProgress = { codes: 0, redeemed: 0, total: Number(batch.generated) };
  if (options.format === 'csv') await write(out, CSV_HEADER, options.signal);
  let after: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const codes = await repo.codesAfter(batchId, after, pageSize);
    if (codes.length === 0) break;
    const redemptions = new Map<string, { orders: string[]; at: string }>();
    for (const r of await repo.redemptionsBetween(batch.campaign_id, codes[0], codes[codes.length - 1])) {
      const seen = redemptions.get(r.code);
      if (seen) {
        seen.orders.push(r.order_id);
        if (r.created_at < seen.at) seen.at = r.created_at;
      } else redemptions.set(r.code, { orders: [r.order_id], at: r.created_at });
    }
    let chunk = '';
    for (const code of codes) {
      const r = redemptions.get(code);
      if (r) progress.redeemed++;
      chunk += line({ code, state: r ? 'REDEEMED' : 'UNUSED', orders: r?.orders ?? [], redeemedAt: r?.at ?? null }, options.format);
    }
    await write(out, chunk, options.signal);
    progress.codes += codes.length;
    options.onProgress?.({ ...progress });
    if (codes.length < pageSize) break;
    after = codes[codes.length - 1];
  }
  return progress;
}
