import type { Queryable } from '../../../../../common/storage/index.ts';
import { CampaignRepository, type CampaignRow } from '../../data/campaignRepository.ts';
import { byEvaluationOrder, toCampaignRecord, type CampaignRecord } from '../campaign.ts';
import { compileRules, type CompiledRules } from './catalogue.ts';
import { epochMs } from './engine.ts';

/**
 * A campaign with its rules parsed once (null: a rule is unknown or invalid, so it never applies) and
 * its validity window in epoch milliseconds (numbers compare faster than ISO strings on the hot path).
 */
export interface IndexedCampaign extends CampaignRecord {
  rules: CompiledRules | null;
  validFromMs: number | null;
  validUntilMs: number | null;
}

export function compileCampaign(row: CampaignRow): IndexedCampaign {
  const record = toCampaignRecord(row);
  return {
    ...record,
    rules: compileRules(record.conditions, record.effect),
    validFromMs: epochMs(record.validFrom),
    validUntilMs: epochMs(record.validUntil),
  };
}

const ANY = '*';

/**
 * Where a campaign can apply: the channels (its own list, else a `channel` condition's) and the SKUs
 * one of which must be in the cart (the smallest such set among its rules), '*' for any.
 */
export function indexKeys(c: IndexedCampaign): { channels: readonly string[]; skus: readonly string[] } {
  let channels: readonly string[] = c.channels.length ? c.channels : [ANY];
  let skus: readonly string[] | null = null;
  const narrower = (set: readonly string[] | null | undefined) => {
    if (set && set.length && (skus === null || set.length < skus.length)) skus = set;
  };
  if (c.rules) {
    for (const cond of c.rules.conditions) {
      narrower(cond.def.skus?.(cond.args));
      const only = cond.def.channels?.(cond.args);
      if (only?.length && channels[0] === ANY) channels = only;
    }
    narrower(c.rules.effect.def.skus?.(c.rules.effect.args));
  }
  return { channels, skus: skus ?? [ANY] };
}

/** Most coupon campaigns kept per market before that cache starts over (memory stays bounded). */
const MAX_COUPON_CAMPAIGNS = 20_000;

/**
 * One market's campaigns in memory at one version: the automatic campaigns (live or starting later) in
 * evaluation order, with buckets by channel and SKU holding their ranks (places in that order), and
 * the coupon campaigns looked up by code so far.
 */
class MarketIndex {
  private readonly inOrder: IndexedCampaign[];
  private readonly buckets = new Map<string, Map<string, number[]>>();
  private readonly coupons = new Map<string, IndexedCampaign>();

  constructor(
    readonly version: number,
    /** the instant the automatic campaigns were selected at: earlier instants need a rebuild */
    readonly from: string,
    automatic: readonly IndexedCampaign[],
  ) {
    this.inOrder = [...automatic].sort(byEvaluationOrder);
    this.inOrder.forEach((c, rank) => {
      const { channels, skus } = indexKeys(c);
      for (const ch of channels) {
        let bySku = this.buckets.get(ch);
        if (!bySku) this.buckets.set(ch, (bySku = new Map()));
        for (const sku of skus) {
          const ranks = bySku.get(sku);
          if (ranks) ranks.push(rank);
          else bySku.set(sku, [rank]);
        }
      }
    });
  }

  /**
   * The automatic campaigns that could apply to a cart of this channel holding these SKUs, in evaluation
   * order: the ranks of the matching buckets sorted as numbers (a campaign sits in one bucket per channel
   * and SKU it names, so an equal rank is the same campaign, kept once). No comparator, no set.
   */
  automatic(channel: string, skus: Iterable<string>): IndexedCampaign[] {
    const lists: number[][] = [];
    let total = 0;
    for (const ch of channel === ANY ? [ANY] : [channel, ANY]) {
      const bySku = this.buckets.get(ch);
      if (!bySku) continue;
      for (const sku of [ANY, ...skus]) {
        const ranks = bySku.get(sku);
        if (ranks) {
          lists.push(ranks);
          total += ranks.length;
        }
      }
    }
    const ranks = new Int32Array(total);
    let at = 0;
    for (const list of lists) for (const rank of list) ranks[at++] = rank;
    if (lists.length > 1) ranks.sort();
    const out: IndexedCampaign[] = [];
    for (let i = 0; i < total; i++) if (i === 0 || ranks[i] !== ranks[i - 1]) out.push(this.inOrder[ranks[i]]);
    return out;
  }

  coupon(id: string): IndexedCampaign | undefined {
    return this.coupons.get(id);
  }

  addCoupons(campaigns: readonly IndexedCampaign[]): void {
    if (this.coupons.size + campaigns.length > MAX_COUPON_CAMPAIGNS) this.coupons.clear();
    for (const c of campaigns) this.coupons.set(c.id, c);
  }
}

export interface IndexedCandidates {
  campaigns: IndexedCampaign[];
  /** UPPER-CASE code → campaign id */
  codeOwners: Map<string, string>;
}

/**
 * The native engine's in-memory index of campaigns per market, so an evaluation touches only the
 * campaigns that could apply (market, channel, SKU, entered codes) with rules compiled once.
 *
 * Freshness across replicas: each evaluation reads the market's change counter (campaign_versions,
 * bumped in the same transaction as every campaign write and every budget used up or given back);
 * a different counter rebuilds the market's index. Codes are looked up in the database every time
 * (a batch may hold millions), their campaigns come from the index. Counters are read before the
 * data, so an index is never older than its counter says.
 */
export class CampaignIndex {
  private readonly markets = new Map<string, MarketIndex>();
  private readonly building = new Map<string, Promise<MarketIndex>>();

  constructor(private readonly q: Queryable) {}

  async candidates(market: string, channel: string, skus: Iterable<string>, codes: readonly string[], at: string): Promise<IndexedCandidates> {
    const repo = new CampaignRepository(this.q);
    const [version, owners] = await Promise.all([repo.version(market), repo.existingCodes(market, codes)]);
    let index = this.markets.get(market);
    if (!index || index.version !== version || at < index.from) index = await this.build(repo, market, version, at);

    const codeOwners = new Map(owners.map((o) => [o.code, o.campaign_id]));
    const campaigns = index.automatic(channel, skus);
    const missing: string[] = [];
    for (const id of new Set(codeOwners.values())) {
      const c = index.coupon(id);
      if (c) campaigns.push(c);
      else missing.push(id);
    }
    if (missing.length) {
      const loaded = (await repo.byIds(missing)).filter((r) => r.market === market).map(compileCampaign);
      index.addCoupons(loaded);
      campaigns.push(...loaded);
    }
    return { campaigns, codeOwners };
  }

  /** One build per market and version at a time; concurrent evaluations share it. */
  private async build(repo: CampaignRepository, market: string, version: number, at: string): Promise<MarketIndex> {
    const k = `${market}\u0000${version}`;
    let pending = this.building.get(k);
    if (!pending) {
      pending = (async () => {
        try {
          return new MarketIndex(version, at, (await repo.automaticFrom(market, at)).map(compileCampaign));
        } finally {
          this.building.delete(k);
        }
      })();
      this.building.set(k, pending);
    }
    let index = await pending;
    // a shared build selected for a later instant: this (earlier) instant gets its own
    if (at < index.from) index = new MarketIndex(version, at, (await repo.automaticFrom(market, at)).map(compileCampaign));
    const current = this.markets.get(market);
    if (!current || current.version < version || (current.version === version && index.from < current.from)) this.markets.set(market, index);
    return index;
  }
}
