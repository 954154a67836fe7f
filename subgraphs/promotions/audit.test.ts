import { describe, expect, it } from 'vitest';
import { usePromotionsService } from '../../test/support/promotionsService.ts';
import { identities } from '../../test/support/subgraph.ts';

/** The audit trail: every change to campaigns, coupon batches, routing and policies, who, when, before and after. */
const promotions = usePromotionsService();

const TRAIL = `query($f: AuditFilter, $n: Int, $a: String) { auditTrail(filter: $f, first: $n, after: $a) {
  events { id entityType entityId market action keyId at before after changes { field before after } }
  pageInfo { hasNextPage endCursor } } }`;

async function trail(filter: Record<string, unknown> | null, identity = identities.marketing, first?: number, after?: string) {
  const res = await promotions.call(TRAIL, { f: filter, n: first, a: after }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.auditTrail;
}

const UPDATE = `mutation($id: ID!, $i: CampaignInput!) { updateCampaign(id: $id, input: $i) { campaign { id } userErrors { code } } }`;

describe('audit trail', () => {
  it('records a campaign created and changed: key, time, before and after, the changed fields', async () => {
    const created = await promotions.createCampaign({ name: 'Audit me', couponRequired: true, codes: ['AUDIT-1'] }, identities.marketingDE);
    expect(created.userErrors).toEqual([]);
    const id = created.campaign.id;
    const at = promotions.clock.now().toISOString();
    promotions.clock.advance(60_000);
    const updated = await promotions.call(UPDATE, { id, i: { name: 'Audited', market: 'DE', couponRequired: true, codes: ['AUDIT-1', 'AUDIT-2'], effect: { type: 'percentOffCart', args: { percent: 10 } } } }, identities.marketing);
    expect(updated.data.updateCampaign.userErrors).toEqual([]);

    const { events } = await trail({ entityType: 'CAMPAIGN', entityId: id });
    expect(events).toHaveLength(2);
    const [change, creation] = events;
    expect(creation).toMatchObject({ entityType: 'CAMPAIGN', entityId: id, market: 'DE', action: 'CREATED', keyId: 'k-mkt-de', at, before: null });
    expect(creation.after).toMatchObject({ name: 'Audit me', codes: ['AUDIT-1'], effect: { type: 'percentOffCart', args: { percent: 10 } } });
    expect(change).toMatchObject({ action: 'UPDATED', keyId: 'k-mkt', at: new Date(Date.parse(at) + 60_000).toISOString() });
    expect(change.before).toEqual(creation.after);
    expect(change.changes).toEqual([
      { field: 'name', before: 'Audit me', after: 'Audited' },
      { field: 'codes', before: ['AUDIT-1'], after: ['AUDIT-1', 'AUDIT-2'] },
    ]);

    // a refused change records nothing
    const refused = await promotions.call(UPDATE, { id, i: { name: '', market: 'DE', effect: { type: 'percentOffCart', args: { percent: 10 } } } }, identities.marketing);
    expect(refused.data.updateCampaign.userErrors.length).toBeGreaterThan(0);
    expect((await trail({ entityType: 'CAMPAIGN', entityId: id })).events).toHaveLength(2);
  });

  it('records coupon batches, routing and compliance policies, per entity and per key', async () => {
    const owner = await promotions.createCampaign({ name: 'Batch owner', market: 'FR', couponRequired: true, validUntil: '2026-12-01T00:00:00Z' }, identities.marketing);
    expect(owner.userErrors).toEqual([]);
    const campaign = owner.campaign;
    const batch = await promotions.call(`mutation($c: ID!) { generateCouponCodes(campaignId: $c, count: 10, pattern: "AU-XXXXXX") { batch { id } } }`, { c: campaign.id });
    const batchId = batch.data.generateCouponCodes.batch.id;
    const routed = await promotions.call(`mutation { setPromotionRouting(input: { market: "FR", provider: "native", shadowProvider: "legacy" }) { userErrors { code } } }`, {}, identities.operations);
    expect(routed.data.setPromotionRouting.userErrors).toEqual([]);
    const policy = await promotions.call(`mutation { setCompliancePolicy(market: "FR", input: { maxDiscountPercent: 40, requireEndDate: false }) { userErrors { code } } }`, {}, identities.operations);
    expect(policy.data.setCompliancePolicy.userErrors).toEqual([]);

    expect((await trail({ entityType: 'COUPON_BATCH', entityId: batchId })).events).toEqual([
      expect.objectContaining({ action: 'GENERATION_STARTED', market: 'FR', keyId: 'k-mkt', before: null, after: { campaignId: campaign.id, pattern: 'AU-XXXXXX', count: 10 } }),
    ]);
    const [routing] = (await trail({ entityType: 'ROUTING', entityId: 'FR' })).events;
    expect(routing).toMatchObject({ keyId: 'k-ops', after: { provider: 'native', shadowProvider: 'legacy', rollout: null } });
    expect(routing.changes.map((c: { field: string }) => c.field)).toContain('shadowProvider');
    const [rule] = (await trail({ entityType: 'COMPLIANCE_POLICY', entityId: 'FR' })).events;
    expect(rule).toMatchObject({ keyId: 'k-ops', after: { market: 'FR', maxDiscountPercent: 40, requireEndDate: false } });

    // per key: only what the operations key did, newest first
    const byOps = (await trail({ keyId: 'k-ops' }, identities.operations)).events;
    expect(byOps.map((e: { entityType: string }) => e.entityType)).toEqual(['COMPLIANCE_POLICY', 'ROUTING']);
    // a DE marketer sees none of the FR changes
    expect((await trail({ keyId: 'k-ops' }, identities.marketingDE)).events).toEqual([]);
    expect((await trail({ entityType: 'COUPON_BATCH', entityId: batchId }, identities.marketingDE)).events).toEqual([]);
  });

  it('pages newest first with a cursor, and refuses bad filters, cursors and keys without the scope', async () => {
    const first = await trail(null, identities.marketing, 1);
    expect(first.events).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await trail(null, identities.marketing, 1, first.pageInfo.endCursor);
    expect(next.events[0].at <= first.events[0].at).toBe(true);
    expect(next.events[0].id).not.toBe(first.events[0].id);

    const bad = await promotions.call(TRAIL, { a: 'not-a-cursor' }, identities.marketing);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noType = await promotions.call(TRAIL, { f: { entityId: 'x' } }, identities.marketing);
    expect(noType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const web = await promotions.call(TRAIL, {}, identities.web);
    expect(web.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('forgets events older than the retention', async () => {
    const before = (await trail(null, identities.marketing, 200)).events.length;
    expect(before).toBeGreaterThan(0);
    promotions.clock.advance(399 * 86_400_000);
    const recent = await promotions.createCampaign({ name: 'Recent' }, identities.marketing);
    expect(recent.userErrors).toEqual([]);
    expect(await promotions.svc.sweepAudit()).toBe(0);
    promotions.clock.advance(2 * 86_400_000);
    expect(await promotions.svc.sweepAudit()).toBe(before);
    const left = (await trail(null, identities.marketing, 200)).events;
    expect(left.map((e: { entityId: string }) => e.entityId)).toEqual([recent.campaign.id]);
  });
});
