import { money, type Money } from '../../../../../common/money.ts';
import type { ShippingOption } from './shipping.ts';

export interface ShippingOptionView {
  code: string;
  name: string;
  kind: string;
  location: string | null;
  locationName: string | null;
  price: Money;
  estimate: { minDays: number; maxDays: number; earliest: string; latest: string };
}

/** The date (YYYY-MM-DD, UTC) `days` working days (Monday to Friday) after `from`. */
export function addWorkingDays(from: Date, days: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

export function presentShippingOptions(options: readonly ShippingOption[], currencyCode: string, now: Date): ShippingOptionView[] {
  return options.map((o) => ({
    code: o.code,
    name: o.name,
    kind: o.kind,
    location: o.location,
    locationName: o.locationName,
    price: money(o.priceMinor, currencyCode),
    estimate: { minDays: o.minDays, maxDays: o.maxDays, earliest: addWorkingDays(now, o.minDays), latest: addWorkingDays(now, o.maxDays) },
  }));
}
