import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.ts';
import { createLogger } from '../common/log.ts';
import { UsageStore } from '../common/schemaCheck/usageStore.ts';
import { loadGatewayConfig } from './config.ts';
import { UsageRecorder, usagePlugin } from './usage.ts';

const schema = buildSchema(`
  type Query { orders(status: Status, filter: Filter, first: Int): [Order!]! }
  type Order { id: ID! note: String }
  enum Status { PLACED CANCELLED }
  input Filter { market: String, statuses: [Status!] }
`);
const log = createLogger('test', 'silent');
const Q = 'query($f: Filter, $n: Int) { orders(filter: $f, first: $n, status: PLACED) { id note } }';

describe('field usage recorder', () => {
  it('counts operations per client, version, coordinate and day; writes them durably on close', async () => {
    // a SQLite file, or a fresh PostgreSQL schema when the suite runs on PostgreSQL (USAGE_DATABASE_URL)
    const pgUrl = process.env.TEST_DATABASE_URL;
    const target = pgUrl ? { url: pgUrl, schema: `t_usage_${randomBytes(6).toString('hex')}` } : { file: join(mkdtempSync(join(tmpdir(), 'cg-usage-')), 'usage.sqlite') };
    const clock = new ManualClock(new Date('2026-11-20T23:59:00Z'));
    const recorder = new UsageRecorder(await UsageStore.open(target), clock, log, 60_000);
    const doc = parse(Q);
    recorder.record(schema, 'h1', doc, null, { f: { market: 'DE', statuses: ['CANCELLED'] }, n: 5 }, 'pos', '3.1');
    recorder.record(schema, 'h1', doc, null, { f: null }, 'pos', '3.1');
    clock.set('2026-11-21T00:01:00Z');
    recorder.record(schema, 'h1', doc, null, {}, 'web', '2.0');
    await recorder.close(); // flushes what the timer has not written yet

    const store = await UsageStore.open(target);
    const rows = await store.since('2026-11-01');
    await store.close();
    const get = (coordinate: string, client: string) => rows.find((r) => r.coordinate === coordinate && r.clientName === client);
    expect(get('Query.orders', 'pos')).toMatchObject({ count: 2, firstDay: '2026-11-20', lastDay: '2026-11-20', clientVersion: '3.1' });
    expect(get('Query.orders', 'web')).toMatchObject({ count: 1, firstDay: '2026-11-21' });
    expect(get('Order.note', 'pos')?.count).toBe(2);
    expect(get('Query.orders(status:)', 'pos')?.count).toBe(2); // a literal
    expect(get('Status.PLACED', 'pos')?.count).toBe(2);
    // given by variables: only when the variable had a value
    expect(get('Query.orders(filter:)', 'pos')?.count).toBe(1);
    expect(get('Query.orders(first:)', 'pos')?.count).toBe(1);
    expect(get('Query.orders(filter:)', 'web')).toBeUndefined();
    expect(get('Filter', 'pos')?.count).toBe(1);
    expect(get('Filter.market', 'pos')?.count).toBe(1);
    expect(get('Filter.statuses', 'pos')?.count).toBe(1);
    expect(get('Status.CANCELLED', 'pos')?.count).toBe(1);
  });

  it('is switched off with USAGE_RECORDING=off, and stored under DATA_DIR by default', () => {
    const env = { DATA_DIR: '/var/lib/graph' };
    expect(loadGatewayConfig([], env).usage).toMatchObject({ enabled: true, file: '/var/lib/graph/usage.sqlite', flushIntervalMs: 5000 });
    expect(loadGatewayConfig([], { ...env, USAGE_RECORDING: 'off' }).usage.enabled).toBe(false);
    expect(loadGatewayConfig([], { USAGE_DATABASE_FILE: '/tmp/u.sqlite', USAGE_FLUSH_MS: '250' }).usage).toMatchObject({ file: '/tmp/u.sqlite', flushIntervalMs: 250 });
    const file = join(mkdtempSync(join(tmpdir(), 'cg-usage-')), 'usage.sqlite');
    expect(usagePlugin({ enabled: false, file, flushIntervalMs: 100 }, log)).toEqual({});
    expect(existsSync(file)).toBe(false);
  });
});
