import { describe, expect, it } from 'vitest';
import { cartRepresentation } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';
import type { PromotionProvider, ReturnedItem } from './src/services/providers/provider.ts';

/** recordReturnedItems: returns reach the provider that redeemed the order, when it tracks returns. */
const returned: { orderId: string; items: ReturnedItem[] }[] = [];
let failNext = false;
const tracking: PromotionProvider = {
  name: 'tracking',
  evaluate: async () => ({ discounts: [], discountCodes: [], lineItemPromotions: [], nonApplicableDiscountCodes: [] }),
  redeem: async () => ({ ok: true, userErrors: [] }),
  release: async () => undefined,
  returnItems: async (orderId, items) => {
    if (failNext) {
      failNext = false;
      throw new Error('engine down');
    }
    returned.push({ orderId, items });
  },
};

const promotions = usePromotionsService({ providers: [tracking] });
const SET = 'mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) { userErrors { code message } } }';
const REDEEM = 'mutation($o: ID!, $c: JSON!) { redeemPromotions(orderId: $o, cart: $c) { ok userErrors { code } } }';
const RETURN = 'mutation($o: ID!, $i: [ReturnedItemInput!]!) { recordReturnedItems(orderId: $o, items: $i) }';

describe('recordReturnedItems', () => {
  it('calls returnItems of the engine that redeemed the order; engines without it and unknown orders are a no-op', async () => {
    expect((await promotions.call(SET, { i: { market: 'GB', provider: 'tracking' } })).data.setPromotionRouting.userErrors).toEqual([]);
    const gb = cartRepresentation({ market: 'GB', lines: [{ sku: 'SKU-1001', quantity: 2, price: '10.00' }] });
    expect((await promotions.call(REDEEM, { o: 'order-gb', c: gb }, identities.service)).data.redeemPromotions.ok).toBe(true);
    const items = [{ sku: 'SKU-1001', quantity: 1 }];
    const res = await promotions.call(RETURN, { o: 'order-gb', i: items }, identities.service);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordReturnedItems).toBe(true);
    expect(returned).toEqual([{ orderId: 'order-gb', items }]);

    // the native engine keeps redemptions on returns (docs/after-sales.md): nothing to call
    const de = cartRepresentation({ market: 'DE', lines: [{ sku: 'SKU-1001', price: '60.00' }], discountCodes: ['WELCOME10'] });
    expect((await promotions.call(REDEEM, { o: 'order-de', c: de }, identities.service)).data.redeemPromotions.ok).toBe(true);
    expect((await promotions.call(RETURN, { o: 'order-de', i: items }, identities.service)).data.recordReturnedItems).toBe(true);
    expect((await promotions.call(RETURN, { o: 'never-redeemed', i: items }, identities.service)).data.recordReturnedItems).toBe(true);
    expect(returned).toHaveLength(1);
  });

  it('an engine failure is a retryable error; bad items and callers other than services are refused', async () => {
    failNext = true;
    const down = await promotions.call(RETURN, { o: 'order-gb', i: [{ sku: 'SKU-1001', quantity: 1 }] }, identities.service);
    expect(down.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const bad = await promotions.call(RETURN, { o: 'order-gb', i: [{ sku: 'SKU-1001', quantity: 0 }] }, identities.service);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const denied = await promotions.call(RETURN, { o: 'order-gb', i: [{ sku: 'SKU-1001', quantity: 1 }] }, identities.operations);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
