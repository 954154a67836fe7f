/**
 * One thin data layer with portable SQL. Statements use `?` placeholders; the PostgreSQL adapter
 * rewrites them to `$n`. Only SQL that both SQLite (3.35+) and PostgreSQL accept is used:
 * `INSERT … ON CONFLICT … DO …`, `RETURNING`, TEXT/INTEGER/BIGINT columns, ISO-8601 text instants.
 */
export type SqlParam = string | number | bigint | boolean | null | Buffer;

export interface RunResult {
  changes: number;
}

export interface Queryable {
  all<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T | undefined>;
  run(sql: string, params?: SqlParam[]): Promise<RunResult>;
}

export interface Db extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Applies pending migrations in order, each in its own transaction. */
export async function migrate(db: Db, migrations: Migration[]): Promise<number> {
  // two migrations with one id: the second would never run (the first marks the id applied)
  const ids = new Set<number>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`two migrations have the id ${m.id} (the second is "${m.name}"): give it a new id`);
    ids.add(m.id);
  }
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const done = new Set((await db.all<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
  let applied = 0;
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (done.has(m.id)) continue;
    const ran = await db.transaction(async (tx) => {
      if (db.dialect === 'postgres') {
        // replicas starting together: one migrates, the others wait and then skip
        await tx.get('SELECT pg_advisory_xact_lock(724311)');
        if (await tx.get('SELECT id FROM schema_migrations WHERE id = ?', [m.id])) return false;
      }
      for (const statement of splitStatements(m.sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [
        m.id,
        m.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (ran) applied++;
  }
  return applied;
}

export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
