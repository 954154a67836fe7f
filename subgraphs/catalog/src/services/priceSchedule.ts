import type { PriceSchedule } from '../data/catalogRepository.ts';

/** The price of one SKU in effect at `at` (ISO): among rows valid then, the one that starts last. */
export function priceAt(rows: readonly PriceSchedule[], at: string): number | null {
  let best: PriceSchedule | null = null;
  for (const r of rows) {
    if (r.valid_from > at || (r.valid_until !== null && r.valid_until <= at)) continue;
    if (!best || r.valid_from > best.valid_from) best = r;
  }
  return best ? Number(best.amount_minor) : null;
}

export interface PriceChangeRecord {
  sku: string;
  /** the instant the new price takes effect */
  at: string;
  /** minor units before and from that instant; null = not sold */
  beforeMinor: number | null;
  afterMinor: number | null;
}

/**
 * Every change of one market's prices in (from, to]: at each instant where a scheduled price starts or
 * ends, the price just before and the price from then on, when they differ. Sorted by instant, then SKU.
 */
export function priceChangesBetween(rows: readonly PriceSchedule[], from: string, to: string): PriceChangeRecord[] {
  const bySku = new Map<string, PriceSchedule[]>();
  for (const r of rows) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
  const changes: PriceChangeRecord[] = [];
  for (const [sku, schedule] of bySku) {
    const instants = new Set<string>();
    for (const r of schedule) {
      for (const t of [r.valid_from, r.valid_until]) if (t !== null && t > from && t <= to) instants.add(t);
    }
    for (const at of [...instants].sort()) {
      const before = priceAt(schedule, justBefore(at));
      const after = priceAt(schedule, at);
      if (before !== after) changes.push({ sku, at, beforeMinor: before, afterMinor: after });
    }
  }
  return changes.sort((a, b) => (a.at === b.at ? a.sku.localeCompare(b.sku) : a.at < b.at ? -1 : 1));
}

/** The last millisecond before an ISO instant (instants are stored with millisecond precision). */
function justBefore(iso: string): string {
  return new Date(new Date(iso).getTime() - 1).toISOString();
}
