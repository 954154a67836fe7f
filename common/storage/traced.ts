import { SpanKind } from '@opentelemetry/api';
import type { ServiceTracing } from '../tracing.ts';
import type { Db, Queryable, SqlParam } from './db.ts';

const MAX_STATEMENT = 500;

/**
 * A database whose statements are spans of the active trace (`db.query.text` holds the statement
 * with its `?` placeholders, never the values). Used only when the service traces.
 */
export function tracedDb(db: Db, tracing: ServiceTracing): Db {
  const attributes = (sql: string) => ({
    'db.system.name': db.dialect === 'postgres' ? 'postgresql' : 'sqlite',
    'db.query.text': sql.length > MAX_STATEMENT ? `${sql.slice(0, MAX_STATEMENT)}…` : sql,
  });
  const verb = (sql: string) => /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  const traced = (q: Queryable): Queryable => ({
    all: (sql: string, params?: SqlParam[]) => tracing.span(`db ${verb(sql)}`, attributes(sql), () => q.all(sql, params), SpanKind.CLIENT),
    get: (sql: string, params?: SqlParam[]) => tracing.span(`db ${verb(sql)}`, attributes(sql), () => q.get(sql, params), SpanKind.CLIENT),
    run: (sql: string, params?: SqlParam[]) => tracing.span(`db ${verb(sql)}`, attributes(sql), () => q.run(sql, params), SpanKind.CLIENT),
  }) as Queryable;
  return {
    ...traced(db),
    dialect: db.dialect,
    transaction: (fn) => tracing.span('db transaction', { 'db.system.name': db.dialect === 'postgres' ? 'postgresql' : 'sqlite' }, () => db.transaction((tx) => fn(traced(tx))), SpanKind.CLIENT),
    close: () => db.close(),
  };
}
