import type { Logger } from '../../../../../common/log.ts';
import { prorate } from '../../../../../common/money.ts';
import { withTimeBudget } from '../providers/timeBudget.ts';
import { destinationOf, findOption, shippingOptions, type ShippingOption } from './shipping.ts';
import { marketTaxFacts, type ChargeTables, type MarketTaxFacts } from './tables.ts';
import type { Destination, TaxableLine, TaxedLine } from './tax.ts';
import type { TaxProvider } from './taxProvider.ts';

/**
 * Shipping and tax of a cart, after promotions: the selected shipping option and its price, then
 * every line's tax (item lines after their discounts, the shipping line after shipping discounts)
 * from the market's tax provider.
 */

/** What the charges need of a cart (beside its lines' prices). */
export interface ChargesCart {
  id: string;
  market: string;
  channel: string;
  currencyCode: string;
  customerId?: string | null;
  lines: readonly { id: string; sku: string; quantity: number; unitPriceMinor: number }[];
  shippingAddress: { type: string; data: unknown } | null;
  shippingMethod: string | null;
  pickupLocation: string | null;
}

export type ShippingStatus = 'NOT_SELECTED' | 'SELECTED' | 'UNAVAILABLE';

export interface ShippingOutcome {
  status: ShippingStatus;
  options: ShippingOption[];
  /** the selected option when it is available */
  selected: ShippingOption | null;
}

/**
 * CALCULATED: every line taxed. EXEMPT: the customer is tax-exempt (no tax added; in markets whose
 * prices include tax the included tax is taken off). ADDRESS_REQUIRED: the tax depends on a
 * destination the cart does not give. UNAVAILABLE: the tax provider failed; orders are refused.
 */
export type TaxStatus = 'CALCULATED' | 'EXEMPT' | 'ADDRESS_REQUIRED' | 'UNAVAILABLE';

export interface TaxOutcome {
  status: TaxStatus;
  provider: string;
  included: boolean;
  lines: TaxedLine[];
  /** Σ lines' tax (0 unless CALCULATED) */
  taxMinor: number;
  /** EXEMPT in a market whose prices include tax: the tax taken off the prices */
  exemptedMinor: number;
  /** why the tax is not CALCULATED (shown to the customer) */
  message: string | null;
}

/** The amounts the promotions gave: per line (line-level and its share of cart-level discounts) and on shipping. */
export interface Discounted {
  /** per cart line, in line order: what the line's discounts take off */
  lineDiscountsMinor: readonly number[];
  /** cart-level discounts, prorated over the lines here */
  cartDiscountMinor: number;
  shippingDiscountMinor: number;
}

export interface ChargesDeps {
  /** the tables, or where the ones in use are read (the store of the tables in the database) */
  tables: ChargeTables | (() => ChargeTables);
  /** brings the tables up to date (a change by an import, a mutation, another replica); returns their version */
  refreshTables?: () => Promise<number>;
  /** the markets as the catalog keeps them (whether prices include tax); the tables alone without it */
  markets?: { get(code: string): Promise<{ pricesIncludeTax: boolean } | null> };
  /** market → tax provider name; markets without an entry use native */
  taxRouting: ReadonlyMap<string, string>;
  taxProviders: ReadonlyMap<string, TaxProvider>;
  /** whether the customer is tax-exempt */
  isExempt(customerId: string): Promise<boolean>;
  /** time budget of one tax calculation, ms */
  timeoutMs: number;
  log: Logger;
}

export const SHIPPING_LINE_ID = 'shipping';

export class ChargesService {
  constructor(private readonly deps: ChargesDeps) {}

  get tables(): ChargeTables {
    const t = this.deps.tables;
    return typeof t === 'function' ? t() : t;
  }

  /** The tables brought up to date before a cart is priced; their version (0: fixed tables). */
  async tablesVersion(): Promise<number> {
    return this.deps.refreshTables ? this.deps.refreshTables() : 0;
  }

  /** The cart's address as a destination, with the tables' place names; a single-country market's country is assumed when none is given. */
  private addressOf(cart: ChargesCart) {
    const market = marketTaxFacts(this.tables, cart.market);
    const { countryNames, regionNames } = this.tables;
    return destinationOf(cart.shippingAddress, { countryNames, regionNames, defaultCountry: market.countries.length === 1 ? market.countries[0] : null });
  }

  shipping(cart: ChargesCart): ShippingOutcome {
    const options = shippingOptions(this.tables, { ...cart, destination: this.addressOf(cart) });
    if (!cart.shippingMethod) return { status: 'NOT_SELECTED', options, selected: null };
    const selected = findOption(options, cart.shippingMethod, cart.pickupLocation);
    return { status: selected ? 'SELECTED' : 'UNAVAILABLE', options, selected };
  }

