import type { Queryable } from '../../../../common/storage/index.ts';
import type { CouponBatchRow } from './couponRepository.ts';

/** A redemption of a code that counts now (not released). */
export interface CodeRedemptionRow {
  code: string;
  order_id: string;
  created_at: string;
}

/**
 * Reads for the coupon export: a batch's codes page by page in code order (keyset on the
 * (batch_id, code) index), and the active redemptions of a range of its campaign's codes.
 */
export class CouponExportRepository {
  constructor(private readonly q: Queryable) {}

  batch(id: string): Promise<Pick<CouponBatchRow, 'id' | 'campaign_id' | 'market' | 'count' | 'generated' | 'status'> | undefined> {
    return this.q.get('SELECT id, campaign_id, market, count, generated, status FROM coupon_batches WHERE id = ?', [id]);
  }

  /** Up to `limit` codes of the batch after `after` (null: from the first), in code order. */
  async codesAfter(batchId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = after === null
      ? await this.q.all<{ code: string }>('SELECT code FROM discount_codes WHERE batch_id = ? ORDER BY code LIMIT ?', [batchId, limit])
      : await this.q.all<{ code: string }>('SELECT code FROM discount_codes WHERE batch_id = ? AND code > ? ORDER BY code LIMIT ?', [batchId, after, limit]);
    return rows.map((r) => r.code);
  }

  /** The campaign's active redemptions of codes from `first` to `last` (inclusive), by code and order. */
  redemptionsBetween(campaignId: string, first: string, last: string): Promise<CodeRedemptionRow[]> {
    return this.q.all<CodeRedemptionRow>(
      `SELECT code, order_id, created_at FROM redemptions
       WHERE campaign_id = ? AND code >= ? AND code <= ? AND status = 'ACTIVE' ORDER BY code, order_id`,
      [campaignId, first, last],
    );
  }
}
