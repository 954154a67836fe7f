import { describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity.ts';
import { callSubgraph, identities } from '../../test/support/subgraph.ts';
import { CART_EVALUATION_QUERY, cartRepresentation, fixedProvider } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';

const counting = fixedProvider('counting', 100);
const promotions = usePromotionsService({ providers: [counting] });

function evaluate(reps: object[], identity: Identity | null = identities.web) {
  return callSubgraph(promotions.url, CART_EVALUATION_QUERY, { r: reps }, identity);
}

describe('promotions subgraph contract', () => {
  it('refuses requests without a signed identity', async () => {
    const res = await callSubgraph(promotions.url, '{ promotionProviders }', {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const entities = await evaluate([cartRepresentation()], null);
    expect(entities.status).toBe(401);
  });

  it('serves its SDL through _service', async () => {
    const res = await callSubgraph(promotions.url, '{ _service { sdl } }');
    expect(res.data._service.sdl).toMatch(/type Cart\s+@key\(fields: "id"\)/);
    expect(res.data._service.sdl).toContain('@requires(fields: "market channel currencyCode discountCodes customerId location lines { id sku quantity unitPrice { amount currencyCode } } shippingMethod pickupLocation shippingAddress { type data }")');
  });

  it('resolves Cart entities into promotion and totals (DE WELCOME10 applied through its code)', async () => {
    const rep = cartRepresentation({ id: 'cart-de', discountCodes: ['welcome10'], lines: [{ sku: 'SKU-1001', quantity: 2, price: '30.00' }] });
    const res = await evaluate([rep]);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0]).toEqual({
      id: 'cart-de',
      promotion: {
        provider: 'native',
        status: 'EVALUATED',
        discounts: [],
        discountCodes: [{ code: 'welcome10', name: 'Welcome 10%', amount: { amount: '6.00', currencyCode: 'EUR' } }],
        lineItemPromotions: [],
        nonApplicableDiscountCodes: [],
      },
      totals: {
        subtotal: { amount: '60.00', currencyCode: 'EUR' },
        discount: { amount: '6.00', currencyCode: 'EUR' },
        total: { amount: '54.00', currencyCode: 'EUR' },
      },
    });
  });

  it('evaluates the seeded campaigns of every market in one request', async () => {
    const res = await evaluate([
      cartRepresentation({ market: 'GB', lines: [{ sku: 'SKU-1001', quantity: 2, price: '10.00' }, { sku: 'SKU-1050', price: '5.00' }] }),
      cartRepresentation({ market: 'JP', discountCodes: ['JPSALE'], lines: [{ sku: 'SKU-1001', price: '5200' }] }),
      cartRepresentation({ market: 'DE', discountCodes: ['FUTURE20', 'SUMMER5', 'WELCOME10'], lines: [{ sku: 'SKU-1001', price: '20.00' }] }),
      cartRepresentation({ market: 'US', lines: [{ sku: 'SKU-1003', quantity: 3, price: '19.99' }] }),
      cartRepresentation({ market: 'FR', discountCodes: ['SUMMER5'], lines: [] }),
    ]);
    expect(res.errors).toBeUndefined();
    const [gb, jp, de, us, fr] = res.data._entities;
    expect(gb.promotion.lineItemPromotions).toEqual([
      { lineId: 'L1', discounts: [{ id: 'seed-gb-15-off', name: expect.any(String), amount: { amount: '3.00', currencyCode: 'GBP' } }], discountCodes: [] },
    ]);
    expect(gb.totals.total).toEqual({ amount: '22.00', currencyCode: 'GBP' });
    expect(jp.totals).toEqual({ subtotal: { amount: '5200', currencyCode: 'JPY' }, discount: { amount: '500', currencyCode: 'JPY' }, total: { amount: '4700', currencyCode: 'JPY' } });
    expect(de.promotion.nonApplicableDiscountCodes).toEqual([
      { code: 'FUTURE20', reason: 'NOT_YET_VALID', message: expect.stringContaining('2030-01-01') },
      { code: 'SUMMER5', reason: 'EXPIRED', message: 'This code is no longer valid.' },
      { code: 'WELCOME10', reason: 'MIN_SUBTOTAL_NOT_REACHED', message: expect.stringContaining('30.00 EUR') },
    ]);
    expect(de.totals.discount.amount).toBe('0.00');
    // 10% of 59.97 = 5.997 → 6.00
    expect(us.totals).toMatchObject({ discount: { amount: '6.00' }, total: { amount: '53.97' } });
    expect(fr.promotion.nonApplicableDiscountCodes).toEqual([{ code: 'SUMMER5', reason: 'MIN_SUBTOTAL_NOT_REACHED', message: expect.any(String) }]);
    expect(fr.totals.total).toEqual({ amount: '0.00', currencyCode: 'EUR' });
  });

  it('answers a bad representation with a coded error, not a crash', async () => {
    const rep = { ...cartRepresentation(), lines: [{ id: 'L1', sku: 'A', quantity: 1, unitPrice: { amount: '1.00', currencyCode: 'USD' } }] };
    const res = await evaluate([rep]);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.data._entities[0].promotion).toBeNull();
  });

  it('evaluates a cart once per request and content, for promotion and totals together', async () => {
    const set = `mutation($i: PromotionRoutingInput!) { setPromotionRouting(input: $i) { userErrors { code } } }`;
    expect((await callSubgraph(promotions.url, set, { i: { market: 'GB', provider: 'counting' } }, identities.marketing)).data.setPromotionRouting.userErrors).toEqual([]);
    try {
      counting.calls = 0;
      const rep = cartRepresentation({ id: 'same', market: 'GB', lines: [{ sku: 'SKU-1040', price: '9.00' }] });
      const changed = { ...rep, lines: [{ ...rep.lines[0], quantity: 2 }] };
      const res = await evaluate([rep, rep, changed]);
      expect(res.data._entities.map((e: any) => [e.promotion.provider, e.totals.total.amount])).toEqual([
        ['counting', '8.00'],
        ['counting', '8.00'],
        ['counting', '17.00'],
      ]);
      expect(counting.calls).toBe(2);
    } finally {
      await callSubgraph(promotions.url, set, { i: { market: 'GB', provider: 'native' } }, identities.marketing);
    }
  });
});

