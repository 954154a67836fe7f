import type { Db } from '../../../../common/storage/index.ts';
import { CampaignRepository, type CampaignRow } from './campaignRepository.ts';
import { RoutingRepository } from './routingRepository.ts';

const SINCE = '2020-01-01T00:00:00.000Z';

interface SeedCampaign {
  id: string;
  market: string;
  name: string;
  priority?: number;
  stacking?: 'STACKABLE' | 'EXCLUSIVE';
  validFrom?: string;
  validUntil?: string | null;
  codes?: string[];
  conditions?: { type: string; args: unknown }[];
  effect: { type: string; args: unknown };
}

/** The demo campaigns the README names. Ids are fixed so examples can refer to them. */
export const SEED_CAMPAIGNS: SeedCampaign[] = [
  {
    id: 'seed-de-welcome10',
    market: 'DE',
    name: 'Welcome 10%',
    priority: 10,
    codes: ['WELCOME10'],
    conditions: [{ type: 'minSubtotal', args: { amount: '50.00' } }],
    effect: { type: 'percentOffCart', args: { percent: 10 } },
  },
  {
    id: 'seed-fr-summer5',
    market: 'FR',
    name: 'Summer 5 €',
    validUntil: '2030-12-31T23:59:59.000Z',
    codes: ['SUMMER5'],
    conditions: [{ type: 'minSubtotal', args: { amount: '30.00' } }],
    effect: { type: 'amountOffCart', args: { amount: '5.00' } },
  },
  {
    id: 'seed-gb-15-off',
    market: 'GB',
    name: '15% off trail runners and merino tees',
    effect: { type: 'percentOffSkus', args: { percent: 15, skus: ['SKU-1001', 'SKU-1002'] } },
  },
  {
    id: 'seed-jp-jpsale',
    market: 'JP',
    name: 'JP sale ¥500',
    codes: ['JPSALE'],
    conditions: [{ type: 'minSubtotal', args: { amount: '5000' } }],
    effect: { type: 'amountOffCart', args: { amount: '500' } },
  },
  {
    id: 'seed-de-future20',
    market: 'DE',
    name: 'Future 20%',
    validFrom: '2030-01-01T00:00:00.000Z',
    codes: ['FUTURE20'],
    effect: { type: 'percentOffCart', args: { percent: 20 } },
  },
  {
    id: 'seed-de-free-shipping',
    market: 'DE',
    name: 'Free standard delivery from 50 €',
    conditions: [
      { type: 'minSubtotal', args: { amount: '50.00' } },
      { type: 'shippingMethod', args: { methods: ['standard'] } },
    ],
    effect: { type: 'freeShipping', args: {} },
  },
  {
    id: 'seed-us-launch',
    market: 'US',
    name: 'US launch',
    priority: 100,
    stacking: 'EXCLUSIVE',
    effect: { type: 'percentOffSkus', args: { percent: 10, skus: ['SKU-1003'] } },
  },
];

/** Compliance policies of the demo markets. */
export const SEED_POLICIES = [
  { market: 'DE', max_percent: 50, require_end_date: 0, max_duration_days: null, no_amount_above_price: 0, updated_at: SINCE },
  { market: 'FR', max_percent: 70, require_end_date: 1, max_duration_days: null, no_amount_above_price: 0, updated_at: SINCE },
];

/** Seeds compliance policies (routing needs no seed: a market without routing is priced by native) and the demo campaigns when the database is empty. */
export async function seedPromotions(db: Db): Promise<boolean> {
  if (!(await new CampaignRepository(db).isEmpty()) || !(await new RoutingRepository(db).isEmpty())) return false;
  await db.transaction(async (tx) => {
    const repo = new CampaignRepository(tx);
    for (const p of SEED_POLICIES) await repo.upsertCompliancePolicy(p);
    for (const c of SEED_CAMPAIGNS) {
      const row: CampaignRow = {
        id: c.id,
        market: c.market,
        name: c.name,
        channels: '[]',
        priority: c.priority ?? 0,
        stacking: c.stacking ?? 'STACKABLE',
        valid_from: c.validFrom ?? SINCE,
        valid_until: c.validUntil ?? null,
        coupon_required: c.codes?.length ? 1 : 0,
        paused: 0,
        conditions: JSON.stringify(c.conditions ?? []),
        effect: JSON.stringify(c.effect),
        max_redemptions: null,
        max_redemptions_per_customer: null,
        redemptions: 0,
        created_at: SINCE,
        updated_at: SINCE,
      };
      await repo.insert(row);
      await repo.replaceExplicitCodes(c.id, c.market, c.codes ?? [], SINCE);
    }
  });
  return true;
}
