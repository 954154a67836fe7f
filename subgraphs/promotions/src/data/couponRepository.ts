import type { Db, Queryable } from '../../../../common/storage/index.ts';
import { AuditRepository, type AuditRow } from '../../../../common/audit/repository.ts';

export type CouponBatchStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface CouponBatchRow {
  id: string;
  campaign_id: string;
  market: string;
  pattern: string;
  count: number;
  generated: number;
  status: CouponBatchStatus;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, campaign_id, market, pattern, count, generated, status, error, created_at, updated_at';
/** rows per INSERT statement (3 × 500 parameters stays far below every driver's limit) */
const ROWS_PER_STATEMENT = 500;

/**
 * Coupon batches insert random codes into the (market, code) index; on SQLite a 32 MiB page cache
 * (default 2 MiB) keeps a million codes' index pages in memory between chunks. Bounded: it is
 * SQLite's own cache of the connection. PostgreSQL sizes its buffers itself.
 */
export async function tuneForCouponBatches(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') await db.run('PRAGMA cache_size = -32768');
}

async function insertBatchRow(q: Queryable, row: CouponBatchRow): Promise<void> {
  await q.run(`INSERT INTO coupon_batches (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    row.id, row.campaign_id, row.market, row.pattern, row.count, row.generated, row.status, row.error, row.created_at, row.updated_at,
  ]);
}

/** Coupon batches and their generated codes. */
export class CouponRepository {
  constructor(private readonly db: Db) {}

  async insertBatch(row: CouponBatchRow): Promise<void> {
    await insertBatchRow(this.db, row);
  }

  /** Inserts a batch and its audit record in one transaction. */
  async insertBatchAudited(row: CouponBatchRow, audit: AuditRow): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertBatchRow(tx, row);
      await new AuditRepository(tx).record(audit);
    });
  }

  batch(id: string): Promise<CouponBatchRow | undefined> {
    return this.db.get<CouponBatchRow>(`SELECT ${COLUMNS} FROM coupon_batches WHERE id = ?`, [id]);
  }

  /** Batches a crash or a stop left unfinished. */
  unfinished(): Promise<CouponBatchRow[]> {
    return this.db.all<CouponBatchRow>(`SELECT ${COLUMNS} FROM coupon_batches WHERE status IN ('PENDING', 'RUNNING') ORDER BY created_at, id`);
  }

  async setStatus(id: string, status: CouponBatchStatus, at: string, error: string | null = null): Promise<void> {
    await this.db.run('UPDATE coupon_batches SET status = ?, error = ?, updated_at = ? WHERE id = ?', [status, error, at, id]);
  }

  /**
   * Inserts up to `want` new codes in one transaction, drawing candidates from `draw` until enough are
   * new or `maxAttempts` candidates were tried; codes already taken in the market are skipped
   * (ON CONFLICT DO NOTHING). Progress is updated in the same transaction. Returns how many were new.
   *
   * Each draw is inserted in sorted order: random codes land all over the (market, code) index, and
   * sorted they touch its pages in one pass, so a chunk writes each index page once (the cost of a
   * million codes is dominated by index pages written).
   */
  async insertChunk(
    batch: Pick<CouponBatchRow, 'id' | 'campaign_id' | 'market'>,
    want: number,
    draw: (n: number) => string[],
    maxAttempts: number,
    at: string,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      let inserted = 0;
      let attempts = 0;
      while (inserted < want && attempts < maxAttempts) {
        const drawn = draw(Math.min(want - inserted, maxAttempts - attempts)).sort();
        if (drawn.length === 0) break;
        attempts += drawn.length;
        for (let i = 0; i < drawn.length; i += ROWS_PER_STATEMENT) {
          const part = drawn.slice(i, i + ROWS_PER_STATEMENT);
          const params: string[] = [];
          for (const code of part) params.push(batch.market, code, batch.campaign_id, batch.id, at);
          const result = await tx.run(
            `INSERT INTO discount_codes (market, code, campaign_id, batch_id, created_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}
             ON CONFLICT (market, code) DO NOTHING`,
            params,
          );
          inserted += result.changes;
        }
      }
      await tx.run(`UPDATE coupon_batches SET generated = generated + ?, status = 'RUNNING', updated_at = ? WHERE id = ?`, [inserted, at, batch.id]);
      return inserted;
    });
  }
}