describe('discountCodeChecks (internal)', () => {
  const q = 'query($m: String!, $c: [String!]!) { discountCodeChecks(market: $m, codes: $c) { code valid } }';

  it('is for services only', async () => {
    const res = await callSubgraph(promotions.url, q, { m: 'DE', c: ['WELCOME10'] }, identities.web);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers unknown and other-market codes identically, case-insensitively', async () => {
    const res = await callSubgraph(promotions.url, q, { m: 'DE', c: ['welcome10', 'SUMMER5', 'NEVER-EXISTED', 'FUTURE20'] });
    expect(res.data.discountCodeChecks).toEqual([
      { code: 'welcome10', valid: true },
      { code: 'SUMMER5', valid: false },
      { code: 'NEVER-EXISTED', valid: false },
      { code: 'FUTURE20', valid: true },
    ]);
  });
});

describe('preview', () => {
  const preview = { ...identities.operations, previewAt: '2030-02-01T00:00:00.000Z' };

  it('evaluates at the previewed instant', async () => {
    const rep = cartRepresentation({ discountCodes: ['FUTURE20'], lines: [{ sku: 'SKU-1001', price: '10.00' }] });
    const res = await evaluate([rep], preview);
    expect(res.data._entities[0].promotion.discountCodes).toEqual([{ code: 'FUTURE20', name: 'Future 20%', amount: { amount: '2.00', currencyCode: 'EUR' } }]);
    const now = await evaluate([rep]);
    expect(now.data._entities[0].promotion.nonApplicableDiscountCodes[0].reason).toBe('NOT_YET_VALID');
  });

  it('refuses every mutation with PREVIEW_READ_ONLY', async () => {
    const create = await callSubgraph(
      promotions.url,
      'mutation { createCampaign(input: { name: "x", market: "DE", effect: { type: "percentOffCart", args: { percent: 5 } } }) { userErrors { code } } }',
      {},
      preview,
    );
    expect(create.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
    const redeem = await callSubgraph(
      promotions.url,
      'mutation($c: JSON!) { redeemPromotions(orderId: "o-preview", cart: $c) { ok } }',
      { c: cartRepresentation() },
      { ...identities.service, previewAt: '2030-02-01T00:00:00.000Z' },
    );
    expect(redeem.errors?.[0].extensions?.code).toBe('PREVIEW_READ_ONLY');
  });
});

describe('marketing operations need the marketing scope', () => {
  it.each([
    ['createCampaign', 'mutation { createCampaign(input: { name: "x", market: "DE", effect: { type: "percentOffCart", args: { percent: 5 } } }) { userErrors { code } } }'],
    ['campaigns', '{ campaigns { totalCount } }'],
    ['setPromotionRouting', 'mutation { setPromotionRouting(input: { market: "DE", provider: "native" }) { userErrors { code } } }'],
    ['promotionShadowReport', '{ promotionShadowReport(market: "DE") { evaluations } }'],
    ['resetPromotionShadowReport', 'mutation { resetPromotionShadowReport(market: "DE") { userErrors { code } } }'],
  ])('%s is refused to a kiosk key', async (_, query) => {
    const res = await callSubgraph(promotions.url, query, {}, identities.kiosk);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
