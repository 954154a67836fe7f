import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * Ids that sort in creation order within a process (wall-clock ms, then a counter) and are unique
 * across replicas (random suffix). Ledger entries are ordered by (at, id): entries written in the
 * same business instant (a ManualClock, one transaction) keep the order they were written in.
 */
export function sortableId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else {
    counter++;
  }
  return `${lastMs.toString(36).padStart(9, '0')}${counter.toString(36).padStart(5, '0')}${randomBytes(8).toString('hex')}`;
}
