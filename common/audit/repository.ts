import type { Queryable, SqlParam } from '../storage/index.ts';

/**
 * The audit trail's table, the same in every service that keeps one (each in its own database):
 * one row per administrative change, written in the transaction of the change.
 */
export const AUDIT_TABLE_SQL = `
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  market TEXT,
  action TEXT NOT NULL,
  key_id TEXT NOT NULL,
  at TEXT NOT NULL,
  before_state TEXT,
  after_state TEXT,
  changes TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, at, id);
CREATE INDEX audit_events_key ON audit_events (key_id, at, id);
CREATE INDEX audit_events_at ON audit_events (at, id);
`;

export interface AuditRow {
  id: string;
  entity_type: string;
  entity_id: string;
  market: string | null;
  action: string;
  key_id: string;
  at: string;
  /** JSON of the entity before the change (null: created) and after it */
  before_state: string | null;
  after_state: string | null;
  /** JSON: [{ field, before, after }] */
  changes: string;
}

export interface AuditQuery {
  /** one entity type, or several (null / absent: every type) */
  entityTypes?: readonly string[] | null;
  entityId?: string | null;
  keyId?: string | null;
  /** the markets the reader manages; '*' all (events without a market are visible to '*' only) */
  markets: string[] | '*';
  /** keyset: events strictly older than (at, id) */
  before?: { at: string; id: string } | null;
  limit: number;
}

const COLUMNS = 'id, entity_type, entity_id, market, action, key_id, at, before_state, after_state, changes';

/** The audit trail: written in the transaction of the change it records, read newest first. */
export class AuditRepository {
  constructor(private readonly q: Queryable) {}

  async record(row: AuditRow): Promise<void> {
    await this.q.run(`INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      row.id, row.entity_type, row.entity_id, row.market, row.action, row.key_id, row.at, row.before_state, row.after_state, row.changes,
    ]);
  }

  /** Newest first; `limit` rows at most. */
  find(query: AuditQuery): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: SqlParam[] = [];
    if (query.entityTypes) {
      if (query.entityTypes.length === 0) return Promise.resolve([]);
      where.push(`entity_type IN (${query.entityTypes.map(() => '?').join(', ')})`);
      params.push(...query.entityTypes);
    }
    if (query.entityId) {
      where.push('entity_id = ?');
      params.push(query.entityId);
    }
    if (query.keyId) {
      where.push('key_id = ?');
      params.push(query.keyId);
    }
    if (query.markets !== '*') {
      if (query.markets.length === 0) return Promise.resolve([]);
      where.push(`market IN (${query.markets.map(() => '?').join(', ')})`);
      params.push(...query.markets);
    }
    if (query.before) {
      where.push('(at < ? OR (at = ? AND id < ?))');
      params.push(query.before.at, query.before.at, query.before.id);
    }
    return this.q.all<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`,
      [...params, query.limit],
    );
  }

  /** Deletes the events recorded before `at` (retention); returns how many. */
  async deleteBefore(at: string): Promise<number> {
    return (await this.q.run('DELETE FROM audit_events WHERE at < ?', [at])).changes;
  }
}
