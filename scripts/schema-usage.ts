/**
 * npm run schema:usage -- [--since 30d] [--json] [--usage FILE]
 *   field usage per client recorded by the gateway: coordinate, client, version, operations, first and last day.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDays, UsageStore, windowStart } from '../common/schemaCheck/usageStore.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const env = process.env;
const file = resolve(arg('--usage') ?? env.USAGE_DATABASE_FILE ?? `${env.DATA_DIR ?? 'data'}/usage.sqlite`);
const url = arg('--usage') ? undefined : env.USAGE_DATABASE_URL;
let days: number;
try {
  days = parseDays(arg('--since') ?? '30d');
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if (!url && !existsSync(file)) {
  console.error(`No usage recorded: ${file} does not exist (the gateway writes it; see USAGE_DATABASE_FILE).`);
  process.exit(1);
}
const since = windowStart(new Date(), days);
const store = await UsageStore.open({ file, url });
const rows = await store.since(since);
await store.close();
if (argv.includes('--json')) {
  console.log(JSON.stringify({ since, days, usage: rows }, null, 2));
} else {
  console.log(`field usage since ${since} (${days} days): ${rows.length} rows`);
  for (const r of rows) console.log(`${r.coordinate}\t${r.clientName} ${r.clientVersion}\t${r.count}\t${r.firstDay}..${r.lastDay}`);
}
