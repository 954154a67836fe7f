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

export class RoundRobin {
  private next = 0;
  readonly urls: string[];
  constructor(value: string) {
    this.urls = urlList(value);
  }

  /** The URLs to try for one request, starting with the next in turn. */
  order(): string[] {
    const start = this.next++ % this.urls.length;
    return [...this.urls.slice(start), ...this.urls.slice(0, start)];
  }
}

/** True when the error means the request was never sent (safe to send it to another replica). */
export function neverSent(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } })?.cause?.code ?? (e as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
