import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { badInput } from '../../../../common/errors.ts';
import type { Identity } from '../../../../common/identity.ts';
import type { AuditRepository, AuditRow } from '../data/auditRepository.ts';
import type { CampaignRecord } from './campaign.ts';
import { managedMarkets, type Caller } from './caller.ts';

/**
 * The audit trail of administrative changes: every change to a campaign (its codes included), a
 * coupon batch, a market's routing or a compliance policy is recorded in the transaction that makes
 * it, with the key that made it, the time, the entity before and after, and the changed fields.
 * Readers see the events of the markets they manage; retention is configurable.
 */
export type AuditEntityType = 'CAMPAIGN' | 'COUPON_BATCH' | 'ROUTING' | 'COMPLIANCE_POLICY';

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEventView {
  id: string;
  entityType: AuditEntityType;
  entityId: string;
  market: string | null;
  action: string;
  keyId: string;
  at: string;
  before: unknown;
  after: unknown;
  changes: AuditChange[];
}

type State = Record<string, unknown> | null;

/** The top-level fields whose values differ (compared as JSON), in field order. */
export function changesBetween(before: State, after: State): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const b = before && Object.hasOwn(before, field) ? before[field] : null;
    const a = after && Object.hasOwn(after, field) ? after[field] : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b ?? null, after: a ?? null });
  }
  return changes;
}

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

export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  market: string | null;
  action: string;
  before: State;
  after: State;
}

/** The row recording `entry`, made by `identity` at `at`. */
export function auditRow(identity: Identity, at: string, entry: AuditEntry): AuditRow {
  return {
    // ordered by time, then (same instant) by the order this process recorded them
    id: `${at}-${String(process.hrtime.bigint()).padStart(20, '0')}-${randomUUID().slice(0, 8)}`,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    market: entry.market,
    action: entry.action,
    key_id: identity.keyId,
    at,
    before_state: entry.before === null ? null : JSON.stringify(entry.before),
    after_state: entry.after === null ? null : JSON.stringify(entry.after),
    changes: JSON.stringify(changesBetween(entry.before, entry.after)),
  };
}

function toView(r: AuditRow): AuditEventView {
  return {
    id: r.id,
    entityType: r.entity_type as AuditEntityType,
    entityId: r.entity_id,
    market: r.market,
    action: r.action,
    keyId: r.key_id,
    at: r.at,
    before: r.before_state === null ? null : JSON.parse(r.before_state),
    after: r.after_state === null ? null : JSON.parse(r.after_state),
    changes: JSON.parse(r.changes),
  };
}

const MAX_PAGE = 200;
const encodeCursor = (r: { at: string; id: string }) => Buffer.from(JSON.stringify([r.at, r.id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // answered below
  }
  throw badInput('The cursor is not one this query answered.', 'after');
}

export interface AuditFilter {
  entityType?: AuditEntityType | null;
  entityId?: string | null;
  keyId?: string | null;
}

/** Reading the trail (per request), scoped to the caller's markets. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly caller: Caller,
  ) {}

  async trail(filter: AuditFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const limit = Math.min(Math.max(first ?? 50, 0), MAX_PAGE);
    const f = filter ?? {};
    if (f.entityId && !f.entityType) throw badInput('An entity id needs its entityType.', 'filter.entityId');
    const rows = await this.repo.find({
      entityType: f.entityType ?? null,
      entityId: f.entityId?.trim() || null,
      keyId: f.keyId?.trim() || null,
      markets: managedMarkets(this.caller),
      before: after ? decodeCursor(after) : null,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toView);
    return { events: items, hasNextPage: rows.length > limit, endCursor: items.length ? encodeCursor(items[items.length - 1]) : null };
  }
}

/** Deletes audit events older than the retention, now and then (built once per service). */
export class AuditRetention {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    /** days an event is kept */
    readonly retentionDays: number,
  ) {}

  /** Deletes what is older than the retention now; returns how many events. */
  sweep(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000).toISOString();
    return this.repo.deleteBefore(cutoff);
  }

  start(intervalMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => void this.sweep().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
