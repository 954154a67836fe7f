import { randomUUID } from 'node:crypto';
import type { Queryable } from '../storage/index.ts';

/**
 * The transactional outbox of a service and its webhook deliveries (the relay in relay.ts fans each
 * event out to the subscribers, signs, retries and keeps dead letters). Orders has had these tables
 * since its first migrations; catalog and inventory add them with this SQL.
 */
export const OUTBOX_TABLES_SQL = `
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  aggregate_id TEXT NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  published_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (published_at, occurred_at);
CREATE INDEX outbox_coalesce ON outbox (type, aggregate_id, published_at);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  subscriber TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  claim_token TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  dead_at TEXT,
  replayed_at TEXT
);
CREATE UNIQUE INDEX webhook_deliveries_event_subscriber ON webhook_deliveries (event_id, subscriber);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_aggregate ON webhook_deliveries (subscriber, aggregate_id, occurred_at);
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (status, dead_at, id);
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (status, delivered_at);
`;

export const CHANGE_EVENT_SCHEMA_VERSION = 1;

export interface ChangeEvent<T extends Record<string, unknown>> {
  type: string;
  /** what the event is about (a SKU): events of one aggregate are delivered in order */
  aggregateId: string;
  at: string;
  data: T;
  /** folds a newer change into the one still waiting (default: the newer replaces it) */
  merge?: (waiting: T, next: T) => T;
}

/**
 * Writes a change event in the caller's transaction, coalesced: while an event of the same type and
 * aggregate has not been fanned out to subscribers yet, the newer change is folded into it (one
 * event per SKU however often it changes in between), keeping its id. Payload:
 * `{ eventId, type, schemaVersion, occurredAt, ...data }`.
 */
export async function recordChange<T extends Record<string, unknown>>(tx: Queryable, e: ChangeEvent<T>): Promise<void> {
  const waiting = await tx.get<{ id: string; payload: string }>(
    'SELECT id, payload FROM outbox WHERE type = ? AND aggregate_id = ? AND published_at IS NULL ORDER BY occurred_at DESC LIMIT 1',
    [e.type, e.aggregateId],
  );
  if (waiting) {
    const { eventId: _id, type: _t, schemaVersion: _v, occurredAt: _o, ...before } = JSON.parse(waiting.payload) as Record<string, unknown>;
    const data = e.merge ? e.merge(before as T, e.data) : e.data;
    const payload = JSON.stringify({ eventId: waiting.id, type: e.type, schemaVersion: CHANGE_EVENT_SCHEMA_VERSION, occurredAt: e.at, ...data });
    const r = await tx.run('UPDATE outbox SET payload = ?, occurred_at = ? WHERE id = ? AND published_at IS NULL', [payload, e.at, waiting.id]);
    if (r.changes === 1) return;
  }
  const id = randomUUID();
  const payload = JSON.stringify({ eventId: id, type: e.type, schemaVersion: CHANGE_EVENT_SCHEMA_VERSION, occurredAt: e.at, ...e.data });
  await tx.run('INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id, e.aggregateId, e.type, CHANGE_EVENT_SCHEMA_VERSION, payload, e.at,
  ]);
}

/** Union of two lists of strings, in first-seen order (merging the locations or markets of coalesced changes). */
export const union = (a: readonly string[] = [], b: readonly string[] = []) => [...new Set([...a, ...b])];
