import type { Migration, Queryable } from '../../../../common/storage/index.ts';

/** Customers exempt from tax (a flag per customer id of the shop's identity system), with who set it. */
export const taxExemptionMigrations: Migration[] = [
  {
    id: 40,
    name: 'tax-exempt customers',
    sql: `
CREATE TABLE tax_exempt_customers (
  customer_id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);`,
  },
];

export interface TaxExemptionRow {
  customer_id: string;
  reason: string;
  set_by: string;
  set_at: string;
}

export class TaxExemptionRepository {
  constructor(private readonly q: Queryable) {}

  async isExempt(customerId: string): Promise<boolean> {
    return (await this.q.get('SELECT customer_id FROM tax_exempt_customers WHERE customer_id = ?', [customerId])) !== undefined;
  }

  async get(customerId: string): Promise<TaxExemptionRow | null> {
    return (await this.q.get<TaxExemptionRow>('SELECT customer_id, reason, set_by, set_at FROM tax_exempt_customers WHERE customer_id = ?', [customerId])) ?? null;
  }

  async set(row: TaxExemptionRow): Promise<void> {
    await this.q.run(
      `INSERT INTO tax_exempt_customers (customer_id, reason, set_by, set_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
      [row.customer_id, row.reason, row.set_by, row.set_at],
    );
  }

  async clear(customerId: string): Promise<void> {
    await this.q.run('DELETE FROM tax_exempt_customers WHERE customer_id = ?', [customerId]);
  }
}
