import type { Db } from '../../../../common/storage/index.ts';
import type { ReconciliationSummary } from '../services/reconciliation.ts';

/** Summaries of payment reconciliation runs (the CSV reports stay where the operator wrote them). */
export class ReconciliationRepository {
  constructor(readonly db: Db) {}

  async save(s: ReconciliationSummary): Promise<void> {
    await this.db.run(
      'INSERT INTO payment_reconciliations (id, period_from, period_to, grace_ms, source, started_at, finished_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [s.id, s.from, s.to, s.graceMs, s.source, s.startedAt, s.finishedAt, JSON.stringify(s)],
    );
  }

  /** The run that finished last, or null. */
  async latest(): Promise<ReconciliationSummary | null> {
    const row = await this.db.get<{ summary: string }>('SELECT summary FROM payment_reconciliations ORDER BY finished_at DESC, id DESC LIMIT 1');
    return row ? (JSON.parse(row.summary) as ReconciliationSummary) : null;
  }
}
