import type { ByProjectKeyRequestBuilder, Cart, DiscountCodePagedQueryResponse, Order } from '@commercetools/platform-sdk';
import { userError } from '../../../../../../common/errors.ts';
import type { Logger } from '../../../../../../common/log.ts';
import type { RemoteRedemptionRepository, ShadowCartRepository, ShadowCartRow } from '../../../data/remoteRepository.ts';
import { distinctCodes, type CartInput } from '../../cart.ts';
import type { Evaluation, NonApplicableCode } from '../../evaluation.ts';
import type { PromotionProvider, ProviderContext, RedeemResult } from '../provider.ts';
import { RemoteCallError, withCallSignal, withRetries } from '../remote/call.ts';
import type { CommercetoolsConfig } from '../remote/config.ts';
import type { RemoteMetrics } from '../remote/metrics.ts';
import { minorToCentMoney } from '../remote/money.ts';
import { createCommercetoolsApi, execute } from './client.ts';
import { CART_EXPANSIONS, cartKey, lineKey, mapCart, sellable, snapshotOf, syncActions, validityReason, type CartSnapshot } from './mapping.ts';
import { nonApplicable } from '../remote/reasons.ts';

const NAME = 'commercetools';
/** conflicts (409) and refused codes resolved per call before giving up */
const MAX_ROUNDS = 6;

interface Deps {
  redemptions: RemoteRedemptionRepository;
  carts: ShadowCartRepository;
  metrics: RemoteMetrics;
  log: Logger;
}

type StoreApi = ReturnType<ByProjectKeyRequestBuilder['inStoreKeyWithStoreKeyValue']>;

const isError = (err: unknown, status: number, code?: string): err is RemoteCallError =>
  err instanceof RemoteCallError && err.status === status && (code === undefined || err.code === code);

/**
 * commercetools' built-in promotion engine. Evaluate keeps a shadow cart in the market's Store (our lines
 * at external prices, our codes), lets commercetools discount it and reads the result back; the
 * mapping cart id → vendor cart id and version is kept in our database. That vendor-side cart is the one
 * side effect of an evaluation (the documented exception); nothing is redeemed by it. Redeem creates
 * the order from that cart (order number = our order id, so a retry finds it); release cancels it.
 * Optimistic versions: a 409 ConcurrentModification re-reads the cart and sends the changes again.
 */
export class CommercetoolsProvider implements PromotionProvider {
  readonly name = NAME;
  private readonly api: ByProjectKeyRequestBuilder;
  private readonly closeClient: () => Promise<void>;

  constructor(
    private readonly config: CommercetoolsConfig,
    private readonly deps: Deps,
    api?: { api: ByProjectKeyRequestBuilder; close(): Promise<void> },
  ) {
    const built = api ?? createCommercetoolsApi(config);
    this.api = built.api;
    this.closeClient = built.close;
  }

  private store(market: string) {
    const m = this.config.markets[market];
    if (!m) throw new RemoteCallError(NAME, 0, `no Store is configured for market ${market}`, 'NotConfigured');
    return { ...m, api: this.api.inStoreKeyWithStoreKeyValue({ storeKey: m.storeKey }) };
  }

  private call<T>(ctx: ProviderContext, fn: () => Promise<T>): Promise<T> {
    return withCallSignal(ctx.signal, () => withRetries(NAME, this.config, ctx.signal, fn, (err) => this.deps.metrics.retried(NAME, err.status)));
  }

  private async remember(cart: CartInput, ct: Cart, ctx: ProviderContext): Promise<ShadowCartRow> {
    const row = { cart_id: cart.id, market: cart.market, ct_cart_id: ct.id, version: ct.version, snapshot: JSON.stringify(snapshotOf(ct)), updated_at: ctx.now.toISOString() };
    await this.deps.carts.save(row);
    return row;
  }

