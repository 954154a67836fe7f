import { describe, expect, it } from 'vitest';
import { prorate } from '../../../../../common/money.ts';
import { breakdown, formatRate, lineTax, rateUnits, type TaxedLine } from './tax.ts';

/**
 * The tax arithmetic against an independent BigInt reference: the rate read from its decimal text
 * as an exact fraction (digits / 10^decimals percent), the tax as an exact rational, rounded half
 * to even by comparing twice the remainder with the divisor. Many random lines and rates, seeded.
 */
function reference(amountMinor: bigint, rate: string, included: boolean): bigint {
  const [whole, frac = ''] = rate.split('.');
  const num = BigInt(whole + frac); // rate = num / 10^frac.length percent
  const scale = 10n ** BigInt(frac.length);
  // added: amount × num / (100 × scale); included: amount × num / (100 × scale + num)
  const n = amountMinor * num;
  const d = included ? 100n * scale + num : 100n * scale;
  const q = n / d;
  const twice = (n % d) * 2n;
  if (twice > d) return q + 1n;
  if (twice < d) return q;
  return q % 2n === 0n ? q : q + 1n;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATES = ['19', '7', '20', '5.5', '10', '8', '8.875', '4', '6.625', '0', '7.25', '12.3456', '100', '0.0001'];

describe('tax per line, half-even, exact', () => {
  it('matches the BigInt reference for random amounts and rates, added and included', () => {
    const r = rng(20261206);
    for (let i = 0; i < 20_000; i++) {
      const rate = r() < 0.7 ? RATES[Math.floor(r() * RATES.length)] : `${Math.floor(r() * 30)}.${String(Math.floor(r() * 10_000)).padStart(4, '0')}`;
      // small and huge amounts, including the largest safe integers
      const amount = r() < 0.1 ? Number.MAX_SAFE_INTEGER - Math.floor(r() * 1000) : Math.floor(r() ** 3 * 10_000_000);
      const included = r() < 0.5;
      expect(lineTax(amount, rate, included)).toBe(Number(reference(BigInt(amount), rate, included)));
    }
  });

  it('rounds exact halves to even', () => {
    // 50 × 1% = 0.5 → 0; 150 × 1% = 1.5 → 2; 250 × 1% = 2.5 → 2
    expect([lineTax(50, '1', false), lineTax(150, '1', false), lineTax(250, '1', false)]).toEqual([0, 2, 2]);
    // 490 gross at 19% included: 78.23… → 78
    expect(lineTax(490, '19', true)).toBe(78);
    expect(lineTax(11900, '19', true)).toBe(1900);
  });

  it('the sum of the lines is the tax, and the breakdown sums the same lines', () => {
    const r = rng(7);
    for (let cart = 0; cart < 500; cart++) {
      const n = 1 + Math.floor(r() * 8);
      const amounts = Array.from({ length: n }, () => Math.floor(r() * 50_000));
      const discount = Math.floor(r() * amounts.reduce((a, b) => a + b, 0));
      const shares = prorate(discount, amounts);
      const lines: TaxedLine[] = amounts.map((a, i) => {
        const rate = r() < 0.3 ? '7' : '19';
        const taxable = a - shares[i];
        return { id: `l${i}`, kind: 'ITEM', rate, name: `VAT ${rate}%`, taxableMinor: taxable, taxMinor: lineTax(taxable, rate, true) };
      });
      const total = lines.reduce((s, l) => s + l.taxMinor, 0);
      const groups = breakdown(lines);
      expect(groups.reduce((s, g) => s + g.taxMinor, 0)).toBe(total);
      expect(groups.reduce((s, g) => s + g.taxableMinor, 0)).toBe(amounts.reduce((a, b) => a + b, 0) - discount);
      for (const g of groups) expect(g.taxMinor).toBe(lines.filter((l) => l.rate === g.rate).reduce((s, l) => s + Number(reference(BigInt(l.taxableMinor), l.rate, true)), 0));
    }
  });

  it('reads rates exactly and refuses what is not one', () => {
    expect(rateUnits('8.875')).toBe(88_750);
    expect(formatRate('19.0000')).toBe('19');
    expect(formatRate('5.50')).toBe('5.5');
    for (const bad of ['', '-1', '1e2', '19.12345', '1000', 'x']) expect(() => rateUnits(bad)).toThrow();
    expect(() => lineTax(-1, '19', false)).toThrow();
    expect(() => lineTax(1.5, '19', false)).toThrow();
  });
});
