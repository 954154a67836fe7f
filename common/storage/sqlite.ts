import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, Queryable, RunResult, SqlParam } from './db.ts';

const STATEMENT_CACHE_SIZE = 256;

/**
 * SQLite through better-sqlite3. The connection is synchronous; an async lock serialises
 * transactions so that two requests never interleave statements inside one transaction.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private lock: Promise<unknown> = Promise.resolve();
  private inTransaction = false;
  /** prepared statements by SQL text, most recently used last (preparing costs more than most reads) */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private normalise(params: SqlParam[]): unknown[] {
    return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  private direct: Queryable = {
    all: async <T>(sql: string, params: SqlParam[] = []) => this.prepare(sql).all(...this.normalise(params)) as T[],
    get: async <T>(sql: string, params: SqlParam[] = []) =>
      this.prepare(sql).get(...this.normalise(params)) as T | undefined,
    run: async (sql: string, params: SqlParam[] = []): Promise<RunResult> => {
      const stmt = this.prepare(sql);
      if (stmt.reader) {
        stmt.all(...this.normalise(params));
        return { changes: 0 };
      }
      return { changes: stmt.run(...this.normalise(params)).changes };
    },
  };

  /** Outside a transaction, wait for any running transaction to finish first. */
  private async outside<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.inTransaction) return fn();
    await this.lock.catch(() => undefined);
    return this.outside(fn);
  }

  all<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]> {
    return this.outside(() => this.direct.all<T>(sql, params));
  }
  get<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T | undefined> {
    return this.outside(() => this.direct.get<T>(sql, params));
  }
  run(sql: string, params?: SqlParam[]): Promise<RunResult> {
    return this.outside(() => this.direct.run(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const next = this.lock
      .catch(() => undefined)
      .then(async () => {
        this.inTransaction = true;
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(this.direct);
          this.db.exec('COMMIT');
          return result;
        } catch (e) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw e;
        } finally {
          this.inTransaction = false;
        }
      });
    this.lock = next;
    return next;
  }

  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
    this.db.close();
  }
}
