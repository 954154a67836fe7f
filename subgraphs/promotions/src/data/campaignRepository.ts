import type { Queryable, SqlParam } from '../../../../common/storage/index.ts';
import type { CampaignStatus } from '../services/campaign.ts';

export interface CampaignRow {
  id: string;
  market: string;
  name: string;
  /** JSON array */
  channels: string;
  priority: number;
  stacking: string;
  valid_from: string | null;
  valid_until: string | null;
  coupon_required: number;
  paused: number;
  /** JSON array of { type, args } */
  conditions: string;
  /** JSON { type, args } */
  effect: string;
  max_redemptions: number | null;
  max_redemptions_per_customer: number | null;
  redemptions: number;
  created_at: string;
  updated_at: string;
}

export interface CodeRow {
  code: string;
  campaign_id: string;
}

export interface CompliancePolicyRow {
  market: string;
  max_percent: number | null;
  require_end_date: number;
  /** longest allowed validFrom → validUntil, in days (null: no limit) */
  max_duration_days: number | null;
  /** 1: an amount off a SKU may not exceed the SKU's catalog price */
  no_amount_above_price: number;
  updated_at: string | null;
}

export type CampaignStatusFilter = CampaignStatus;

export interface CampaignSearch {
  /** markets the caller manages; '*' = all */
  markets: string[] | '*';
  market?: string | null;
  text?: string | null;
  status?: CampaignStatusFilter | null;
  /** upper-case code */
  code?: string | null;
  activeAt?: string | null;
  /** campaigns that name this SKU in their effect or conditions */
  sku?: string | null;
  /** campaigns that run in this channel (those without channels run in all) */
  channel?: string | null;
  effectType?: string | null;
  /** campaigns of the markets this engine prices (primary or rollout; markets without routing: native) */
  engine?: string | null;
  /** order: by id (default), or by start, end or last change, with id as the tie-break */
  sort?: { by: 'START' | 'END' | 'UPDATED'; descending: boolean } | null;
  /** the current instant (ISO), for status */
  now: string;
  /** keyset cursor: rows after (sort key, id); the key is null when sorting by id */
  after: { key: string | null; id: string } | null;
  limit: number;
}

const COLUMNS = `id, market, name, channels, priority, stacking, valid_from, valid_until, coupon_required, paused,
  conditions, effect, max_redemptions, max_redemptions_per_customer, redemptions, created_at, updated_at`;

/**
 * Sort keys (ISO text sorts as time): a campaign without validFrom starts when it was created; one
 * without validUntil never ends (last in ascending order).
 */
const SORT_KEYS = {
  START: 'COALESCE(valid_from, created_at)',
  END: "COALESCE(valid_until, '9999-12-31T23:59:59.999Z')",
  UPDATED: 'updated_at',
} as const;

