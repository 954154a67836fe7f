import { randomUUID } from 'node:crypto';
import type { Db, Migration, Queryable } from '../../../../common/storage/index.ts';
import { checkRemoval, checkRow, indexKey, indexRows, isChargeKind, type ChargeKind, type ChargeRow, type ChargeRowError, type RowIndex } from '../services/charges/rows.ts';

/**
 * The native tax and shipping provider's tables (services/charges/rows.ts) in the promotions
 * database: one row per natural key and kind, a change counter every write bumps (every replica
 * reloads when it moved), and an audit of every change (who, when, before, after).
 */
export const chargeTablesMigrations: Migration[] = [
  {
    id: 60,
    name: 'charge tables: tax and shipping tables as data (rows, change counter, audit)',
    sql: `
CREATE TABLE charge_rows (
  kind TEXT NOT NULL,
  row_key TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, row_key)
);
CREATE TABLE charge_tables_state (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  seeded_from TEXT,
  seeded_at TEXT
);
INSERT INTO charge_tables_state (id, version) VALUES (1, 0);
CREATE TABLE charge_rows_audit (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  row_key TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX charge_rows_audit_row ON charge_rows_audit (kind, row_key, version);`,
  },
];

/** A write: the row to upsert, or a removal (value null). */
export type ChargeChange = { kind: ChargeKind; key: string; row: ChargeRow | null };

/** A change refused when it is checked again under the lock (another write came first). */
export class ChargeTablesConflict extends Error {
  constructor(readonly error: ChargeRowError, readonly key: string) {
    super(`${key}: ${error.code} ${error.field ? `${error.field}: ` : ''}${error.message}`);
  }
}

interface StoredRow {
  kind: string;
  row_key: string;
  data: string;
}

export class ChargeTablesRepository {
  constructor(readonly db: Db) {}

  async version(q: Queryable = this.db): Promise<number> {
    const r = await q.get<{ version: number | string }>('SELECT version FROM charge_tables_state WHERE id = 1');
    return Number(r?.version ?? 0);
  }

  async rows(q: Queryable = this.db): Promise<ChargeRow[]> {
    const rows = await q.all<StoredRow>('SELECT kind, row_key, data FROM charge_rows ORDER BY kind, row_key');
    return rows.filter((r) => isChargeKind(r.kind)).map((r) => ({ kind: r.kind as ChargeKind, key: r.row_key, value: JSON.parse(r.data) }) as ChargeRow);
  }

  /** The rows and their version, read in one transaction (a consistent picture). */
  async snapshot(): Promise<{ version: number; rows: ChargeRow[] }> {
    return this.db.transaction(async (tx) => ({ version: await this.version(tx), rows: await this.rows(tx) }));
  }

  /**
   * Applies changes in one transaction: the counter is bumped first (it locks the tables against
   * other writers on SQLite and PostgreSQL alike), every change is checked again against the rows
   * as they are now (a ChargeTablesConflict rolls everything back), written and audited.
   * Returns the new version.
   */
  async apply(changes: readonly ChargeChange[], actor: string, at: string): Promise<number> {
    if (!changes.length) return this.version();
    return this.db.transaction(async (tx) => {
      await tx.run('UPDATE charge_tables_state SET version = version + 1 WHERE id = 1');
      const version = await this.version(tx);
      const index: RowIndex = indexRows(await this.rows(tx));
      for (const c of changes) {
        const before = index.get(indexKey(c.kind, c.key)) ?? null;
        if (c.row) {
          const checked = checkRow(c.kind, c.row.value as Record<string, unknown>, index);
          if ('error' in checked) throw new ChargeTablesConflict(checked.error, c.key);
          index.set(indexKey(c.kind, c.key), checked.row);
          await tx.run(
            `INSERT INTO charge_rows (kind, row_key, data, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (kind, row_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
            [c.kind, c.key, JSON.stringify(checked.row.value), at],
          );
        } else {
          const problem = checkRemoval(c.kind, c.key, index);
          if (problem) throw new ChargeTablesConflict(problem, c.key);
          index.delete(indexKey(c.kind, c.key));
          await tx.run('DELETE FROM charge_rows WHERE kind = ? AND row_key = ?', [c.kind, c.key]);
        }
        await tx.run('INSERT INTO charge_rows_audit (id, version, kind, row_key, actor, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          randomUUID(), version, c.kind, c.key, actor, at, before ? JSON.stringify(before.value) : null, c.row ? JSON.stringify(c.row.value) : null,
        ]);
      }
      return version;
    });
  }

  /**
   * Seeds empty tables once (the first replica to claim it; the others see it seeded): the rows go
   * through the same checks as an import. Returns false when seeded before, or when rows were
   * imported before the first start (those are the tables then).
   */
  async seedOnce(source: string, rows: readonly ChargeRow[], at: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.run('UPDATE charge_tables_state SET seeded_from = ?, seeded_at = ?, version = version + 1 WHERE id = 1 AND seeded_from IS NULL', [source, at]);
      if (claimed.changes !== 1) return false;
      const index: RowIndex = indexRows(await this.rows(tx));
      // rows imported before the first start: the merchant's tables, not the seed's
      if (index.size > 0) return false;
      for (const r of rows) {
        const checked = checkRow(r.kind, r.value as Record<string, unknown>, index);
        if ('error' in checked) throw new ChargeTablesConflict(checked.error, r.key);
        index.set(indexKey(r.kind, r.key), checked.row);
        await tx.run('INSERT INTO charge_rows (kind, row_key, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (kind, row_key) DO NOTHING', [
          r.kind, r.key, JSON.stringify(checked.row.value), at,
        ]);
      }
      return true;
    });
  }

  /** The audited changes of a row, oldest first. */
  async history(kind: ChargeKind, key: string): Promise<{ version: number; actor: string; at: string; before: unknown; after: unknown }[]> {
    const rows = await this.db.all<{ version: number; actor: string; at: string; before: string | null; after: string | null }>(
      'SELECT version, actor, at, before, after FROM charge_rows_audit WHERE kind = ? AND row_key = ? ORDER BY version, id',
      [kind, key],
    );
    return rows.map((r) => ({ version: Number(r.version), actor: r.actor, at: r.at, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
  }
}
