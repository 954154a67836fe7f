import DataLoader from 'dataloader';
import type { Clock } from '../../../../common/clock.ts';
import { userError } from '../../../../common/errors.ts';
import type { Logger } from '../../../../common/log.ts';
import type { CustomerOrderRepository } from '../data/customerOrderRepository.ts';
import type { RedemptionOrderRepository } from '../data/redemptionRepository.ts';
import type { RoutingRepository } from '../data/routingRepository.ts';
import type { BackgroundTasks } from './background.ts';
import { cartKey, parseCartRepresentation, type CartInput } from './cart.ts';
import type { ChargesService, ShippingOutcome } from './charges/charges.ts';
import { presentShippingOptions, type ShippingOptionView } from './charges/present.ts';
import { discountedAmounts, presentPromotion, presentTotals, settle, unavailableEvaluation, withCharges, type CartEvaluation, type PromotionView, type TotalsView } from './evaluation.ts';
import type { ProviderContext, RedeemResult, ReturnedItem } from './providers/provider.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import { withTimeBudget } from './providers/timeBudget.ts';
import { providerForCart, toRouting, type RoutingRecord } from './routing.ts';
import type { PromotionMetrics } from './metrics.ts';
import type { ShadowRecorder } from './shadow.ts';
import type { SharedEvaluations } from './sharedEvaluations.ts';

/** Shared by every request: built once at start. */
export interface EvaluationDeps {
  registry: ProviderRegistry;
  routing: RoutingRepository;
  orders: RedemptionOrderRepository;
  /** every redeemed order's customer (for firstOrder), whatever provider redeemed it */
  customers: CustomerOrderRepository;
  shadow: ShadowRecorder;
  background: BackgroundTasks;
  /** time budget of an evaluation, ms */
  timeoutMs: number;
  /** time budget of a redemption or release, ms */
  redemptionTimeoutMs: number;
  metrics: PromotionMetrics;
  /** shipping options and tax, after the promotions */
  charges: ChargesService;
  /** the market's change counter (bumped by every write that can change an evaluation) */
  changeCounter(market: string): Promise<number>;
  /** results shared by the reads of one cart version (the cart's warnings and Cart.promotion/totals) */
  shared: SharedEvaluations;
}

/** A provider could not release an order's redemptions (retryable). */
export class ProviderUnavailableError extends Error {
  constructor(readonly provider: string, cause: string) {
    super(`promotion provider ${provider}: ${cause}`);
    this.name = 'ProviderUnavailableError';
  }
}

/**
 * The one evaluation API (per request). A cart is evaluated once per request and content by the
 * provider its market routes it to; Cart.promotion and Cart.totals derive from that one result.
 * The subgraph requests of one operation (one x-request-id) share one provider call for the same cart
 * contents, change counter and routing (sharedEvaluations.ts): the cart service's request for its
 * warnings and the gateway's for promotion/totals cost one evaluation (and one shadow comparison).
 * A provider that fails or exceeds its time budget yields status UNAVAILABLE with base totals.
 */
export class EvaluationService {
  private readonly routes: DataLoader<string, RoutingRecord>;
  private readonly evaluations: DataLoader<CartInput, CartEvaluation, string>;
  private readonly counters: DataLoader<string, number>;

  constructor(
    private readonly deps: EvaluationDeps,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** the request id the gateway gives every subgraph call of one operation (x-request-id) */
    private readonly requestId: string = '',
  ) {
    this.routes = new DataLoader(async (markets) => {
      const rows = new Map((await deps.routing.routing(markets)).map((r) => [r.market, r]));
      return markets.map((m) => toRouting(m, rows.get(m)));
    });
    this.counters = new DataLoader((markets) => Promise.all(markets.map((m) => deps.changeCounter(m))));
    this.evaluations = new DataLoader((carts) => Promise.all(carts.map((c) => this.evaluateShared(c))), { cacheKeyFn: cartKey });
  }

