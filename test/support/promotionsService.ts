import { afterAll, beforeAll, expect } from 'vitest';
import { ManualClock } from '../../common/clock.ts';
import type { Identity } from '../../common/identity.ts';
import { startPromotions, type PromotionsOptions, type RunningPromotions } from '../../subgraphs/promotions/server.ts';
import { CART_EVALUATION_QUERY, cartRepresentation, TEST_PROVIDER_TIMEOUT_MS, type TestCart } from './promotions.ts';
import { testMarketSource } from './markets.ts';
import { callSubgraph, identities, quietLog, testConfig } from './subgraph.ts';

/** The instant the promotions subgraph tests start at (campaigns of the demo seed are live then). */
export const PROMOTIONS_TEST_NOW = new Date('2026-11-01T10:00:00Z');

export interface PromotionsFixture {
  /** the running subgraph (available inside tests, after beforeAll) */
  readonly svc: RunningPromotions;
  readonly url: string;
  clock: ManualClock;
  /** a GraphQL request straight to the subgraph, with a signed identity (default: the marketing key) */
  call(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<any>;
  /** createCampaign: `input` over `campaignInput()` defaults; expects no GraphQL errors */
  createCampaign(input?: Record<string, unknown>, identity?: Identity): Promise<{ campaign: any; userErrors: { code: string; field: string | null; message: string }[] }>;
  /** The cart entity evaluated by the subgraph (promotion and totals), from a test cart or a representation. */
  evaluate(cart: TestCart | ReturnType<typeof cartRepresentation>, identity?: Identity): Promise<any>;
}

const CREATE = `mutation($i: CampaignInput!) { createCampaign(input: $i) { campaign { id name market status codes redemptions } userErrors { code field message } } }`;

/** A CampaignInput with sensible defaults (DE, automatic, 10% off the cart); overrides win. */
export function campaignInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Test campaign', market: 'DE', couponRequired: false, effect: { type: 'percentOffCart', args: { percent: 10 } }, ...overrides };
}

/**
 * Starts one promotions subgraph (fresh database, demo seed, a ManualClock at PROMOTIONS_TEST_NOW)
 * for the test file, stopped after it. The set-up every promotions subgraph test shared.
 */
export function usePromotionsService(options: Partial<Omit<PromotionsOptions, 'config' | 'clock'>> = {}): PromotionsFixture {
  const clock = new ManualClock(PROMOTIONS_TEST_NOW);
  let svc: RunningPromotions | undefined;
  beforeAll(async () => {
    svc = await startPromotions({ config: testConfig('promotions'), clock, log: quietLog, providerTimeoutMs: TEST_PROVIDER_TIMEOUT_MS, markets: testMarketSource(), catalogAudit: () => async () => [], ...options });
  });
  afterAll(async () => {
    await svc?.stop();
    await svc?.db.close();
  });
  const running = () => {
    if (!svc) throw new Error('the promotions service starts in beforeAll: use the fixture inside tests');
    return svc;
  };
  const fixture: PromotionsFixture = {
    get svc() {
      return running();
    },
    get url() {
      return running().url;
    },
    clock,
    call: (query, variables = {}, identity = identities.marketing) => callSubgraph(running().url, query, variables, identity),
    async createCampaign(input = {}, identity = identities.marketing) {
      const res = await fixture.call(CREATE, { i: campaignInput(input) }, identity);
      expect(res.errors).toBeUndefined();
      return res.data.createCampaign;
    },
    async evaluate(cart, identity = identities.web) {
      const rep = '__typename' in cart ? cart : cartRepresentation(cart);
      const res = await fixture.call(CART_EVALUATION_QUERY, { r: [rep] }, identity);
      expect(res.errors).toBeUndefined();
      return res.data._entities[0];
    },
  };
  return fixture;
}
