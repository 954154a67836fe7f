/**
 * npm run import -- <markets|categories|products|prices|locations|stock|tax-markets|pickup-locations|tax-rates|shipping-methods|tax-categories|item-weights|place-names> FILE [--rejects FILE] [--restart] [--batch N]
 *
 * Bulk import from NDJSON or CSV (docs/import.md): idempotent upserts by natural key, validated row by
 * row; refused rows go to the rejects file (default FILE.rejects.ndjson) with their line number and
 * reason, the rest goes in. A progress bar on a terminal, plain lines otherwise. Ctrl-C stops after the
 * current batch; running the same command again resumes where it stopped (--restart starts over).
 *
 * Works on the owning service's database, opened with that service's configuration (DATA_DIR,
 * <SERVICE>_DATABASE_FILE, <SERVICE>_DATABASE_URL / DATABASE_URL): markets, products and prices belong
 * to the catalog, locations and stock to inventory, the tax and shipping tables to promotions. Locations'
 * markets (and tax markets' currencies) are asked from the catalog's API (SERVICE_URL_CATALOG), as the
 * services do; the other services learn imported markets through the graph (the catalog's change
 * counter), and the promotions service its tables through its database's change counter, without a restart.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock, type Clock } from '../common/clock.ts';
import { ConfigError, loadServiceConfig, type ServiceConfig, type ServiceName } from '../common/config.ts';
import { GraphClient } from '../common/graphClient.ts';
import { terminalProgress } from '../common/import/progress.ts';
import { ImportError, runImport, tuneForImport, type Importer, type ImportResult } from '../common/import/runner.ts';
import { catalogMarketSource, MarketDirectory } from '../common/markets.ts';
import { openDatabase, type Db } from '../common/storage/index.ts';
import { CatalogRepository } from '../subgraphs/catalog/src/data/catalogRepository.ts';
import { migrations as catalogMigrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { FamilyRepository } from '../subgraphs/catalog/src/data/familyRepository.ts';
import { marketImporter, priceImporter } from '../subgraphs/catalog/src/import/importers.ts';
import { recordPriceImport } from '../subgraphs/catalog/src/services/audit.ts';
import { categoryImporter, variantImporter } from '../subgraphs/catalog/src/import/variants.ts';
import { InventoryRepository } from '../subgraphs/inventory/src/data/inventoryRepository.ts';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/data/migrations.ts';
import { locationImporter, stockImporter } from '../subgraphs/inventory/src/import/importers.ts';
import { ChargeTablesRepository, chargeTablesMigrations } from '../subgraphs/promotions/src/data/chargeTablesRepository.ts';
import { migrations as promotionsMigrations } from '../subgraphs/promotions/src/data/migrations.ts';
import { remoteMigrations } from '../subgraphs/promotions/src/data/remoteRepository.ts';
import { taxExemptionMigrations } from '../subgraphs/promotions/src/data/taxExemptionRepository.ts';
import { chargeImporter } from '../subgraphs/promotions/src/import/chargeImporters.ts';
import { CHARGE_KINDS, isChargeKind } from '../subgraphs/promotions/src/services/charges/rows.ts';

export const KINDS = ['markets', 'categories', 'products', 'prices', 'locations', 'stock', ...CHARGE_KINDS] as const;
export type ImportKind = (typeof KINDS)[number];
const USAGE = `usage: npm run import -- <${KINDS.join('|')}> FILE [--rejects FILE] [--restart] [--batch N]`;

const OWNER: Record<ImportKind, ServiceName> = {
  markets: 'catalog', categories: 'catalog', products: 'catalog', prices: 'catalog', locations: 'inventory', stock: 'inventory',
  ...(Object.fromEntries(CHARGE_KINDS.map((k) => [k, 'promotions'])) as Record<(typeof CHARGE_KINDS)[number], ServiceName>),
};

/** The migrations of the database a kind is imported into. */
export function migrationsOf(kind: ImportKind) {
  const owner = OWNER[kind];
  if (owner === 'catalog') return catalogMigrations;
  if (owner === 'inventory') return inventoryMigrations;
  return [...promotionsMigrations, ...remoteMigrations, ...taxExemptionMigrations, ...chargeTablesMigrations];
}

/** The service's configuration; the identity secret of `npm start` (kept in the data dir) when none is set. */
export function commandConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const secretFile = join(env.DATA_DIR ?? 'data', '.identity-secret');
  const withSecret = !env.IDENTITY_SECRET && existsSync(secretFile) ? { ...env, IDENTITY_SECRET: readFileSync(secretFile, 'utf8').trim() } : env;
  return loadServiceConfig(service, withSecret);
}

export interface ImportCommand {
  kind: ImportKind;
  file: string;
  rejectsFile?: string;
  restart: boolean;
  batchSize?: number;
}

