import { currencyDigits, divRoundHalfEven, formatMinor, MoneyError } from '../../../../../../common/money.ts';

/**
 * Exact conversions between our integer minor units and the vendors' amounts: Talon.One sends
 * decimal numbers in major units (19.99), commercetools cent amounts with their own fractionDigits.
 */

/** Minor units → a JSON number in major units (1999 EUR → 19.99; 1999 JPY → 1999). */
export function minorToDecimalNumber(minor: number, currencyCode: string): number {
  // the JSON number 19.99 is written as the shortest decimal that reads back as the same double: "19.99"
  return Number(formatMinor(minor, currencyCode));
}

/**
 * A vendor's decimal number in major units → minor units. Extra decimals (a percentage of 19.99 =
 * 1.999) round half-even, like our own engine; float noise (1.9990000000000001) is ignored.
 */
export function decimalNumberToMinor(value: unknown, currencyCode: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MoneyError(`not an amount: ${String(value)}`);
  const digits = currencyDigits(currencyCode);
  const fixed = Math.abs(value).toFixed(9); // 9 decimals: exact for any float below 2^53 / 1e9 at cent precision
  const [whole, frac] = fixed.split('.');
  const scaled = BigInt(whole + frac); // value × 10^9
  const minor = divRoundHalfEven(scaled, 10n ** BigInt(9 - digits));
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`amount too large: ${value}`);
  return value < 0 ? -minor : minor;
}

/** A commercetools CentPrecisionMoney / TypedMoney → minor units of our currency (scales when fractionDigits differ). */
export function centAmountToMinor(m: { centAmount: number; currencyCode: string; fractionDigits?: number }, currencyCode: string): number {
  if (m.currencyCode !== currencyCode) throw new MoneyError(`currency ${m.currencyCode} is not the cart's ${currencyCode}`);
  if (!Number.isSafeInteger(m.centAmount)) throw new MoneyError(`not a cent amount: ${m.centAmount}`);
  const ours = currencyDigits(currencyCode);
  const theirs = m.fractionDigits ?? ours;
  if (theirs === ours) return m.centAmount;
  if (theirs < ours) return m.centAmount * 10 ** (ours - theirs);
  return divRoundHalfEven(m.centAmount, 10 ** (theirs - ours));
}

/**
 * Minor units → a commercetools Money (LineItemDraft.externalPrice): cent amount in the currency's
 * default fraction digits (ISO 4217, as ours), no type or fraction digits (the reference's Money has
 * only these two fields).
 */
export function minorToCentMoney(minor: number, currencyCode: string): { currencyCode: string; centAmount: number } {
  return { currencyCode, centAmount: minor };
}
