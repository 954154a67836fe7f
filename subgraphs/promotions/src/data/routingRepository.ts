import type { Db, Queryable } from '../../../../common/storage/index.ts';

export interface RoutingRow {
  market: string;
  provider: string;
  shadow_provider: string | null;
  rollout_provider: string | null;
  rollout_percent: number | null;
  updated_at: string;
}

export interface ShadowStatsRow {
  market: string;
  evaluations: number;
  mismatches: number;
  /** ISO instant the count started; null for counts older than the column */
  since: string | null;
}

export interface ShadowSampleRow {
  market: string;
  seq: number;
  cart_id: string;
  currency_code: string;
  primary_total_minor: number;
  shadow_total_minor: number;
  /** JSON array of strings */
  differences: string;
  at: string;
}

/** Provider routing per market and the shadow comparison report. */
export class RoutingRepository {
  constructor(private readonly db: Db) {}

  routing(markets: readonly string[]): Promise<RoutingRow[]> {
    if (markets.length === 0) return Promise.resolve([]);
    return this.db.all<RoutingRow>(
      `SELECT market, provider, shadow_provider, rollout_provider, rollout_percent, updated_at FROM promotion_routing
       WHERE market IN (${markets.map(() => '?').join(',')})`,
      [...markets],
    );
  }

  /** Stores the routing; when the compared providers change, the market's shadow report starts over (at `updated_at`). */
  /**
   * Saves several markets' routing in one transaction, all or nothing (a report whose compared
   * providers changed starts over); `alsoInTx` runs in the same transaction (the audit records).
   */
  async saveRoutings(entries: { row: RoutingRow; resetShadowReport: boolean }[], alsoInTx: (tx: Queryable) => Promise<void> = async () => {}): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const { row, resetShadowReport } of entries) {
        await tx.run(
          `INSERT INTO promotion_routing (market, provider, shadow_provider, rollout_provider, rollout_percent, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (market) DO UPDATE SET provider = excluded.provider, shadow_provider = excluded.shadow_provider,
             rollout_provider = excluded.rollout_provider, rollout_percent = excluded.rollout_percent, updated_at = excluded.updated_at`,
          [row.market, row.provider, row.shadow_provider, row.rollout_provider, row.rollout_percent, row.updated_at],
        );
        if (resetShadowReport) await RoutingRepository.startShadowReport(tx, row.market, row.updated_at);
      }
      await alsoInTx(tx);
    });
  }

  async saveRouting(row: RoutingRow, resetShadowReport: boolean): Promise<void> {
    await this.saveRoutings([{ row, resetShadowReport }]);
  }

  /** Starts the market's shadow report over at `since`: zero counts, no samples (`alsoInTx`: e.g. its audit record, given the counts before). */
  resetShadowReport(market: string, since: string, alsoInTx: (tx: Queryable, before: ShadowStatsRow | undefined) => Promise<void> = async () => {}): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await tx.get<ShadowStatsRow>('SELECT market, evaluations, mismatches, since FROM shadow_stats WHERE market = ?', [market]);
      await RoutingRepository.startShadowReport(tx, market, since);
      await alsoInTx(tx, before);
    });
  }

  private static async startShadowReport(tx: Queryable, market: string, since: string): Promise<void> {
    await tx.run(
      `INSERT INTO shadow_stats (market, evaluations, mismatches, since) VALUES (?, 0, 0, ?)
       ON CONFLICT (market) DO UPDATE SET evaluations = 0, mismatches = 0, since = excluded.since`,
      [market, since],
    );
    await tx.run('DELETE FROM shadow_samples WHERE market = ?', [market]);
  }

  /**
   * Counts one shadow comparison; keeps the `keep` most recent differing samples of the market. The
   * counter row is updated first: it serialises concurrent recordings of a market, and its new
   * evaluation count numbers the sample.
   */
  async recordShadow(
    market: string,
    at: string,
    mismatch: boolean,
    sample: Omit<ShadowSampleRow, 'market' | 'seq'> | null,
    keep: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // an evaluation made before the report (re)started is not counted: no row comes back
      const counted = await tx.get<{ evaluations: number }>(
        `INSERT INTO shadow_stats (market, evaluations, mismatches, since) VALUES (?, 1, ?, ?)
         ON CONFLICT (market) DO UPDATE SET evaluations = shadow_stats.evaluations + 1, mismatches = shadow_stats.mismatches + excluded.mismatches
         WHERE shadow_stats.since IS NULL OR shadow_stats.since <= excluded.since
         RETURNING evaluations`,
        [market, mismatch ? 1 : 0, at],
      );
      if (!counted || !sample) return;
      await tx.run(
        `INSERT INTO shadow_samples (market, seq, cart_id, currency_code, primary_total_minor, shadow_total_minor, differences, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [market, Number(counted.evaluations), sample.cart_id, sample.currency_code, sample.primary_total_minor, sample.shadow_total_minor, sample.differences, sample.at],
      );
      await tx.run(
        `DELETE FROM shadow_samples WHERE market = ? AND seq NOT IN (SELECT seq FROM shadow_samples WHERE market = ? ORDER BY seq DESC LIMIT ?)`,
        [market, market, keep],
      );
    });
  }

  shadowStats(market: string): Promise<ShadowStatsRow | undefined> {
    return this.db.get<ShadowStatsRow>('SELECT market, evaluations, mismatches, since FROM shadow_stats WHERE market = ?', [market]);
  }

  shadowSamples(market: string, limit: number): Promise<ShadowSampleRow[]> {
    return this.db.all<ShadowSampleRow>(
      `SELECT market, seq, cart_id, currency_code, primary_total_minor, shadow_total_minor, differences, at
       FROM shadow_samples WHERE market = ? ORDER BY seq DESC LIMIT ?`,
      [market, limit],
    );
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM promotion_routing');
    return Number(row?.n ?? 0) === 0;
  }
}
