import pg from 'pg';
import type { Db, Queryable, RunResult, SqlParam } from './db.ts';

// BIGINT and COUNT(*) arrive as strings by default; our amounts and counts fit in a double exactly
pg.types.setTypeParser(20, (v) => Number(v));

/** Rewrites `?` placeholders (outside quoted strings) to `$1, $2, …`. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

const params = (p: SqlParam[] = []) => p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? v.toString() : v));

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, p?: SqlParam[]) => (await client.query(toPgPlaceholders(sql), params(p))).rows as T[],
    get: async <T>(sql: string, p?: SqlParam[]) => (await client.query(toPgPlaceholders(sql), params(p))).rows[0] as T | undefined,
    run: async (sql: string, p?: SqlParam[]): Promise<RunResult> => ({ changes: (await client.query(toPgPlaceholders(sql), params(p))).rowCount ?? 0 }),
  };
}

/**
 * PostgreSQL through a connection pool. Each service keeps its tables in its own schema
 * (search_path), so one database can hold every service without any sharing tables.
 */
export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: Queryable;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.direct = queryable(pool);
  }

  static async connect(url: string, schema: string, maxConnections = 10): Promise<PostgresDb> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const bootstrap = new pg.Client({ connectionString: url });
    await bootstrap.connect();
    try {
      await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (e) {
      // two replicas creating the schema at once: the loser sees a unique violation
      if ((e as { code?: string }).code !== '23505') throw e;
    } finally {
      await bootstrap.end();
    }
    const pool = new pg.Pool({ connectionString: url, max: maxConnections, options: `-c search_path=${schema}` });
    return new PostgresDb(pool);
  }

  all<T = Record<string, unknown>>(sql: string, p?: SqlParam[]): Promise<T[]> {
    return this.direct.all<T>(sql, p);
  }
  get<T = Record<string, unknown>>(sql: string, p?: SqlParam[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, p);
  }
  run(sql: string, p?: SqlParam[]): Promise<RunResult> {
    return this.direct.run(sql, p);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
