import { money, type Money } from '../../../../../common/money.ts';
import type { ShippingOption } from './shipping.ts';

export interface ShippingOptionView {
  code: string;
  name: string;
  kind: string;
  location: string | null;
  locationName: string | null;
  price: Money;
  estimate: { minDays: number; maxDays: number };
}

export function presentShippingOptions(options: readonly ShippingOption[], currencyCode: string): ShippingOptionView[] {
  return options.map((o) => ({
    code: o.code,
    name: o.name,
    kind: o.kind,
    location: o.location,
    locationName: o.locationName,
    price: money(o.priceMinor, currencyCode),
    estimate: { minDays: o.minDays, maxDays: o.maxDays },
  }));
}
