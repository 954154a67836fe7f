import type { ByProjectKeyRequestBuilder, Cart, DiscountCodePagedQueryResponse, Order } from '@commercetools/platform-sdk';
import { userError } from '../../../../../../common/errors.ts';
import type { Logger } from '../../../../../../common/log.ts';
import type { RemoteRedemptionRepository, ShadowCartRepository, ShadowCartRow } from '../../../data/remoteRepository.ts';
import { distinctCodes, type CartInput } from '../../cart.ts';
import type { Evaluation, NonApplicableCode } from '../../evaluation.ts';
import type { PromotionProvider, ProviderContext, RedeemResult, ReturnedItem } from '../provider.ts';
import { RemoteCallError, withCallSignal, withRetries } from '../remote/call.ts';
import type { CommercetoolsAddress, CommercetoolsConfig, CommercetoolsMarket } from '../remote/config.ts';
import type { RemoteMetrics } from '../remote/metrics.ts';
import { minorToCentMoney } from '../remote/money.ts';
import { nonApplicable } from '../remote/reasons.ts';
import { SingleFlight } from '../remote/singleFlight.ts';
import { shippingAddressFor } from './address.ts';
import { createCommercetoolsApi, execute } from './client.ts';
import { CART_EXPANSIONS, cartKey, lineKey, mapCart, sellable, snapshotOf, syncActions, syncHash, validityReason, type CartSnapshot } from './mapping.ts';
import { returnActions } from './returns.ts';

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
type Store = CommercetoolsMarket & { api: StoreApi };

interface Synced {
  ct: Cart;
  evaluation: Evaluation;
}

const isError = (err: unknown, status: number, code?: string): err is RemoteCallError =>
  err instanceof RemoteCallError && err.status === status && (code === undefined || err.code === code);

/**
 * commercetools' built-in promotion engine. An evaluation keeps a shadow cart in the market's Store
 * (our lines at external prices, our codes, a shipping address), lets commercetools discount it and
 * reads the result back; the mapping cart id → vendor cart id, version, a hash of what was synced and
 * the vendor's last answer are kept in our database. Reads do not write: the vendor cart is updated
 * only when the hash of lines, codes, customer and address changed since the last sync, and
 * concurrent evaluations of one cart share one vendor call (single flight). Redeem creates the order
 * from that cart (order number = our order id, so a retry finds it); release sets it Cancelled;
 * returned items are added to it as return info. Optimistic versions: a 409 ConcurrentModification
 * re-reads the cart and sends the changes again.
 */
export class CommercetoolsProvider implements PromotionProvider {
  readonly name = NAME;
  private readonly api: ByProjectKeyRequestBuilder;
  private readonly closeClient: () => Promise<void>;
  /** per cart: one sync at a time; concurrent evaluations of the same content share it */
  private readonly flights = new SingleFlight<Synced>(NAME);

  constructor(
    private readonly config: CommercetoolsConfig,
    private readonly deps: Deps,
    api?: { api: ByProjectKeyRequestBuilder; close(): Promise<void> },
  ) {
    const built = api ?? createCommercetoolsApi(config);
    this.api = built.api;
    this.closeClient = built.close;
  }

  private store(market: string): Store {
    const m = this.config.markets[market];
    if (!m) throw new RemoteCallError(NAME, 0, `no Store is configured for market ${market}`, 'NotConfigured');
    return { ...m, api: this.api.inStoreKeyWithStoreKeyValue({ storeKey: m.storeKey }) };
  }

  private call<T>(ctx: ProviderContext, fn: () => Promise<T>): Promise<T> {
    return withCallSignal(ctx.signal, () => withRetries(NAME, this.config, ctx.signal, fn, (err) => this.deps.metrics.retried(NAME, err.status)));
  }

  /** Stores what the vendor cart holds now; `hash` is null when it was not synced from our cart (a re-read). */
  private async remember(cart: CartInput, ct: Cart, ctx: ProviderContext, hash: string | null, refused: Map<string, NonApplicableCode | null> = new Map()): Promise<ShadowCartRow> {
    const row: ShadowCartRow = {
      cart_id: cart.id,
      market: cart.market,
      ct_cart_id: ct.id,
      version: ct.version,
      snapshot: JSON.stringify(snapshotOf(ct, refused)),
      updated_at: ctx.now.toISOString(),
      sync_hash: hash,
      vendor_cart: JSON.stringify(ct),
    };
    await this.deps.carts.save(row);
    return row;
  }

