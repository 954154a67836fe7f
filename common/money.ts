/**
 * Money: integer minor units, never floats. One rounding rule: half-even.
 * Amounts cross the API as decimal strings ("19.99"; JPY "1999").
 */

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF_NONE']);

export interface Money {
  amount: string;
  currencyCode: string;
}

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** Number of decimals in the currency's minor unit. */
export function currencyDigits(currencyCode: string): number {
  return ZERO_DECIMAL.has(currencyCode) ? 0 : 2;
}

/** Parses a decimal string into integer minor units. Throws MoneyError on bad input or too many decimals. */
export function parseMinor(amount: string, currencyCode: string): number {
  const digits = currencyDigits(currencyCode);
  const m = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new MoneyError(`"${amount}" is not a decimal amount`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > digits) {
    if (/^0*$/.test(frac.slice(digits))) {
      // trailing zeros beyond the minor unit are harmless ("10.500")
    } else {
      throw new MoneyError(`"${amount}" has more decimals than ${currencyCode} allows (${digits})`);
    }
  }
  const fracPadded = (frac + '0'.repeat(digits)).slice(0, digits);
  const minor = Number(whole) * 10 ** digits + (digits ? Number(fracPadded) : 0);
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`"${amount}" is too large`);
  return sign ? -minor : minor;
}

/** Formats integer minor units as a decimal string. */
export function formatMinor(minor: number, currencyCode: string): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`not an integer amount: ${minor}`);
  const digits = currencyDigits(currencyCode);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  if (digits === 0) return `${negative ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export function money(minor: number, currencyCode: string): Money {
  return { amount: formatMinor(minor, currencyCode), currencyCode };
}

/**
 * Divides numerator by denominator (both integers, denominator > 0) and rounds half to even.
 * Uses BigInt so that large products stay exact.
 */
export function divRoundHalfEven(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new MoneyError('denominator must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const r = a % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return Number(negative ? -q : q);
}

/** percent of an amount in minor units, half-even. percent may have up to 4 decimals. */
export function percentOf(minor: number, percent: number): number {
  const scaled = Math.round(percent * 10_000); // basis points * 100
  const product = minor * scaled;
  if (!Number.isSafeInteger(product) || product < 0) return divRoundHalfEven(BigInt(minor) * BigInt(scaled), 1_000_000n);
  // exact in doubles (every integer below 2^53 is): the same half-even result without BigInt allocations,
  // which promotion engines pay per line and campaign
  let q = Math.floor(product / 1_000_000);
  let r = product - q * 1_000_000;
  if (r < 0) {
    q -= 1;
    r += 1_000_000;
  } else if (r >= 1_000_000) {
    q += 1;
    r -= 1_000_000;
  }
  if (r > 500_000 || (r === 500_000 && q % 2 === 1)) q += 1;
  return q;
}

/**
 * Splits `total` over `weights` proportionally so that the parts add up exactly to `total`
 * (largest-remainder method; ties go to the earliest weight). No part exceeds its weight when
 * total <= sum(weights).
 */
export function prorate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  // every total × weight below 2^53 is exact in doubles: the same result without BigInt allocations
  // (promotion engines prorate per applicable campaign)
  if (total < 0 || !Number.isSafeInteger(total * sum) || weights.some((w) => w < 0)) return prorateBig(total, weights, sum);
  const result: number[] = [];
  const remainders: number[] = [];
  let left = total;
  for (const w of weights) {
    const product = total * w;
    let q = Math.floor(product / sum);
    let r = product - q * sum;
    if (r < 0) {
      q -= 1;
      r += sum;
    } else if (r >= sum) {
      q += 1;
      r -= sum;
    }
    result.push(q);
    remainders.push(r);
    left -= q;
  }
  // the `left` (< number of weights) largest remainders get one more unit each, ties to the earliest:
  // picked one by one when few (carts have a handful of lines), else by sorting
  if (left > 8) {
    const order = weights.map((_, i) => i).sort((x, y) => remainders[y] - remainders[x] || x - y);
    for (let k = 0; k < left; k++) result[order[k]] += 1;
    return result;
  }
  for (; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < remainders.length; i++) if (remainders[i] > remainders[best]) best = i;
    result[best] += 1;
    remainders[best] = -1;
  }
  return result;
}

function prorateBig(total: number, weights: readonly number[], sum: number): number[] {
  const big = BigInt(total);
  const bigSum = BigInt(sum);
  const parts = weights.map((w) => (big * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigSum }));
  let left = total - parts.reduce((a, b) => a + Number(b), 0);
  remainders.sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  const result = parts.map(Number);
  for (let k = 0; left > 0 && k < remainders.length; k++, left--) result[remainders[k].i] += 1;
  return result;
}
