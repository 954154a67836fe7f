/**
 * npm run dead-letters -- list [--first N] [--after CURSOR] | show ID | replay ID  [--service orders|catalog|inventory]
 *
 * Operators' view of webhook deliveries that failed for good (docs/events.md). Works on the orders
 * database directly, opened with the same configuration as the orders service (DATA_DIR,
 * ORDERS_DATABASE_FILE, ORDERS_DATABASE_URL / DATABASE_URL, ORDERS_DATABASE_SCHEMA). A replayed
 * delivery is sent by the running service's relay on its next round.
 */
import { pathToFileURL } from 'node:url';
import { systemClock } from '../common/clock.ts';
import { ConfigError, loadServiceConfig } from '../common/config.ts';
import { openDatabase, type Db } from '../common/storage/index.ts';
import { DeliveriesRepository } from '../common/events/deliveriesRepository.ts';
import { migrations } from '../subgraphs/orders/src/data/migrations.ts';
import { migrations as catalogMigrations } from '../subgraphs/catalog/src/data/migrations.ts';
import { migrations as inventoryMigrations } from '../subgraphs/inventory/src/data/migrations.ts';
import { deadLetterCursor, deliveryView, parseDeadLetterCursor } from '../subgraphs/orders/src/services/deadLetters.ts';

const USAGE = 'usage: npm run dead-letters -- list [--first N] [--after CURSOR] | show ID | replay ID';

/** Runs one command; returns the exit code. */
export async function runCommand(db: Db, args: string[], out: (line: string) => void): Promise<number> {
  const repo = new DeliveriesRepository(db);
  const [command, ...rest] = args;
  if (command === 'list') {
    const flag = (name: string) => {
      const i = rest.indexOf(name);
      return i >= 0 ? rest[i + 1] : undefined;
    };
    const first = Number(flag('--first') ?? 50);
    if (!Number.isInteger(first) || first < 1) {
      out('--first must be a positive integer');
      return 2;
    }
    const page = await repo.deadLetters(first, parseDeadLetterCursor(flag('--after')));
    out(`${page.totalCount} dead letter(s)`);
    for (const d of page.items) {
      out([d.id, d.dead_at, d.event_type, d.event_id, `order=${d.aggregate_id}`, d.subscriber, `attempts=${d.attempts}`, d.last_error ?? ''].join('\t'));
    }
    if (page.hasNextPage) out(`more: --after ${deadLetterCursor(page.items[page.items.length - 1])}`);
    return 0;
  }
  if ((command === 'show' || command === 'replay') && rest[0]) {
    const id = rest[0];
    if (command === 'show') {
      const row = await repo.get(id);
      if (!row) {
        out(`no webhook delivery with id ${id}`);
        return 1;
      }
      out(JSON.stringify(deliveryView(row), null, 2));
      return 0;
    }
    const { row, replayed } = await repo.replay(id, systemClock.now().toISOString());
    if (!row) {
      out(`no webhook delivery with id ${id}`);
      return 1;
    }
    out(replayed ? `replayed ${id}: pending, due now` : `not replayed: ${id} is ${row.status} (only DEAD deliveries are replayed)`);
    return 0;
  }
  out(USAGE);
  return 2;
}

async function main(): Promise<void> {
  let code: number;
  try {
    // --service catalog|inventory: their change events' dead letters (default: orders)
    const args = process.argv.slice(2);
    const at = args.indexOf('--service');
    const service = at >= 0 ? args[at + 1] : 'orders';
    if (at >= 0) args.splice(at, 2);
    const owned = { orders: migrations, catalog: catalogMigrations, inventory: inventoryMigrations } as const;
    if (!(service in owned)) throw new ConfigError(`--service must be orders, catalog or inventory (got ${service})`);
    const name = service as keyof typeof owned;
    const config = loadServiceConfig(name);
    const db = await openDatabase({ service: name, dataDir: config.dataDir, file: config.databaseFile, url: config.databaseUrl, schema: config.databaseSchema, migrations: owned[name] });
    try {
      code = await runCommand(db, args, (line) => console.log(line));
    } finally {
      await db.close();
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    code = 2;
  }
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
