import { divRoundHalfEven } from '../../../../../common/money.ts';

/**
 * Tax arithmetic, pure. Rates are percents with at most 4 decimals ("19", "8.875"), held as integer
 * hundred-thousandths… of a percent (rate × 10⁴), so every step is integer arithmetic:
 *   added (prices exclude tax):    tax = amount × r / 100
 *   included (prices include it):  tax = amount × r / (100 + r)
 * rounded half-even per line (each item line and each shipping line), then summed: the order's tax
 * is exactly the sum of its lines' tax.
 */

/** rate × 10⁴ as an integer; "8.875" → 88750. Throws on anything but a percent with ≤ 4 decimals. */
export function rateUnits(rate: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(rate);
  if (!m) throw new Error(`"${rate}" is not a tax rate`);
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** The canonical text of a rate: "19", "8.875", "5.5". */
export function formatRate(rate: string): string {
  const units = rateUnits(rate);
  const whole = Math.floor(units / 10_000);
  const frac = String(units % 10_000).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

const HUNDRED = 1_000_000; // 100 % in rate units

/** The tax of one line, half-even. `included`: the amount already contains the tax. */
export function lineTax(amountMinor: number, rate: string, included: boolean): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new Error(`not an amount in minor units: ${amountMinor}`);
  const r = BigInt(rateUnits(rate));
  return divRoundHalfEven(BigInt(amountMinor) * r, included ? BigInt(HUNDRED) + r : BigInt(HUNDRED));
}

export interface Destination {
  country: string;
  region: string | null;
  postalCode: string | null;
}

export type TaxLineKind = 'ITEM' | 'SHIPPING';

/** A line to tax: an item line after its discounts, or the shipping charge after shipping discounts. */
export interface TaxableLine {
  /** the cart line's id, or "shipping" */
  id: string;
  kind: TaxLineKind;
  sku: string | null;
  /** the product's tax category (standard, reduced …); `shipping` for the shipping line */
  category: string;
  amountMinor: number;
}

export interface TaxRequest {
  market: string;
  currencyCode: string;
  pricesIncludeTax: boolean;
  destination: Destination;
  lines: TaxableLine[];
}

export interface TaxedLine {
  id: string;
  kind: TaxLineKind;
  /** canonical percent */
  rate: string;
  name: string;
  taxableMinor: number;
  taxMinor: number;
}

/** Tax lines grouped by rate and name (common/taxBreakdown.ts). */
export { taxBreakdown as breakdown } from '../../../../../common/taxBreakdown.ts';
