import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** Routing for several markets in one change, all or nothing. */
const promotions = usePromotionsService();

const SET = `mutation($i: [PromotionRoutingInput!]!) { setPromotionRoutings(inputs: $i) {
  routings { market provider shadowProvider rollout { provider percent } } userErrors { code field } } }`;
const routingOf = async (market: string) =>
  (await promotions.call(`query($m: String!) { promotionRouting(market: $m) { provider shadowProvider rollout { provider percent } } }`, { m: market })).data.promotionRouting;

describe('setPromotionRoutings', () => {
  it('changes several markets at once, each audited', async () => {
    const res = await promotions.call(SET, { i: [
      { market: 'GB', provider: 'native', shadowProvider: 'legacy' },
      { market: 'JP', provider: 'native', rollout: { provider: 'legacy', percent: 10 } },
    ] });
    expect(res.data.setPromotionRoutings).toEqual({
      routings: [
        { market: 'GB', provider: 'native', shadowProvider: 'legacy', rollout: null },
        { market: 'JP', provider: 'native', shadowProvider: null, rollout: { provider: 'legacy', percent: 10 } },
      ],
      userErrors: [],
    });
    expect(await routingOf('JP')).toEqual({ provider: 'native', shadowProvider: null, rollout: { provider: 'legacy', percent: 10 } });
    const trail = await promotions.call(`{ auditTrail(filter: { entityType: ROUTING }) { events { entityId keyId } } }`);
    expect(trail.data.auditTrail.events.map((e: { entityId: string }) => e.entityId).sort()).toEqual(['GB', 'JP']);
  });

  it('saves nothing when one market cannot be changed, naming each problem', async () => {
    const before = { GB: await routingOf('GB'), JP: await routingOf('JP') };
    const res = await promotions.call(SET, { i: [
      { market: 'GB', provider: 'legacy' },
      { market: 'JP', provider: 'nobody' },
      { market: 'GB', provider: 'native', rollout: { provider: 'legacy', percent: 101 } },
      { market: 'XX', provider: 'native' },
    ] });
    expect(res.data.setPromotionRoutings.routings).toBeNull();
    expect(res.data.setPromotionRoutings.userErrors).toEqual([
      { code: 'UNKNOWN_PROVIDER', field: 'inputs[1].provider' },
      { code: 'DUPLICATE_MARKET', field: 'inputs[2].market' },
      { code: 'INVALID_PERCENT', field: 'inputs[2].rollout.percent' },
      { code: 'MARKET_UNKNOWN', field: 'inputs[3].market' },
    ]);
    expect({ GB: await routingOf('GB'), JP: await routingOf('JP') }).toEqual(before);

    // a DE-only marketer cannot change GB, so DE is not changed either
    const scoped = await promotions.call(SET, { i: [{ market: 'DE', provider: 'legacy' }, { market: 'GB', provider: 'legacy' }] }, identities.marketingDE);
    expect(scoped.data.setPromotionRoutings.userErrors).toEqual([{ code: 'FORBIDDEN_MARKET', field: 'inputs[1].market' }]);
    expect((await routingOf('DE')).provider).toBe('native');
    expect((await promotions.call(SET, { i: [] })).data.setPromotionRoutings.userErrors).toEqual([{ code: 'INVALID_COUNT', field: 'inputs' }]);
  });
});
