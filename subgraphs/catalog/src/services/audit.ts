import { AuditRepository } from '../../../../common/audit/repository.ts';
import { AUDIT_MAX_PAGE, auditRow, decodeAuditCursor, toAuditView, type AuditEntry, type AuditEventView } from '../../../../common/audit/trail.ts';
import { formatMinor } from '../../../../common/money.ts';
import { hasScope, type Identity } from '../../../../common/identity.ts';
import type { Queryable } from '../../../../common/storage/index.ts';
import type { PriceSchedule } from '../data/catalogRepository.ts';

/**
 * The catalog's audit trail (common/audit), read by promotions' `auditTrail` as part of one trail:
 * - PRICE (entity: the SKU, market: the price's market): every price set through the graph (setPrice,
 *   setPrices), one event per price, in the transaction that writes it; before is the price that was
 *   in effect at the new price's start (null: not sold then), after the new one; action SET (in effect
 *   now) or SCHEDULED (starts later).
 * - PRICE_IMPORT (entity: the run, no market): one event per run of the bulk import of prices, with its
 *   file and counts (rows, accepted, rejected, complete); per row it would double the import's writes.
 */
export type CatalogAuditEntityType = 'PRICE' | 'PRICE_IMPORT';
export const CATALOG_AUDIT_TYPES: readonly CatalogAuditEntityType[] = ['PRICE', 'PRICE_IMPORT'];

/** A price as the trail keeps it. */
function priceState(row: PriceSchedule, currency: string | undefined): Record<string, unknown> {
  const minor = Number(row.amount_minor);
  return { amount: currency ? formatMinor(minor, currency) : String(minor), currencyCode: currency ?? null, validFrom: row.valid_from, validUntil: row.valid_until };
}

/**
 * The audit entries of prices about to be written: `schedules` the current schedules of their SKUs in
 * their markets (read in the same transaction, before the write).
 */
export function priceAuditEntries(prices: readonly PriceSchedule[], schedules: readonly PriceSchedule[], currencies: ReadonlyMap<string, string>, now: string): AuditEntry<CatalogAuditEntityType>[] {
  return prices.map((p) => {
    const own = schedules.filter((s) => s.sku === p.sku && s.market === p.market);
    // the price in effect at the new one's start: among the rows valid then, the one that starts last (as priceAt)
    const current = own
      .filter((s) => s.valid_from <= p.valid_from && (s.valid_until === null || s.valid_until > p.valid_from))
      .reduce<PriceSchedule | null>((best, s) => (!best || s.valid_from > best.valid_from ? s : best), null);
    const currency = currencies.get(p.market);
    return {
      entityType: 'PRICE',
      entityId: p.sku,
      market: p.market,
      action: p.valid_from > now ? 'SCHEDULED' : 'SET',
      before: current ? priceState(current, currency) : null,
      after: priceState(p, currency),
    };
  });
}

/** Records `entries` made by `actor` at `at` (inside the transaction of the change). */
export async function recordAudit(tx: Queryable, actor: Pick<Identity, 'keyId'>, at: string, entries: readonly AuditEntry<CatalogAuditEntityType>[]): Promise<void> {
  const repo = new AuditRepository(tx);
  for (const e of entries) await repo.record(auditRow(actor, at, e));
}

/** What a bulk import of prices reports to the trail. */
export interface ImportRunSummary {
  runId: string;
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  complete: boolean;
  resumedAfterLine: number;
}

/** One PRICE_IMPORT event for a run of the bulk import (written when the run ends, stopped or not). */
export async function recordPriceImport(db: Queryable, actor: Pick<Identity, 'keyId'>, at: string, run: ImportRunSummary): Promise<void> {
  const { runId, ...summary } = run;
  await recordAudit(db, actor, at, [{ entityType: 'PRICE_IMPORT', entityId: runId, market: null, action: run.complete ? 'IMPORTED' : 'INTERRUPTED', before: null, after: { ...summary } }]);
}

export interface CatalogAuditQuery {
  entityTypes: readonly string[];
  entityId?: string | null;
  keyId?: string | null;
  after?: string | null;
  first: number;
}

/**
 * The catalog's events for a reader (the identity promotions forwards): marketing or operations scope,
 * the reader's markets only (imports, which have none, for readers of every market). Newest first.
 */
export async function catalogAuditEvents(db: Queryable, reader: Identity, q: CatalogAuditQuery): Promise<AuditEventView[]> {
  if (!hasScope(reader, 'marketing') && !hasScope(reader, 'operations')) return [];
  const types = q.entityTypes.filter((t): t is CatalogAuditEntityType => (CATALOG_AUDIT_TYPES as readonly string[]).includes(t));
  const rows = await new AuditRepository(db).find({
    entityTypes: types,
    entityId: q.entityId?.trim() || null,
    keyId: q.keyId?.trim() || null,
    markets: reader.markets.includes('*') ? '*' : reader.markets,
    before: q.after ? decodeAuditCursor(q.after) : null,
    limit: Math.min(Math.max(q.first, 0), AUDIT_MAX_PAGE + 1),
  });
  return rows.map(toAuditView);
}

/** Reading the catalog's trail (built once per service; the reader's identity is given per call). */
export class CatalogAuditService {
  constructor(private readonly db: Queryable) {}

  events(reader: Identity, q: CatalogAuditQuery): Promise<AuditEventView[]> {
    return catalogAuditEvents(this.db, reader, q);
  }
}
