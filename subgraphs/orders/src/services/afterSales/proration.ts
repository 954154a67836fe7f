import { divRoundHalfEven, parseMinor, prorate, type Money } from '../../../../../common/money.ts';
import type { OrderCharges } from '../charges.ts';

/** What proration needs of an order. */
export interface PricedOrder {
  currencyCode: string;
  lines: { id: string; quantity: number; unitPrice: Money }[];
  /** the promotion object as stored with the order */
  promotion: unknown;
  /** what was paid (the order total: goods, shipping and tax where tax is added) */
  totalMinor: number;
  /** the shipping and tax the order was charged (absent or NOT_RECORDED: goods only) */
  charges?: Pick<OrderCharges, 'shippingMinor' | 'shippingDiscountMinor' | 'taxIncluded' | 'taxStatus' | 'taxLines'>;
}

/** What was paid, in parts that add up to the order total: each line, and the shipping charge. */
export interface PaidParts {
  /** per line: its price after every discount that touched it, plus its tax where tax is added */
  lines: Map<string, number>;
  /** the shipping charge after shipping discounts, plus its tax where tax is added */
  shippingMinor: number;
}

interface AmountLike {
  amount?: { amount?: string; currencyCode?: string };
}
interface PromotionLike {
  discounts?: AmountLike[];
  discountCodes?: AmountLike[];
  lineItemPromotions?: { lineId?: string; discounts?: AmountLike[]; discountCodes?: AmountLike[] }[];
}

function sum(list: AmountLike[] | undefined, currencyCode: string): number {
  let n = 0;
  for (const d of list ?? []) if (d.amount?.amount !== undefined) n += parseMinor(d.amount.amount, d.amount.currencyCode ?? currencyCode);
  return n;
}

/**
 * What was paid for each line and for shipping, in minor units. A line: its price minus the
 * discounts on that line (`lineItemPromotions`), minus its share of the order-level discounts
 * prorated over the lines by what they cost after their own discounts (largest remainder, as at
 * checkout), plus the line's tax where the market adds tax to prices (US). Shipping: the charge
 * minus shipping discounts, plus its tax where tax is added. The parts add up exactly to the order
 * total; an order whose total is not its parts (an imported sale priced by the till, a tax-exempt
 * customer's order with tax taken off included prices) prorates what was paid over the same parts.
 */
export function paidParts(order: PricedOrder): PaidParts {
  const p = (order.promotion ?? {}) as PromotionLike;
  const lineDiscount = new Map<string, number>();
  for (const li of p.lineItemPromotions ?? []) {
    if (!li.lineId) continue;
    lineDiscount.set(li.lineId, (lineDiscount.get(li.lineId) ?? 0) + sum(li.discounts, order.currencyCode) + sum(li.discountCodes, order.currencyCode));
  }
  const gross = order.lines.map((l) => Math.max(0, parseMinor(l.unitPrice.amount, l.unitPrice.currencyCode) * l.quantity - (lineDiscount.get(l.id) ?? 0)));
  const grossSum = gross.reduce((a, b) => a + b, 0);
  const orderLevel = Math.min(grossSum, sum(p.discounts, order.currencyCode) + sum(p.discountCodes, order.currencyCode));
  const shares = prorate(orderLevel, gross);
  const c = order.charges;
  const recorded = !!c && c.taxStatus !== 'NOT_RECORDED';
  // tax added on top of the prices (not included in them): each line's own, and the shipping line's
  const addedTax = (lineId: string | null, kind: 'ITEM' | 'SHIPPING') =>
    recorded && !c.taxIncluded ? c.taxLines.filter((t) => t.kind === kind && (kind === 'SHIPPING' || t.lineId === lineId)).reduce((n, t) => n + t.taxMinor, 0) : 0;
  const parts = order.lines.map((l, i) => gross[i] - shares[i] + addedTax(l.id, 'ITEM'));
  parts.push(recorded ? Math.max(0, c.shippingMinor - c.shippingDiscountMinor) + addedTax(null, 'SHIPPING') : 0);
  let net = parts;
  const netSum = net.reduce((a, b) => a + b, 0);
  // an order whose total is not its parts (an imported sale priced by the till): what was paid, by the same rule
  if (netSum !== order.totalMinor) net = prorate(Math.max(0, order.totalMinor), netSum > 0 ? net : [...order.lines.map((l) => l.quantity), 0]);
  return { lines: new Map(order.lines.map((l, i) => [l.id, net[i]])), shippingMinor: net[order.lines.length] };
}

/** What was paid for each line (paidParts without shipping). */
export function paidPerLine(order: PricedOrder): Map<string, number> {
  return paidParts(order).lines;
}

/**
 * The refund of `returning` units of a line of `quantity` units that cost `paid` in all, after
 * `returnedBefore` of them came back already: each unit's share is prorated half-even over the
 * cumulative count, so the refunds of every unit of the line add up exactly to `paid`, whatever
 * the order and size of the returns.
 */
export function refundForUnits(paid: number, quantity: number, returnedBefore: number, returning: number): number {
  if (quantity <= 0 || returning <= 0) return 0;
  const upTo = (k: number) => divRoundHalfEven(BigInt(paid) * BigInt(k), quantity);
  return upTo(returnedBefore + returning) - upTo(returnedBefore);
}
