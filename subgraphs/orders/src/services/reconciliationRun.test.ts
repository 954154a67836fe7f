import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../common/clock.ts';
import type { ServiceConfig } from '../../../../common/config.ts';
import { openServiceDatabase } from '../../../../common/service.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { fixtureOrder, insertOrders } from '../../../../test/support/orders.ts';
import { testConfig } from '../../../../test/support/subgraph.ts';
import { migrations } from '../data/migrations.ts';
import { openReadOnlyOrders } from './exportSource.ts';
import { REPORT_COLUMNS, splitCsvLine } from './reconciliation.ts';
import { reconcilePayments, SettlementFileError } from './reconciliationRun.ts';

const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-11-02T00:00:00.000Z';
const clock = fixedClock(new Date('2026-11-02T06:00:00.000Z'), false);

describe('reconcilePayments (settlement file × orders database)', () => {
  let config: ServiceConfig;
  let db: Db;
  const dir = mkdtempSync(join(tmpdir(), 'cg-settle-'));
  const work = mkdtempSync(join(tmpdir(), 'cg-settle-work-'));

  beforeAll(async () => {
    config = testConfig('orders');
    db = await openServiceDatabase(config, migrations);
    await insertOrders(db, [
      fixtureOrder({ id: 'o-matched', createdAt: '2026-11-01T10:00:00.000Z', paymentReference: 'psp-matched', totalMinor: 1999, paymentAmountMinor: 1999 }),
      fixtureOrder({ id: 'o-mismatch', createdAt: '2026-11-01T11:00:00.000Z', paymentReference: 'psp-mismatch', totalMinor: 5000, paymentAmountMinor: 5000 }),
      fixtureOrder({ id: 'o-unpaid', createdAt: '2026-11-01T12:00:00.000Z', paymentReference: 'psp-unpaid', totalMinor: 700, paymentAmountMinor: 700 }),
      fixtureOrder({ id: 'o-twice', createdAt: '2026-11-01T13:00:00.000Z', paymentReference: 'psp-twice', totalMinor: 1200, paymentAmountMinor: 1200 }),
      // written 3 s after the period, paid 2 s before its end
      fixtureOrder({ id: 'o-boundary', createdAt: '2026-11-02T00:00:03.000Z', paymentReference: 'psp-boundary', totalMinor: 900, paymentAmountMinor: 900 }),
      // the previous day's order, far outside: not read
      fixtureOrder({ id: 'o-before', createdAt: '2026-10-31T09:00:00.000Z', paymentReference: 'psp-before', totalMinor: 100, paymentAmountMinor: 100 }),
      fixtureOrder({ id: 'o-cash', createdAt: '2026-11-01T15:00:00.000Z', paymentReference: null, paymentAmountMinor: null, source: 'IMPORT', cartId: null, externalId: 'till-1' }),
      fixtureOrder({ id: 'o-yen', createdAt: '2026-11-01T16:00:00.000Z', paymentReference: 'psp-yen', currencyCode: 'JPY', market: 'JP', totalMinor: 5000, paymentAmountMinor: 5000 }),
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function run(csv: string) {
    const file = join(dir, `settlement-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, csv);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const source = await openReadOnlyOrders(config);
    const progress: string[] = [];
    try {
      const summary = await reconcilePayments({ file, period: { from: FROM, to: TO, graceMs: 10_000 }, orders: source, report: out, clock, workDir: work, onProgress: (phase) => progress.push(phase) });
      const [header, ...rows] = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
      return { summary, header, rows: rows.map((r) => Object.fromEntries(splitCsvLine(r).map((v, i) => [REPORT_COLUMNS[i], v]))), progress };
    } finally {
      await source.close();
    }
  }

  it('classifies every entry, writes the report and sums up', async () => {
    const { summary, header, rows, progress } = await run(
      [
        'paid_at,payment_reference,amount,currency,fee',
        '2026-11-01T10:00:05Z,psp-matched,19.99,EUR,0.30',
        '2026-11-01T11:00:05Z,psp-mismatch,49.00,EUR,0.30',
        '2026-11-01T13:00:05Z,psp-twice,12.00,EUR,0.30',
        '2026-11-01T13:00:09Z,psp-twice,12.00,EUR,0.30',
        '2026-11-01T14:00:00Z,psp-stranger,5.00,EUR,0.30',
        '2026-11-01T23:59:58Z,psp-boundary,9.00,EUR,0.30',
        '2026-11-01T16:00:01Z,psp-yen,5000,JPY,0',
        '2026-11-02T05:00:00Z,psp-tomorrow,1.00,EUR,0.30',
        '2026-11-01T17:00:00Z,psp-broken,12.345,EUR,0.30',
        '',
      ].join('\r\n'),
    );
    expect(header).toBe(REPORT_COLUMNS.join(','));
    const brief = rows.map((r) => [r.category, r.payment_reference, r.order_id, r.order_amount, r.payment_amount, r.settlement_line, r.note]);
    expect(brief).toEqual([
      ['INVALID_ROW', '', '', '', '', '', expect.stringMatching(/^line 10: invalid amount/)],
      ['MATCHED', 'psp-boundary', 'o-boundary', '9.00', '9.00', '7', ''],
      ['MATCHED', 'psp-matched', 'o-matched', '19.99', '19.99', '2', ''],
      ['AMOUNT_MISMATCH', 'psp-mismatch', 'o-mismatch', '50.00', '49.00', '3', ''],
      ['PAYMENT_WITHOUT_ORDER', 'psp-stranger', '', '', '5.00', '6', ''],
      ['MATCHED', 'psp-twice', 'o-twice', '12.00', '12.00', '4', ''],
      ['DUPLICATE_PAYMENT', 'psp-twice', '', '', '12.00', '5', ''],
      ['ORDER_WITHOUT_PAYMENT', 'psp-unpaid', 'o-unpaid', '7.00', '', '', ''],
      ['MATCHED', 'psp-yen', 'o-yen', '5000', '5000', '8', ''],
    ]);
    expect(summary).toMatchObject({
      from: FROM,
      to: TO,
      graceMs: 10_000,
      settlementRows: 9,
      outsidePeriod: 1,
      ordersWithoutPaymentReference: 1,
      counts: { MATCHED: 4, ORDER_WITHOUT_PAYMENT: 1, PAYMENT_WITHOUT_ORDER: 1, AMOUNT_MISMATCH: 1, DUPLICATE_PAYMENT: 1, INVALID_ROW: 1 },
      totals: { EUR: { orderedMinor: 1999 + 5000 + 700 + 1200 + 900, settledMinor: 1999 + 4900 + 1200 + 1200 + 500 + 900 }, JPY: { orderedMinor: 5000, settledMinor: 5000 } },
      startedAt: '2026-11-02T06:00:00.000Z',
    });
    expect(summary.samples.map((s) => s.category)).toEqual(['INVALID_ROW', 'AMOUNT_MISMATCH', 'PAYMENT_WITHOUT_ORDER', 'DUPLICATE_PAYMENT', 'ORDER_WITHOUT_PAYMENT']);
    expect(progress).toEqual(expect.arrayContaining(['settlement', 'orders', 'matching']));
    expect(readdirSync(work)).toEqual([]); // the scratch database is gone
  });

  it('matches refunds paid out with the refund rows (negative amounts) of the settlement file', async () => {
    const refund = (id: string, orderId: string, reference: string | null, minor: number, currency: string, at: string, status = 'SUCCEEDED') =>
      db.run(
        `INSERT INTO refunds (id, order_id, action_id, amount_minor, currency_code, payment_reference, status, provider, provider_reference, provider_key, tries, failure, created_at, updated_at)
         VALUES (?, ?, 'a', ?, ?, ?, ?, 'http', 're_1', ?, 1, NULL, ?, ?)`,
        [id, orderId, minor, currency, reference, status, `${id}:1`, at, at],
      );
    await refund('r-matched', 'o-twice', 'psp-twice', 400, 'EUR', '2026-11-01T18:00:00.000Z');
    await refund('r-yen', 'o-yen', 'psp-yen', 1250, 'JPY', '2026-11-01T18:00:00.000Z');
    await refund('r-unsettled', 'o-mismatch', 'psp-mismatch', 100, 'EUR', '2026-11-01T19:00:00.000Z');
    await refund('r-refused', 'o-unpaid', 'psp-unpaid', 700, 'EUR', '2026-11-01T19:00:00.000Z', 'REFUSED');
    await refund('r-cash', 'o-cash', null, 300, 'EUR', '2026-11-01T19:00:00.000Z');
    await refund('r-later', 'o-matched', 'psp-matched', 100, 'EUR', '2026-11-03T19:00:00.000Z');
    const { summary, rows } = await run(
      [
        'paid_at,payment_reference,amount,currency',
        '2026-11-01T13:00:05Z,psp-twice,12.00,EUR',
        '2026-11-01T18:00:02Z,psp-twice,-4.00,EUR',
        '2026-11-01T18:00:03Z,psp-yen,-1251,JPY',
        '2026-11-01T20:00:00Z,psp-stranger,-2.00,EUR',
        '',
      ].join('\n'),
    );
    const refunds = rows.filter((r) => r.category.includes('REFUND')).map((r) => [r.category, r.payment_reference, r.order_amount, r.payment_amount]);
    expect(refunds).toEqual([
      ['REFUND_WITHOUT_SETTLEMENT', 'psp-mismatch', '-1.00', ''],
      ['SETTLED_REFUND_WITHOUT_REFUND', 'psp-stranger', '', '-2.00'],
      ['REFUND_MATCHED', 'psp-twice', '-4.00', '-4.00'],
      ['REFUND_AMOUNT_MISMATCH', 'psp-yen', '-1250', '-1251'],
    ]);
    expect(summary.counts).toMatchObject({ REFUND_MATCHED: 1, REFUND_WITHOUT_SETTLEMENT: 1, SETTLED_REFUND_WITHOUT_REFUND: 1, REFUND_AMOUNT_MISMATCH: 1, DUPLICATE_REFUND: 0 });
    // the payment of psp-twice still matches its order: refunds are a side of their own
    expect(rows.find((r) => r.category === 'MATCHED' && r.payment_reference === 'psp-twice')).toBeTruthy();
  });

  it('refuses a file without the expected header', async () => {
    await expect(run('ref;amount\npsp-1;1.00\n')).rejects.toBeInstanceOf(SettlementFileError);
    await expect(run('')).rejects.toThrow(/empty/);
    expect(readdirSync(work)).toEqual([]);
  });
});
