import { divRoundHalfEven, parseMinor, prorate, type Money } from '../../../../../common/money.ts';

/** What proration needs of an order. */
export interface PricedOrder {
  currencyCode: string;
  lines: { id: string; quantity: number; unitPrice: Money }[];
  /** the promotion object as stored with the order */
  promotion: unknown;
  /** what was paid for the goods (the order total) */
  totalMinor: number;
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
 * What was paid for each line, in minor units: its price minus the discounts on that line
 * (`lineItemPromotions`), minus its share of the order-level discounts prorated over the lines by
 * what they cost after their own discounts (largest remainder, as at checkout). The parts add up
 * exactly to the order total.
 */
export function paidPerLine(order: PricedOrder): Map<string, number> {
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
  let net = gross.map((g, i) => g - shares[i]);
  const netSum = net.reduce((a, b) => a + b, 0);
  // an order whose total is not its lines' net (an imported sale priced by the till): what was paid, by the same rule
  if (netSum !== order.totalMinor) net = prorate(Math.max(0, order.totalMinor), netSum > 0 ? net : order.lines.map((l) => l.quantity));
  return new Map(order.lines.map((l, i) => [l.id, net[i]]));
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
