/**
 * npm run export:coupons -- --batch ID [--format csv|ndjson] [--out FILE]
 *
 * Streams every code of a coupon batch with its state (UNUSED, or REDEEMED with the orders that
 * redeemed it and when) in code order, as CSV (default: a spreadsheet, the print shop, a newsletter
 * tool) or NDJSON, to FILE or standard output, page by page in constant memory, from the promotions
 * database (configured like the promotions service: DATA_DIR, PROMOTIONS_DATABASE_FILE,
 * PROMOTIONS_DATABASE_URL / DATABASE_URL, PROMOTIONS_DATABASE_SCHEMA). The batch id is what
 * `generateCouponCodes` answers (`batch { id }`). Progress goes to standard error.
 * Exit codes: 0 done, 2 bad arguments, configuration or unknown batch, 1 failure.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadServiceConfig } from '../common/config.ts';
import { openServiceDatabase } from '../common/service.ts';
import { CouponExportRepository } from '../subgraphs/promotions/src/data/couponExportRepository.ts';
import { migrations } from '../subgraphs/promotions/src/data/migrations.ts';
import { CouponBatchNotFound, exportCouponBatch, type CouponExportFormat } from '../subgraphs/promotions/src/services/couponExport.ts';

export const USAGE = 'usage: npm run export:coupons -- --batch ID [--format csv|ndjson] [--out FILE]';

export interface CouponExportArgs {
  batch: string;
  format: CouponExportFormat;
  out: string | null;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Parses the command line; a string is the error to print. */
export function parseCouponExportArgs(args: string[]): CouponExportArgs | string {
  const batch = flag(args, '--batch')?.trim();
  if (!batch || batch.startsWith('--')) return '--batch needs the id of a coupon batch (generateCouponCodes answers it)';
  const format = (flag(args, '--format') ?? 'csv') as CouponExportFormat;
  if (format !== 'csv' && format !== 'ndjson') return '--format must be csv or ndjson';
  const out = flag(args, '--out') ?? null;
  if (args.includes('--out') && (!out || out.startsWith('--'))) return '--out needs a file name';
  return { batch, format, out };
}

async function main(): Promise<number> {
  const args = parseCouponExportArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  let config;
  try {
    config = loadServiceConfig('promotions');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return 2;
  }
  // an export reads what the service wrote: never create an empty database
  const file = config.databaseFile ?? join(config.dataDir ?? 'data', 'promotions.sqlite');
  if (!config.databaseUrl && !existsSync(file)) {
    console.error(`No promotions database at ${file} (set DATA_DIR or PROMOTIONS_DATABASE_FILE as for the service).`);
    return 2;
  }
  const db = await openServiceDatabase(config, migrations);
  const out: Writable = args.out ? createWriteStream(args.out) : process.stdout;
  const started = performance.now();
  let lastReport = 0;
  try {
    const done = await exportCouponBatch(new CouponExportRepository(db), args.batch, out, {
      format: args.format,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastReport < 1000) return;
        lastReport = now;
        process.stderr.write(`export: ${p.codes} of ${p.total} codes\n`);
      },
    });
    if (args.out) {
      out.end();
      await finished(out);
    }
    process.stderr.write(`export: ${done.codes} codes (${done.redeemed} redeemed) of batch ${args.batch} as ${args.format} in ${((performance.now() - started) / 1000).toFixed(1)} s${args.out ? ` → ${args.out}` : ''}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CouponBatchNotFound) {
      console.error(e.message);
      return 2;
    }
    throw e;
  } finally {
    await db.close();
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
