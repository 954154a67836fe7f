import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** Query.marketingAccess: what the marketing console learns of the signed-in key. */
const promotions = usePromotionsService();
const ACCESS = '{ marketingAccess { keyId channel scopes allMarkets markets } }';

describe('marketingAccess', () => {
  it('a key of every market', async () => {
    const res = await promotions.call(ACCESS, {}, identities.marketing);
    expect(res.data.marketingAccess).toEqual({ keyId: 'k-mkt', channel: 'marketing', scopes: ['marketing', 'catalog:write'], allMarkets: true, markets: [] });
  });

  it('a key of some markets lists them', async () => {
    const res = await promotions.call(ACCESS, {}, identities.marketingDE);
    expect(res.data.marketingAccess).toMatchObject({ keyId: 'k-mkt-de', allMarkets: false, markets: ['DE'] });
  });

  it('an operations key may ask; a storefront key may not', async () => {
    expect((await promotions.call(ACCESS, {}, identities.operations)).data.marketingAccess.allMarkets).toBe(true);
    const web = await promotions.call(ACCESS, {}, identities.web);
    expect(web.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
