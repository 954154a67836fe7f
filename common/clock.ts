/** Every service asks one clock. Business code never calls Date.now(). */
export interface Clock {
  now(): Date;
  /** true when the request previews a future instant: nothing may be written. */
  readonly preview: boolean;
}

export const systemClock: Clock = { now: () => new Date(), preview: false };

export function fixedClock(at: Date, preview = true): Clock {
  return { now: () => new Date(at.getTime()), preview };
}

/** A clock tests can move. */
export class ManualClock implements Clock {
  readonly preview = false;
  constructor(private current: Date = new Date('2026-11-01T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function iso(d: Date): string {
  return d.toISOString();
}
