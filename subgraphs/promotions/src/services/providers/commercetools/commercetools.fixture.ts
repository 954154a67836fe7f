/**
 * Shared set-up of the commercetools adapter's tests (commercetools.test.ts, commercetools-orders.test.ts):
 * the simulator, a fresh database per test (SQLite in memory, or a PostgreSQL schema when
 * TEST_DATABASE_URL is set) and the adapter driven through the official SDK against the simulator.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createMetrics } from '../../../../../../common/metrics.ts';
import { openDatabase, type Db } from '../../../../../../common/storage/index.ts';
import { CommercetoolsSimulator } from '../../../../../../test/fixtures/commercetools-simulator.ts';
import { quietLog } from '../../../../../../test/support/subgraph.ts';
import { remoteMigrations, RemoteRedemptionRepository, ShadowCartRepository } from '../../../data/remoteRepository.ts';
import type { CartInput } from '../../cart.ts';
import { parseRemoteProviders } from '../remote/config.ts';
import { remoteMetrics } from '../remote/metrics.ts';
import { CommercetoolsProvider } from './provider.ts';

/** SQLite in memory, or a fresh PostgreSQL schema when TEST_DATABASE_URL is set (npm run test:postgres) */
const testDatabase = (prefix: string) => {
  const url = process.env.TEST_DATABASE_URL;
  return url
    ? { service: 'promotions', url, schema: `t_${prefix}_${randomBytes(6).toString('hex')}`, migrations: remoteMigrations }
    : { service: 'promotions', file: ':memory:', migrations: remoteMigrations };
};
export const sim = new CommercetoolsSimulator('shop-eu');
/** the current test's database, adapter and metrics (a test may replace the adapter: `t.ct = provider(…)`) */
export const t = {} as { db: Db; ct: CommercetoolsProvider; metrics: ReturnType<typeof createMetrics>; counters: ReturnType<typeof remoteMetrics> };
export const ctx = (ms = 3000) => ({ now: new Date(), signal: AbortSignal.timeout(ms), log: quietLog });
export const PARIS = { type: 'address/v1', data: { name: 'Camille Martin', street: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR', phone: '+33 1 00 00 00 00' } };
export const cart = (over: Partial<CartInput> = {}): CartInput => ({
  id: 'c1',
  market: 'FR',
  channel: 'web',
  currencyCode: 'EUR',
  discountCodes: [],
  lines: [
    { id: 'L1', sku: 'SKU-1001', quantity: 2, unitPriceMinor: 1999 },
    { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 },
  ],
  shippingAddress: PARIS,
  location: null,
  ...over,
});
/** the same cart with another quantity of L1: a change that must reach the vendor cart */
export const changed = (quantity: number, over: Partial<CartInput> = {}) => cart({ lines: [{ id: 'L1', sku: 'SKU-1001', quantity, unitPriceMinor: 1999 }, { id: 'L2', sku: 'SKU-1002', quantity: 1, unitPriceMinor: 1000 }], ...over });

export function provider(over: Record<string, unknown> = {}): CommercetoolsProvider {
  const config = parseRemoteProviders({
    commercetools: {
      apiUrl: sim.server.url,
      authUrl: sim.server.url,
      projectKey: 'shop-eu',
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      markets: { FR: { storeKey: 'fr-store', country: 'FR' }, JP: { storeKey: 'jp-store' } },
      timeoutMs: 1000,
      retryBaseMs: 5,
      ...over,
    },
  }).commercetools!;
  return new CommercetoolsProvider(config, { redemptions: new RemoteRedemptionRepository(t.db), carts: new ShadowCartRepository(t.db), metrics: t.counters, log: quietLog });
}

export const apiRequests = () => sim.requests.filter((r) => r.path !== '/oauth/token');
/** Registers the hooks: the simulator for the file, a fresh database, metrics and adapter per test. */
export function useCommercetools(): void {
  beforeAll(async () => {
    await sim.start();
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    t.db = await openDatabase(testDatabase('ct'));
    t.metrics = createMetrics('promotions');
    t.counters = remoteMetrics(t.metrics);
    sim.cartDiscounts.length = 0;
    sim.discountCodes.length = 0;
    sim.carts.clear();
    sim.orders.clear();
    sim.storeCountries.clear();
    sim.requests.length = 0;
    sim.server.clearFaults();
    sim.server.delayMs = 0;
    const past = '2026-01-01T00:00:00Z';
    const future = '2030-01-01T00:00:00Z';
    sim.cartDiscounts.push(
      { id: 'cd-auto', key: 'auto-1001', name: { en: '10% off SKU-1001' }, sortOrder: '0.5', requiresDiscountCode: false, target: 'lineItems', skus: ['SKU-1001'], value: { type: 'relative', permyriad: 1000 } },
      { id: 'cd-summer', key: 'summer5', name: { en: 'Summer 5' }, sortOrder: '0.4', requiresDiscountCode: true, target: 'totalPrice', minTotalCent: 3000, value: { type: 'absolute', centAmount: 500 } },
      { id: 'cd-big', key: 'big', name: { en: 'Big' }, sortOrder: '0.3', requiresDiscountCode: true, target: 'totalPrice', minTotalCent: 50000, value: { type: 'absolute', centAmount: 5000 } },
      { id: 'cd-shoes', key: 'shoes', name: { en: 'Shoes' }, sortOrder: '0.2', requiresDiscountCode: true, target: 'lineItems', skus: ['SKU-1040'], value: { type: 'relative', permyriad: 2000 } },
      { id: 'cd-once', key: 'once', name: { en: 'Once' }, sortOrder: '0.1', requiresDiscountCode: true, target: 'totalPrice', value: { type: 'relative', permyriad: 1000 } },
    );
    sim.discountCodes.push(
      { id: 'dc-summer', code: 'SUMMER5', cartDiscounts: ['cd-summer'] },
      { id: 'dc-big', code: 'BIG', cartDiscounts: ['cd-big'] },
      { id: 'dc-shoes', code: 'SHOES', cartDiscounts: ['cd-shoes'] },
      { id: 'dc-once', code: 'ONCE', cartDiscounts: ['cd-once'], maxApplications: 1, applicationCount: 0 },
      { id: 'dc-old', code: 'OLD', cartDiscounts: ['cd-once'], validUntil: past },
      { id: 'dc-later', code: 'LATER', cartDiscounts: ['cd-once'], validFrom: future },
    );
    t.ct = provider();
  });
  afterEach(async () => {
    await t.ct.close();
    await t.db.close();
  });
}
