/**
 * npm run reconcile:payments -- FILE.csv --from ISO --to ISO [--grace 10s] [--out report.csv]
 *
 * Compares a payment provider's settlement file with the orders of the period (docs/reconciliation.md):
 * writes a CSV report (default: reconciliation-<from>-<to>.csv), prints a summary, and stores the
 * summary in the orders database, where the `paymentReconciliation` query reads the latest one.
 * The orders are read from a read-only connection; the orders database is configured like the
 * orders service (DATA_DIR, ORDERS_DATABASE_FILE, ORDERS_DATABASE_URL / DATABASE_URL,
 * ORDERS_DATABASE_SCHEMA). Progress goes to standard error. Exit codes: 0 done (discrepancies
 * are data, not failures), 2 bad arguments, configuration or settlement header, 1 failure.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { ordersConfigForCommand } from './ordersCommand.ts';
import { systemClock } from '../common/clock.ts';
import { formatMinor } from '../common/money.ts';
import { openServiceDatabase } from '../common/service.ts';
import { migrations } from '../subgraphs/orders/src/data/migrations.ts';
import { ReconciliationRepository } from '../subgraphs/orders/src/data/reconciliationRepository.ts';
import { openReadOnlyOrders } from '../subgraphs/orders/src/services/exportSource.ts';
import { CATEGORIES, type ReconciliationSummary } from '../subgraphs/orders/src/services/reconciliation.ts';
import { reconcilePayments, SettlementFileError } from '../subgraphs/orders/src/services/reconciliationRun.ts';
import { flag, parseInstant } from './export-orders.ts';

export const USAGE = 'usage: npm run reconcile:payments -- FILE.csv --from ISO --to ISO [--grace 10s] [--out report.csv]';

export interface ReconcileArgs {
  file: string;
  from: string;
  to: string;
  graceMs: number;
  out: string;
}

/** "10s", "500ms", "2m", "1h" or plain seconds → ms; null when invalid. */
export function parseDuration(value: string): number | null {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) return null;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
}

export function parseReconcileArgs(args: string[]): ReconcileArgs | string {
  const values = new Set(['--from', '--to', '--grace', '--out'].map((f) => args.indexOf(f) + 1).filter((i) => i > 0));
  const file = args.find((a, i) => !a.startsWith('--') && !values.has(i));
  if (!file) return 'name the settlement file';
  if (!existsSync(file)) return `no such file: ${file}`;
  const from = parseInstant(flag(args, '--from'));
  const to = parseInstant(flag(args, '--to'));
  if (!from || !to) return '--from and --to must be ISO-8601 instants with a zone (2026-11-01T00:00:00Z) or dates (2026-11-01, UTC)';
  if (from >= to) return '--from must be before --to';
  const graceMs = parseDuration(flag(args, '--grace') ?? '10s');
  if (graceMs === null || graceMs > 24 * 3_600_000) return '--grace must be a duration such as 10s, 500ms, 2m (at most 24h)';
  const out = flag(args, '--out') ?? `reconciliation-${from.slice(0, 19).replace(/:/g, '')}-${to.slice(0, 19).replace(/:/g, '')}.csv`;
  return { file, from, to, graceMs, out };
}

/** The printed summary. */
export function summaryText(s: ReconciliationSummary, reportFile: string): string {
  const width = Math.max(...CATEGORIES.map((c) => c.length));
  const totals = Object.entries(s.totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, t]) => `  ${c}: orders ${formatMinor(t.orderedMinor, c)}, settled ${formatMinor(t.settledMinor, c)}`);
  return [
    `Payment reconciliation ${s.from} … ${s.to} (grace ${s.graceMs / 1000}s), settlement file ${s.source}`,
    `  settlement rows ${s.settlementRows}, outside the period ${s.outsidePeriod}, orders without payment reference ${s.ordersWithoutPaymentReference}`,
    ...CATEGORIES.map((c) => `  ${c.padEnd(width)} ${s.counts[c]}`),
    ...totals,
    `Report: ${reportFile}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseReconcileArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  const config = ordersConfigForCommand();
  if (!config) return 2;
  const source = await openReadOnlyOrders(config);
  const report = createWriteStream(args.out);
  const started = performance.now();
  // the process's peak resident set so far (getrusage), MB
  const peakRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  let summary: ReconciliationSummary;
  try {
    summary = await reconcilePayments({
      file: args.file,
      period: { from: args.from, to: args.to, graceMs: args.graceMs },
      orders: source,
      report,
      clock: systemClock,
      onProgress: (phase, count) => {
        const what = { settlement: 'settlement rows read', orders: 'orders read', matching: 'references matched' }[phase];
        process.stderr.write(`reconcile: ${count} ${what} (${((performance.now() - started) / 1000).toFixed(1)} s, peak rss ${peakRssMb()} MB)\n`);
      },
    });
  } catch (e) {
    if (e instanceof SettlementFileError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  } finally {
    report.end();
    await source.close();
  }
  await finished(report);
  const db = await openServiceDatabase(config, migrations);
  try {
    await new ReconciliationRepository(db).save(summary);
  } finally {
    await db.close();
  }
  console.log(summaryText(summary, args.out));
  process.stderr.write(`reconcile: done in ${((performance.now() - started) / 1000).toFixed(1)} s, peak rss ${peakRssMb()} MB\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`reconciliation failed: ${e.message}`);
      process.exit(1);
    },
  );
}
