import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../common/config.ts';
import { ReconciliationRepository } from '../subgraphs/orders/src/data/reconciliationRepository.ts';
import { emptyCounts } from '../subgraphs/orders/src/services/reconciliation.ts';
import { startOrders, type RunningOrders } from '../subgraphs/orders/server.ts';
import { parseDuration, parseReconcileArgs } from '../scripts/reconcile-payments.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { fixtureOrder, insertOrders } from './support/orders.ts';
import { callSubgraph, identities, quietLog, TEST_SECRET, testConfig } from './support/subgraph.ts';

const run = promisify(execFile);
const QUERY = `{ paymentReconciliation { from to graceSeconds source settlementRows outsidePeriod ordersWithoutPaymentReference
  counts { category count } totals { currencyCode ordered { amount } settled { amount } }
  samples { category paymentReference orderId orderAmount { amount currencyCode } paymentAmount { amount } paidAt settlementLine note } } }`;

describe('npm run reconcile:payments', () => {
  let config: ServiceConfig;
  let orders: RunningOrders;
  const dir = mkdtempSync(join(tmpdir(), 'cg-reconcile-e2e-'));

  beforeAll(async () => {
    config = testConfig('orders');
    orders = await startOrders({ config, log: quietLog, taskIntervalMs: 3_600_000 });
    await insertOrders(orders.db, [
      fixtureOrder({ id: 'o-1', createdAt: '2026-11-01T09:00:00.000Z', paymentReference: 'psp-1', totalMinor: 2500, paymentAmountMinor: 2500 }),
      fixtureOrder({ id: 'o-2', createdAt: '2026-11-02T00:00:03.000Z', paymentReference: 'psp-2', totalMinor: 1000, paymentAmountMinor: 1000 }),
      fixtureOrder({ id: 'o-3', createdAt: '2026-11-01T20:00:00.000Z', paymentReference: 'psp-3', totalMinor: 300, paymentAmountMinor: 300 }),
    ]);
    // a refund of 5.00 on o-1 that the payment provider paid out in the afternoon
    await orders.db.run(
      `INSERT INTO refunds (id, order_id, action_id, amount_minor, currency_code, payment_reference, status, provider, provider_reference, provider_key, tries, created_at, updated_at)
       VALUES ('rf-1', 'o-1', 'a-1', 500, 'EUR', 'psp-1', 'SUCCEEDED', 'http', 're_1', 'rf-1:1', 1, '2026-11-01T15:00:00.000Z', '2026-11-01T15:00:00.000Z')`,
    );
  });
  afterAll(async () => {
    await orders?.stop();
    await orders?.db.close();
  });

  const env = () => {
    const e: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: config.dataDir, IDENTITY_SECRET: TEST_SECRET };
    if (config.databaseUrl) Object.assign(e, { ORDERS_DATABASE_URL: config.databaseUrl, ORDERS_DATABASE_SCHEMA: config.databaseSchema });
    return e;
  };

  it('arguments', () => {
    const file = join(dir, 'exists.csv');
    writeFileSync(file, 'payment_reference,amount,currency,paid_at\n');
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('ten')).toBeNull();
    expect(parseReconcileArgs([file, '--from', '2026-11-01', '--to', '2026-11-02'])).toMatchObject({ file, graceMs: 10_000, out: 'reconciliation-2026-11-01T000000-2026-11-02T000000.csv' });
    expect(parseReconcileArgs(['--from', '2026-11-01', '--to', '2026-11-02', file, '--grace', '3s', '--out', 'r.csv'])).toMatchObject({ file, graceMs: 3000, out: 'r.csv' });
    expect(parseReconcileArgs(['--from', '2026-11-01', '--to', '2026-11-02'])).toMatch(/settlement file/);
    expect(parseReconcileArgs([join(dir, 'missing.csv'), '--from', '2026-11-01', '--to', '2026-11-02'])).toMatch(/no such file/);
    expect(parseReconcileArgs([file, '--from', '2026-11-01', '--to', '2026-11-02', '--grace', 'soon'])).toMatch(/--grace/);
  });

  it('writes the report, prints the summary, stores it for the paymentReconciliation query', async () => {
    const settlement = join(dir, 'settlement-2026-11-01.csv');
    writeFileSync(settlement, ['payment_reference,amount,currency,paid_at', 'psp-1,25.00,EUR,2026-11-01T09:00:02Z', 'psp-2,10.00,EUR,2026-11-01T23:59:58Z', 'psp-9,4.00,EUR,2026-11-01T21:00:00Z', 'psp-1,-5.00,EUR,2026-11-01T15:00:01Z', ''].join('\n'));
    const report = join(dir, 'report.csv');
    const res = await run(process.execPath, ['--import', 'tsx', 'scripts/reconcile-payments.ts', settlement, '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-02T00:00:00Z', '--grace', '10s', '--out', report], { env: env() });
    expect(res.stdout).toMatch(/MATCHED\s+2/);
    expect(res.stdout).toMatch(/ORDER_WITHOUT_PAYMENT\s+1/);
    expect(res.stdout).toMatch(/PAYMENT_WITHOUT_ORDER\s+1/);
    expect(res.stdout).toMatch(/REFUND_MATCHED\s+1/);
    expect(res.stdout).toContain(`Report: ${report}`);
    expect(res.stderr).toMatch(/reconcile: done in .* peak rss \d+ MB/);
    const lines = readFileSync(report, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^category,payment_reference,order_id/);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['MATCHED', 'MATCHED', 'ORDER_WITHOUT_PAYMENT', 'PAYMENT_WITHOUT_ORDER', 'REFUND_MATCHED']);

    const answer = await callSubgraph(orders.url, QUERY, {}, identities.operations);
    expect(answer.errors).toBeUndefined();
    const r = answer.data.paymentReconciliation;
    expect(r).toMatchObject({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', graceSeconds: 10, source: 'settlement-2026-11-01.csv', settlementRows: 4, outsidePeriod: 0 });
    expect(r.counts).toEqual([
      { category: 'MATCHED', count: 2 },
      { category: 'ORDER_WITHOUT_PAYMENT', count: 1 },
      { category: 'PAYMENT_WITHOUT_ORDER', count: 1 },
      { category: 'AMOUNT_MISMATCH', count: 0 },
      { category: 'DUPLICATE_PAYMENT', count: 0 },
      { category: 'INVALID_ROW', count: 0 },
      { category: 'REFUND_MATCHED', count: 1 },
      { category: 'REFUND_WITHOUT_SETTLEMENT', count: 0 },
      { category: 'SETTLED_REFUND_WITHOUT_REFUND', count: 0 },
      { category: 'REFUND_AMOUNT_MISMATCH', count: 0 },
      { category: 'DUPLICATE_REFUND', count: 0 },
    ]);
    // net of the refund on both sides
    expect(r.totals).toEqual([{ currencyCode: 'EUR', ordered: { amount: '33.00' }, settled: { amount: '34.00' } }]);
    expect(r.samples).toEqual([
      { category: 'ORDER_WITHOUT_PAYMENT', paymentReference: 'psp-3', orderId: 'o-3', orderAmount: { amount: '3.00', currencyCode: 'EUR' }, paymentAmount: null, paidAt: null, settlementLine: null, note: null },
      { category: 'PAYMENT_WITHOUT_ORDER', paymentReference: 'psp-9', orderId: null, orderAmount: null, paymentAmount: { amount: '4.00' }, paidAt: '2026-11-01T21:00:00.000Z', settlementLine: 4, note: null },
    ]);

    // a broken header: exit 2, nothing stored
    writeFileSync(join(dir, 'broken.csv'), 'ref;amount\n');
    const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/reconcile-payments.ts', join(dir, 'broken.csv'), '--from', '2026-11-01', '--to', '2026-11-02', '--out', join(dir, 'r2.csv')], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/header lacks payment_reference/);
    expect((await callSubgraph(orders.url, QUERY, {}, identities.operations)).data.paymentReconciliation.source).toBe('settlement-2026-11-01.csv');
  });

  it('operations and all-market marketing keys only', async () => {
    for (const who of [identities.web, identities.pos, identities.marketingDE]) {
      const denied = await callSubgraph(orders.url, '{ paymentReconciliation { id } }', {}, who);
      expect(denied.errors?.[0].extensions?.code, who.keyId).toBe('FORBIDDEN');
    }
    expect((await callSubgraph(orders.url, '{ paymentReconciliation { id } }', {}, identities.marketing)).errors).toBeUndefined();
  });
});

