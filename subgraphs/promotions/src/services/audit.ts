import { badInput } from '../../../../common/errors.ts';
import { hasScope, type Identity } from '../../../../common/identity.ts';
import type { AuditRepository, AuditRow } from '../../../../common/audit/repository.ts';
import { AUDIT_MAX_PAGE, auditRow as commonAuditRow, decodeAuditCursor, mergeAuditPages, toAuditView, type AuditEntry as CommonAuditEntry, type AuditEventView } from '../../../../common/audit/trail.ts';
import type { CampaignRecord } from './campaign.ts';
import { managedMarkets, type Caller } from './caller.ts';

/**
 * The audit trail of administrative changes (common/audit): promotions records every change to a
 * campaign (its codes included), a coupon batch, a market's routing, a compliance policy, a shadow
 * report reset and a customer's tax exemption; the catalog records the prices. `auditTrail` reads both
 * trails as one. Readers see the events of the markets they manage; tax exemptions (customer data)
 * only with the operations scope. Retention is configurable per service.
 */
export type PromotionsAuditEntityType = 'CAMPAIGN' | 'COUPON_BATCH' | 'ROUTING' | 'COMPLIANCE_POLICY' | 'SHADOW_REPORT' | 'TAX_EXEMPTION';
/** Recorded by the catalog (its own trail, read through its API). */
export type CatalogAuditEntityType = 'PRICE' | 'PRICE_IMPORT';
export type AuditEntityType = PromotionsAuditEntityType | CatalogAuditEntityType;

const PROMOTIONS_TYPES: readonly PromotionsAuditEntityType[] = ['CAMPAIGN', 'COUPON_BATCH', 'ROUTING', 'COMPLIANCE_POLICY', 'SHADOW_REPORT', 'TAX_EXEMPTION'];
const CATALOG_TYPES: readonly CatalogAuditEntityType[] = ['PRICE', 'PRICE_IMPORT'];

export type AuditEntry = CommonAuditEntry<PromotionsAuditEntityType>;
/** An event of the trail as the API shows it. */
export type TrailEvent = Omit<AuditEventView, 'entityType'> & { entityType: AuditEntityType };
const isAuditEntityType = (t: string): t is AuditEntityType => (PROMOTIONS_TYPES as readonly string[]).includes(t) || (CATALOG_TYPES as readonly string[]).includes(t);
export type { AuditChange, AuditEventView } from '../../../../common/audit/trail.ts';
export { changesBetween } from '../../../../common/audit/trail.ts';

/** The row recording `entry`, made by `identity` at `at`. */
export const auditRow = (identity: Identity, at: string, entry: AuditEntry): AuditRow => commonAuditRow(identity, at, entry);

/** A campaign as the audit trail keeps it: what a marketer sets (no counters, no timestamps). */
export function campaignState(c: CampaignRecord, codes: readonly string[]): Record<string, unknown> {
  return {
    name: c.name,
    market: c.market,
    channels: c.channels,
    priority: c.priority,
    stacking: c.stacking,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    couponRequired: c.couponRequired,
    paused: c.paused,
    conditions: c.conditions,
    effect: c.effect,
    maxRedemptions: c.maxRedemptions,
    maxRedemptionsPerCustomer: c.maxRedemptionsPerCustomer,
    codes: [...codes],
  };
}

export interface AuditFilter {
  entityType?: AuditEntityType | null;
  entityId?: string | null;
  keyId?: string | null;
}

/** What the catalog's trail is asked: the same filter, cursor and page size (+1), with the caller's identity. */
export interface CatalogAuditQuery {
  entityTypes: CatalogAuditEntityType[];
  entityId: string | null;
  keyId: string | null;
  after: string | null;
  first: number;
}

/** Reads the catalog's trail (its internal auditEvents field) as the caller; throws when the catalog cannot answer. */
export type CatalogAuditReader = (query: CatalogAuditQuery) => Promise<AuditEventView[]>;

/** Reading the trail (per request), scoped to the caller's markets: promotions' own events and the catalog's, merged. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly caller: Caller,
    private readonly catalog: CatalogAuditReader,
  ) {}

  async trail(filter: AuditFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const limit = Math.min(Math.max(first ?? 50, 0), AUDIT_MAX_PAGE);
    const f = filter ?? {};
    if (f.entityId && !f.entityType) throw badInput('An entity id needs its entityType.', 'filter.entityId');
    const before = after ? decodeAuditCursor(after) : null;
    const wanted = (t: AuditEntityType) => !f.entityType || f.entityType === t;
    const mayReadExemptions = hasScope(this.caller.identity, 'operations');
    const own = PROMOTIONS_TYPES.filter((t) => wanted(t) && (t !== 'TAX_EXEMPTION' || mayReadExemptions));
    const catalog = CATALOG_TYPES.filter(wanted);
    const entityId = f.entityId?.trim() || null;
    const keyId = f.keyId?.trim() || null;
    const [mine, theirs] = await Promise.all([
      own.length
        ? this.repo.find({ entityTypes: own, entityId, keyId, markets: managedMarkets(this.caller), before, limit: limit + 1 }).then((rows) => rows.map(toAuditView))
        : Promise.resolve([]),
      catalog.length && limit > 0 ? this.catalog({ entityTypes: catalog, entityId, keyId, after: after ?? null, first: limit + 1 }) : Promise.resolve([]),
    ]);
    // only the types this schema knows (a newer catalog may record more)
    const known = (events: AuditEventView[]) => events.filter((e): e is TrailEvent => isAuditEntityType(e.entityType));
    const page = mergeAuditPages([known(mine), known(theirs)], limit);
    return { ...page, events: page.events as TrailEvent[] };
  }
}

export { AuditRetention } from '../../../../common/audit/trail.ts';
