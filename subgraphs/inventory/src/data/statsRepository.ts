import type { Queryable } from '../../../../common/storage/index.ts';

/** Counts for the operations dashboards (read when /metrics is scraped). */
export class InventoryStatsRepository {
  constructor(private readonly q: Queryable) {}

  /** Stock rows per location whose available quantity (on hand − reserved) is at or below `threshold`. */
  async lowStock(threshold: number): Promise<{ location: string; n: number }[]> {
    const rows = await this.q.all<{ location: string; n: number }>(
      'SELECT location, COUNT(*) AS n FROM stock WHERE on_hand - reserved <= ? GROUP BY location',
      [threshold],
    );
    return rows.map((r) => ({ location: r.location, n: Number(r.n) }));
  }
}
