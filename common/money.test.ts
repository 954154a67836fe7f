import { describe, expect, it } from 'vitest';
import { divRoundHalfEven, formatMinor, parseMinor, percentOf, prorate } from './money.ts';

describe('money', () => {
  it('parses and formats decimal strings in minor units', () => {
    expect(parseMinor('19.99', 'EUR')).toBe(1999);
    expect(parseMinor('19.9', 'EUR')).toBe(1990);
    expect(parseMinor('20', 'EUR')).toBe(2000);
    expect(parseMinor('1999', 'JPY')).toBe(1999);
    expect(parseMinor('10.500', 'EUR')).toBe(1050);
    expect(formatMinor(1999, 'EUR')).toBe('19.99');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(-5, 'GBP')).toBe('-0.05');
    expect(formatMinor(1999, 'JPY')).toBe('1999');
  });

  it('refuses amounts it cannot represent exactly', () => {
    expect(() => parseMinor('19.999', 'EUR')).toThrow(/decimals/);
    expect(() => parseMinor('19.5', 'JPY')).toThrow(/decimals/);
    expect(() => parseMinor('1e3', 'EUR')).toThrow();
    expect(() => parseMinor('abc', 'EUR')).toThrow();
    expect(() => parseMinor('', 'EUR')).toThrow();
  });

  it('rounds half to even', () => {
    expect(divRoundHalfEven(5, 2)).toBe(2);
    expect(divRoundHalfEven(7, 2)).toBe(4);
    expect(divRoundHalfEven(-5, 2)).toBe(-2);
    expect(divRoundHalfEven(10, 3)).toBe(3);
    expect(percentOf(7116, 10)).toBe(712); // 711.6
    expect(percentOf(125, 10)).toBe(12); // 12.5 → 12
    expect(percentOf(135, 10)).toBe(14); // 13.5 → 14
  });

  it('percentOf gives the same half-even result as exact BigInt arithmetic', () => {
    const exact = (minor: number, percent: number) => divRoundHalfEven(BigInt(minor) * BigInt(Math.round(percent * 10_000)), 1_000_000n);
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const minor = i < 10_000 ? next() % 100_000 : next() * 4096 + (next() % 4096); // small and large amounts
      const percent = (next() % 1_000_001) / 10_000; // 0 … 100 with 4 decimals
      expect(percentOf(minor, percent)).toBe(exact(minor, percent));
    }
    for (const [minor, percent] of [[5, 10], [15, 10], [25, 10], [1, 50], [3, 50], [2 ** 40, 99.9999], [Number.MAX_SAFE_INTEGER, 100]] as const) {
      expect(percentOf(minor, percent)).toBe(exact(minor, percent));
    }
  });

  it('prorates so that the parts add up exactly and never exceed their weight', () => {
    for (const [total, weights] of [
      [2, [1, 1, 1]],
      [1000, [333, 333, 334]],
      [7, [5000, 2500, 2500]],
      [9999, [9999, 1]],
    ] as [number, number[]][]) {
      const parts = prorate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i]));
    }
    expect(prorate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(prorate(0, [1, 2])).toEqual([0, 0]);
  });

  it('prorates in doubles exactly as in BigInt arithmetic (largest remainder, ties to the earliest)', () => {
    const reference = (total: number, weights: number[]) => {
      const sum = BigInt(weights.reduce((a, b) => a + b, 0));
      const parts = weights.map((w) => (BigInt(total) * BigInt(w)) / sum);
      const order = weights.map((w, i) => ({ i, r: (BigInt(total) * BigInt(w)) % sum })).sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
      const result = parts.map(Number);
      let left = total - result.reduce((a, b) => a + b, 0);
      for (let k = 0; left > 0; k++, left--) result[order[k].i] += 1;
      return result;
    };
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    for (let run = 0; run < 2000; run++) {
      const weights = Array.from({ length: 1 + next(run % 3 ? 8 : 40) }, () => next(run % 2 ? 1_000_000_000 : 10_000));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const total = next(weights.reduce((a, b) => a + b, 0) + 1);
      expect(prorate(total, weights)).toEqual(reference(total, weights));
    }
    // beyond 2^53 the BigInt path answers
    expect(prorate(2 ** 40, [2 ** 20, 2 ** 20, 1]).reduce((a, b) => a + b, 0)).toBe(2 ** 40);
  });
});
