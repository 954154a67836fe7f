import type { Queryable } from '../../../../common/storage/index.ts';

/** Counts for the operations dashboards (read when /metrics is scraped). */
export class OrdersStatsRepository {
  constructor(private readonly q: Queryable) {}

  async deadLetters(): Promise<number> {
    const row = await this.q.get<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'DEAD'");
    return Number(row?.n ?? 0);
  }

  async quarantineByStatus(): Promise<{ status: string; n: number }[]> {
    return (await this.q.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM quarantine GROUP BY status')).map((r) => ({ status: r.status, n: Number(r.n) }));
  }

  /** Refunds not paid out: PENDING (the provider has not answered yet) and REFUSED (waiting for an operator). */
  async openRefunds(): Promise<{ status: string; n: number }[]> {
    const rows = await this.q.all<{ status: string; n: number }>("SELECT status, COUNT(*) AS n FROM refunds WHERE status <> 'SUCCEEDED' GROUP BY status");
    return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
  }
}
