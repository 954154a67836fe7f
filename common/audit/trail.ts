import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { badInput } from '../errors.ts';
import type { Identity } from '../identity.ts';
import type { AuditRepository, AuditRow } from './repository.ts';

/**
 * The audit trail of administrative changes, shared by the services that keep one (promotions:
 * campaigns, coupon batches, routing, compliance policies, shadow reports, tax exemptions; catalog:
 * prices). Each service records in its own database, in the transaction of the change, with the key
 * that made it, the time, the entity before and after, and the changed fields; the events of all of
 * them are ordered by (at, id), so that pages of several trails merge into one.
 */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEventView {
  id: string;
  entityType: string;
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

export interface AuditEntry<T extends string = string> {
  entityType: T;
  entityId: string;
  market: string | null;
  action: string;
  before: State;
  after: State;
}

/** The row recording `entry`, made by `keyId` (an identity's key id) at `at`. */
export function auditRow(identity: Pick<Identity, 'keyId'>, at: string, entry: AuditEntry): AuditRow {
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

export function toAuditView(r: AuditRow): AuditEventView {
  return {
    id: r.id,
    entityType: r.entity_type,
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

export const AUDIT_MAX_PAGE = 200;

export const encodeAuditCursor = (r: { at: string; id: string }) => Buffer.from(JSON.stringify([r.at, r.id])).toString('base64url');

export function decodeAuditCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // answered below
  }
  throw badInput('The cursor is not one this query answered.', 'after');
}

/** Newest first, as every trail is read: by at, then id, descending. */
export const newestFirst = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One page of several trails read with the same cursor, each asked for `limit` + 1 events: the
 * `limit` newest of them all, and whether more follow.
 */
export function mergeAuditPages(pages: AuditEventView[][], limit: number): { events: AuditEventView[]; hasNextPage: boolean; endCursor: string | null } {
  const all = pages.flat().sort(newestFirst);
  const events = all.slice(0, limit);
  return { events, hasNextPage: all.length > limit, endCursor: events.length ? encodeAuditCursor(events[events.length - 1]) : null };
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
