import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The client's address, which the limits count by: the socket's peer, unless that peer is one of
 * the configured trusted proxies (TRUSTED_PROXIES: addresses and CIDR ranges); then the
 * `X-Forwarded-For` chain is read from the right, each trusted hop skipped, and the first address
 * no trusted proxy stands for is the client. Entries left of it were written by the client itself
 * and are never believed. Without trusted proxies the header is ignored.
 */
export class ClientAddresses {
  private readonly trusted: BlockList | null;

  constructor(trustedProxies: readonly string[]) {
    if (trustedProxies.length === 0) {
      this.trusted = null;
      return;
    }
    const list = new BlockList();
    for (const entry of trustedProxies) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else {
        const bits = Number(prefix);
        if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
        list.addSubnet(address, bits, type);
      }
    }
    this.trusted = list;
  }

  /** Whether an address belongs to a trusted proxy. */
  isTrusted(address: string): boolean {
    if (!this.trusted) return false;
    const family = isIP(address);
    return family !== 0 && this.trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client of a request: an IP address, or `unknown` when the socket has none. */
  of(req: IncomingMessage): string {
    const peer = normalise(req.socket.remoteAddress);
    if (!peer) return 'unknown';
    if (!this.trusted || !this.isTrusted(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    if (!header) return peer;
    const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalise(hops[i]);
      // a hop that is no address ends the chain: the last address a trusted proxy vouched for stands
      if (!hop) break;
      client = hop;
      if (!this.isTrusted(hop)) break;
    }
    return client;
  }
}

/** A plain IP address (IPv4-mapped IPv6 as IPv4, an IPv4 `:port` suffix removed), or null when it is none. */
export function normalise(raw: string | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('[')) a = a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4port) a = v4port[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1];
  const family = isIP(a);
  if (!family) return null;
  return family === 6 ? a.toLowerCase() : a;
}
