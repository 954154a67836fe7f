import { describe, expect, it } from 'vitest';
import type { CampaignRecord } from '../campaign.ts';
import type { CartInput } from '../cart.ts';
import { codeStatuses, presentPromotion, settle } from '../evaluation.ts';
import { validateRule } from './catalogue.ts';
import { evaluateNative } from './engine.ts';

/** Shipping effects (freeShipping, amountOffShipping) and the shippingMethod condition in the native engine. */
const NOW = new Date('2026-11-01T10:00:00.000Z');
let seq = 0;

function campaign(over: Partial<CampaignRecord> & { codes?: string[] }): CampaignRecord & { codes: string[] } {
  seq++;
  return {
    id: over.id ?? `s${seq}`, market: 'DE', name: over.name ?? `Campaign ${seq}`, channels: [], priority: 0, stacking: 'STACKABLE',
    validFrom: '2020-01-01T00:00:00.000Z', validUntil: null, couponRequired: (over.codes?.length ?? 0) > 0, paused: false, conditions: [],
    effect: { type: 'freeShipping', args: {} }, maxRedemptions: null, maxRedemptionsPerCustomer: null, redemptions: 0,
    createdAt: `2026-01-01T00:00:00.${String(seq).padStart(3, '0')}Z`, updatedAt: '2026-01-01T00:00:00.000Z', codes: [], ...over,
  };
}

function cart(subtotal: number, shipping: { method: string; amountMinor: number } | null, codes: string[] = []): CartInput {
  return {
    id: 'cart-1', market: 'DE', channel: 'web', currencyCode: 'EUR', discountCodes: codes,
    lines: [{ id: 'L1', sku: 'SKU-1001', quantity: 1, unitPriceMinor: subtotal }],
    shipping: shipping ? { ...shipping, kind: 'DELIVERY' } : null,
  };
}

function run(c: CartInput, campaigns: (CampaignRecord & { codes: string[] })[]) {
  const codeOwners = new Map<string, string>();
  for (const x of campaigns) for (const code of x.codes) codeOwners.set(code.toUpperCase(), x.id);
  const result = evaluateNative({ cart: c, now: NOW, campaigns, codeOwners });
  const settled = settle(c, 'native', result.evaluation);
  return { ...result, settled, promotion: presentPromotion(settled), statuses: Object.fromEntries(codeStatuses(c, result.evaluation)) };
}

const FREE_FROM_50 = () =>
  campaign({ id: 'free50', name: 'Free standard from 50', conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }, { type: 'shippingMethod', args: { methods: ['standard'] } }] });

