import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../common/config.ts';
import { openServiceDatabase } from '../common/service.ts';
import type { Db } from '../common/storage/index.ts';
import { migrations } from '../subgraphs/orders/src/data/migrations.ts';
import type { NewOrder } from '../subgraphs/orders/src/data/ordersRepository.ts';
import { CSV_COLUMNS, csvField, exportOrders } from '../subgraphs/orders/src/services/export.ts';
import { openReadOnlyOrders, type ReadOnlyOrders } from '../subgraphs/orders/src/services/exportSource.ts';
import { parseExportArgs } from '../scripts/export-orders.ts';
import { fixtureOrder, insertOrders } from './support/orders.ts';
import { testConfig } from './support/subgraph.ts';

const run = promisify(execFile);

async function collect(source: ReadOnlyOrders, options: Parameters<typeof exportOrders>[2]): Promise<{ text: string; done: Awaited<ReturnType<typeof exportOrders>> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = await exportOrders(source, out, options);
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), done };
}

describe('orders export', () => {
  let config: ServiceConfig;
  let db: Db;
  const from = '2026-11-01T00:00:00.000Z';
  const to = '2026-11-02T00:00:00.000Z';
  const inPeriod: NewOrder[] = [];

  beforeAll(async () => {
    config = testConfig('orders');
    db = await openServiceDatabase(config, migrations);
    const same = '2026-11-01T12:00:00.000Z'; // several orders at one instant: the keyset must not skip or repeat any
    for (const at of ['2026-11-01T00:00:00.000Z', same, same, same, same, '2026-11-01T18:30:00.000Z', '2026-11-01T23:59:59.999Z']) inPeriod.push(fixtureOrder({ createdAt: at }));
    inPeriod.push(fixtureOrder({ createdAt: '2026-11-01T08:00:00.000Z', currencyCode: 'JPY', market: 'JP', subtotalMinor: 5000, totalMinor: 4500, discountMinor: 500, paymentAmountMinor: 4500, paymentReference: '=HYPERLINK("x"), "quoted"' }));
    inPeriod.push(fixtureOrder({ createdAt: '2026-11-01T09:00:00.000Z', source: 'IMPORT', channel: 'pos', cartId: null, externalId: 'till-7/42', paymentReference: null, paymentAmountMinor: null }));
    const outside = [fixtureOrder({ createdAt: '2026-10-31T23:59:59.999Z' }), fixtureOrder({ createdAt: to })];
    await insertOrders(db, [...inPeriod, ...outside]);
  });
  afterAll(async () => {
    await db?.close();
  });

  const expectedIds = () => [...inPeriod].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1)).map((o) => o.id);

  it('NDJSON: every order of the period once, oldest first, in batches of the given size, from a snapshot', async () => {
    const source = await openReadOnlyOrders(config);
    const sizes: number[] = [];
    // an order written while the export runs, after the cursor: the export's snapshot does not see it
    const late = fixtureOrder({ createdAt: '2026-11-01T20:00:00.000Z' });
    const counting: ReadOnlyOrders = {
      batch: async (...a) => {
        const rows = await source.batch(...a);
        sizes.push(rows.length);
        if (sizes.length === 1) await insertOrders(db, [late]);
        return rows;
      },
      refundBatch: (...a) => source.refundBatch(...a),
      actions: (ids) => source.actions(ids),
      close: () => source.close(),
    };
    try {
      const { text, done } = await collect(counting, { from, to, format: 'ndjson', batchSize: 2 });
      const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(rows.map((r) => r.id)).toEqual(expectedIds());
      expect(done.orders).toBe(inPeriod.length);
      expect(Math.max(...sizes)).toBe(2);
      expect(sizes).toEqual([2, 2, 2, 2, 1]);
      const jp = rows.find((r) => r.currencyCode === 'JPY');
      expect(jp).toMatchObject({ totals: { subtotal: '5000', discount: '500', total: '4500' }, payment: { amount: '4500' }, lines: [{ sku: 'SKU-1001', quantity: 2, unitPrice: '10.00' }] });
      expect(rows.find((r) => r.source === 'IMPORT')).toMatchObject({ payment: null, externalId: 'till-7/42', cartId: null });
      expect(text).not.toContain('Private Person'); // no shipping addresses in exports
    } finally {
      await counting.close();
    }
    // a new export sees it
    const again = await openReadOnlyOrders(config);
    try {
      const { done } = await collect(again, { from, to, format: 'ndjson', batchSize: 1000 });
      expect(done.orders).toBe(inPeriod.length + 1);
    } finally {
      await again.close();
    }
    inPeriod.push(late);
  });

  it('CSV: header, one quoted row per order, formula-looking text defused', async () => {
    const source = await openReadOnlyOrders(config);
    try {
      const { text } = await collect(source, { from, to, format: 'csv', batchSize: 3 });
      const [header, ...rows] = text.trimEnd().split('\n');
      expect(header).toBe(CSV_COLUMNS.join(','));
      expect(rows).toHaveLength(inPeriod.length);
      expect(rows.map((r) => r.split(',')[0])).toEqual(expectedIds());
      expect(text).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    } finally {
      await source.close();
    }
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(null)).toBe('');
  });

  it('the command line: arguments checked, output file, progress on stderr', async () => {
    expect(parseExportArgs(['--from', '2026-11-02', '--to', '2026-11-01'])).toMatch(/before/);
    expect(parseExportArgs(['--from', 'yesterday', '--to', '2026-11-01'])).toMatch(/ISO-8601/);
    expect(parseExportArgs(['--from', '2026-11-01', '--to', '2026-11-02', '--format', 'xml'])).toMatch(/ndjson or csv/);
    expect(parseExportArgs(['--from', '2026-11-01', '--to=2026-11-02T00:00:00+01:00', '--format', 'csv'])).toEqual({ from, to: '2026-11-01T23:00:00.000Z', format: 'csv', out: null, batch: 1000 });

    const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: config.dataDir, IDENTITY_SECRET: 'test-identity-secret-0123456789' };
    if (config.databaseUrl) Object.assign(env, { ORDERS_DATABASE_URL: config.databaseUrl, ORDERS_DATABASE_SCHEMA: config.databaseSchema });
    const file = join(mkdtempSync(join(tmpdir(), 'cg-export-')), 'orders.csv');
    const ok = await run(process.execPath, ['--import', 'tsx', 'scripts/export-orders.ts', '--from', from, '--to', to, '--format', 'csv', '--out', file, '--batch', '2'], { env });
    expect(ok.stderr).toMatch(new RegExp(`export: ${inPeriod.length} orders from ${from} to ${to} as csv`));
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(inPeriod.length + 1);
    const stdout = await run(process.execPath, ['--import', 'tsx', 'scripts/export-orders.ts', '--from', from, '--to', to], { env });
    expect(stdout.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id).sort()).toEqual(inPeriod.map((o) => o.id).sort());
    const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/export-orders.ts', '--from', 'x'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/usage: npm run export:orders/);
  });
});
