import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { CampaignRepository } from './campaignRepository.ts';

export interface RedemptionRow {
  order_id: string;
  campaign_id: string;
  code: string | null;
  customer_id: string | null;
  status: 'ACTIVE' | 'RELEASED';
  created_at: string;
  released_at: string | null;
}

/** Which provider redeemed an order (so its release goes to the same provider). */
export class RedemptionOrderRepository {
  constructor(private readonly db: Db) {}

  async providerOf(orderId: string): Promise<string | null> {
    const row = await this.db.get<{ provider: string }>('SELECT provider FROM redemption_orders WHERE order_id = ?', [orderId]);
    return row?.provider ?? null;
  }

  /** Records the order's provider once; returns the provider on record (the first one wins). */
  async claim(orderId: string, provider: string, market: string, at: string): Promise<string> {
    await this.db.run(
      'INSERT INTO redemption_orders (order_id, provider, market, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING',
      [orderId, provider, market, at],
    );
    return (await this.providerOf(orderId)) ?? provider;
  }
}

/**
 * The native engine's redemptions and budgets. Every method runs inside the caller's transaction (one
 * repository per transaction). Campaign rows are locked in campaign id order, and the markets' change
 * counters only at the end (`bumpVersions`), so two redemptions never wait on each other in a circle.
 */
export class RedemptionRepository {
  /** markets whose change counter this transaction must bump (a budget used up or given back) */
  private readonly staleMarkets = new Set<string>();

  constructor(private readonly q: Queryable) {}

  /**
   * Marks the order as redeemed unless it already is: true when this call owns the redemption.
   * Concurrent calls for one order wait on the row, so only one of them redeems.
   */
  async claimOrder(orderId: string, at: string): Promise<boolean> {
    const r = await this.q.run(
      `INSERT INTO native_orders (order_id, status, updated_at) VALUES (?, 'ACTIVE', ?)
       ON CONFLICT (order_id) DO UPDATE SET status = 'ACTIVE', updated_at = excluded.updated_at WHERE native_orders.status = 'RELEASED'`,
      [orderId, at],
    );
    return r.changes === 1;
  }

  active(orderId: string): Promise<RedemptionRow[]> {
    return this.q.all<RedemptionRow>(
      `SELECT order_id, campaign_id, code, customer_id, status, created_at, released_at FROM redemptions WHERE order_id = ? AND status = 'ACTIVE' ORDER BY campaign_id`,
      [orderId],
    );
  }

  /**
   * Atomic budget check and increment: false when the campaign's budget is exhausted. Using up the
   * last redemption changes evaluations (USAGE_LIMIT_REACHED): its market's counter is bumped by
   * `bumpVersions` at the end of the transaction.
   */
  async consumeBudget(campaignId: string): Promise<boolean> {
    const r = await this.q.run(
      'UPDATE campaigns SET redemptions = redemptions + 1 WHERE id = ? AND (max_redemptions IS NULL OR redemptions < max_redemptions)',
      [campaignId],
    );
    if (r.changes !== 1) return false;
    await this.noteIfExhausted(campaignId);
    return true;
  }

  /** Notes the campaign's market as stale when its budget is (or, before a release, was) used up. */
  private async noteIfExhausted(campaignId: string): Promise<void> {
    const c = await this.q.get<{ market: string; redemptions: number; max_redemptions: number | null }>(
      'SELECT market, redemptions, max_redemptions FROM campaigns WHERE id = ?',
      [campaignId],
    );
    if (c && c.max_redemptions !== null && Number(c.redemptions) >= Number(c.max_redemptions)) this.staleMarkets.add(c.market);
  }

  /** Bumps the change counter of every market whose evaluations this transaction changed. Call last. */
  async bumpVersions(): Promise<void> {
    const campaigns = new CampaignRepository(this.q);
    for (const market of [...this.staleMarkets].sort()) await campaigns.bumpVersion(market);
    this.staleMarkets.clear();
  }

  /** Active redemptions of the customer per campaign (of these campaigns), other than `exceptOrderId`'s. */
  async customerCounts(customerId: string, campaignIds: readonly string[], exceptOrderId: string | null): Promise<Map<string, number>> {
    if (campaignIds.length === 0) return new Map();
    const rows = await this.q.all<{ campaign_id: string; n: number }>(
      `SELECT campaign_id, COUNT(*) AS n FROM redemptions
       WHERE customer_id = ? AND status = 'ACTIVE' AND order_id <> ? AND campaign_id IN (${campaignIds.map(() => '?').join(',')})
       GROUP BY campaign_id`,
      [customerId, exceptOrderId ?? '', ...campaignIds],
    );
    return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
  }

  async activeForCustomer(campaignId: string, customerId: string): Promise<number> {
    const row = await this.q.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM redemptions WHERE campaign_id = ? AND customer_id = ? AND status = 'ACTIVE'`,
      [campaignId, customerId],
    );
    return Number(row?.n ?? 0);
  }

  async record(row: Omit<RedemptionRow, 'status' | 'released_at'>): Promise<void> {
    await this.q.run(
      `INSERT INTO redemptions (order_id, campaign_id, code, customer_id, status, created_at, released_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?, NULL)
       ON CONFLICT (order_id, campaign_id) DO UPDATE SET code = excluded.code, customer_id = excluded.customer_id,
         status = 'ACTIVE', created_at = excluded.created_at, released_at = NULL`,
      [row.order_id, row.campaign_id, row.code, row.customer_id, row.created_at],
    );
  }

  /** Marks the order's active redemptions released and gives their budget back. Idempotent. */
  async release(orderId: string, at: string): Promise<number> {
    const owned = await this.q.run(`UPDATE native_orders SET status = 'RELEASED', updated_at = ? WHERE order_id = ? AND status = 'ACTIVE'`, [at, orderId]);
    if (owned.changes === 0) return 0;
    const rows = await this.active(orderId);
    for (const r of rows) {
      await this.q.run(`UPDATE redemptions SET status = 'RELEASED', released_at = ? WHERE order_id = ? AND campaign_id = ? AND status = 'ACTIVE'`, [
        at, orderId, r.campaign_id,
      ]);
      await this.noteIfExhausted(r.campaign_id); // giving back a used-up budget makes the campaign apply again
      await this.q.run('UPDATE campaigns SET redemptions = redemptions - 1 WHERE id = ? AND redemptions > 0', [r.campaign_id]);
    }
    await this.bumpVersions();
    return rows.length;
  }
}
