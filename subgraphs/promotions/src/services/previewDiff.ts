import type { Clock } from '../../../../common/clock.ts';
import { badInput } from '../../../../common/errors.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { CampaignRepository } from '../data/campaignRepository.ts';
import { PreviewRepository } from '../data/previewRepository.ts';
import { toCampaignRecord, type CampaignRecord } from './campaign.ts';
import type { CampaignService, CampaignView } from './campaignService.ts';
import { mayManage, type Caller } from './caller.ts';
import { couponBatchView, type CouponBatchView } from './couponService.ts';

export interface CodeChangeView {
  /** an explicit code; null for a generated batch */
  code: string | null;
  batch: CouponBatchView | null;
  count: number;
  campaign: CampaignView;
  at: string;
}

export interface PreviewDiffView {
  market: string;
  at: string;
  from: string;
  campaignsStarting: CampaignView[];
  campaignsEnding: CampaignView[];
  codesBecomingValid: CodeChangeView[];
  codesExpiring: CodeChangeView[];
}

/** How far ahead a diff may look. */
const MAX_WINDOW_DAYS = 400;

/**
 * "What changes between now and then" in one market: campaigns that start or end, and the codes that
 * become valid or expire with them (explicit codes one by one, generated batches as a whole). Paused
 * campaigns change nothing and are left out. Catalog adds the price changes to the same object.
 */
export class PreviewDiffService {
  private readonly previews: PreviewRepository;
  private readonly campaignsRepo: CampaignRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly caller: Caller,
    private readonly campaigns: CampaignService,
  ) {
    this.previews = new PreviewRepository(db);
    this.campaignsRepo = new CampaignRepository(db);
  }

  /** null when the caller does not manage the market (the same answer as for a market without changes would leak nothing either). */
  async diff(market: string, at: string): Promise<PreviewDiffView | null> {
    const from = this.clock.now().toISOString();
    const to = new Date(at).toISOString();
    if (to <= from) throw badInput('`at` must be later than now.', 'at');
    if (new Date(to).getTime() - new Date(from).getTime() > MAX_WINDOW_DAYS * 86_400_000) throw badInput(`\`at\` may be at most ${MAX_WINDOW_DAYS} days ahead.`, 'at');
    if (!mayManage(this.caller, market)) return null;
    const records = (await this.previews.campaignsChangingBetween(market, from, to)).map(toCampaignRecord);
    const inWindow = (t: string | null): t is string => t !== null && t > from && t <= to;
    const starting = records.filter((c) => inWindow(c.validFrom)).sort(by((c) => c.validFrom!));
    const ending = records.filter((c) => inWindow(c.validUntil)).sort(by((c) => c.validUntil!));
    const views = new Map<string, CampaignView>();
    for (const c of records) views.set(c.id, await this.campaigns.view(c));
    const ids = records.map((c) => c.id);
    const [codes, batches] = await Promise.all([this.campaignsRepo.explicitCodes(ids), this.previews.batches(ids)]);
    const codeChanges = (list: CampaignRecord[], when: (c: CampaignRecord) => string): CodeChangeView[] =>
      list.flatMap((c) => [
        ...codes.filter((r) => r.campaign_id === c.id).map((r) => ({ code: r.code, batch: null, count: 1, campaign: views.get(c.id)!, at: when(c) })),
        ...batches.filter((b) => b.campaign_id === c.id).map((b) => ({ code: null, batch: couponBatchView(b), count: Number(b.generated), campaign: views.get(c.id)!, at: when(c) })),
      ]);
    return {
      market,
      at: to,
      from,
      campaignsStarting: starting.map((c) => views.get(c.id)!),
      campaignsEnding: ending.map((c) => views.get(c.id)!),
      codesBecomingValid: codeChanges(starting, (c) => c.validFrom!),
      codesExpiring: codeChanges(ending, (c) => c.validUntil!),
    };
  }
}

const by = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