  /** The shared result of this operation for this cart's contents, counter and routing, or a new evaluation. */
  private async evaluateShared(input: CartInput): Promise<CartEvaluation> {
    // the charge tables of this moment: a change (import, edit, another replica) prices the next read
    const [routing, counter, tables] = await Promise.all([this.routes.load(input.market), this.counters.load(input.market), this.deps.charges.tablesVersion()]);
    const now = this.clock.now();
    const key = JSON.stringify([this.requestId, cartKey(input), counter, tables, routing, this.clock.preview ? now.toISOString() : null]);
    const { value, shared } = this.deps.shared.get(key, now, () => this.evaluateNow(input, routing, now));
    this.deps.metrics.evaluationRequested(input.market, shared);
    return value;
  }

  /** Throws InvalidCartError when the representation is not an evaluable cart. */
  evaluate(representation: unknown): Promise<CartEvaluation> {
    return this.evaluations.load(parseCartRepresentation(representation));
  }

  async promotion(representation: unknown): Promise<PromotionView> {
    return presentPromotion(await this.evaluate(representation));
  }

  async totals(representation: unknown): Promise<TotalsView> {
    return presentTotals(await this.evaluate(representation));
  }

  async shippingOptions(representation: unknown): Promise<ShippingOptionView[]> {
    const e = await this.evaluate(representation);
    return presentShippingOptions(e.charges?.shipping.options ?? [], e.currencyCode, this.clock.now());
  }

  /** The cart's shipping as priced by the tables, and the cart as the engines see it (with that price). */
  private priceShipping(cart: CartInput): { shipping: ShippingOutcome; priced: CartInput } {
    const shipping = this.deps.charges.shipping({
      ...cart,
      shippingAddress: cart.shippingAddress ?? null,
      shippingMethod: cart.shippingMethod ?? null,
      pickupLocation: cart.pickupLocation ?? null,
    });
    const s = shipping.selected;
    return { shipping, priced: { ...cart, shipping: s ? { method: s.code, kind: s.kind, amountMinor: s.priceMinor } : null } };
  }

  private providerContext(now: Date, signal: AbortSignal): ProviderContext {
    return { now, signal, log: this.log, preview: this.clock.preview };
  }

  private async evaluateNow(input: CartInput, routing: RoutingRecord, now: Date): Promise<CartEvaluation> {
    const provider = providerForCart(routing, input.id);
    const { shipping, priced: cart } = this.priceShipping(input);
    const promoted = await this.callProvider(provider, cart, now);
    const chargesCart = { ...cart, shippingAddress: cart.shippingAddress ?? null, shippingMethod: cart.shippingMethod ?? null, pickupLocation: cart.pickupLocation ?? null };
    const tax = await this.deps.charges.tax(chargesCart, discountedAmounts(cart, promoted), shipping);
    const result = withCharges(promoted, shipping, tax);
    this.deps.metrics.evaluated(cart.market, provider, result.status !== 'UNAVAILABLE');
    const shadow = routing.shadowProvider;
    // previews never write, and a provider is not compared with itself
    if (shadow && shadow !== provider && !this.clock.preview) {
      this.deps.background.run('shadow evaluation', async () => {
        const other = await this.callProvider(shadow, cart, now);
        // engines are compared on what they decide (promotions), before shipping and tax
        const differences = await this.deps.shadow.record(cart, promoted, other, now);
        this.deps.metrics.shadowCompared(cart.market, provider, shadow, differences.length > 0);
      });
    }
    return result;
  }

  /** One provider call within the time budget. Never throws for a provider failure. */
  private async callProvider(name: string, cart: CartInput, now: Date): Promise<CartEvaluation> {
    const provider = this.deps.registry.get(name);
    if (!provider) {
      this.log.warn({ provider: name, market: cart.market }, 'routed promotion provider is not registered');
      return unavailableEvaluation(cart, name, 'not registered');
    }
    try {
      const evaluation = await this.deps.metrics.timed(name, 'evaluate', () =>
        withTimeBudget(this.deps.timeoutMs, (signal) => provider.evaluate(cart, this.providerContext(now, signal))),
      );
      return settle(cart, name, evaluation);
    } catch (err) {
      this.log.warn({ err, provider: name, cartId: cart.id }, 'promotion provider failed; base prices apply');
      return unavailableEvaluation(cart, name, (err as Error)?.message ?? String(err));
    }
  }