  /** Where the tax is due: the pickup store, the address in the market, for digital delivery the market's digital destination, or the market's home country. */
  private destination(cart: ChargesCart, shipping: ShippingOutcome, market: MarketTaxFacts): Destination | null {
    const selected = shipping.selected;
    if (selected?.kind === 'PICKUP' && selected.location) {
      const l = this.tables.pickupLocations[selected.location];
      if (l) return { country: l.country, region: l.region ?? null, postalCode: l.postalCode ?? null };
    }
    const address = this.addressOf(cart);
    if (address && market.countries.includes(address.country)) return address;
    // delivered in the game: where the merchant sources digital sales to, when the tables name it
    if (selected?.kind === 'DIGITAL' && market.digitalDestination) return market.digitalDestination;
    return market.homeCountry ? { country: market.homeCountry, region: null, postalCode: null } : null;
  }

  /** The taxable lines: each item line after its discounts (cart-level ones prorated), and the shipping charge. */
  taxableLines(cart: ChargesCart, discounted: Discounted, shipping: ShippingOutcome): TaxableLine[] {
    const afterLine = cart.lines.map((l, i) => Math.max(0, l.unitPriceMinor * l.quantity - (discounted.lineDiscountsMinor[i] ?? 0)));
    const cartLevel = Math.min(discounted.cartDiscountMinor, afterLine.reduce((a, b) => a + b, 0));
    const shares = prorate(cartLevel, afterLine);
    const categories = this.tables.productTaxCategories;
    const lines: TaxableLine[] = cart.lines.map((l, i) => ({
      id: l.id,
      kind: 'ITEM',
      sku: l.sku,
      category: categories[l.sku] ?? 'standard',
      amountMinor: afterLine[i] - shares[i],
    }));
    if (shipping.selected) {
      lines.push({ id: SHIPPING_LINE_ID, kind: 'SHIPPING', sku: null, category: 'shipping', amountMinor: Math.max(0, shipping.selected.priceMinor - discounted.shippingDiscountMinor) });
    }
    return lines;
  }

  async tax(cart: ChargesCart, discounted: Discounted, shipping: ShippingOutcome): Promise<TaxOutcome> {
    // the catalog away: the tables' flag (the market directory keeps the last list it knew)
    const known = await this.deps.markets?.get(cart.market).catch(() => null);
    const market = marketTaxFacts(this.tables, cart.market, known);
    const included = market.pricesIncludeTax;
    const providerName = this.deps.taxRouting.get(cart.market) ?? 'native';
    const base = { provider: providerName, included, lines: [], taxMinor: 0, exemptedMinor: 0 };
    const destination = this.destination(cart, shipping, market);
    if (!destination) {
      return { ...base, status: 'ADDRESS_REQUIRED', message: 'Sales tax depends on where the order goes: set a shipping address (country, state, ZIP code) or choose a pickup store.' };
    }
    const provider = this.deps.taxProviders.get(providerName);
    const lines = this.taxableLines(cart, discounted, shipping);
    if (!provider) return { ...base, status: 'UNAVAILABLE', message: 'Tax cannot be calculated right now.' };
    let exempt = false;
    try {
      const [answer, isExempt] = await Promise.all([
        withTimeBudget(this.deps.timeoutMs, (signal) =>
          provider.calculate({ market: cart.market, currencyCode: cart.currencyCode, pricesIncludeTax: included, destination, lines }, signal),
        ),
        cart.customerId ? this.deps.isExempt(cart.customerId) : Promise.resolve(false),
      ]);
      exempt = isExempt;
      if (!answer.ok) return { ...base, status: 'ADDRESS_REQUIRED', message: answer.message };
      if (exempt) {
        const would = answer.lines.reduce((s, l) => s + l.taxMinor, 0);
        return { ...base, status: 'EXEMPT', lines: answer.lines.map((l) => ({ ...l, taxMinor: 0 })), exemptedMinor: included ? would : 0, message: 'The customer is exempt from tax.' };
      }
      return { ...base, status: 'CALCULATED', lines: answer.lines, taxMinor: answer.lines.reduce((s, l) => s + l.taxMinor, 0), message: null };
    } catch (err) {
      this.deps.log.warn({ err, provider: providerName, cartId: cart.id }, 'tax provider failed; orders are refused until it answers');
      return { ...base, status: 'UNAVAILABLE', message: 'Tax cannot be calculated right now; orders are refused until it can. Please try again shortly.' };
    }
  }
}
