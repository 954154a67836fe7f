import { join } from 'node:path';
import type { Db, Migration } from './db.ts';
import { migrate } from './db.ts';
import { SqliteDb } from './sqlite.ts';

export type { Db, Queryable, Migration, SqlParam } from './db.ts';
export { migrate } from './db.ts';

export interface OpenOptions {
  /** SQLite file, or ':memory:' */
  file?: string;
  dataDir?: string;
  service: string;
  migrations: Migration[];
}

/** Opens the service's own database and applies its migrations. */
export async function openDatabase(options: OpenOptions): Promise<Db> {
  const file = options.file ?? join(options.dataDir ?? 'data', `${options.service}.sqlite`);
  const db = new SqliteDb(file);
  await migrate(db, options.migrations);
  return db;
}