  /**
   * Redeems for an order with the provider that prices the cart (the first provider on record for the
   * order keeps it, so a retry goes to the same engine). Idempotent per order.
   */
  async redeem(orderId: string, representation: unknown, customer: string | null): Promise<RedeemResult> {
    const parsed = parseCartRepresentation(representation);
    await this.deps.charges.tablesVersion();
    // the explicit argument wins over the cart's own customer reference
    const customerId = customer?.trim() || parsed.customerId || null;
    // priced as the cart was: shipping effects redeem against the same shipping charge
    const cart: CartInput = { ...this.priceShipping(parsed).priced, customerId };
    const now = this.clock.now();
    let name = await this.deps.orders.providerOf(orderId);
    if (name === null) {
      const routing = await this.routes.load(cart.market);
      name = await this.deps.orders.claim(orderId, providerForCart(routing, cart.id), cart.market, now.toISOString());
    }
    const provider = this.deps.registry.get(name);
    const unavailable = userError('PROMOTIONS_UNAVAILABLE', `The promotion engine (${name}) is unavailable. Please try again.`);
    if (!provider) return { ok: false, userErrors: [unavailable] };
    let result: RedeemResult;
    try {
      result = await this.deps.metrics.timed(name, 'redeem', () =>
        withTimeBudget(this.deps.redemptionTimeoutMs, (signal) => provider.redeem(orderId, cart, customerId, this.providerContext(now, signal))),
      );
    } catch (err) {
      this.log.warn({ err, provider: name, orderId }, 'promotion provider failed to redeem');
      return { ok: false, userErrors: [unavailable] };
    }
    // the customer has an order from now on (until it is released): firstOrder no longer holds
    if (result.ok && customerId) await this.deps.customers.record(orderId, customerId, cart.market, now.toISOString());
    return result;
  }

  /** Releases an order's redemptions with the provider that redeemed them. Idempotent; unknown orders are a no-op. */
  async release(orderId: string): Promise<boolean> {
    const name = await this.deps.orders.providerOf(orderId);
    if (name === null) return true;
    const provider = this.deps.registry.get(name);
    if (!provider) throw new ProviderUnavailableError(name, 'not registered');
    const now = this.clock.now();
    try {
      await this.deps.metrics.timed(name, 'release', () => withTimeBudget(this.deps.redemptionTimeoutMs, (signal) => provider.release(orderId, this.providerContext(now, signal))));
    } catch (err) {
      throw new ProviderUnavailableError(name, (err as Error)?.message ?? String(err));
    }
    await this.deps.customers.release(orderId, now.toISOString());
    return true;
  }

  /**
   * Reports returned units to the provider that redeemed the order, when it tracks returns
   * (`returnItems`); the redemption itself stands (docs/after-sales.md). Unknown orders and
   * providers without returns are a no-op. Throws ProviderUnavailableError to be retried.
   */
  async returnItems(orderId: string, items: ReturnedItem[]): Promise<boolean> {
    const name = await this.deps.orders.providerOf(orderId);
    if (name === null) return true;
    const provider = this.deps.registry.get(name);
    if (!provider) throw new ProviderUnavailableError(name, 'not registered');
    if (!provider.returnItems) return true;
    const now = this.clock.now();
    try {
      await this.deps.metrics.timed(name, 'return', () =>
        withTimeBudget(this.deps.redemptionTimeoutMs, (signal) => provider.returnItems!(orderId, items, this.providerContext(now, signal))),
      );
    } catch (err) {
      throw new ProviderUnavailableError(name, (err as Error)?.message ?? String(err));
    }
    return true;
  }
}
