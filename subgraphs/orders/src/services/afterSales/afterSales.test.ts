import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../../common/clock.ts';
import { UserErrorException } from '../../../../../common/errors.ts';
import { ServiceCallError } from '../../../../../common/graphClient.ts';
import type { Identity } from '../../../../../common/identity.ts';
import { openServiceDatabase } from '../../../../../common/service.ts';
import type { Db } from '../../../../../common/storage/index.ts';
import { fixtureOrder, insertOrders } from '../../../../../test/support/orders.ts';
import { quietLog, testConfig } from '../../../../../test/support/subgraph.ts';
import { AfterSalesRepository } from '../../data/afterSalesRepository.ts';
import { migrations } from '../../data/migrations.ts';
import { OrdersRepository } from '../../data/ordersRepository.ts';
import { AfterSales } from './afterSales.ts';

/** The after-sales service on its own database, with other services faked: failures of dependencies. */
const operations: Identity = { keyId: 'ops-1', channel: 'operations', scopes: ['operations'], markets: ['*'], locations: ['*'] };
let db: Db;
let inventoryUp = true;
let tasksFail = false;
let service: AfterSales;

const codes = async (p: Promise<unknown>) => {
  try {
    await p;
    return [];
  } catch (e) {
    if (e instanceof UserErrorException) return e.errors.map((x) => x.code);
    throw e;
  }
};

beforeAll(async () => {
  db = await openServiceDatabase(testConfig('orders'), migrations);
  await insertOrders(db, [fixtureOrder({ id: 'o-1', createdAt: '2026-11-01T10:00:00.000Z' }), fixtureOrder({ id: 'o-2', createdAt: '2026-11-01T11:00:00.000Z' })]);
  const deps = {
    locationExists: async (id: string) => {
      if (!inventoryUp) throw new ServiceCallError('inventory', 'connection refused');
      return id === 'wh-eu';
    },
  };
  const runTasks = async () => {
    if (tasksFail) throw new Error('promotions: unavailable');
  };
  service = new AfterSales(new AfterSalesRepository(db), new OrdersRepository(db), deps, fixedClock(new Date('2026-11-02T10:00:00.000Z'), false), quietLog, runTasks);
});
afterAll(async () => {
  await db?.close();
});

describe('AfterSales when other services fail', () => {
  it('inventory unreachable: a retryable SERVICE_UNAVAILABLE, nothing recorded', async () => {
    inventoryUp = false;
    try {
      expect(await codes(service.fulfil(operations, 'o-1', [{ lineId: 'l1', quantity: 1 }], 'wh-eu', 'f-1'))).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      inventoryUp = true;
    }
    expect(await db.all('SELECT id FROM after_sales_actions')).toEqual([]);
    const ok = await service.fulfil(operations, 'o-1', [{ lineId: 'l1', quantity: 2 }], 'wh-eu', 'f-1');
    expect(ok.order.status).toBe('FULFILLED');
  });

  it('follow-up tasks that fail do not fail the action: it is recorded, its tasks wait for the sweeper', async () => {
    tasksFail = true;
    try {
      const r = await service.cancel(operations, 'o-2', 'customer called', 'c-1');
      expect(r.order.status).toBe('CANCELLED');
      expect(r.refund).toMatchObject({ status: 'PENDING', amount_minor: 2000 });
      expect(r.action).toMatchObject({ kind: 'CANCEL', actor: 'ops-1', reason: 'customer called' });
    } finally {
      tasksFail = false;
    }
    const tasks = await db.all<{ kind: string; status: string }>("SELECT kind, status FROM saga_tasks WHERE order_id = 'o-2' ORDER BY kind");
    expect(tasks).toEqual([
      { kind: 'ISSUE_REFUND', status: 'PENDING' },
      { kind: 'RELEASE_REDEMPTIONS', status: 'PENDING' },
      { kind: 'RESTOCK_ORDER', status: 'PENDING' },
    ]);
    const events = await db.all<{ type: string }>("SELECT type FROM outbox WHERE aggregate_id = 'o-2' AND type <> 'OrderCreated'");
    expect(events).toEqual([{ type: 'OrderCancelled' }]);
  });

  it('preview never writes', async () => {
    const preview = new AfterSales(new AfterSalesRepository(db), new OrdersRepository(db), { locationExists: async () => true }, fixedClock(new Date('2030-01-01T00:00:00.000Z'), true), quietLog, async () => undefined);
    expect(await codes(preview.cancel(operations, 'o-1', 'x', 'p-1'))).toEqual(['PREVIEW_READ_ONLY']);
  });
});
