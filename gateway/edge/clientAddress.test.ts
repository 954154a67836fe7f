import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientAddresses, normalise } from './clientAddress.ts';

const req = (peer: string | undefined, xff?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const c = new ClientAddresses([]);
    expect(c.of(req('198.51.100.4', '203.0.113.9'))).toBe('198.51.100.4');
    expect(c.of(req('::ffff:198.51.100.4'))).toBe('198.51.100.4');
    expect(c.of(req(undefined))).toBe('unknown');
  });

  it('is the socket peer when the peer is not a trusted proxy', () => {
    const c = new ClientAddresses(['10.0.0.0/8']);
    expect(c.of(req('198.51.100.4', '203.0.113.9'))).toBe('198.51.100.4');
  });

  it('behind trusted proxies: the first address from the right that no trusted proxy stands for', () => {
    const c = new ClientAddresses(['10.0.0.0/8', '192.0.2.1']);
    expect(c.of(req('10.1.2.3', '203.0.113.9'))).toBe('203.0.113.9');
    // the client wrote "1.1.1.1" itself: only what the proxies appended is believed
    expect(c.of(req('10.1.2.3', '1.1.1.1, 203.0.113.9, 192.0.2.1'))).toBe('203.0.113.9');
    expect(c.of(req('10.1.2.3', ['1.1.1.1', '203.0.113.9']))).toBe('203.0.113.9');
    // every hop trusted: the leftmost
    expect(c.of(req('10.1.2.3', '10.9.9.9, 192.0.2.1'))).toBe('10.9.9.9');
    // no header: the proxy itself
    expect(c.of(req('10.1.2.3'))).toBe('10.1.2.3');
  });

  it('stops at an entry that is no address: the last address a trusted proxy vouched for stands', () => {
    const c = new ClientAddresses(['10.0.0.0/8']);
    expect(c.of(req('10.1.2.3', 'evil, 10.4.4.4'))).toBe('10.4.4.4');
    expect(c.of(req('10.1.2.3', '203.0.113.9, <script>'))).toBe('10.1.2.3');
  });

  it('understands IPv6, ports and IPv4-mapped addresses', () => {
    const c = new ClientAddresses(['::1', '2001:db8::/32']);
    expect(c.of(req('::1', '2001:DB8::5, 2001:db9::7'))).toBe('2001:db9::7');
    expect(normalise('203.0.113.9:4711')).toBe('203.0.113.9');
    expect(normalise('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalise('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    expect(normalise('not an address')).toBeNull();
  });

  it('refuses a configuration that is no address or range', () => {
    expect(() => new ClientAddresses(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => new ClientAddresses(['proxy.internal'])).toThrow(/TRUSTED_PROXIES/);
  });
});