  private map(cart: CartInput, ct: Cart, refused: Iterable<NonApplicableCode | null>, ctx: ProviderContext): Evaluation {
    const extra = [...refused].filter((n): n is NonApplicableCode => n !== null);
    return mapCart(cart, ct, { now: ctx.now, locale: this.config.locale, extra, onUnknownState: (s) => this.deps.metrics.unknownEffect(NAME, s) });
  }

  /** The vendor cart in line with ours: one call at a time per cart, shared by concurrent evaluations of the same content. */
  private synced(cart: CartInput, ctx: ProviderContext): Promise<Synced> {
    const store = this.store(cart.market);
    return this.flights.run(cart.id, contentKey(cart), ctx.signal, () => this.syncIfChanged(cart, store, ctx));
  }

  /** Answers the vendor's last answer while the hash of what we would send is unchanged; else syncs. */
  private async syncIfChanged(cart: CartInput, store: Store, ctx: ProviderContext): Promise<Synced> {
    let row = await this.deps.carts.get(cart.id);
    if (row && row.market !== cart.market) row = undefined;
    const snapshot = row ? (JSON.parse(row.snapshot) as CartSnapshot) : null;
    const address = shippingAddressFor(cart, store, snapshot?.address ?? null)?.address ?? null;
    const hash = syncHash(cart, address);
    if (row && row.sync_hash === hash && row.vendor_cart) {
      this.deps.metrics.cartSync(NAME, 'unchanged');
      const ct = JSON.parse(row.vendor_cart) as Cart;
      return { ct, evaluation: this.map(cart, ct, Object.values(snapshot?.refused ?? {}), ctx) };
    }
    return this.sync(cart, store, row, address, hash, ctx);
  }

