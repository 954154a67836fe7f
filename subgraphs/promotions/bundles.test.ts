import { describe, expect, it } from 'vitest';
import { cartRepresentation } from '../../test/support/promotions.ts';
import { usePromotionsService } from '../../test/support/promotionsService.ts';

const promotions = usePromotionsService();
const create = (i: Record<string, unknown>) => promotions.createCampaign(i);
const evaluate = (rep: ReturnType<typeof cartRepresentation>) => promotions.evaluate(rep);

describe('bundlePrice and buyXGetY through createCampaign and the cart evaluation', () => {
  it('refuses bad args with a user error naming the field', async () => {
    const bad = await create({ name: 'Bad bundle', market: 'GB', couponRequired: false, effect: { type: 'bundlePrice', args: { skus: ['SKU-2001'], quantity: 1, price: '10' } } });
    expect(bad.campaign).toBeNull();
    expect(bad.userErrors.map((e: any) => [e.code, e.field])).toEqual([
      ['INVALID_RULE_ARGS', 'effect.args.skus'],
      ['INVALID_RULE_ARGS', 'effect.args.quantity'],
    ]);
    const jpy = await create({ name: 'Bad yen', market: 'JP', couponRequired: false, effect: { type: 'bundlePrice', args: { skus: ['A', 'B'], quantity: 2, price: '10.50' } } });
    expect(jpy.userErrors.map((e: any) => e.field)).toEqual(['effect.args.price']);
    const bxgy = await create({ name: 'Bad bxgy', market: 'GB', couponRequired: false, effect: { type: 'buyXGetY', args: { buy: 1, get: 0 } } });
    expect(bxgy.userErrors.map((e: any) => e.field)).toEqual(['effect.args.get']);
  });

  it('a bundle appears per line in lineItemPromotions, the parts adding up to the cent', async () => {
    const { campaign, userErrors } = await create({
      name: '3 socks for 20', market: 'GB', couponRequired: false,
      effect: { type: 'bundlePrice', args: { skus: ['SKU-2001', 'SKU-2002', 'SKU-2003'], quantity: 3, price: '20.00' } },
    });
    expect(userErrors).toEqual([]);
    const cart = await evaluate(
      cartRepresentation({ market: 'GB', lines: [{ sku: 'SKU-2001', quantity: 2, price: '9.99' }, { sku: 'SKU-2002', price: '7.49' }, { sku: 'SKU-2003', price: '5.00' }] }),
    );
    // the three dearest units: 9.99 + 9.99 + 7.49 = 27.47 → 7.47 off, over 19.98 and 7.49: 5.43 + 2.04
    expect(cart.promotion.lineItemPromotions).toEqual([
      { lineId: 'L1', discounts: [{ id: campaign.id, name: '3 socks for 20', amount: { amount: '5.43', currencyCode: 'GBP' } }], discountCodes: [] },
      { lineId: 'L2', discounts: [{ id: campaign.id, name: '3 socks for 20', amount: { amount: '2.04', currencyCode: 'GBP' } }], discountCodes: [] },
    ]);
    expect(cart.totals).toEqual({
      subtotal: { amount: '32.47', currencyCode: 'GBP' },
      discount: { amount: '7.47', currencyCode: 'GBP' },
      total: { amount: '25.00', currencyCode: 'GBP' },
    });
  });

  it('buy 2 get 1 at half price by code, in JPY', async () => {
    const { userErrors } = await create({
      name: 'Buy 2 get 1 half', market: 'JP', couponRequired: true, codes: ['B2G1'],
      effect: { type: 'buyXGetY', args: { buy: 2, get: 1, percent: 50, skus: ['SKU-3001', 'SKU-3002'] } },
    });
    expect(userErrors).toEqual([]);
    const cart = await evaluate(
      cartRepresentation({ market: 'JP', discountCodes: ['b2g1'], lines: [{ sku: 'SKU-3001', quantity: 2, price: '1999' }, { sku: 'SKU-3002', price: '1001' }] }),
    );
    expect(cart.promotion.lineItemPromotions).toEqual([
      { lineId: 'L2', discounts: [], discountCodes: [{ code: 'b2g1', name: 'Buy 2 get 1 half', amount: { amount: '500', currencyCode: 'JPY' } }] },
    ]);
    expect(cart.totals.total).toEqual({ amount: '4499', currencyCode: 'JPY' });
    const short = await evaluate(cartRepresentation({ market: 'JP', discountCodes: ['B2G1'], lines: [{ sku: 'SKU-3001', quantity: 2, price: '1999' }] }));
    expect(short.promotion.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'B2G1', reason: 'NO_QUALIFYING_ITEMS' })]);
  });
});
