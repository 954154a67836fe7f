import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/index.ts';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface DeliveryRow {
  id: string;
  event_id: string;
  subscriber: string;
  aggregate_id: string;
  event_type: string;
  occurred_at: string;
  status: DeliveryStatus;
  attempts: number;
  failures: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  dead_at: string | null;
  replayed_at: string | null;
}

export interface DueDelivery extends DeliveryRow {
  payload: string;
}

/** An outbox event that has not been fanned out to the subscribers yet. */
export interface UnpublishedEvent {
  id: string;
  aggregate_id: string;
  type: string;
  occurred_at: string;
}

/**
 * SQL of the webhook relay: one row per (outbox event, subscriber). Claims are conditional
 * updates, so several replicas can run the relay on the same database.
 */
export class DeliveriesRepository {
  constructor(readonly db: Db) {}

  unpublished(limit: number): Promise<UnpublishedEvent[]> {
    return this.db.all<UnpublishedEvent>('SELECT id, aggregate_id, type, occurred_at FROM outbox WHERE published_at IS NULL ORDER BY occurred_at, id LIMIT ?', [limit]);
  }

  /** Creates the deliveries of one event (idempotent: a second replica inserts nothing) and marks it published. */
  async fanOut(event: UnpublishedEvent, subscribers: string[], now: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const subscriber of subscribers) {
        await tx.run(
          `INSERT INTO webhook_deliveries (id, event_id, subscriber, aggregate_id, event_type, occurred_at, status, attempts, failures, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, ?) ON CONFLICT (event_id, subscriber) DO NOTHING`,
          [randomUUID(), event.id, subscriber, event.aggregate_id, event.type, event.occurred_at, now, now],
        );
      }
      await tx.run('UPDATE outbox SET published_at = ? WHERE id = ? AND published_at IS NULL', [now, event.id]);
    });
  }

  /**
   * Pending deliveries that are due and not claimed, and whose every earlier event of the same
   * aggregate to the same subscriber is delivered (order per aggregate).
   */
  due(now: string, limit: number, subscribers: string[]): Promise<DueDelivery[]> {
    if (subscribers.length === 0) return Promise.resolve([]);
    // only configured subscribers: rows of a removed subscriber never fill the batch
    return this.db.all<DueDelivery>(
      `SELECT d.*, o.payload FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND (d.claimed_until IS NULL OR d.claimed_until < ?)
         AND d.subscriber IN (${subscribers.map(() => '?').join(', ')})
         AND NOT EXISTS (
           SELECT 1 FROM webhook_deliveries e
           WHERE e.subscriber = d.subscriber AND e.aggregate_id = d.aggregate_id AND e.status <> 'DELIVERED'
             AND (e.occurred_at < d.occurred_at OR (e.occurred_at = d.occurred_at AND e.event_id < d.event_id)))
       ORDER BY d.next_attempt_at, d.occurred_at, d.id LIMIT ?`,
      [now, now, ...subscribers, limit],
    );
  }

  /**
   * Claims a delivery until `until`; false when another relay holds it, or it is no longer pending
   * and due (another relay delivered it or rescheduled it since it was read).
   */
  async claim(id: string, token: string, now: string, until: string): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE webhook_deliveries SET claimed_until = ?, claim_token = ?
       WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)`,
      [until, token, id, now, now],
    );
    return r.changes === 1;
  }

  /** The row as its claimer holds it (fresh attempt counts), or undefined when the claim was lost. */
  claimed(id: string, token: string): Promise<DueDelivery | undefined> {
    return this.db.get<DueDelivery>('SELECT d.*, o.payload FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id WHERE d.id = ? AND d.claim_token = ?', [id, token]);
  }

  async delivered(id: string, token: string, now: string): Promise<void> {
    await this.db.run(
      "UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, failures = 0, delivered_at = ?, last_error = NULL, claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?",
      [now, id, token],
    );
  }

  /** Records a failed attempt: retried at `nextAttemptAt`, or dead when `dead`. */
  async failed(id: string, token: string, error: string, now: string, nextAttemptAt: string, dead: boolean): Promise<void> {
    await this.db.run(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, failures = failures + 1, last_error = ?, next_attempt_at = ?,
         status = ?, dead_at = ?, claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?`,
      [error.slice(0, 500), nextAttemptAt, dead ? 'DEAD' : 'PENDING', dead ? now : null, id, token],
    );
  }

  /** Gives a claim back without counting an attempt (the relay is stopping). */
  async unclaim(id: string, token: string): Promise<void> {
    await this.db.run('UPDATE webhook_deliveries SET claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?', [id, token]);
  }

  get(id: string): Promise<DueDelivery | undefined> {
    return this.db.get<DueDelivery>('SELECT d.*, o.payload FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id WHERE d.id = ?', [id]);
  }

  /** Dead letters oldest first, keyset-paginated on (dead_at, id). */
  async deadLetters(first: number, after: { deadAt: string; id: string } | null): Promise<{ items: DueDelivery[]; hasNextPage: boolean; totalCount: number }> {
    const limit = Math.max(0, Math.min(first, 100));
    const rows = after
      ? await this.db.all<DueDelivery>(
          `SELECT d.*, o.payload FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id
           WHERE d.status = 'DEAD' AND (d.dead_at > ? OR (d.dead_at = ? AND d.id > ?)) ORDER BY d.dead_at, d.id LIMIT ?`,
          [after.deadAt, after.deadAt, after.id, limit + 1],
        )
      : await this.db.all<DueDelivery>(
          "SELECT d.*, o.payload FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id WHERE d.status = 'DEAD' ORDER BY d.dead_at, d.id LIMIT ?",
          [limit + 1],
        );
    const total = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'DEAD'");
    return { items: rows.slice(0, limit), hasNextPage: rows.length > limit, totalCount: Number(total?.n ?? 0) };
  }

  /**
   * Puts a dead letter back in the queue, due now. Idempotent: only a DEAD row changes, so a
   * second replay finds it pending (or delivered) and does nothing; the row is never duplicated.
   * Returns the row after the replay, or undefined when unknown.
   */
  async replay(id: string, now: string): Promise<{ row: DueDelivery | undefined; replayed: boolean }> {
    const r = await this.db.run(
      `UPDATE webhook_deliveries SET status = 'PENDING', failures = 0, next_attempt_at = ?, dead_at = NULL, replayed_at = ?,
         claimed_until = NULL, claim_token = NULL WHERE id = ? AND status = 'DEAD'`,
      [now, now, id],
    );
    return { row: await this.get(id), replayed: r.changes === 1 };
  }
}
