/** One group of a tax breakdown: the lines of one rate and name, summed. */
export interface TaxGroup {
  rate: string;
  name: string;
  taxableMinor: number;
  taxMinor: number;
}

/**
 * Tax lines grouped by rate and name, in first-seen order; every sum is a sum of line amounts (the
 * cart's totals in promotions and the order's recorded charges in orders show the same breakdown).
 */
export function taxBreakdown(lines: readonly { rate: string; name: string; taxableMinor: number; taxMinor: number }[]): TaxGroup[] {
  const groups = new Map<string, TaxGroup>();
  for (const l of lines) {
    const key = `${l.rate}|${l.name}`;
    const g = groups.get(key) ?? { rate: l.rate, name: l.name, taxableMinor: 0, taxMinor: 0 };
    g.taxableMinor += l.taxableMinor;
    g.taxMinor += l.taxMinor;
    groups.set(key, g);
  }
  return [...groups.values()];
}
