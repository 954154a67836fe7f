import { money, parseMinor, type Money } from '../../../../common/money.ts';
import { taxBreakdown } from '../../../../common/taxBreakdown.ts';

/**
 * The shipping and tax an order was charged, as the promotions service computed them for the cart
 * when the order was placed: kept with the order (and in OrderCreated), never recomputed.
 */
export interface TaxLineRecord {
  lineId: string | null;
  kind: 'ITEM' | 'SHIPPING';
  rate: string;
  name: string;
  taxableMinor: number;
  taxMinor: number;
}

export interface ShippingLineRecord {
  code: string;
  name: string;
  kind: string;
  location: string | null;
  priceMinor: number;
  discountMinor: number;
}

export interface OrderCharges {
  shippingMinor: number;
  shippingDiscountMinor: number;
  taxMinor: number;
  taxIncluded: boolean;
  taxStatus: 'CALCULATED' | 'EXEMPT' | 'NOT_RECORDED';
  taxExemptedMinor: number;
  taxLines: TaxLineRecord[];
  shippingLine: ShippingLineRecord | null;
}

/** What an order placed before charges were recorded (or imported offline) shows: nothing recorded. */
export const NO_CHARGES: OrderCharges = {
  shippingMinor: 0,
  shippingDiscountMinor: 0,
  taxMinor: 0,
  taxIncluded: false,
  taxStatus: 'NOT_RECORDED',
  taxExemptedMinor: 0,
  taxLines: [],
  shippingLine: null,
};

/** The promotions service's totals of a cart (the fields placeOrder reads). */
export interface CartTotalsOut {
  subtotal: Money;
  discount: Money;
  total: Money;
  shipping: Money;
  shippingDiscount: Money;
  tax: Money;
  taxIncluded: boolean;
  taxStatus: string;
  taxMessage: string | null;
  taxExempted: Money;
  taxLines: { lineId: string | null; kind: 'ITEM' | 'SHIPPING'; rate: string; name: string; taxable: Money; amount: Money }[];
}

export interface ShippingOptionOut {
  code: string;
  name: string;
  kind: string;
  location: string | null;
  price: Money;
}

const m = (x: Money) => parseMinor(x.amount, x.currencyCode);

/** The charges to record from the cart's totals and its selected shipping option. */
export function chargesOf(totals: CartTotalsOut, option: ShippingOptionOut | null): OrderCharges {
  return {
    shippingMinor: m(totals.shipping),
    shippingDiscountMinor: m(totals.shippingDiscount),
    taxMinor: m(totals.tax),
    taxIncluded: totals.taxIncluded,
    taxStatus: totals.taxStatus === 'EXEMPT' ? 'EXEMPT' : 'CALCULATED',
    taxExemptedMinor: m(totals.taxExempted),
    taxLines: totals.taxLines.map((l) => ({ lineId: l.lineId, kind: l.kind, rate: l.rate, name: l.name, taxableMinor: m(l.taxable), taxMinor: m(l.amount) })),
    shippingLine: option
      ? { code: option.code, name: option.name, kind: option.kind, location: option.location, priceMinor: m(option.price), discountMinor: m(totals.shippingDiscount) }
      : null,
  };
}

/** The GraphQL Totals fields of the charges (and the event's). */
export function presentCharges(c: OrderCharges, currencyCode: string) {
  const mm = (minor: number) => money(minor, currencyCode);
  return {
    shipping: mm(c.shippingMinor),
    shippingDiscount: mm(c.shippingDiscountMinor),
    tax: mm(c.taxMinor),
    taxIncluded: c.taxIncluded,
    taxStatus: c.taxStatus,
    taxMessage: null,
    taxExempted: mm(c.taxExemptedMinor),
    taxLines: c.taxLines.map((l) => ({ lineId: l.lineId, kind: l.kind, rate: l.rate, name: l.name, taxable: mm(l.taxableMinor), amount: mm(l.taxMinor) })),
    taxBreakdown: taxBreakdown(c.taxLines).map((g) => ({ rate: g.rate, name: g.name, taxable: mm(g.taxableMinor), amount: mm(g.taxMinor) })),
  };
}

export function presentShippingLine(c: OrderCharges, currencyCode: string) {
  const s = c.shippingLine;
  if (!s) return null;
  const mm = (minor: number) => money(minor, currencyCode);
  return { code: s.code, name: s.name, kind: s.kind, location: s.location, price: mm(s.priceMinor), discount: mm(s.discountMinor), amount: mm(Math.max(0, s.priceMinor - s.discountMinor)) };
}