export function parseArgs(args: string[]): ImportCommand | string {
  const [kind, file, ...rest] = args;
  if (!KINDS.includes(kind as ImportKind) || !file || file.startsWith('--')) return USAGE;
  const command: ImportCommand = { kind: kind as ImportKind, file, restart: false };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--restart') command.restart = true;
    else if (flag === '--rejects' && rest[i + 1]) command.rejectsFile = rest[++i];
    else if (flag === '--batch' && /^\d+$/.test(rest[i + 1] ?? '') && Number(rest[i + 1]) > 0) command.batchSize = Number(rest[++i]);
    else return `unknown or incomplete option ${flag}\n${USAGE}`;
  }
  return command;
}

/** Runs one import on an open database of the owning service. */
/** Who ran the command, as the audit trail names it: `cli:<user of the machine>`. */
export function importKeyId(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Runs one import on an open database of the owning service (`keyId`: who, for the audit trail; default importKeyId()). */
export async function importInto(db: Db, config: ServiceConfig, command: ImportCommand, options: { signal?: AbortSignal; progress?: ReturnType<typeof terminalProgress>; keyId?: string; clock?: Clock } = {}): Promise<ImportResult> {
  const clock = options.clock ?? systemClock;
  await tuneForImport(db);
  let client: GraphClient | null = null;
  let importer: Importer<unknown>;
  if (isChargeKind(command.kind)) {
    client = new GraphClient({ caller: 'promotions', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
    const markets = new MarketDirectory(catalogMarketSource(client, () => config.urls.catalog));
    importer = chargeImporter(command.kind, new ChargeTablesRepository(db), clock, { actor: 'import', markets }) as Importer<unknown>;
  } else if (OWNER[command.kind] === 'catalog') {
    const repo = new CatalogRepository(db);
    const families = new FamilyRepository(db);
    await families.search.ensure();
    const byKind: Record<string, () => Importer<unknown>> = {
      markets: () => marketImporter(repo, clock) as Importer<unknown>,
      categories: () => categoryImporter(families, clock) as Importer<unknown>,
      products: () => variantImporter(families, clock) as Importer<unknown>,
      prices: () => priceImporter(repo) as Importer<unknown>,
    };
    importer = byKind[command.kind]();
  } else {
    const repo = InventoryRepository.open(db);
    if (command.kind === 'locations') {
      client = new GraphClient({ caller: 'inventory', secret: config.identitySecret, timeoutMs: config.callTimeoutMs });
      const markets = new MarketDirectory(catalogMarketSource(client, () => config.urls.catalog));
      importer = locationImporter(repo, clock, async (code) => (await markets.get(code)) !== null) as Importer<unknown>;
    } else {
      importer = stockImporter(repo, clock) as Importer<unknown>;
    }
  }
  try {
    const result = await runImport(importer, command.file, { rejectsFile: command.rejectsFile, restart: command.restart, batchSize: command.batchSize, signal: options.signal, progress: options.progress });
    // a run of the prices' import is one event of the catalog's audit trail, with its counts
    if (command.kind === 'prices') {
      await recordPriceImport(db, { keyId: options.keyId ?? importKeyId() }, clock.now().toISOString(), {
        runId: randomUUID(), file: basename(command.file), rows: result.rows, accepted: result.accepted, rejected: result.rejected, complete: result.complete, resumedAfterLine: result.resumedAfterLine,
      });
    }
    return result;
  } finally {
    await client?.close();
  }
}

async function main(): Promise<number> {
  const command = parseArgs(process.argv.slice(2));
  if (typeof command === 'string') {
    console.error(command);
    return 2;
  }
  let config: ServiceConfig;
  try {
    config = commandConfig(OWNER[command.kind]);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return 2;
  }
  const db = await openDatabase({ service: config.name, dataDir: config.dataDir, file: config.databaseFile, url: config.databaseUrl, schema: config.databaseSchema, migrations: migrationsOf(command.kind) });
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    process.stderr.write('\nstopping after the current batch (Ctrl-C again to quit at once; the batch being written is then rolled back)…\n');
  });
  try {
    const result = await importInto(db, config, command, { signal: stop.signal, progress: terminalProgress(command.kind) });
    const summary = `${result.kind}: ${result.rows} rows, ${result.accepted} accepted, ${result.rejected} rejected${result.rejected ? ` (reasons in ${result.rejectsFile})` : ''}`;
    if (!result.complete) {
      console.log(`${summary}; interrupted. Run the same command again to resume.`);
      return 130;
    }
    console.log(result.resumedAfterLine ? `${summary} (resumed after line ${result.resumedAfterLine})` : summary);
    return result.rejected ? 1 : 0;
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(e.message);
      return 2;
    }
    console.error(`import stopped: ${(e as Error).message}. What was written so far stays; run the same command again to resume.`);
    return 3;
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(await main());
