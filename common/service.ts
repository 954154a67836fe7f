import type { Clock } from './clock.ts';
import { loadServiceConfig, ConfigError, type ServiceConfig, type ServiceName } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { openDatabase, type Db, type Migration } from './storage/index.ts';
import { tracedDb } from './storage/traced.ts';
import { registerTracing, tracingOf, unregisterTracing } from './tracing.ts';
import type { RunningSubgraph } from './subgraph.ts';

/** What every subgraph's server.ts exports a `start…` function for. */
export interface ServiceOptions {
  config: ServiceConfig;
  /** tests pass a ManualClock; default the system clock */
  clock?: Clock;
  log?: Logger;
}

export interface RunningService extends RunningSubgraph {
  db: Db;
}

/** main.ts of every service: parse config once, start, stop cleanly on SIGINT/SIGTERM. */
export async function runMain(name: ServiceName, start: (options: ServiceOptions) => Promise<RunningService>): Promise<void> {
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(name);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(name, config.logLevel);
  const service = await start({ config, log });
  log.info({ url: service.url }, `${name} ready`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    await service.db.close();
    const tracing = tracingOf(name);
    if (tracing) await unregisterTracing(tracing);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Opens a service's own database as its configuration says (PostgreSQL URL or SQLite file) and
 * migrates it. The service's tracing is set up here too (its first step): its statements are spans
 * when it traces.
 */
export async function openServiceDatabase(config: ServiceConfig, migrations: Migration[]): Promise<Db> {
  const tracing = registerTracing(config.name, config.tracing);
  const db = await openDatabase({
    service: config.name,
    dataDir: config.dataDir,
    file: config.databaseFile,
    url: config.databaseUrl,
    schema: config.databaseSchema,
    migrations,
  });
  return tracing ? tracedDb(db, tracing) : db;
}

/** Readiness of a service: its database answers. */
export const databaseReady = (db: Db) => async (): Promise<boolean> => (await db.get('SELECT 1 AS ok')) !== undefined;
