/** Where one SKU's quantity can come from, with what is available there now. */
export interface AllocationCandidate {
  location: string;
  available: number;
}

/** Stock allocation strategy: in which order the locations serving a market are drawn on. */
export interface StockAllocator {
  order(sku: string, candidates: readonly AllocationCandidate[]): AllocationCandidate[];
}

/** Default: the location with most available first (fewest splits), ties by location id (stable). */
export const mostAvailableFirst: StockAllocator = {
  order: (_sku, candidates) =>
    [...candidates].sort((a, b) => b.available - a.available || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0)),
};

export interface DemandLine {
  lineId: string;
  position: number;
  sku: string;
  quantity: number;
}

export interface SkuDemand {
  sku: string;
  quantity: number;
  lines: DemandLine[];
}

/** Adds up lines per SKU (two lines of one SKU draw on the same stock), in order of first appearance. */
export function demandBySku(lines: readonly { lineId: string; sku: string; quantity: number }[]): SkuDemand[] {
  const bySku = new Map<string, SkuDemand>();
  lines.forEach((l, position) => {
    const d = bySku.get(l.sku) ?? { sku: l.sku, quantity: 0, lines: [] };
    d.quantity += l.quantity;
    d.lines.push({ lineId: l.lineId, position, sku: l.sku, quantity: l.quantity });
    bySku.set(l.sku, d);
  });
  return [...bySku.values()];
}

export interface Take {
  location: string;
  quantity: number;
}

/**
 * Assigns what was taken per location to the lines of one SKU, in line order:
 * lines 2 + 3 over takes wh-a 4, wh-b 1 → line1 wh-a 2; line2 wh-a 2, wh-b 1.
 */
export function splitAcrossLines(lines: readonly DemandLine[], takes: readonly Take[]): (DemandLine & { location: string })[] {
  const left = takes.map((t) => ({ ...t }));
  const out: (DemandLine & { location: string })[] = [];
  let i = 0;
  for (const line of lines) {
    let need = line.quantity;
    while (need > 0) {
      while (i < left.length && left[i].quantity === 0) i++;
      if (i >= left.length) throw new Error(`takes do not cover line ${line.lineId}`);
      const q = Math.min(need, left[i].quantity);
      out.push({ ...line, quantity: q, location: left[i].location });
      left[i].quantity -= q;
      need -= q;
    }
  }
  return out;
}
