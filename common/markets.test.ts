import { describe, expect, it } from 'vitest';
import { MarketDirectory, staticMarketSource, type MarketInfo, type MarketSource } from './markets.ts';

const market = (code: string, currencyCode = 'EUR'): MarketInfo => ({ code, name: code, currencyCode, pricesIncludeTax: true, defaultLocale: 'en', channels: ['web'] });

/** A source that counts what it is asked and can be made to fail. */
function countingSource(initial: MarketInfo[]) {
  const inner = staticMarketSource(initial);
  const calls = { version: 0, markets: 0 };
  let down = false;
  const source: MarketSource = {
    version: async () => {
      calls.version++;
      if (down) throw new Error('catalog down');
      return inner.version();
    },
    markets: async () => {
      calls.markets++;
      if (down) throw new Error('catalog down');
      return inner.markets();
    },
  };
  return { source, calls, set: inner.set, setDown: (d: boolean) => void (down = d) };
}

describe('MarketDirectory', () => {
  it('answers from its copy while fresh, then asks the change counter and reloads only on a change', async () => {
    let now = 0;
    const s = countingSource([market('DE')]);
    const dir = new MarketDirectory(s.source, { maxAgeMs: 1000, now: () => now });
    expect((await dir.get('DE'))?.currencyCode).toBe('EUR');
    await dir.get('DE');
    expect(s.calls).toEqual({ version: 0, markets: 1 });
    now = 1500;
    await dir.get('DE');
    expect(s.calls).toEqual({ version: 1, markets: 1 });
    s.set([market('DE', 'CHF')]);
    now = 3000;
    expect((await dir.get('DE'))?.currencyCode).toBe('CHF');
    expect(s.calls).toEqual({ version: 2, markets: 2 });
  });

  it('for an unknown code asks the counter at once and reloads when it moved; waiting lookups share one check', async () => {
    const s = countingSource([market('DE')]);
    const dir = new MarketDirectory(s.source, { maxAgeMs: 60_000 });
    await dir.get('DE');
    s.set([market('DE'), market('NL')]);
    expect((await dir.get('NL'))?.code).toBe('NL');
    expect(s.calls).toEqual({ version: 1, markets: 2 });
    // made-up codes: one small counter query per check, no reload; concurrent ones share a check
    expect(await Promise.all(['XX', 'YY', 'ZZ', 'QQ'].map((c) => dir.get(c)))).toEqual([null, null, null, null]);
    expect(s.calls.markets).toBe(2);
    expect(s.calls.version).toBeLessThanOrEqual(3);
  });

  it('keeps the copy it has while the catalog is away; without one, the caller sees the error', async () => {
    let now = 0;
    const s = countingSource([market('DE')]);
    const dir = new MarketDirectory(s.source, { maxAgeMs: 10, now: () => now });
    await dir.get('DE');
    s.setDown(true);
    now = 100;
    expect((await dir.get('DE'))?.code).toBe('DE');
    const cold = new MarketDirectory(s.source);
    await expect(cold.get('DE')).rejects.toThrow('catalog down');
  });

  it('shares one load between concurrent lookups', async () => {
    const s = countingSource([market('DE'), market('FR')]);
    const dir = new MarketDirectory(s.source);
    const found = await Promise.all(['DE', 'FR', 'DE', 'FR'].map((c) => dir.get(c)));
    expect(found.map((m) => m?.code)).toEqual(['DE', 'FR', 'DE', 'FR']);
    expect(s.calls.markets).toBe(1);
  });
});
