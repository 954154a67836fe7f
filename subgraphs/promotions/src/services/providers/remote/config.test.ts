import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../../common/config.ts';
import { createLogger } from '../../../../../../common/log.ts';
import { parseRetryAfter } from './call.ts';
import { describeRemoteConfig, loadRemoteProviders, parseRemoteProviders } from './config.ts';
import { centAmountToMinor, decimalNumberToMinor, minorToDecimalNumber } from './money.ts';

const valid = {
  talon: { baseUrl: 'https://shop.talon.one', applications: { FR: { apiKey: 'secret-talon-key-123' } } },
  commercetools: {
    apiUrl: 'https://api.europe-west1.gcp.commercetools.com',
    authUrl: 'https://auth.europe-west1.gcp.commercetools.com',
    projectKey: 'shop-eu',
    clientId: 'client',
    clientSecret: 'secret-ct-value-456',
    markets: { FR: { storeKey: 'fr' } },
  },
};

describe('remote providers configuration', () => {
  it('parses with defaults; nothing configured means no remote engine', () => {
    const c = parseRemoteProviders(valid);
    expect(c.talon).toMatchObject({ timeoutMs: 1000, maxSockets: 32, maxAttempts: 3, categories: {} });
    expect(c.commercetools).toMatchObject({ locale: 'en', scopes: [] });
    expect(loadRemoteProviders({})).toEqual({});
  });

  it('the example of docs/migrating-promotion-engines.md is a valid configuration', () => {
    const doc = readFileSync(new URL('../../../../../../docs/migrating-promotion-engines.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1];
    const c = parseRemoteProviders(JSON.parse(example));
    expect(c.commercetools!.markets.FR).toMatchObject({ storeKey: 'fr', address: { country: 'FR' }, locations: { 'store-lyon': { country: 'FR', city: 'Lyon' } } });
    expect(() => parseRemoteProviders({ commercetools: { ...valid.commercetools, markets: { FR: { storeKey: 'fr', address: { city: 'Paris' } } } } })).toThrow(/markets\.FR\.address\.country/);
  });

  it('refuses bad values naming the field', () => {
    const bad = () => parseRemoteProviders({ talon: { baseUrl: 'ftp://x', applications: { france: { apiKey: 'k' } }, timeoutMs: -1 }, nope: {} });
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/talon\.baseUrl/);
    expect(message).toMatch(/talon\.timeoutMs/);
    expect(message).toMatch(/talon\.applications/);
    expect(message).toMatch(/nope|Unrecognized/);
  });

  it('reads PROMOTION_PROVIDERS_FILE or PROMOTION_PROVIDERS', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cg-providers-')), 'providers.json');
    writeFileSync(file, JSON.stringify(valid));
    expect(Object.keys(loadRemoteProviders({ PROMOTION_PROVIDERS_FILE: file }))).toEqual(['talon', 'commercetools']);
    expect(Object.keys(loadRemoteProviders({ PROMOTION_PROVIDERS: JSON.stringify({ talon: valid.talon }) }))).toEqual(['talon']);
    expect(() => loadRemoteProviders({ PROMOTION_PROVIDERS: '{nope' })).toThrow(/not valid JSON/);
    expect(() => loadRemoteProviders({ PROMOTION_PROVIDERS_FILE: '/nonexistent/x.json' })).toThrow(/cannot read/);
  });

  it('what is logged of it carries no secret (vendor errors: see the adapters\' tests)', () => {
    const lines: string[] = [];
    const log = createLogger('promotions', 'info', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const config = parseRemoteProviders(valid);
    log.info({ providers: describeRemoteConfig(config) }, 'remote promotion engines configured');
    const out = lines.join('');
    expect(out).toContain('shop-eu');
    expect(out).not.toContain('secret-talon-key-123');
    expect(out).not.toContain('secret-ct-value-456');
  });
});

describe('money conversion', () => {
  it('minor units ↔ decimal numbers (Talon.One), exactly', () => {
    expect(minorToDecimalNumber(1999, 'EUR')).toBe(19.99);
    expect(minorToDecimalNumber(5, 'EUR')).toBe(0.05);
    expect(minorToDecimalNumber(1999, 'JPY')).toBe(1999);
    expect(decimalNumberToMinor(19.99, 'EUR')).toBe(1999);
    expect(decimalNumberToMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(decimalNumberToMinor(1.999, 'EUR')).toBe(200);
    expect(decimalNumberToMinor(0.125, 'EUR')).toBe(12); // half-even
    expect(decimalNumberToMinor(0.135, 'EUR')).toBe(14);
    expect(decimalNumberToMinor(179.5, 'JPY')).toBe(180);
    expect(decimalNumberToMinor(178.5, 'JPY')).toBe(178);
    expect(() => decimalNumberToMinor('1.00', 'EUR')).toThrow();
    for (let minor = 0; minor < 100_000; minor += 7) expect(decimalNumberToMinor(minorToDecimalNumber(minor, 'EUR'), 'EUR')).toBe(minor);
  });

  it('cent amounts (commercetools) with their fraction digits', () => {
    expect(centAmountToMinor({ centAmount: 1999, currencyCode: 'EUR', fractionDigits: 2 }, 'EUR')).toBe(1999);
    expect(centAmountToMinor({ centAmount: 1999, currencyCode: 'JPY', fractionDigits: 0 }, 'JPY')).toBe(1999);
    expect(centAmountToMinor({ centAmount: 19990, currencyCode: 'EUR', fractionDigits: 3 }, 'EUR')).toBe(1999);
    expect(() => centAmountToMinor({ centAmount: 1, currencyCode: 'USD' }, 'EUR')).toThrow(/currency/);
  });

  it('Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(undefined, 0)).toBeNull();
  });
});
