import type { Migration, Queryable } from '../../../../common/storage/index.ts';

/** Customers exempt from tax (a flag per customer id of the shop's identity system), with who set it; every change audited. */
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
);
CREATE TABLE tax_exemption_audit (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX tax_exemption_audit_customer ON tax_exemption_audit (customer_id, at);`,
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

  /** One audited change: who, when, the state before and after (null: not exempt). */
  async audit(entry: { id: string; customerId: string; actor: string; at: string; before: TaxExemptionRow | null; after: TaxExemptionRow | null }): Promise<void> {
    await this.q.run('INSERT INTO tax_exemption_audit (id, customer_id, actor, at, before, after) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.id, entry.customerId, entry.actor, entry.at, entry.before ? JSON.stringify(entry.before) : null, entry.after ? JSON.stringify(entry.after) : null,
    ]);
  }

  async history(customerId: string): Promise<{ actor: string; at: string; before: TaxExemptionRow | null; after: TaxExemptionRow | null }[]> {
    const rows = await this.q.all<{ actor: string; at: string; before: string | null; after: string | null }>(
      'SELECT actor, at, before, after FROM tax_exemption_audit WHERE customer_id = ? ORDER BY at, id',
      [customerId],
    );
    return rows.map((r) => ({ actor: r.actor, at: r.at, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
  }
}
