import { userError } from '../../../../../../common/errors.ts';
import type { Logger } from '../../../../../../common/log.ts';
import { RemoteRedemptionRepository } from '../../../data/remoteRepository.ts';
import { distinctCodes, type CartInput } from '../../cart.ts';
import type { Evaluation } from '../../evaluation.ts';
import type { PromotionProvider, ProviderContext, RedeemResult, ReturnedItem } from '../provider.ts';
import { RemoteCallError, withCallSignal, withRetries } from '../remote/call.ts';
import type { TalonConfig } from '../remote/config.ts';
import type { RemoteMetrics } from '../remote/metrics.ts';
import { minorToDecimalNumber } from '../remote/money.ts';
import { addressFingerprint, postalAddress } from '../remote/postalAddress.ts';
import { TalonClients, type TalonIntegrationRequest, type TalonIntegrationState, type TalonSessionApi } from './client.ts';
import { mapEffects, talonItems, type MappedEffects } from './effects.ts';

const NAME = 'talon';

/** The cart items sent when the order's session was closed (a return names them by position) and what came back of each. */
interface ClosedItems {
  items: { sku: string; quantity: number; returned: number }[];
}

/**
 * Session identifiers (NewCustomerSessionV2.identifiers): unique identifier budgets count them when a
 * session closes, and the reference asks that a closed session carries one. Sent: the customer
 * (`customer:<id>`) when known, a fingerprint of the shipping address (`address:<hash>`, nothing
 * readable) when the cart has one, else the cart (`cart:<id>`), so there is always one.
 */
export function sessionIdentifiers(cart: CartInput, customerId: string | null): string[] {
  const ids: string[] = [];
  if (customerId) ids.push(`customer:${customerId}`);
  const address = postalAddress(cart.shippingAddress);
  if (address) ids.push(`address:${addressFingerprint(address)}`);
  if (ids.length === 0) ids.push(`cart:${cart.id}`);
  return ids;
}

/**
 * Talon.One through its Integration API (official SDK). Evaluate = update the customer session with
 * dry=true (nothing is stored by Talon.One); redeem = the order's session created closed with its
 * identifiers (coupons and budgets are redeemed); release = that session cancelled (they are given
 * back: the order failed or was cancelled); returnItems = the returned cart items reported with
 * "Return cart items" (the session becomes partially_returned). The session of an order is
 * `order-<orderId>`, so a retried redemption addresses the same session.
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
      identifiers: sessionIdentifiers(cart, profileId || null),
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
    const request = this.request(cart, '');
    delete request.customerSession.identifiers; // a code check is no customer's session
    const state = await this.call(ctx, () => api.updateCustomerSession(`code-check-${market}`, request, true));
    const unknown = new Set(this.map(cart, state).unknownCodes);
    return new Set(distinctCodes(codes).map((c) => c.upper).filter((c) => !unknown.has(c)));
  }

  async redeem(orderId: string, cart: CartInput, customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const existing = await this.redemptions.get(NAME, orderId);
    if (existing?.state === 'REDEEMED') return { ok: true, userErrors: [] };
    const api = this.api(cart.market);
    const sessionId = `order-${orderId}`;
    const at = () => ctx.now.toISOString();
    const closed: ClosedItems = { items: talonItems(cart).map((l) => ({ sku: l.sku, quantity: l.quantity, returned: 0 })) };
    await this.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: sessionId, version: null, state: 'PENDING', updated_at: at(), items: JSON.stringify(closed) });
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
      await this.call(ctx, () => api.updateCustomerSession(sessionId, { customerSession: { state: 'cancelled' } }, false));
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

  /**
   * Returned items of a redeemed order → "Return cart items" on its closed session, by the position of
   * each item in the session's cartItems (the whole item, or a quantity of it). What was already
   * returned is not returned again, so quantities beyond what was ordered are not reported.
   */
  async returnItems(orderId: string, items: ReturnedItem[], ctx: ProviderContext): Promise<void> {
    const row = await this.redemptions.get(NAME, orderId);
    if (!row || row.state !== 'REDEEMED' || !row.items) return; // nothing of this order is held by Talon.One
    const closed = JSON.parse(row.items) as ClosedItems;
    const returnedCartItems: { position: number; quantity?: number }[] = [];
    const unmatched: ReturnedItem[] = [];
    for (const item of items) {
      let quantity = item.quantity;
      closed.items.forEach((it, position) => {
        const left = it.quantity - it.returned;
        if (quantity <= 0 || it.sku !== item.sku || left <= 0) return;
        const take = Math.min(quantity, left);
        it.returned += take;
        quantity -= take;
        const existing = returnedCartItems.find((r) => r.position === position);
        const total = (existing?.quantity ?? 0) + take;
        if (existing) existing.quantity = total;
        else returnedCartItems.push({ position, quantity: take });
      });
      if (quantity > 0) unmatched.push({ sku: item.sku, quantity });
    }
    if (unmatched.length) ctx.log.warn({ orderId, unmatched }, 'returned items beyond what the Talon.One session holds were not reported');
    if (returnedCartItems.length === 0) return;
    // a whole item is sent without a quantity (applications without cart item flattening return items whole)
    for (const r of returnedCartItems) if (closed.items[r.position].returned === closed.items[r.position].quantity && r.quantity === closed.items[r.position].quantity) delete r.quantity;
    await this.call(ctx, () => this.api(row.market).returnCartItems(row.external_id, { return: { returnedCartItems } }));
    await this.redemptions.save({ ...row, updated_at: ctx.now.toISOString(), items: JSON.stringify(closed) });
  }

  async close(): Promise<void> {
    this.clients.close();
  }
}
