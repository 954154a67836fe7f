/**
 * npm run bench:coupon-export [-- --quick]
 *
 * Exports a batch of 1,000,000 coupon codes (100,000 with --quick), 1 % of them redeemed (some by two
 * orders, some released again), as CSV and as NDJSON to a file, through the same code as
 * `npm run export:coupons`, and measures wall time, throughput and peak memory (resident set size
 * above the level before the export: constant memory means it does not grow with the batch). Target:
 * 1,000,000 codes in ≤ 15 s. The codes are generated with the service's CouponGenerator in a fresh
 * SQLite database in a temporary directory (removed afterwards).
 *
 * Writes bench/results/coupon-export.json and prints a table. Timings depend on the machine and its
 * load (noted with the results).
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ManualClock } from '../common/clock.ts';
import { createLogger } from '../common/log.ts';
import { openDatabase } from '../common/storage/index.ts';
import { CouponExportRepository } from '../subgraphs/promotions/src/data/couponExportRepository.ts';
import { CouponRepository, tuneForCouponBatches } from '../subgraphs/promotions/src/data/couponRepository.ts';
import { migrations } from '../subgraphs/promotions/src/data/migrations.ts';
import { BackgroundTasks } from '../subgraphs/promotions/src/services/background.ts';
import { CouponGenerator } from '../subgraphs/promotions/src/services/couponGenerator.ts';
import { exportCouponBatch, type CouponExportFormat } from '../subgraphs/promotions/src/services/couponExport.ts';

const quick = process.argv.includes('--quick');
const CODES = quick ? 100_000 : 1_000_000;
const TARGET_SECONDS = 15;
const AT = '2026-11-01T10:00:00.000Z';
const log = createLogger('bench', 'silent');

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'bench-coupon-export-'));
  try {
    const db = await openDatabase({ service: 'promotions', file: join(dir, 'promotions.sqlite'), migrations });
    await tuneForCouponBatches(db);
    await db.run(
      `INSERT INTO campaigns (id, market, name, stacking, coupon_required, effect, created_at, updated_at)
       VALUES ('bench-campaign', 'DE', 'Newsletter', 'STACKABLE', 1, '{"type":"amountOffCart","args":{"amount":"1.00"}}', ?, ?)`,
      [AT, AT],
    );
    const repo = new CouponRepository(db);
    await repo.insertBatch({ id: 'bench-batch', campaign_id: 'bench-campaign', market: 'DE', pattern: 'NL-XXXX-XXXX', count: CODES, generated: 0, status: 'PENDING', error: null, created_at: AT, updated_at: AT });
    const background = new BackgroundTasks(log);
    console.log(`generating ${CODES.toLocaleString('en')} codes…`);
    new CouponGenerator(repo, background, new ManualClock(new Date(AT)), log).start('bench-batch');
    await background.idle();
    // 1 % redeemed: every 100th code; every 1,000th by a second order too; every 5,000th released again
    await db.run(
      `INSERT INTO redemptions (order_id, campaign_id, code, customer_id, status, created_at, released_at)
       SELECT 'order-' || code, campaign_id, code, NULL, 'ACTIVE', ?, NULL FROM discount_codes
       WHERE batch_id = 'bench-batch' AND rowid % 100 = 0`,
      [AT],
    );
    await db.run(
      `INSERT INTO redemptions (order_id, campaign_id, code, customer_id, status, created_at, released_at)
       SELECT 'order2-' || code, campaign_id, code, NULL, 'ACTIVE', ?, NULL FROM discount_codes
       WHERE batch_id = 'bench-batch' AND rowid % 1000 = 0`,
      [AT],
    );
    await db.run(`UPDATE redemptions SET status = 'RELEASED', released_at = ? WHERE order_id LIKE 'order-%' AND rowid % 50 = 0`, [AT]);
    const expectedRedeemed = Number((await db.get<{ n: number }>(`SELECT COUNT(DISTINCT code) AS n FROM redemptions WHERE status = 'ACTIVE'`))?.n);

    const runs = [];
    for (const format of ['csv', 'ndjson'] as CouponExportFormat[]) {
      global.gc?.();
      const file = join(dir, `codes.${format}`);
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = performance.now();
      const out = createWriteStream(file);
      const progress = await exportCouponBatch(new CouponExportRepository(db), 'bench-batch', out, { format });
      out.end();
      await finished(out);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (progress.codes !== CODES) throw new Error(`exported ${progress.codes} codes, expected ${CODES}`);
      if (progress.redeemed !== expectedRedeemed) throw new Error(`exported ${progress.redeemed} redeemed codes, expected ${expectedRedeemed}`);
      runs.push({
        format,
        codes: progress.codes,
        redeemed: progress.redeemed,
        seconds: +seconds.toFixed(2),
        codesPerSecond: Math.round(progress.codes / seconds),
        fileMiB: +(statSync(file).size / 1048576).toFixed(1),
        peakRssGrowthMiB: +((peak - rssBefore) / 1048576).toFixed(1),
        withinTarget: CODES < 1_000_000 || seconds <= TARGET_SECONDS,
      });
    }
    await db.close();
    const results = {
      mode: quick ? 'quick' : 'full',
      at: new Date().toISOString(),
      node: process.version,
      store: 'SQLite (file, WAL), in process',
      machine: { cpus: cpus().length, loadAverageBefore: +loadBefore.toFixed(2), loadAverageAfter: +loadavg()[0].toFixed(2) },
      target: `${(1_000_000).toLocaleString('en')} codes in ≤ ${TARGET_SECONDS} s`,
      runs,
      totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
    };
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/coupon-export${quick ? '-quick' : ''}.json`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
    console.table(runs);
    console.log(`load average ${results.machine.loadAverageBefore} → ${results.machine.loadAverageAfter} on ${results.machine.cpus} cores → bench/results/coupon-export${quick ? '-quick' : ''}.json`);
    return runs.every((r) => r.withinTarget) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`bench failed: ${e.message}`);
    process.exit(1);
  },
);
