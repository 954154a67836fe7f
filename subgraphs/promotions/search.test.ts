import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** Campaign search by SKU, channel, effect type and engine, ordered by start, end or last change. */
const promotions = usePromotionsService();

const SEARCH = `query($f: CampaignFilter, $n: Int, $a: String, $o: CampaignOrder) { campaigns(filter: $f, first: $n, after: $a, orderBy: $o) {
  totalCount edges { node { id name validFrom validUntil updatedAt } } pageInfo { hasNextPage endCursor } } }`;

async function names(filter: Record<string, unknown>, orderBy?: Record<string, unknown>, first = 100): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await promotions.call(SEARCH, { f: filter, n: first, a: after, o: orderBy }, identities.marketing);
    expect(res.errors).toBeUndefined();
    const page = res.data.campaigns;
    out.push(...page.edges.map((e: { node: { name: string } }) => e.node.name));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

describe('campaign search', () => {
  it('finds by SKU, channel, effect type and engine, and orders by start, end and last change across pages', async () => {
    const make = async (over: Record<string, unknown>) => {
      const r = await promotions.createCampaign({ market: 'US', ...over });
      expect(r.userErrors).toEqual([]);
      return r.campaign.id as string;
    };
    await make({ name: 'S-skus', effect: { type: 'percentOffSkus', args: { percent: 10, skus: ['SKU-9001', 'SKU-9002'] } }, validFrom: '2026-11-10T00:00:00Z', validUntil: '2026-12-10T00:00:00Z' });
    await make({ name: 'S-cond', conditions: [{ type: 'skusInCart', args: { skus: ['SKU-9001'] } }], validFrom: '2026-11-05T00:00:00Z' });
    await make({ name: 'S-pos', channels: ['pos'], effect: { type: 'amountOffCart', args: { amount: '1.00' } }, conditions: [{ type: 'minSubtotal', args: { amount: '10.00' } }], validUntil: '2026-11-20T00:00:00Z' });
    promotions.clock.advance(1000);
    const last = await make({ name: 'S-web', channels: ['web', 'kiosk'], validFrom: '2026-11-15T00:00:00Z', validUntil: '2026-11-30T00:00:00Z' });
    const s = (xs: string[]) => xs.filter((n) => n.startsWith('S-')).sort();

    expect(s(await names({ market: 'US', sku: 'SKU-9001' }))).toEqual(['S-cond', 'S-skus']);
    expect(s(await names({ market: 'US', sku: 'SKU-900' }))).toEqual([]);
    // campaigns without channels run in every channel
    expect(s(await names({ market: 'US', channel: 'pos' }))).toEqual(['S-cond', 'S-pos', 'S-skus']);
    expect(s(await names({ market: 'US', channel: 'kiosk' }))).toEqual(['S-cond', 'S-skus', 'S-web']);
    expect(s(await names({ market: 'US', effectType: 'amountOffCart' }))).toEqual(['S-pos']);
    expect(s(await names({ market: 'US', effectType: 'percentOff' }))).toEqual([]);
    // engines: US has no routing (native) until it is routed to legacy
    expect(s(await names({ market: 'US', engine: 'native' }))).toHaveLength(4);
    const routed = await promotions.call(`mutation { setPromotionRouting(input: { market: "US", provider: "legacy" }) { userErrors { code } } }`);
    expect(routed.data.setPromotionRouting.userErrors).toEqual([]);
    expect(s(await names({ market: 'US', engine: 'native' }))).toEqual([]);
    expect(s(await names({ market: 'US', engine: 'legacy' }))).toHaveLength(4);

    // orders, also across pages of one (the cursor carries the sort key)
    const start = (await names({ market: 'US' }, { field: 'START' }, 1)).filter((n) => n.startsWith('S-'));
    expect(start.indexOf('S-cond')).toBeLessThan(start.indexOf('S-skus'));
    expect(start.indexOf('S-skus')).toBeLessThan(start.indexOf('S-web'));
    const end = (await names({ market: 'US' }, { field: 'END', direction: 'ASC' }, 2)).filter((n) => n.startsWith('S-'));
    expect(end).toEqual(['S-pos', 'S-web', 'S-skus', 'S-cond']);
    expect((await names({ market: 'US' }, { field: 'END', direction: 'DESC' }, 3)).filter((n) => n.startsWith('S-'))).toEqual(['S-cond', 'S-skus', 'S-web', 'S-pos']);
    const updated = await names({ market: 'US' }, { field: 'UPDATED', direction: 'DESC' }, 2);
    expect(updated[0]).toBe('S-web');
    expect(last).toBeTruthy();
  });

  it('refuses a forged cursor and overlong filters', async () => {
    const forged = await promotions.call(SEARCH, { a: Buffer.from('["x"').toString('base64url'), o: { field: 'START' } });
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const long = await promotions.call(SEARCH, { f: { sku: 'x'.repeat(101) } });
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
