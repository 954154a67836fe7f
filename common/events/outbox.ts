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

/**
 * A new event's id: a UUID laid out as version 7 (the first 48 bits the time in milliseconds, then
 * random bits), so ids written one after another sort together. The outbox's key is a B-tree: random
 * ids (version 4) put each new event on a page of its own, and a bulk import's batch of a thousand
 * events rewrote about a thousand pages of that index at every commit.
 */
export function newEventId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  // a version 4 UUID gives the random bits and the variant: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

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
  const id = newEventId();
  const payload = JSON.stringify({ eventId: id, type: e.type, schemaVersion: CHANGE_EVENT_SCHEMA_VERSION, occurredAt: e.at, ...e.data });
  await tx.run('INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id, e.aggregateId, e.type, CHANGE_EVENT_SCHEMA_VERSION, payload, e.at,
  ]);
}

/** Union of two lists of strings, in first-seen order (merging the locations or markets of coalesced changes). */
export const union = (a: readonly string[] = [], b: readonly string[] = []) => [...new Set([...a, ...b])];

/** Aggregates per statement when recording many changes at once (well under either store's parameter limit). */
const CHANGES_PER_STATEMENT = 400;

/**
 * `recordChange` for many aggregates of one event type in one go (a bulk import's batch): the same
 * coalescing, with a few statements per few hundred aggregates instead of two per aggregate. The same
 * aggregate given twice is folded in order, as two calls of `recordChange` would.
 */
export async function recordChanges<T extends Record<string, unknown>>(tx: Queryable, type: string, at: string, changes: readonly { aggregateId: string; data: T }[], merge?: (waiting: T, next: T) => T): Promise<void> {
  const byAggregate = new Map<string, T>();
  for (const c of changes) {
    const before = byAggregate.get(c.aggregateId);
    byAggregate.set(c.aggregateId, before === undefined ? c.data : merge ? merge(before, c.data) : c.data);
  }
  const all = [...byAggregate];
  for (let i = 0; i < all.length; i += CHANGES_PER_STATEMENT) {
    const chunk = all.slice(i, i + CHANGES_PER_STATEMENT);
    const ids = chunk.map(([id]) => id);
    // the newest event still waiting per aggregate (as recordChange picks it)
    const waiting = new Map<string, { id: string; payload: string; occurred_at: string }>();
    for (const w of await tx.all<{ id: string; aggregate_id: string; payload: string; occurred_at: string }>(
      `SELECT id, aggregate_id, payload, occurred_at FROM outbox WHERE type = ? AND aggregate_id IN (${ids.map(() => '?').join(', ')}) AND published_at IS NULL`,
      [type, ...ids],
    )) {
      const seen = waiting.get(w.aggregate_id);
      if (!seen || w.occurred_at > seen.occurred_at) waiting.set(w.aggregate_id, w);
    }
    const updates: { id: string; payload: string; aggregateId: string }[] = [];
    for (const [aggregateId, data] of chunk) {
      const w = waiting.get(aggregateId);
      if (!w) continue;
      const { eventId: _id, type: _t, schemaVersion: _v, occurredAt: _o, ...before } = JSON.parse(w.payload) as Record<string, unknown>;
      const merged = merge ? merge(before as T, data) : data;
      updates.push({ id: w.id, aggregateId, payload: JSON.stringify({ eventId: w.id, type, schemaVersion: CHANGE_EVENT_SCHEMA_VERSION, occurredAt: at, ...merged }) });
    }
    const updated = new Set<string>();
    if (updates.length) {
      const rows = await tx.all<{ id: string }>(
        `UPDATE outbox SET payload = v.column2, occurred_at = ? FROM (VALUES ${updates.map(() => '(?, ?)').join(', ')}) AS v
         WHERE outbox.id = v.column1 AND outbox.published_at IS NULL RETURNING id`,
        [at, ...updates.flatMap((u) => [u.id, u.payload])],
      );
      const done = new Set(rows.map((r) => r.id));
      for (const u of updates) if (done.has(u.id)) updated.add(u.aggregateId);
    }
    // the rest (nothing waiting, or fanned out meanwhile): new events
    const fresh = chunk.filter(([aggregateId]) => !updated.has(aggregateId));
    if (fresh.length) {
      const params: (string | number)[] = [];
      for (const [aggregateId, data] of fresh) {
        const id = newEventId();
        params.push(id, aggregateId, type, CHANGE_EVENT_SCHEMA_VERSION, JSON.stringify({ eventId: id, type, schemaVersion: CHANGE_EVENT_SCHEMA_VERSION, occurredAt: at, ...data }), at);
      }
      await tx.run(`INSERT INTO outbox (id, aggregate_id, type, schema_version, payload, occurred_at) VALUES ${fresh.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, params);
    }
  }
}