describe('paymentReconciliation through the gateway', () => {
  let g: TestGraph;
  beforeAll(async () => {
    g = await startTestGraph();
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('null before the first run, then the latest run; refused to storefront keys before any subgraph call', async () => {
    const q = '{ paymentReconciliation { source finishedAt counts { category count } } }';
    expect((await g.gql(q, {}, KEYS.operations)).data).toEqual({ paymentReconciliation: null });
    const repo = new ReconciliationRepository(g.services.orders.db);
    const base = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', graceMs: 10_000, startedAt: '2026-11-02T01:00:00.000Z', settlementRows: 0, outsidePeriod: 0, ordersWithoutPaymentReference: 0, totals: {}, samples: [] };
    await repo.save({ ...base, id: 'r1', source: 'older.csv', finishedAt: '2026-11-02T01:00:00.000Z', counts: emptyCounts() });
    await repo.save({ ...base, id: 'r2', source: 'newer.csv', finishedAt: '2026-11-02T02:00:00.000Z', counts: { ...emptyCounts(), MATCHED: 7 } });
    const latest = await g.gql(q, {}, KEYS.marketing);
    expect(latest.errors).toBeUndefined();
    expect(latest.data.paymentReconciliation).toMatchObject({ source: 'newer.csv', finishedAt: '2026-11-02T02:00:00.000Z' });
    expect(latest.data.paymentReconciliation.counts[0]).toEqual({ category: 'MATCHED', count: 7 });
    for (const key of [KEYS.web, KEYS.kiosk, KEYS.pos]) {
      const denied = await g.gql(q, {}, key);
      expect(denied.errors?.[0].extensions.code, key).toBe('FORBIDDEN');
    }
  });
});