describe('shipping effects', () => {
  it('freeShipping from a subtotal, for one method only', () => {
    const free = FREE_FROM_50();
    const r = run(cart(5000, { method: 'standard', amountMinor: 490 }), [free]);
    expect(r.promotion.shippingDiscounts).toEqual([{ id: 'free50', name: 'Free standard from 50', code: null, amount: { amount: '4.90', currencyCode: 'EUR' } }]);
    expect(r.settled).toMatchObject({ shippingDiscountMinor: 490, discountMinor: 0, totalMinor: 5000 });
    expect(r.applied).toEqual([{ campaignId: 'free50', code: null, amountMinor: 490 }]);
    expect(run(cart(4999, { method: 'standard', amountMinor: 490 }), [free]).promotion.shippingDiscounts).toEqual([]);
    expect(run(cart(5000, { method: 'express', amountMinor: 1290 }), [free]).promotion.shippingDiscounts).toEqual([]);
    expect(run(cart(5000, null), [free]).promotion.shippingDiscounts).toEqual([]);
  });

  it('amountOffShipping is capped at the charge and stacks with goods discounts; a code applies through it', () => {
    const off = campaign({ id: 'ship3', name: '3 off shipping', codes: ['SHIP3'], effect: { type: 'amountOffShipping', args: { amount: '3.00' } } });
    const tenPercent = campaign({ id: 'p10', name: '10%', effect: { type: 'percentOffCart', args: { percent: 10 } } });
    const r = run(cart(2000, { method: 'standard', amountMinor: 490 }, ['ship3']), [off, tenPercent]);
    expect(r.promotion.shippingDiscounts).toEqual([{ id: 'ship3', name: '3 off shipping', code: 'ship3', amount: { amount: '3.00', currencyCode: 'EUR' } }]);
    expect(r.settled.discountMinor).toBe(200);
    expect(r.statuses).toEqual({ SHIP3: 'APPLIED' });
    const cheap = run(cart(2000, { method: 'standard', amountMinor: 250 }, ['SHIP3']), [off]);
    expect(cheap.settled.shippingDiscountMinor).toBe(250);
    // two shipping campaigns never take more than the charge
    const both = run(cart(6000, { method: 'standard', amountMinor: 490 }, ['SHIP3']), [off, FREE_FROM_50()]);
    expect(both.settled.shippingDiscountMinor).toBe(490);
    expect(both.promotion.shippingDiscounts.map((d) => d.amount.amount)).toEqual(['3.00', '1.90']);
  });

  it('a shipping code without a shipping method selected is valid but not applicable yet', () => {
    const off = campaign({ id: 'ship5', codes: ['SHIP5'], effect: { type: 'amountOffShipping', args: { amount: '5.00' } } });
    const r = run(cart(2000, null, ['SHIP5']), [off]);
    expect(r.evaluation.nonApplicableDiscountCodes).toEqual([{ code: 'SHIP5', reason: 'NO_QUALIFYING_ITEMS', message: 'Choose a shipping method to use this code.' }]);
    const freeAlready = run(cart(2000, { method: 'click-and-collect', amountMinor: 0 }, ['SHIP5']), [off]);
    expect(freeAlready.evaluation.nonApplicableDiscountCodes[0].message).toMatch(/costs nothing/);
    const method = campaign({ id: 'exp', codes: ['EXPRESSFREE'], conditions: [{ type: 'shippingMethod', args: { methods: ['express'] } }] });
    expect(run(cart(2000, { method: 'standard', amountMinor: 490 }, ['EXPRESSFREE']), [method]).evaluation.nonApplicableDiscountCodes[0].message).toMatch(/only with express/);
  });

  it('an exclusive shipping campaign follows the stacking rules', () => {
    const goods = campaign({ id: 'g', priority: 10, effect: { type: 'amountOffCart', args: { amount: '1.00' } } });
    const exclusive = campaign({ id: 'x', codes: ['SHIPX'], stacking: 'EXCLUSIVE' });
    const r = run(cart(2000, { method: 'standard', amountMinor: 490 }, ['SHIPX']), [goods, exclusive]);
    expect(r.evaluation.nonApplicableDiscountCodes).toEqual([expect.objectContaining({ code: 'SHIPX', reason: 'NOT_COMBINABLE' })]);
    expect(r.settled.shippingDiscountMinor).toBe(0);
  });

  it('validates arguments when a campaign is saved', () => {
    const ctx = { currencyCode: 'JPY' };
    expect(validateRule('effect', { type: 'freeShipping', args: {} }, 'effect', ctx)).toEqual([]);
    expect(validateRule('effect', { type: 'freeShipping', args: null }, 'effect', ctx)).toEqual([]);
    expect(validateRule('effect', { type: 'freeShipping', args: { percent: 5 } }, 'effect', ctx)[0].code).toBe('INVALID_RULE_ARGS');
    expect(validateRule('effect', { type: 'amountOffShipping', args: { amount: '5.50' } }, 'effect', ctx)[0].field).toBe('effect.args.amount');
    expect(validateRule('effect', { type: 'amountOffShipping', args: { amount: '0' } }, 'effect', ctx)[0].code).toBe('INVALID_RULE_ARGS');
    expect(validateRule('condition', { type: 'shippingMethod', args: { methods: [] } }, 'conditions[0]', ctx)[0].field).toBe('conditions[0].args.methods');
  });
});
