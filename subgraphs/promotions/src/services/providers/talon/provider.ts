import { userError } from '../../../../../../common/errors.ts';
import type { Logger } from '../../../../../../common/log.ts';
import { RemoteRedemptionRepository } from '../../../data/remoteRepository.ts';
import { distinctCodes, type CartInput } from '../../cart.ts';
import type { Evaluation } from '../../evaluation.ts';
import type { PromotionProvider, ProviderContext, RedeemResult } from '../provider.ts';
import { RemoteCallError, withCallSignal, withRetries } from '../remote/call.ts';
import type { TalonConfig } from '../remote/config.ts';
import type { RemoteMetrics } from '../remote/metrics.ts';
import { minorToDecimalNumber } from '../remote/money.ts';
import { TalonClients, type TalonIntegrationRequest, type TalonIntegrationState, type TalonSessionApi } from './client.ts';
import { mapEffects, talonItems, type MappedEffects } from './effects.ts';

const NAME = 'talon';

/**
 * Talon.One through its Integration API (official SDK). Evaluate = update the customer session with
 * dry=true (nothing is stored by Talon.One); redeem = the order's session created closed (coupons and
 * budgets are redeemed); release = that session cancelled (they are given back). The session of an
 * order is `order-<orderId>`, so a retried redemption addresses the same session.
 */
export class TalonProvider implements PromotionProvider {
  readonly name = NAME;
  private readonly redemptions: RemoteRedemptionRepository;
  private readonly metrics: RemoteMetrics;

  constructor(
    private readonly config: TalonConfig,
    private readonly clients: TalonClients,
    deps: { redemptions: RemoteRedemptionRepository; metrics: RemoteMetrics; log: Logger },
  ) {
    this.redemptions = deps.redemptions;
    this.metrics = deps.metrics;
  }

  private api(market: string): TalonSessionApi {
    const api = this.clients.forMarket(market);
    if (!api) throw new RemoteCallError(NAME, 0, `no Application is configured for market ${market}`, 'NotConfigured');
    return api;
  }

  private call<T>(ctx: ProviderContext, fn: () => Promise<T>): Promise<T> {
    return withCallSignal(ctx.signal, () => withRetries(NAME, this.config, ctx.signal, fn, (err) => this.metrics.retried(NAME, err.status)));
  }

  private request(cart: CartInput, profileId: string, state?: 'closed'): TalonIntegrationRequest {
    const session: TalonIntegrationRequest['customerSession'] = {
      profileId,
      couponCodes: distinctCodes(cart.discountCodes).map((c) => c.entered),
      cartItems: talonItems(cart).map((l) => {
        const category = this.config.categories[l.sku];
        return { name: l.sku, sku: l.sku, quantity: l.quantity, price: minorToDecimalNumber(l.unitPriceMinor, cart.currencyCode), ...(category ? { category } : {}) };
      }),
    };
    if (state) session.state = state;
    return { customerSession: session, responseContent: ['customerSession'] };
  }

  private map(cart: CartInput, state: TalonIntegrationState): MappedEffects {
    return mapEffects(cart, state, (effect) => this.metrics.unknownEffect(NAME, effect));
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    // Talon.One evaluates at its own now: a preview of a future instant would show today's promotions as the future's
    if (ctx.preview) throw new RemoteCallError(NAME, 0, 'previews of a future instant are not supported by Talon.One', 'PreviewNotSupported');
    const api = this.api(cart.market);
    // the customer's profile when the cart has one (profile-specific limits and rules), else anonymous
    const state = await this.call(ctx, () => api.updateCustomerSession(`cart-${cart.id}`, this.request(cart, cart.customerId ?? ''), true));
    return this.map(cart, state).evaluation;
  }

  /** Which of the codes Talon.One knows in the market's Application (a dry session with the codes only). */
  async knownCodes(market: string, codes: string[], ctx: ProviderContext): Promise<Set<string>> {
    const api = this.api(market);
    const cart: CartInput = { id: 'code-check', market, channel: 'web', currencyCode: 'EUR', discountCodes: codes, lines: [] };
    const state = await this.call(ctx, () => api.updateCustomerSession(`code-check-${market}`, this.request(cart, ''), true));
    const unknown = new Set(this.map(cart, state).unknownCodes);
    return new Set(distinctCodes(codes).map((c) => c.upper).filter((c) => !unknown.has(c)));
  }

  async redeem(orderId: string, cart: CartInput, customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const existing = await this.redemptions.get(NAME, orderId);
    if (existing?.state === 'REDEEMED') return { ok: true, userErrors: [] };
    const api = this.api(cart.market);
    const sessionId = `order-${orderId}`;
    const at = () => ctx.now.toISOString();
    await this.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: sessionId, version: null, state: 'PENDING', updated_at: at() });
    const state = await this.call(ctx, () => api.updateCustomerSession(sessionId, this.request(cart, customerId ?? cart.customerId ?? '', 'closed'), false));
    const usedUp = this.map(cart, state).evaluation.nonApplicableDiscountCodes.find((n) => n.reason === 'USAGE_LIMIT_REACHED');
    if (usedUp) {
      // the code ran out since the cart was priced: give back whatever the closed session redeemed
      await this.cancel(api, sessionId, ctx);
      await this.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: sessionId, version: null, state: 'RELEASED', updated_at: at() });
      return { ok: false, userErrors: [userError('USAGE_LIMIT_REACHED', `"${usedUp.code}" has reached its usage limit.`)] };
    }
    await this.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: sessionId, version: null, state: 'REDEEMED', updated_at: at() });
    return { ok: true, userErrors: [] };
  }

  private async cancel(api: TalonSessionApi, sessionId: string, ctx: ProviderContext): Promise<void> {
    try {
      await this.call(ctx, () => api.updateCustomerSession(sessionId, { customerSession: { profileId: '', state: 'cancelled' } }, false));
    } catch (err) {
      // a session that never reached Talon.One has nothing to give back
      if (!(err instanceof RemoteCallError && err.status === 404)) throw err;
    }
  }

  async release(orderId: string, ctx: ProviderContext): Promise<void> {
    const row = await this.redemptions.get(NAME, orderId);
    if (!row || row.state === 'RELEASED') return;
    await this.cancel(this.api(row.market), row.external_id, ctx);
    await this.redemptions.save({ ...row, state: 'RELEASED', updated_at: ctx.now.toISOString() });
  }

  async close(): Promise<void> {
    this.clients.close();
  }
}
