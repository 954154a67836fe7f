/**
 * npm run export:orders -- --from ISO --to ISO [--format ndjson|csv] [--out FILE] [--batch N]
 *
 * Streams every order with from ≤ createdAt < to, oldest first, as NDJSON (default) or CSV, to
 * FILE or standard output, in batches (keyset pagination) from a read-only connection to the orders
 * database (configured like the orders service: DATA_DIR, ORDERS_DATABASE_FILE,
 * ORDERS_DATABASE_URL / DATABASE_URL, ORDERS_DATABASE_SCHEMA). Progress goes to standard error.
 * Exit codes: 0 done, 2 bad arguments or configuration, 1 failure.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { ordersConfigForCommand } from './ordersCommand.ts';
import { exportOrders, type ExportFormat } from '../subgraphs/orders/src/services/export.ts';
import { openReadOnlyOrders } from '../subgraphs/orders/src/services/exportSource.ts';

export const USAGE = 'usage: npm run export:orders -- --from ISO --to ISO [--format ndjson|csv] [--out FILE] [--batch N]';

export interface ExportArgs {
  from: string;
  to: string;
  format: ExportFormat;
  out: string | null;
  batch: number;
}

/** A flag's value: `--name value` or `--name=value`. */
export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** An ISO-8601 instant with a time zone, normalised to UTC milliseconds (as stored), or null. */
export function parseInstant(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Parses the command line; a string is the error to print. */
export function parseExportArgs(args: string[]): ExportArgs | string {
  const from = parseInstant(flag(args, '--from'));
  const to = parseInstant(flag(args, '--to'));
  if (!from || !to) return '--from and --to must be ISO-8601 instants with a zone (2026-11-01T00:00:00Z) or dates (2026-11-01, UTC)';
  if (from >= to) return '--from must be before --to';
  const format = (flag(args, '--format') ?? 'ndjson') as ExportFormat;
  if (format !== 'ndjson' && format !== 'csv') return '--format must be ndjson or csv';
  const batch = Number(flag(args, '--batch') ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) return '--batch must be an integer from 1 to 100000';
  const out = flag(args, '--out') ?? null;
  if (args.includes('--out') && !out) return '--out needs a file name';
  return { from, to, format, out, batch };
}

async function main(): Promise<number> {
  const args = parseExportArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  const config = ordersConfigForCommand();
  if (!config) return 2;
  const source = await openReadOnlyOrders(config);
  const out: Writable = args.out ? createWriteStream(args.out) : process.stdout;
  const started = performance.now();
  let lastReport = 0;
  try {
    const done = await exportOrders(source, out, {
      ...args,
      batchSize: args.batch,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < 1000) return;
        lastReport = now;
        process.stderr.write(`export: ${p.orders} orders (up to ${p.lastCreatedAt})\n`);
      },
    });
    if (args.out) {
      out.end();
      await finished(out);
    }
    process.stderr.write(`export: ${done.orders} orders from ${args.from} to ${args.to} as ${args.format} in ${((performance.now() - started) / 1000).toFixed(1)} s${args.out ? ` → ${args.out}` : ''}\n`);
    return 0;
  } finally {
    await source.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`export failed: ${e.message}`);
      process.exit(1);
    },
  );
}