/** A LIKE pattern for a JSON string value anywhere in the text ("value", with LIKE's wildcards escaped). */
const likeQuoted = (value: string) => `%${JSON.stringify(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Portable SQL for campaigns, their codes and the markets' compliance policies. Works on a Db or a transaction. */
export class CampaignRepository {
  constructor(private readonly q: Queryable) {}

  byIds(ids: readonly string[]): Promise<CampaignRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all<CampaignRow>(`SELECT ${COLUMNS} FROM campaigns WHERE id IN (${placeholders(ids.length)})`, [...ids]);
  }

  /** Automatic (no coupon) campaigns of one market, live at `at`. Uses the campaigns_automatic index. */
  automaticCandidates(market: string, at: string): Promise<CampaignRow[]> {
    return this.q.all<CampaignRow>(
      `SELECT ${COLUMNS} FROM campaigns
       WHERE market = ? AND coupon_required = 0 AND paused = 0
         AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)`,
      [market, at, at],
    );
  }

  /** The STACKABLE, unpaused campaigns of one market that have not ended at `from` (the stacking cap). */
  stackableFrom(market: string, from: string): Promise<CampaignRow[]> {
    return this.q.all<CampaignRow>(
      `SELECT ${COLUMNS} FROM campaigns
       WHERE market = ? AND stacking = 'STACKABLE' AND paused = 0 AND (valid_until IS NULL OR valid_until > ?)`,
      [market, from],
    );
  }

  /** Automatic campaigns of one market that are live at `from` or start later (for the in-memory index). */
  automaticFrom(market: string, from: string): Promise<CampaignRow[]> {
    return this.q.all<CampaignRow>(
      `SELECT ${COLUMNS} FROM campaigns
       WHERE market = ? AND coupon_required = 0 AND paused = 0 AND (valid_until IS NULL OR valid_until > ?)`,
      [market, from],
    );
  }

  /**
   * The market's change counter: every write that can change an evaluation (a campaign saved, a budget
   * used up or given back) increments it in the writing transaction, so every replica's in-memory index
   * sees that it is stale with one indexed read.
   */
  async version(market: string): Promise<number> {
    const row = await this.q.get<{ version: number | string }>('SELECT version FROM campaign_versions WHERE market = ?', [market]);
    return Number(row?.version ?? 0);
  }

  async bumpVersion(market: string): Promise<void> {
    await this.q.run(
      `INSERT INTO campaign_versions (market, version) VALUES (?, 1)
       ON CONFLICT (market) DO UPDATE SET version = campaign_versions.version + 1`,
      [market],
    );
  }

  /** The campaigns owning the given (upper-case) codes in one market, whatever their status. */
  async byCodes(market: string, codes: readonly string[]): Promise<(CampaignRow & { matched_code: string })[]> {
    if (codes.length === 0) return [];
    return this.q.all<CampaignRow & { matched_code: string }>(
      `SELECT ${COLUMNS.split(',').map((c) => `c.${c.trim()}`).join(', ')}, d.code AS matched_code
       FROM discount_codes d JOIN campaigns c ON c.id = d.campaign_id
       WHERE d.market = ? AND d.code IN (${placeholders(codes.length)})`,
      [market, ...codes],
    );
  }

  /** Which of the (upper-case) codes exist in the market. */
  async existingCodes(market: string, codes: readonly string[]): Promise<CodeRow[]> {
    if (codes.length === 0) return [];
    return this.q.all<CodeRow>(
      `SELECT code, campaign_id FROM discount_codes WHERE market = ? AND code IN (${placeholders(codes.length)})`,
      [market, ...codes],
    );
  }

  /** Explicit codes (not from batches) of campaigns. */
  explicitCodes(campaignIds: readonly string[]): Promise<CodeRow[]> {
    if (campaignIds.length === 0) return Promise.resolve([]);
    return this.q.all<CodeRow>(
      `SELECT code, campaign_id FROM discount_codes WHERE batch_id IS NULL AND campaign_id IN (${placeholders(campaignIds.length)}) ORDER BY created_at, code`,
      [...campaignIds],
    );
  }

  async insert(row: CampaignRow): Promise<void> {
    await this.q.run(
      `INSERT INTO campaigns (${COLUMNS}) VALUES (${placeholders(17)})`,
      [
        row.id, row.market, row.name, row.channels, row.priority, row.stacking, row.valid_from, row.valid_until,
        row.coupon_required, row.paused, row.conditions, row.effect, row.max_redemptions, row.max_redemptions_per_customer,
        row.redemptions, row.created_at, row.updated_at,
      ],
    );
    await this.bumpVersion(row.market);
  }

  /** Updates everything a marketer may change (not market, redemptions or createdAt). */
  async update(row: CampaignRow): Promise<void> {
    await this.q.run(
      `UPDATE campaigns SET name = ?, channels = ?, priority = ?, stacking = ?, valid_from = ?, valid_until = ?,
         coupon_required = ?, paused = ?, conditions = ?, effect = ?, max_redemptions = ?, max_redemptions_per_customer = ?,
         updated_at = ?
       WHERE id = ?`,
      [
        row.name, row.channels, row.priority, row.stacking, row.valid_from, row.valid_until, row.coupon_required, row.paused,
        row.conditions, row.effect, row.max_redemptions, row.max_redemptions_per_customer, row.updated_at, row.id,
      ],
    );
    await this.bumpVersion(row.market);
  }

  /** Makes the campaign's explicit codes exactly `codes` (batch codes stay). */
  async replaceExplicitCodes(campaignId: string, market: string, codes: readonly string[], at: string): Promise<void> {
    const current = (await this.explicitCodes([campaignId])).map((r) => r.code);
    const removed = current.filter((c) => !codes.includes(c));
    if (removed.length) {
      await this.q.run(
        `DELETE FROM discount_codes WHERE campaign_id = ? AND batch_id IS NULL AND code IN (${placeholders(removed.length)})`,
        [campaignId, ...removed],
      );
    }
    for (const code of codes.filter((c) => !current.includes(c))) {
      await this.q.run('INSERT INTO discount_codes (market, code, campaign_id, batch_id, created_at) VALUES (?, ?, ?, NULL, ?)', [
        market, code, campaignId, at,
      ]);
    }
  }

  private where(s: CampaignSearch): { sql: string; params: SqlParam[] } {
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    if (s.markets !== '*') {
      if (s.markets.length === 0) return { sql: 'WHERE 1 = 0', params: [] };
      clauses.push(`market IN (${placeholders(s.markets.length)})`);
      params.push(...s.markets);
    }
    if (s.market) {
      clauses.push('market = ?');
      params.push(s.market);
    }
    if (s.text) {
      clauses.push(`LOWER(name) LIKE ? ESCAPE '\\'`);
      params.push(`%${s.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    switch (s.status) {
      case 'PAUSED':
        clauses.push('paused = 1');
        break;
      case 'SCHEDULED':
        clauses.push('paused = 0 AND valid_from IS NOT NULL AND valid_from > ?');
        params.push(s.now);
        break;
      case 'EXPIRED':
        clauses.push('paused = 0 AND (valid_from IS NULL OR valid_from <= ?) AND valid_until IS NOT NULL AND valid_until <= ?');
        params.push(s.now, s.now);
        break;
      case 'ACTIVE':
        clauses.push('paused = 0 AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)');
        params.push(s.now, s.now);
        break;
      default:
        break;
    }
    if (s.code) {
      clauses.push('id IN (SELECT campaign_id FROM discount_codes WHERE code = ?)');
      params.push(s.code);
    }
    if (s.activeAt) {
      clauses.push('paused = 0 AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)');
      params.push(s.activeAt, s.activeAt);
    }
    // JSON columns are searched as text: a SKU or channel appears quoted, the effect type as its "type"
    if (s.sku) {
      clauses.push(`(effect LIKE ? ESCAPE '\\' OR conditions LIKE ? ESCAPE '\\')`);
      params.push(likeQuoted(s.sku), likeQuoted(s.sku));
    }
    if (s.channel) {
      clauses.push(`(channels = '[]' OR channels LIKE ? ESCAPE '\\')`);
      params.push(likeQuoted(s.channel));
    }
    if (s.effectType) {
      clauses.push(`effect LIKE ? ESCAPE '\\'`);
      params.push(`%"type":${likeQuoted(s.effectType).slice(1)}`);
    }
    if (s.engine) {
      const routed = 'SELECT market FROM promotion_routing WHERE provider = ? OR rollout_provider = ?';
      clauses.push(s.engine === 'native' ? `(market IN (${routed}) OR market NOT IN (SELECT market FROM promotion_routing))` : `market IN (${routed})`);
      params.push(s.engine, s.engine);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** One page in the asked order (id as the tie-break: stable), plus the total count of the filter. */
  async search(s: CampaignSearch): Promise<{ rows: (CampaignRow & { sort_key: string | null })[]; totalCount: number }> {
    const { sql, params } = this.where(s);
    const key = s.sort ? SORT_KEYS[s.sort.by] : 'NULL';
    const dir = s.sort?.descending ? 'DESC' : 'ASC';
    const cmp = s.sort?.descending ? '<' : '>';
    let page = { sql, params };
    if (s.after !== null) {
      const after = s.sort ? `(${key} ${cmp} ? OR (${key} = ? AND id ${cmp} ?))` : `id ${cmp} ?`;
      const afterParams = s.sort ? [s.after.key ?? '', s.after.key ?? '', s.after.id] : [s.after.id];
      page = { sql: `${sql ? `${sql} AND` : 'WHERE'} ${after}`, params: [...params, ...afterParams] };
    }
    const order = s.sort ? `${key} ${dir}, id ${dir}` : 'id';
    const rows = await this.q.all<CampaignRow & { sort_key: string | null }>(
      `SELECT ${COLUMNS}, ${key} AS sort_key FROM campaigns ${page.sql} ORDER BY ${order} LIMIT ?`,
      [...page.params, s.limit],
    );
    const count = await this.q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM campaigns ${sql}`, params);
    return { rows, totalCount: Number(count?.n ?? 0) };
  }

  compliancePolicy(market: string): Promise<CompliancePolicyRow | undefined> {
    return this.q.get<CompliancePolicyRow>(
      'SELECT market, max_percent, require_end_date, max_duration_days, no_amount_above_price, updated_at FROM compliance_policies WHERE market = ?',
      [market],
    );
  }

  async upsertCompliancePolicy(p: CompliancePolicyRow): Promise<void> {
    await this.q.run(
      `INSERT INTO compliance_policies (market, max_percent, require_end_date, max_duration_days, no_amount_above_price, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (market) DO UPDATE SET max_percent = excluded.max_percent, require_end_date = excluded.require_end_date,
         max_duration_days = excluded.max_duration_days, no_amount_above_price = excluded.no_amount_above_price,
         updated_at = excluded.updated_at`,
      [p.market, p.max_percent, p.require_end_date, p.max_duration_days, p.no_amount_above_price, p.updated_at],
    );
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.q.get<{ n: number }>('SELECT COUNT(*) AS n FROM campaigns');
    return Number(row?.n ?? 0) === 0;
  }
}
