/** The catalogue of effect and condition types (schema: CampaignInput.effect / conditions), with example arguments. */
export const EFFECT_TYPES: Record<string, unknown> = {
  percentOffCart: { percent: 10 },
  amountOffCart: { amount: '5.00' },
  percentOffSkus: { percent: 10, skus: ['SKU-1001'] },
  amountOffSkus: { amount: '5.00', skus: ['SKU-1001'] },
  bundlePrice: { skus: ['SKU-1001', 'SKU-1002'], price: '50.00' },
  buyXGetY: { buy: { sku: 'SKU-1001', quantity: 2 }, get: { sku: 'SKU-1001', quantity: 1 } },
  freeShipping: null,
  amountOffShipping: { amount: '2.00' },
};

export const CONDITION_EXAMPLE = '[{ "type": "minSubtotal", "args": { "amount": "50.00" } }]';

export const STATUSES = ['ACTIVE', 'SCHEDULED', 'PAUSED', 'EXPIRED'] as const;
