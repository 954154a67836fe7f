import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../common/storage/index.ts';
import type { IdempotencyRow } from './ordersRepository.ts';

const BATCH = 1000;

/** SQL of the retention sweep (services/retention.ts). Deletes run in batches so no lock is held long. */
export class RetentionRepository {
  constructor(readonly db: Db) {}

  /** Deletes DONE idempotency keys created before `before`; returns how many. */
  async purgeDoneKeys(before: string): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.db.run(
        "DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys WHERE status = 'DONE' AND created_at < ? LIMIT ?)",
        [before, BATCH],
      );
      total += r.changes;
      if (r.changes < BATCH) return total;
    }
  }

  /** IN_PROGRESS keys claimed before `before`: attempts that can no longer be running. */
  staleAttempts(before: string, limit: number): Promise<IdempotencyRow[]> {
    return this.db.all<IdempotencyRow>("SELECT * FROM idempotency_keys WHERE status = 'IN_PROGRESS' AND created_at < ? ORDER BY created_at LIMIT ?", [before, limit]);
  }

  /**
   * Frees the key of an abandoned attempt and records its compensations (release the stock it may
   * have reserved and the promotions it may have redeemed, both idempotent and harmless when it got
   * no further), in one transaction. Conditional on the key still being that attempt's and still
   * IN_PROGRESS, so it does nothing when the attempt finished meanwhile or another sweep got there first.
   * An IN_PROGRESS key never has an order: the order write marks its key DONE in the same transaction.
   */
  abandon(row: Pick<IdempotencyRow, 'scope' | 'key' | 'order_id'>, staleBefore: string, now: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND order_id = ? AND status = 'IN_PROGRESS' AND created_at < ?", [
        row.scope,
        row.key,
        row.order_id,
        staleBefore,
      ]);
      if (r.changes !== 1) return false;
      for (const [kind, payload] of [
        ['RELEASE_RESERVATION', { reservationId: row.order_id }],
        ['RELEASE_REDEMPTIONS', { orderId: row.order_id }],
      ] as const) {
        await tx.run(
          "INSERT INTO saga_tasks (id, order_id, kind, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
          [randomUUID(), row.order_id, kind, JSON.stringify(payload), now, now],
        );
      }
      return true;
    });
  }

  /** Deletes DELIVERED webhook deliveries delivered before `before` (dead and pending ones stay); returns how many. */
  async purgeDelivered(before: string): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.db.run(
        "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'DELIVERED' AND delivered_at < ? LIMIT ?)",
        [before, BATCH],
      );
      total += r.changes;
      if (r.changes < BATCH) return total;
    }
  }
}
