/**
 * Several replicas of one service behind one name: a comma-separated list of URLs, used round
 * robin. A replica that refuses the connection (the request never reached it) is skipped.
 */
export const urlList = (value: string): string[] =>
  value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

export function isUrlList(value: string): boolean {
  const urls = urlList(value);
  return urls.length > 0 && urls.every((u) => URL.canParse(u));
}

/**
 * Items taken in turn: each call gives all of them, starting with the next in turn. The orders are
 * made once, so a request allocates nothing to pick its replica; callers only read them.
 */
export class Rotation<T> {
  private next = 0;
  private readonly orders: readonly (readonly T[])[];
  constructor(items: readonly T[]) {
    this.orders = items.length ? items.map((_, i) => [...items.slice(i), ...items.slice(0, i)]) : [[]];
  }

  /** All the items, starting with the next in turn. */
  order(): readonly T[] {
    const orders = this.orders;
    return orders[this.next++ % orders.length];
  }
}

export class RoundRobin extends Rotation<string> {
  readonly urls: string[];
  constructor(value: string) {
    const urls = urlList(value);
    super(urls);
    this.urls = urls;
  }
}

/** True when the error means the request was never sent (safe to send it to another replica). */
export function neverSent(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } })?.cause?.code ?? (e as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