  /** Brings the shadow cart in line with ours (writes only what differs) and answers it discounted. */
  private async sync(cart: CartInput, store: Store, found: ShadowCartRow | undefined, address: CommercetoolsAddress | null, hash: string, ctx: ProviderContext): Promise<Synced> {
    const codes = distinctCodes(cart.discountCodes);
    const refused = new Map<string, NonApplicableCode | null>(); // upper code → reason (null: the code does not exist)
    let row = found;
    let keyed = true; // false once the key belongs to a cart that was ordered
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
                  ...(address ? { shippingAddress: address } : {}),
                },
              }),
            ),
          );
        } else {
          const current = row;
          const actions = syncActions(JSON.parse(current.snapshot) as CartSnapshot, cart, wanted, address);
          if (actions.length === 0 && current.vendor_cart) {
            // nothing to send (e.g. only the customer changed, whom commercetools does not know): no write
            ct = JSON.parse(current.vendor_cart) as Cart;
          } else {
            ct = await this.call(ctx, () =>
              execute(store.api.carts().withId({ ID: current.ct_cart_id }).post({ queryArgs: { expand: CART_EXPANSIONS }, body: { version: current.version, actions: actions as never } })),
            );
          }
        }
        await this.remember(cart, ct, ctx, hash, refused);
        this.deps.metrics.cartSync(NAME, found ? 'written' : 'created');
        return { ct, evaluation: this.map(cart, ct, refused.values(), ctx) };
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
          if (existing.cartState === 'Active') row = await this.remember(cart, existing, ctx, null);
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
    return this.remember(cart, fresh, ctx, null);
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    // a preview never writes (the shadow cart is a write) and commercetools evaluates at its own now
    if (ctx.preview) throw new RemoteCallError(NAME, 0, 'previews of a future instant are not supported by commercetools', 'PreviewNotSupported');
    return (await this.synced(cart, ctx)).evaluation;
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
      const { ct, evaluation } = await this.synced(cart, ctx);
      const exhausted = evaluation.nonApplicableDiscountCodes.find((n) => n.reason === 'USAGE_LIMIT_REACHED');
      if (exhausted) return usedUp(exhausted.code);
      if (!ct.shippingAddress?.country) {
        // commercetools creates no order from a cart without a shipping address: refuse before writing anything
        return {
          ok: false,
          userErrors: [userError('SHIPPING_ADDRESS_REQUIRED', `The promotion engine of market ${cart.market} needs a shipping address: set one on the cart, or configure the address of its location or market.`, 'shippingAddress')],
        };
      }
      await this.deps.redemptions.save({ provider: NAME, order_id: orderId, market: cart.market, external_id: ct.id, version: null, state: 'PENDING', updated_at: ctx.now.toISOString() });
      let order: Order;
      try {
        order = await this.call(ctx, () => execute(store.api.orders().post({ body: { cart: { typeId: 'cart', id: ct.id }, version: ct.version, orderNumber: orderId } })));
      } catch (err) {
        if (isError(err, 409, 'ConcurrentModification')) {
          // the vendor cart moved on behind us: read it again; the next round syncs from there
          await this.reread(store.api, cart, ct.id, ctx);
          continue;
        }
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

  /** The order is cancelled (our order was cancelled, or placing it failed after the redemption): orderState Cancelled. */
  async release(orderId: string, ctx: ProviderContext): Promise<void> {
    const row = await this.deps.redemptions.get(NAME, orderId);
    if (!row || row.state === 'RELEASED') return;
    const api = this.store(row.market).api;
    const found = await this.orderByNumber(api, orderId, ctx);
    if (!found) {
      await this.deps.redemptions.save({ ...row, state: 'RELEASED', updated_at: ctx.now.toISOString() }); // the order never came to be
      return;
    }
    const order = await this.updateOrder(api, found, ctx, (current) => (current.orderState === 'Cancelled' ? [] : [{ action: 'changeOrderState', orderState: 'Cancelled' }]));
    await this.deps.redemptions.save({ ...row, external_id: order.id, version: order.version, state: 'RELEASED', updated_at: ctx.now.toISOString() });
  }

  /**
   * Items of a redeemed order came back: they are added to the commercetools order as return info
   * (shipment state Returned), by SKU onto its line items. What the order already lists as returned
   * is not returned again, so a repeated call adds nothing beyond the quantities ordered.
   */
  async returnItems(orderId: string, items: ReturnedItem[], ctx: ProviderContext): Promise<void> {
    const row = await this.deps.redemptions.get(NAME, orderId);
    if (!row || row.state !== 'REDEEMED') return; // nothing of this order is held by commercetools
    const api = this.store(row.market).api;
    const found = await this.orderByNumber(api, orderId, ctx);
    if (!found) return;
    const order = await this.updateOrder(api, found, ctx, (current) => {
      const { actions, unmatched } = returnActions(current, items, ctx.now);
      if (unmatched.length) ctx.log.warn({ orderId, unmatched }, 'returned items beyond what the commercetools order holds were not reported');
      return actions;
    });
    await this.deps.redemptions.save({ ...row, version: order.version, updated_at: ctx.now.toISOString() });
  }

  /** Applies the actions computed from the current order; a 409 re-reads it and computes them again. */
  private async updateOrder(api: StoreApi, found: Order, ctx: ProviderContext, actionsFor: (order: Order) => object[]): Promise<Order> {
    let order = found;
    for (let round = 0; ; round++) {
      const current: Order = order;
      const actions = actionsFor(current);
      if (actions.length === 0) return current;
      try {
        return await this.call(ctx, () => execute(api.orders().withId({ ID: current.id }).post({ body: { version: current.version, actions: actions as never } })));
      } catch (err) {
        if (!isError(err, 409, 'ConcurrentModification') || round + 1 >= MAX_ROUNDS) throw err;
        order = await this.call(ctx, () => execute(api.orders().withId({ ID: current.id }).get()));
      }
    }
  }

  async close(): Promise<void> {
    await this.closeClient();
  }
}

const codesOf = (cart: CartInput) => distinctCodes(cart.discountCodes).map((c) => c.entered);

/** What decides the vendor cart's content: concurrent evaluations with the same key share one sync. */
const contentKey = (cart: CartInput) =>
  JSON.stringify([cart.market, cart.currencyCode, sellable(cart).map((l) => [l.id, l.sku, l.quantity, l.unitPriceMinor]), cart.discountCodes, cart.customerId ?? null, cart.location ?? null, cart.shippingAddress ?? '-']);
