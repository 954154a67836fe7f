import type { Queryable } from '../../../../common/storage/index.ts';
import type { CampaignRow } from './campaignRepository.ts';
import type { CouponBatchRow } from './couponRepository.ts';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Reads for "what changes between now and then" (previewDiff). Read-only. */
export class PreviewRepository {
  constructor(private readonly q: Queryable) {}

  /** Live (not paused) campaigns of a market that start or end in (from, to]. */
  campaignsChangingBetween(market: string, from: string, to: string): Promise<CampaignRow[]> {
    return this.q.all<CampaignRow>(
      `SELECT * FROM campaigns WHERE market = ? AND paused = 0
         AND ((valid_from IS NOT NULL AND valid_from > ? AND valid_from <= ?) OR (valid_until IS NOT NULL AND valid_until > ? AND valid_until <= ?))
       ORDER BY id`,
      [market, from, to, from, to],
    );
  }

  batches(campaignIds: readonly string[]): Promise<CouponBatchRow[]> {
    if (campaignIds.length === 0) return Promise.resolve([]);
    return this.q.all<CouponBatchRow>(`SELECT * FROM coupon_batches WHERE campaign_id IN (${placeholders(campaignIds.length)}) ORDER BY created_at, id`, [...campaignIds]);
  }
}
