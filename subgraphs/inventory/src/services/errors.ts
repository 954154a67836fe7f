import type { Clock } from '../../../../common/clock.ts';

/** A write was attempted while previewing a future instant. Resolvers turn it into PREVIEW_READ_ONLY. */
export class PreviewReadOnlyError extends Error {
  constructor() {
    super('This request previews a future instant: nothing may be changed.');
  }
}

/** Every write path calls this first, before it touches the database. */
export function assertWritable(clock: Clock): void {
  if (clock.preview) throw new PreviewReadOnlyError();
}

/** An invariant of the stock ledger does not hold (a bug or manual database edit): fails the transaction. */
export class StockInvariantError extends Error {}
