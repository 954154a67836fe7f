import { randomUUID } from 'node:crypto';
import type { Identity } from '../../../../common/identity.ts';
import { auditRow } from './audit.ts';
import type { Clock } from '../../../../common/clock.ts';
import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { CouponBatchRow, CouponBatchStatus, CouponRepository } from '../data/couponRepository.ts';
import type { CampaignService } from './campaignService.ts';
import type { CouponGenerator } from './couponGenerator.ts';
import { compilePattern, DEFAULT_PATTERN } from './couponPattern.ts';

export interface CouponBatchView {
  id: string;
  campaignId: string;
  pattern: string;
  count: number;
  generated: number;
  status: CouponBatchStatus;
  error: string | null;
  createdAt: string;
}

export const MAX_BATCH = 1_000_000;

/** A batch row as the API shows it. */
export const couponBatchView = (b: CouponBatchRow): CouponBatchView => ({
  id: b.id,
  campaignId: b.campaign_id,
  pattern: b.pattern,
  count: Number(b.count),
  generated: Number(b.generated),
  status: b.status,
  error: b.error,
  createdAt: b.created_at,
});

/** Coupon batches (per request): validation here, generation in the background. */
export class CouponService {
  constructor(
    private readonly repo: CouponRepository,
    private readonly generator: CouponGenerator,
    private readonly campaigns: CampaignService,
    private readonly clock: Clock,
    /** who generates (the audit trail) */
    private readonly identity: Identity,
  ) {}

  /** Creates a PENDING batch and starts generating in the background; answers at once. */
  async generate(campaignId: string, count: number, pattern: string | null | undefined): Promise<CouponBatchView> {
    const errors: UserError[] = [];
    const campaign = await this.campaigns.visible(campaignId);
    if (!campaign) errors.push(userError('CAMPAIGN_NOT_FOUND', 'No such campaign.', 'campaignId'));
    if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH) {
      errors.push(userError('INVALID_COUNT', `count must be from 1 to ${MAX_BATCH}.`, 'count'));
    }
    const p = (pattern ?? DEFAULT_PATTERN).trim();
    const compiled = compilePattern(p);
    if (!compiled.ok) errors.push(userError('INVALID_PATTERN', compiled.message, 'pattern'));
    else if (compiled.compiled.combinations < BigInt(Math.max(count, 1)) * 2n) {
      errors.push(userError('PATTERN_TOO_SMALL', `"${p}" allows ${compiled.compiled.combinations} codes; ${count} codes need at least twice as many.`, 'pattern'));
    }
    if (errors.length || !campaign) throw new UserErrorException(errors);
    const now = this.clock.now().toISOString();
    const row: CouponBatchRow = {
      id: randomUUID(),
      campaign_id: campaign.id,
      market: campaign.market,
      pattern: p,
      count,
      generated: 0,
      status: 'PENDING',
      error: null,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insertBatchAudited(row, auditRow(this.identity, now, {
      entityType: 'COUPON_BATCH', entityId: row.id, market: row.market, action: 'GENERATION_STARTED',
      before: null, after: { campaignId: row.campaign_id, pattern: row.pattern, count: row.count },
    }));
    this.generator.start(row.id);
    return couponBatchView(row);
  }

  /** A batch whose campaign the caller manages, else null. */
  async batch(id: string): Promise<CouponBatchView | null> {
    const b = await this.repo.batch(id);
    if (!b || !(await this.campaigns.visible(b.campaign_id))) return null;
    return couponBatchView(b);
  }
}
