/**
 * npm run bench:reconciliation [-- --quick] — memory and time of `npm run reconcile:payments` on a
 * generated settlement file of 1,000,000 rows (100,000 with --quick) against as many orders, next
 * to a run on 10,000 rows, and once more with the JavaScript heap capped at 64 MB
 * (--max-old-space-size): it completes, so what it keeps does not grow with the file (both sides
 * are sorted on disk). Writes bench/results/reconciliation.json. The command runs as its own
 * process, measured with getrusage.
 *
 * The data: one order per payment reference, paid the same day, with 0.1 % each of amount
 * mismatches, duplicate payments, orders without payment and payments without order, and a
 * few payments at the period boundary.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../common/storage/index.ts';
import { migrations } from '../subgraphs/orders/src/data/migrations.ts';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const FROM = Date.parse('2026-11-01T00:00:00Z');
const DAY = 24 * 3600_000;

interface Measured {
  rows: number;
  heapCapMB: number | null;
  fileMB: number;
  seconds: number;
  peakRssMB: number;
  summary: string;
}

async function measure(rows: number, heapCapsMB: (number | null)[]): Promise<Measured[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-reconcile-'));
  try {
    // the orders database, migrated like the service's, filled in bulk
    const file = join(dir, 'orders.sqlite');
    await (await openDatabase({ service: 'orders', file, migrations })).close();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insert = db.prepare(
      `INSERT INTO orders (id, number, status, market, channel, currency_code, cart_id, lines, promotion, subtotal_minor, discount_minor, total_minor,
         shipping_address, payment_reference, payment_amount_minor, source, external_id, created_at)
       VALUES (?, ?, 'PLACED', 'DE', 'web', 'EUR', NULL, '[]', '{}', ?, 0, ?, NULL, ?, ?, 'CART', NULL, ?)`,
    );
    const settlement = join(dir, 'settlement.csv');
    const out = createWriteStream(settlement);
    const put = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await put('payment_reference,amount,currency,paid_at,fee\n');
    const fill = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        if (i % 1000 === 3) continue; // a payment without order
        const amount = 500 + ((i * 7919) % 20_000);
        const at = new Date(FROM + Math.floor((i / rows) * DAY)).toISOString();
        insert.run(`o-${i}`, String(100000 + i), amount, amount, `psp-${i}`, amount, at);
      }
    });
    let csv = '';
    for (let i = 0; i < rows; i++) {
      if (i % 10_000 === 0) fill(i, Math.min(rows, i + 10_000));
      if (i % 1000 === 5) continue; // an order without payment
      const amount = 500 + ((i * 7919) % 20_000) - (i % 1000 === 7 ? 1 : 0); // an amount mismatch
      const paid = i === rows - 1 ? FROM + DAY - 2000 : FROM + Math.floor((i / rows) * DAY) + 1500;
      const line = `psp-${i},${(amount / 100).toFixed(2)},EUR,${new Date(paid).toISOString()},0.25\n`;
      csv += i % 1000 === 9 ? line + line : line; // a duplicate payment
      if (csv.length > 1 << 16) {
        await put(csv);
        csv = '';
      }
    }
    await put(csv);
    out.end();
    await once(out, 'finish');
    db.close();

    const results: Measured[] = [];
    for (const heapCapMB of heapCapsMB) {
      const started = performance.now();
      const res = await run(
        process.execPath,
        [...(heapCapMB ? [`--max-old-space-size=${heapCapMB}`] : []), '--import', 'tsx', 'scripts/reconcile-payments.ts', settlement,
          '--from', new Date(FROM).toISOString(), '--to', new Date(FROM + DAY).toISOString(), '--out', join(dir, 'report.csv')],
        { env: { ...process.env, DATA_DIR: dir, ORDERS_DATABASE_FILE: file, LOG_LEVEL: 'warn' }, maxBuffer: 1 << 26 },
      );
      const seconds = (performance.now() - started) / 1000;
      const peak = /peak rss (\d+) MB/.exec(res.stderr.split('\n').filter(Boolean).at(-1) ?? '');
      if (!peak) throw new Error(`no peak RSS in the output:\n${res.stderr}`);
      results.push({ rows, heapCapMB, fileMB: Math.round(statSync(settlement).size / 2 ** 20), seconds: Math.round(seconds * 10) / 10, peakRssMB: Number(peak[1]), summary: res.stdout.trim() });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [small] = await measure(10_000, [null]);
console.log(`10,000 rows: ${small.seconds} s, peak RSS ${small.peakRssMB} MB`);
const [large, capped] = await measure(quick ? 100_000 : 1_000_000, [null, 64]);
console.log(`${large.rows.toLocaleString('en')} rows (${large.fileMB} MB): ${large.seconds} s, peak RSS ${large.peakRssMB} MB\n${large.summary}`);
console.log(`the same with a 64 MB heap cap: ${capped.seconds} s, peak RSS ${capped.peakRssMB} MB`);
mkdirSync('bench/results', { recursive: true });
const result = {
  benchmark: 'npm run reconcile:payments: settlement rows against as many orders (SQLite), measured as its own process',
  quick,
  node: process.version,
  at: new Date().toISOString(),
  runs: [small, large, capped].map(({ summary, ...r }) => ({ ...r, summary: summary.split('\n') })),
};
writeFileSync(`bench/results/reconciliation${quick ? '.quick' : ''}.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(`→ bench/results/reconciliation${quick ? '.quick' : ''}.json`);
