import { marketTaxFacts, type ChargeTables, type TaxRateRow } from './tables.ts';
import { formatRate, lineTax, type Destination, type TaxedLine, type TaxRequest } from './tax.ts';

/**
 * A tax engine behind the graph, like a promotion engine: the native one reads the tables, a remote
 * one (remoteTax.ts) asks a tax service over HTTP. Either answers every line's rate and tax, or says
 * that it has no rate for the destination. A provider that throws or exceeds its time budget makes
 * the cart's tax UNAVAILABLE, and orders are refused until it answers (never charged a guessed tax).
 */
export type TaxAnswer = { ok: true; lines: TaxedLine[] } | { ok: false; reason: 'UNKNOWN_DESTINATION'; message: string };

export interface TaxProvider {
  readonly name: string;
  calculate(request: TaxRequest, signal: AbortSignal): Promise<TaxAnswer>;
  close?(): Promise<void>;
}

/** The most specific rate row for a destination and category (postal prefix > region > country). */
export function findRate(rows: readonly TaxRateRow[], destination: Destination, category: string): TaxRateRow | null {
  const region = destination.region?.trim().toUpperCase() ?? null;
  const postal = destination.postalCode?.replace(/\s+/g, '').toUpperCase() ?? null;
  let best: TaxRateRow | null = null;
  let bestScore = -1;
  for (const row of rows) {
    if (row.country !== destination.country || row.category !== category) continue;
    if (row.region !== undefined && row.region.toUpperCase() !== region) continue;
    if (row.postalPrefix !== undefined && !(postal ?? '').startsWith(row.postalPrefix.toUpperCase())) continue;
    const score = (row.region !== undefined ? 1 : 0) + (row.postalPrefix !== undefined ? 2 + row.postalPrefix.length : 0);
    if (score > bestScore) {
      best = row;
      bestScore = score;
    }
  }
  return best;
}

/** The native tax engine: rates by destination and product category from the tables. */
export class NativeTaxProvider implements TaxProvider {
  readonly name = 'native';

  /** the tables, or where the ones in use are read */
  constructor(private readonly source: ChargeTables | (() => ChargeTables)) {}

  async calculate(request: TaxRequest): Promise<TaxAnswer> {
    const tables = typeof this.source === 'function' ? this.source() : this.source;
    const taxName = marketTaxFacts(tables, request.market).taxName;
    const lines: TaxedLine[] = [];
    for (const line of request.lines) {
      // a category without its own row is taxed at the standard rate
      const row = findRate(tables.taxRates, request.destination, line.category) ?? findRate(tables.taxRates, request.destination, 'standard');
      if (!row) {
        const where = [request.destination.country, request.destination.region].filter(Boolean).join('-');
        return { ok: false, reason: 'UNKNOWN_DESTINATION', message: `No tax rate is known for ${where || 'the destination'}; give a complete shipping address (country, region, postal code).` };
      }
      const rate = formatRate(row.rate);
      lines.push({
        id: line.id,
        kind: line.kind,
        rate,
        name: row.name ?? `${taxName} ${rate}%`,
        taxableMinor: line.amountMinor,
        taxMinor: lineTax(line.amountMinor, rate, request.pricesIncludeTax),
      });
    }
    return { ok: true, lines };
  }
}
