import { recordChanges, union } from '../../../../common/events/outbox.ts';
import type { Queryable } from '../../../../common/storage/index.ts';
import { sortableId } from './ids.ts';

/** A counted quantity on hand of a SKU at a location (absolute). */
export interface StockCount {
  sku: string;
  location: string;
  onHand: number;
}

export interface CountMovement {
  at: string;
  actor: string;
  /** the ledger entries' reason (IMPORT, INITIAL …) */
  reason: string;
}

/** StockChanged of a SKU folded into the one still waiting: the locations of both. */
export const mergeStockChanged = (waiting: { sku: string; locations: string[] }, next: { sku: string; locations: string[] }) => ({
  sku: next.sku,
  locations: union(waiting.locations, next.locations),
});

/** Rows per statement (well under either store's parameter limit). */
const CHUNK = 200;

/**
 * Sets counted stock in the caller's transaction, a few hundred rows a statement (on PostgreSQL each
 * statement is a round trip): the stock rows are read, a missing one is created, a changed one is set
 * by compare-and-set on the quantity read; every change is a ledger entry (ADJUST) and StockChanged
 * (one per SKU, coalesced with the one still waiting). The same as one row at a time, in order.
 * Throws — the caller's transaction then writes nothing — when a count is below the quantity reserved
 * (stock held by reservations is never undercut) or a row changed between reading and writing.
 */
export async function setStockCounts(tx: Queryable, counts: readonly StockCount[], movement: CountMovement): Promise<void> {
  // a (sku, location) given again sees the first one's result: such rows go in a later round
  let round: StockCount[] = [];
  let keys = new Set<string>();
  for (const c of counts) {
    const key = `${c.sku}\u0000${c.location}`;
    if (keys.has(key)) {
      await setRound(tx, round, movement);
      round = [];
      keys = new Set();
    }
    keys.add(key);
    round.push(c);
  }
  await setRound(tx, round, movement);
}

/** Throws naming the first count the statement did not write (its row changed between reading and writing). */
function missing(wanted: readonly StockCount[], written: readonly { sku: string; location: string }[]): void {
  if (written.length === wanted.length) return;
  const done = new Set(written.map((w) => `${w.sku}\u0000${w.location}`));
  const first = wanted.find((c) => !done.has(`${c.sku}\u0000${c.location}`));
  throw new Error(`${first?.sku} at ${first?.location} changed meanwhile`);
}

/** Counts with distinct (sku, location). */
async function setRound(tx: Queryable, counts: readonly StockCount[], movement: CountMovement): Promise<void> {
  const movements: { id: string; sku: string; location: string; delta: number }[] = [];
  for (let i = 0; i < counts.length; i += CHUNK) {
    const chunk = counts.slice(i, i + CHUNK);
    const current = new Map<string, { on_hand: number; reserved: number }>();
    for (const r of await tx.all<{ sku: string; location: string; on_hand: unknown; reserved: unknown }>(
      `SELECT sku, location, on_hand, reserved FROM stock WHERE (sku, location) IN (VALUES ${chunk.map(() => '(?, ?)').join(', ')})`,
      chunk.flatMap((c) => [c.sku, c.location]),
    )) {
      current.set(`${r.sku}\u0000${r.location}`, { on_hand: Number(r.on_hand), reserved: Number(r.reserved) });
    }
    const inserts: StockCount[] = [];
    const updates: { count: StockCount; expected: number }[] = [];
    for (const c of chunk) {
      const now = current.get(`${c.sku}\u0000${c.location}`);
      if (now && c.onHand < now.reserved) throw new Error(`${c.sku} at ${c.location}: ${now.reserved} units are reserved, more than onHand ${c.onHand}`);
      const delta = c.onHand - (now?.on_hand ?? 0);
      if (!now) inserts.push(c);
      else if (delta !== 0) updates.push({ count: c, expected: now.on_hand });
      if (delta !== 0) movements.push({ id: sortableId(), sku: c.sku, location: c.location, delta });
    }
    if (inserts.length) {
      const made = await tx.all<{ sku: string; location: string }>(
        `INSERT INTO stock (sku, location, on_hand, reserved) VALUES ${inserts.map(() => '(?, ?, ?, 0)').join(', ')}
         ON CONFLICT (sku, location) DO NOTHING RETURNING sku, location`,
        inserts.flatMap((c) => [c.sku, c.location, c.onHand]),
      );
      missing(inserts, made);
    }
    if (updates.length) {
      const set = await tx.all<{ sku: string; location: string }>(
        `UPDATE stock SET on_hand = v.column3 FROM (VALUES ${updates.map(() => '(?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))').join(', ')}) AS v
         WHERE stock.sku = v.column1 AND stock.location = v.column2 AND stock.on_hand = v.column4 RETURNING stock.sku, stock.location`,
        updates.flatMap((u) => [u.count.sku, u.count.location, u.count.onHand, u.expected]),
      );
      missing(updates.map((u) => u.count), set);
    }
  }
  for (let i = 0; i < movements.length; i += CHUNK) {
    const chunk = movements.slice(i, i + CHUNK);
    await tx.run(
      `INSERT INTO stock_movements (id, sku, location, delta_on_hand, delta_reserved, kind, reason, actor, ref, at)
       VALUES ${chunk.map(() => "(?, ?, ?, ?, 0, 'ADJUST', ?, ?, NULL, ?)").join(', ')}`,
      chunk.flatMap((m) => [m.id, m.sku, m.location, m.delta, movement.reason, movement.actor, movement.at]),
    );
  }
  // StockChanged per SKU, naming the locations, in the order of the ledger entries (as one movement at a time records it)
  await recordChanges(tx, 'StockChanged', movement.at, movements.map((m) => ({ aggregateId: m.sku, data: { sku: m.sku, locations: [m.location] } })), mergeStockChanged);
}