  /** Brings the shadow cart in line with ours and answers it discounted. */
  private async sync(cart: CartInput, ctx: ProviderContext): Promise<{ ct: Cart; evaluation: Evaluation }> {
    const store = this.store(cart.market);
    const codes = distinctCodes(cart.discountCodes);
    const refused = new Map<string, NonApplicableCode | null>(); // upper code → reason (null: the code does not exist)
    let row: ShadowCartRow | undefined = await this.deps.carts.get(cart.id);
    let keyed = true; // false once the key belongs to a cart that was ordered
    if (row && row.market !== cart.market) row = undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const wanted = codes.filter((c) => !refused.has(c.upper));
      try {
        let ct: Cart;
        if (!row) {
          ct = await this.call(ctx, () =>
            execute(
              store.api.carts().post({
                queryArgs: { expand: CART_EXPANSIONS },
                body: {
                  ...(keyed ? { key: cartKey(cart.id) } : {}),
                  currency: cart.currencyCode,
                  ...(store.country ? { country: store.country } : {}),
                  taxMode: 'Disabled',
                  lineItems: sellable(cart).map((l) => ({ sku: l.sku, quantity: l.quantity, key: lineKey(l.id), externalPrice: minorToCentMoney(l.unitPriceMinor, cart.currencyCode) })),
                  discountCodes: wanted.map((c) => c.entered),
                },
              }),
            ),
          );
        } else {
          const current = row;
          const actions = syncActions(JSON.parse(current.snapshot) as CartSnapshot, cart, wanted);
          ct = await this.call(ctx, () =>
            execute(store.api.carts().withId({ ID: current.ct_cart_id }).post({ queryArgs: { expand: CART_EXPANSIONS }, body: { version: current.version, actions: actions as never } })),
          );
        }
        row = await this.remember(cart, ct, ctx);
        const extra = [...refused.values()].filter((n): n is NonApplicableCode => n !== null);
        const evaluation = mapCart(cart, ct, { now: ctx.now, locale: this.config.locale, extra, onUnknownState: (s) => this.deps.metrics.unknownEffect(NAME, s) });
        return { ct, evaluation };
      } catch (err) {
        if (isError(err, 409, 'ConcurrentModification') && row) {
          row = await this.reread(store.api, cart, row.ct_cart_id, ctx);
          continue;
        }
        if (isError(err, 404) && row) {
          // the vendor deleted the cart (carts expire): start a new one
          await this.deps.carts.delete(cart.id);
          row = undefined;
          continue;
        }
        if (isError(err, 400, 'DuplicateField') && !row) {
          // created meanwhile (another replica, or a lost answer): continue with that cart
          const existing = await this.call(ctx, () => execute(store.api.carts().withKey({ key: cartKey(cart.id) }).get({ queryArgs: { expand: CART_EXPANSIONS } })));
          if (existing.cartState === 'Active') row = await this.remember(cart, existing, ctx);
          else keyed = false;
          continue;
        }
        if (isError(err, 400, 'DiscountCodeNonApplicable')) {
          const refusedCode = this.refusedCode(err, wanted, ctx.now);
          if (refusedCode) {
            refused.set(refusedCode.upper, refusedCode.reason);
            continue;
          }
        }
        throw err;
      }
    }
    throw new RemoteCallError(NAME, 409, `cart ${cart.id} still conflicting after ${MAX_ROUNDS} attempts`, 'ConcurrentModification');
  }

  /** The code of a DiscountCodeNonApplicable error: unknown (DoesNotExist) or outside its validity. */
  private refusedCode(err: RemoteCallError, wanted: { entered: string; upper: string }[], now: Date): { upper: string; reason: NonApplicableCode | null } | null {
    const errors = ((err.body as { errors?: { code?: string; discountCode?: string; reason?: string; validFrom?: string }[] } | null)?.errors ?? []).filter((e) => e.code === 'DiscountCodeNonApplicable');
    for (const e of errors) {
      const match = wanted.find((c) => c.upper === String(e.discountCode ?? '').toUpperCase());
      if (!match) continue;
      if (e.reason === 'DoesNotExist') return { upper: match.upper, reason: null };
      return { upper: match.upper, reason: nonApplicable(match.entered, validityReason(e.validFrom, now)) };
    }
    return null;
  }

  private async reread(api: StoreApi, cart: CartInput, ctCartId: string, ctx: ProviderContext): Promise<ShadowCartRow> {
    const fresh = await this.call(ctx, () => execute(api.carts().withId({ ID: ctCartId }).get({ queryArgs: { expand: CART_EXPANSIONS } })));
    return this.remember(cart, fresh, ctx);
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    // a preview never writes (the shadow cart is a write) and commercetools evaluates at its own now
    if (ctx.preview) throw new RemoteCallError(NAME, 0, 'previews of a future instant are not supported by commercetools', 'PreviewNotSupported');
    return (await this.sync(cart, ctx)).evaluation;
  }

  /** Which of the codes exist in the project (Query DiscountCodes by code). */
  async knownCodes(market: string, codes: string[], ctx: ProviderContext): Promise<Set<string>> {
    this.store(market);
    const distinct = distinctCodes(codes);
    if (distinct.length === 0) return new Set();
    const where = `code in (${distinct.map((c) => JSON.stringify(c.entered)).join(', ')})`;
    const page: DiscountCodePagedQueryResponse = await this.call(ctx, () => execute(this.api.discountCodes().get({ queryArgs: { where, limit: 500 } })));
    const found = new Set(page.results.map((d) => d.code.toUpperCase()));
    return new Set(distinct.map((c) => c.upper).filter((c) => found.has(c)));
  }

  async redeem(orderId: string, cart: CartInput, _customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const existing = await this.deps.redemptions.get(NAME, orderId);
    if (existing?.state === 'REDEEMED') return { ok: true, userErrors: [] };
    const store = this.store(cart.market);
    if (existing?.state === 'PENDING') {
      // the order may have been created while its answer was lost
      const found = await this.orderByNumber(store.api, orderId, ctx);
      if (found) return this.redeemed(orderId, cart, found, ctx);
    }
    const usedUp = (code: string) => ({ ok: false, userErrors: [userError('USAGE_LIMIT_REACHED', `"${code}" has reached its usage limit.`)] });
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { ct, evaluation } = await this.sync(cart, ctx);
      const exhausted = evaluation.nonApplicableDiscountCodes.find((n) => n.reason === 'USAGE_LIMIT_REACHED');
      if (exhausted) return usedUp(exhausted.code);
      await this.deps.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: ct.id, version: null, state: 'PENDING', updated_at: ctx.now.toISOString() });
      let order: Order;
      try {
        order = await this.call(ctx, () => execute(store.api.orders().post({ body: { cart: { typeId: 'cart', id: ct.id }, version: ct.version, orderNumber: orderId } })));
      } catch (err) {
        if (isError(err, 409, 'ConcurrentModification')) continue;
        if (isError(err, 400, 'DuplicateField')) {
          order = await this.call(ctx, () => execute(store.api.orders().withOrderNumber({ orderNumber: orderId }).get()));
        } else if (isError(err, 400, 'DiscountCodeNonApplicable') || isError(err, 400, 'MaxApplicationReached')) {
          return usedUp(codesOf(cart)[0] ?? 'code');
        } else throw err;
      }
      return this.redeemed(orderId, cart, order, ctx);
    }
    throw new RemoteCallError(NAME, 409, `order ${orderId} still conflicting after ${MAX_ROUNDS} attempts`, 'ConcurrentModification');
  }

  private async redeemed(orderId: string, cart: CartInput, order: Order, ctx: ProviderContext): Promise<RedeemResult> {
    await this.deps.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: order.id, version: order.version, state: 'REDEEMED', updated_at: ctx.now.toISOString() });
    await this.deps.carts.delete(cart.id); // the vendor cart is now ordered
    return { ok: true, userErrors: [] };
  }

  private async orderByNumber(api: StoreApi, orderNumber: string, ctx: ProviderContext): Promise<Order | null> {
    try {
      return await this.call(ctx, () => execute(api.orders().withOrderNumber({ orderNumber }).get()));
    } catch (err) {
      if (isError(err, 404)) return null;
      throw err;
    }
  }

  async release(orderId: string, ctx: ProviderContext): Promise<void> {
    const row = await this.deps.redemptions.get(NAME, orderId);
    if (!row || row.state === 'RELEASED') return;
    const api = this.store(row.market).api;
    const orders = api.orders();
    const found = await this.orderByNumber(api, orderId, ctx);
    if (!found) {
      await this.deps.redemptions.save({ ...row, state: 'RELEASED', updated_at: ctx.now.toISOString() }); // the order never came to be
      return;
    }
    let order: Order = found;
    for (let round = 0; order.orderState !== 'Cancelled'; round++) {
      const current: Order = order;
      try {
        order = await this.call(ctx, () =>
          execute(orders.withId({ ID: current.id }).post({ body: { version: current.version, actions: [{ action: 'changeOrderState', orderState: 'Cancelled' }] } })),
        );
      } catch (err) {
        if (!isError(err, 409, 'ConcurrentModification') || round + 1 >= MAX_ROUNDS) throw err;
        order = await this.call(ctx, () => execute(orders.withId({ ID: current.id }).get()));
      }
    }
    await this.deps.redemptions.save({ ...row, external_id: order.id, version: order.version, state: 'RELEASED', updated_at: ctx.now.toISOString() });
  }

  async close(): Promise<void> {
    await this.closeClient();
  }
}

const codesOf = (cart: CartInput) => distinctCodes(cart.discountCodes).map((c) => c.entered);
