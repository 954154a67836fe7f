import { join } from 'node:path';
import type { Db, Migration } from './db.ts';
import { migrate } from './db.ts';
import { SqliteDb } from './sqlite.ts';
import { PostgresDb } from './postgres.ts';

export type { Db, Queryable, Migration, SqlParam } from './db.ts';
export { migrate } from './db.ts';

export interface OpenOptions {
  /** PostgreSQL URL (postgres://…); when set, the service's tables live in schema `<service>` there */
  url?: string;
  /** schema name for PostgreSQL (default: the service name) */
  schema?: string;
  /** SQLite file, or ':memory:' */
  file?: string;
  dataDir?: string;
  service: string;
  migrations: Migration[];
}

/** Opens the service's own database (PostgreSQL when a URL is given, else SQLite) and applies its migrations. */
export async function openDatabase(options: OpenOptions): Promise<Db> {
  let db: Db;
  if (options.url) {
    db = await PostgresDb.connect(options.url, options.schema ?? options.service);
  } else {
    db = new SqliteDb(options.file ?? join(options.dataDir ?? 'data', `${options.service}.sqlite`));
  }
  await migrate(db, options.migrations);
  return db;
}
