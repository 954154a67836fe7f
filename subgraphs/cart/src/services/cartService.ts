import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Clock } from '../../../../common/clock.ts';
import { badInput, previewReadOnly, UserErrorException, userError, unavailable, type UserError } from '../../../../common/errors.ts';
import { ServiceCallError } from '../../../../common/graphClient.ts';
import { hasScope, maySellFromLocation, type Identity } from '../../../../common/identity.ts';
import type { Logger } from '../../../../common/log.ts';
import { mayAccessOwned } from '../../../../common/ownership.ts';
import type { CartRepository } from '../data/cartRepository.ts';
import { isPreviewCartId, PREVIEW_CART_PREFIX, type PreviewCartExpiry } from '../data/previewCarts.ts';
import type { CartLineView, CartView, TypedValue } from './cartView.ts';
import type { CartDependencies } from './dependencies.ts';
import { DiscountCodeEntry, normaliseCode } from './discountCodeEntry.ts';
import { attributesProblem, sameAttributes } from './lineAttributes.ts';
import { countCartCreation } from './creationLimit.ts';
import { chooseShipping } from './shipping.ts';
import { mergeWarnings, observe, snapshotOf, stockState } from './warnings.ts';

export interface CartLimits {
  maxQuantityPerLine: number;
  maxLines: number;
  maxDiscountCodes: number;
  /**
   * invalid codes tolerated per cart, and per client (its address, whatever key it uses), within the
   * window (coupon guessing); never per key: a public key is many people, one client cannot lock the
   * others out (a surge over a whole channel is a metric and an alert, cart_discount_code_failures_total)
   */
  codeFailuresPerCart: number;
  codeFailuresPerClient: number;
  codeFailureWindowSeconds: number;
  /** carts one API key, and one client (address) of any key, may create per hour */
  cartsPerKeyPerHour: number;
  cartsPerClientPerHour: number;
}

export const DEFAULT_LIMITS: CartLimits = {
  maxQuantityPerLine: 100,
  maxLines: 100,
  maxDiscountCodes: 10,
  codeFailuresPerCart: 5,
  codeFailuresPerClient: 50,
  codeFailureWindowSeconds: 900,
  cartsPerKeyPerHour: 20_000,
  cartsPerClientPerHour: 1_000,
};

export interface LineInput {
  sku: string;
  quantity: number;
  attributes?: TypedValue[] | null;
}

/** Where preview carts go: their own store, expiring after `ttlMs` of real time. */
export interface PreviewCarts {
  repo: CartRepository;
  expiry: PreviewCartExpiry;
  ttlMs: number;
  /** real time (the request's clock is the previewed instant) */
  realNow: () => Date;
}

export interface CartCaller {
  channel: string;
  canSell: boolean;
  isService: boolean;
}

/** A customer id given by the caller: refused, the customer comes from the verified token only. */
function customerIdGiven(raw: string | null | undefined, field: string): UserError | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  return userError('CUSTOMER_ID_NOT_ACCEPTED', 'The customer comes from the signed-in customer\'s token (x-customer-token), never from the request.', field);
}

/**
 * Cart business logic. Every change: check the version, refresh what others changed (warnings),
 * apply the customer's change (no warnings), evaluate promotions for the new contents, and store
 * everything if the version is still the expected one.
 */
export class CartService {
  readonly loader: DataLoader<string, CartView | null>;
  private readonly codes: DiscountCodeEntry;

  constructor(
    private readonly repo: CartRepository,
    private readonly deps: CartDependencies,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: CartLimits = DEFAULT_LIMITS,
    /** the caller: whose carts this request may see */
    private readonly caller: Identity,
    /** the preview store; used only while the request previews a future instant */
    private readonly preview: PreviewCarts | null = null,
    /** told how many entered codes turned out invalid, by channel (the channel-wide surge metric) */
    onCodeFailures: (count: number, channel: string) => void = () => {},
    /** told of every read of an active cart (each is evaluated once: the cart_reads_total metric) */
    private readonly onRead: (market: string) => void = () => {},
  ) {
    this.codes = new DiscountCodeEntry(deps, clock, limits, caller, onCodeFailures);
    this.loader = new DataLoader(async (ids) => {
      const carts = await this.findMany(ids);
      return Promise.all(ids.map(async (id) => {
        const cart = carts.get(id);
        return cart ? this.refreshAndStore(cart) : null;
      }));
    });
  }

  private async findMany(ids: readonly string[]): Promise<Map<string, CartView>> {
    // preview carts exist only for requests that preview; live carts for every request
    const live = ids.filter((id) => !isPreviewCartId(id));
    const previews = this.preview && this.clock.preview ? ids.filter(isPreviewCartId) : [];
    const found = await this.repo.findMany(live);
    if (previews.length && this.preview) {
      const expired = await this.preview.expiry.expired(previews, this.preview.realNow().toISOString());
      for (const [id, cart] of await this.preview.repo.findMany(previews.filter((id) => !expired.has(id)))) found.set(id, cart);
    }
    // a cart the caller may not see does not exist for them (same answer as an unknown id)
    for (const [id, cart] of found) if (!mayAccessOwned(this.caller, cart)) found.delete(id);
    return found;
  }

  private isPreviewCart(cart: CartView): boolean {
    return isPreviewCartId(cart.id);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Live carts are read-only while previewing; preview carts are written to their own store. */
  private writableStore(cartId: string | null): CartRepository {
    if (!this.clock.preview) return this.repo;
    if (cartId !== null && !isPreviewCartId(cartId)) throw previewReadOnly('A preview is read-only for live carts: create a preview cart to try changes at the previewed instant.');
    if (!this.preview) throw previewReadOnly();
    return this.preview.repo;
  }

  /** Reads what other services say now; tolerates their absence. */
  private async observeNow(cart: CartView) {
    const skus = cart.lines.map((l) => l.sku);
    const [prices, availability] = await Promise.all([
      this.deps.prices(cart.market, skus).catch((e) => this.degraded('catalog', e)),
      this.deps.availability(cart.market, cart.location, skus).catch((e) => this.degraded('inventory', e)),
    ]);
    const withPrices = prices ? observe(cart, { prices, availability: null, evaluation: null }).cart : cart;
    const evaluation = await this.deps.evaluate({ ...withPrices });
    if (!evaluation) this.log.warn({ service: 'promotions', cartId: cart.id }, 'promotions unavailable; the cart shows base prices');
    return observe(cart, { prices, availability, evaluation });
  }

  private degraded(service: string, e: unknown): null {
    if (e instanceof ServiceCallError) {
      this.log.warn({ service, err: e.message }, 'dependency unavailable; cart answers with what it knows');
      return null;
    }
    throw e;
  }

  private async refreshAndStore(cart: CartView): Promise<CartView> {
    if (cart.status !== 'ACTIVE') return cart;
    this.onRead(cart.market);
    const { cart: observed, warnings } = await this.observeNow(cart);
    // a preview shows a live cart at the previewed instant (its prices there) and writes nothing
    if (this.clock.preview && !this.isPreviewCart(cart)) return { ...observed, warnings: cart.warnings };
    const next = { ...observed, warnings: mergeWarnings(cart.warnings, warnings, randomUUID, this.now()) };
    if (JSON.stringify(next) !== JSON.stringify(cart)) {
      // same version: a refresh is not the customer's change; if a change raced us, it wins
      await this.writableStore(cart.id).replace(next, cart.version);
    }
    return next;
  }

  get(id: string): Promise<CartView | null> {
    return this.loader.load(id);
  }

  /** The cart line with this id, from the store the request may see. */
  async line(lineId: string): Promise<CartLineView | null> {
    const stores = this.clock.preview && this.preview ? [this.repo, this.preview.repo] : [this.repo];
    for (const store of stores) {
      const cartId = (await store.cartIdsOfLines([lineId])).get(lineId);
      if (cartId) return (await this.get(cartId))?.lines.find((l) => l.id === lineId) ?? null;
    }
    return null;
  }

  async create(
    caller: CartCaller,
    input: { market: string; discountCodes?: string[] | null; location?: string | null; lines?: LineInput[] | null; customerId?: string | null },
  ): Promise<CartView> {
    const store = this.writableStore(null);
    // a preview cart is kept apart and writes nothing live: it is not counted
    if (!this.clock.preview) await countCartCreation(this.repo, this.caller, this.clock, this.limits);
    const errors: UserError[] = [];
    const market = await this.deps.market(input.market).catch((e) => {
      if (e instanceof ServiceCallError) throw unavailable('The catalog is unavailable; try again.');
      throw e;
    });
    if (!market) throw new UserErrorException(userError('MARKET_UNKNOWN', `Unknown market "${input.market}".`, 'market'));
    const currency = market.currencyCode;
    // staff (operations) may open a cart in any channel of the market, e.g. for a preview
    if (!market.channels.includes(caller.channel) && !hasScope(this.caller, 'operations')) {
      throw new UserErrorException(userError('MARKET_CHANNEL_DISABLED', `Market ${market.code} does not sell through the ${caller.channel} channel.`, 'market'));
    }
    if (input.location) {
      // a key sells only from its own stores, and a store only for the markets it serves
      const served = maySellFromLocation(this.caller, input.location) ? await this.deps.locationMarkets(input.location) : null;
      if (!maySellFromLocation(this.caller, input.location)) errors.push(userError('LOCATION_FORBIDDEN', `The ${this.caller.channel} key does not sell from "${input.location}".`, 'location'));
      else if (!served) errors.push(userError('LOCATION_UNKNOWN', `Unknown location "${input.location}".`, 'location'));
      else if (!served.includes(input.market)) errors.push(userError('LOCATION_WRONG_MARKET', `"${input.location}" does not sell in ${input.market}.`, 'location'));
    }
    const given = customerIdGiven(input.customerId, 'customerId');
    if (given) errors.push(given);
    if (errors.length) throw new UserErrorException(errors);
    const at = this.now();
    let cart: CartView = {
      id: this.clock.preview ? `${PREVIEW_CART_PREFIX}${randomUUID()}` : randomUUID(),
      version: 1,
      market: input.market,
      channel: caller.channel,
      currencyCode: currency,
      location: input.location ?? null,
      customerId: this.caller.customerId ?? null,
      status: 'ACTIVE',
      discountCodes: [],
      lines: [],
      warnings: [],
      shippingAddress: null,
      shippingMethod: null,
      promotionSnapshot: null,
      orderId: null,
      createdAt: at,
      updatedAt: at,
    };
    if (input.discountCodes?.length) cart = await this.codes.enter(this.writableStore(cart.id), cart, input.discountCodes, 'discountCodes');
    if (input.lines?.length) cart = await this.withLines(cart, input.lines, 'lines');
    cart = await this.settle(cart);
    await store.insert(cart);
    if (this.clock.preview && this.preview) {
      await this.preview.expiry.register(cart.id, new Date(this.preview.realNow().getTime() + this.preview.ttlMs).toISOString());
    }
    return cart;
  }

  /** Evaluates the new contents and records the state the customer caused, without warnings. */
  private async settle(cart: CartView, availability?: Map<string, number> | null): Promise<CartView> {
    const evaluation = await this.deps.evaluate(cart);
    const lines = availability ? cart.lines.map((l) => ({ ...l, stockState: stockState(availability.get(l.sku), l.quantity) })) : cart.lines;
    let warnings = cart.warnings;
    if (!evaluation || evaluation.status === 'UNAVAILABLE') {
      warnings = mergeWarnings(warnings, [{ code: 'PROMOTIONS_UNAVAILABLE', lineId: null, message: 'Promotions cannot be evaluated right now; prices are shown without discounts.' }], randomUUID, this.now());
    }
    return { ...cart, lines, warnings, promotionSnapshot: snapshotOf(evaluation) };
  }

  private checkQuantity(quantity: number, field: string): UserError | null {
    if (!Number.isInteger(quantity) || quantity <= 0) return userError('INVALID_QUANTITY', 'Quantity must be at least 1.', field);
    if (quantity > this.limits.maxQuantityPerLine) {
      return userError('QUANTITY_LIMIT_EXCEEDED', `At most ${this.limits.maxQuantityPerLine} units per line.`, field);
    }
    return null;
  }

  /** Checks that the cart's lines can be sold: quantity in stock (when inventory answers). */
  private async checkStock(cart: CartView, touched: Set<string>, fieldOf: (lineId: string) => string): Promise<Map<string, number> | null> {
    const availability = await this.deps.availability(cart.market, cart.location, cart.lines.map((l) => l.sku)).catch((e) => this.degraded('inventory', e));
    if (!availability) return null;
    const errors: UserError[] = [];
    const perSku = new Map<string, number>();
    for (const l of cart.lines) perSku.set(l.sku, (perSku.get(l.sku) ?? 0) + l.quantity);
    for (const l of cart.lines) {
      if (!touched.has(l.id)) continue;
      const available = availability.get(l.sku) ?? 0;
      if ((perSku.get(l.sku) ?? 0) > available) {
        errors.push(userError('OUT_OF_STOCK', `${l.sku}: only ${available} available.`, fieldOf(l.id)));
      }
    }
    if (errors.length) throw new UserErrorException(errors);
    return availability;
  }

  private async withLines(cart: CartView, inputs: LineInput[], field: string): Promise<CartView> {
    if (inputs.length > this.limits.maxLines) throw badInput(`At most ${this.limits.maxLines} lines per request.`, field);
    const errors: UserError[] = [];
    inputs.forEach((l, i) => {
      const e = this.checkQuantity(l.quantity, `${field}[${i}].quantity`) ?? attributesProblem(l.attributes ?? [], `${field}[${i}].attributes`);
      if (e) errors.push(e);
    });
    if (errors.length) throw new UserErrorException(errors);
    const prices = await this.deps.prices(cart.market, inputs.map((l) => l.sku)).catch((e) => {
      if (e instanceof ServiceCallError) throw unavailable('The catalog is unavailable; try again.');
      throw e;
    });
    const lines: CartLineView[] = cart.lines.map((l) => ({ ...l }));
    const touched = new Map<string, number>();
    inputs.forEach((input, i) => {
      const price = prices.get(input.sku);
      if (price === undefined) return void errors.push(userError('PRODUCT_NOT_FOUND', `Unknown SKU "${input.sku}".`, `${field}[${i}].sku`));
      if (price === null) return void errors.push(userError('PRODUCT_NOT_SOLD_IN_MARKET', `${input.sku} is not sold in ${cart.market}.`, `${field}[${i}].sku`));
      const attributes = input.attributes ?? [];
      const existing = lines.find((l) => l.sku === input.sku && sameAttributes(l.attributes, attributes));
      if (existing) {
        existing.quantity += input.quantity;
        existing.unitPriceMinor = price;
        const e = this.checkQuantity(existing.quantity, `${field}[${i}].quantity`);
        if (e) errors.push(e);
        touched.set(existing.id, i);
      } else {
        const line: CartLineView = {
          id: randomUUID(), sku: input.sku, quantity: input.quantity, unitPriceMinor: price, currencyCode: cart.currencyCode,
          attributes, stockState: 'OK', market: cart.market, location: cart.location,
        };
        lines.push(line);
        touched.set(line.id, i);
      }
    });
    if (lines.length > this.limits.maxLines) errors.push(userError('TOO_MANY_LINES', `At most ${this.limits.maxLines} lines per cart.`, field));
    if (errors.length) throw new UserErrorException(errors);
    const next = { ...cart, lines };
    await this.checkStock(next, new Set(touched.keys()), (id) => `${field}[${touched.get(id)}].quantity`);
    return next;
  }

  /** Runs a customer's change with optimistic concurrency. */
  private async change(cartId: string, expectedVersion: number, apply: (cart: CartView) => Promise<CartView>, opts: { allowOrdered?: boolean } = {}): Promise<CartView> {
    const store = this.writableStore(cartId);
    const current = (await this.findMany([cartId])).get(cartId);
    if (!current) throw new UserErrorException(userError('CART_NOT_FOUND', `No cart with id "${cartId}".`, 'cartId'));
    if (current.status !== 'ACTIVE' && !opts.allowOrdered) {
      throw new UserErrorException(userError('CART_ALREADY_ORDERED', 'An order was placed from this cart; it can no longer change.', 'cartId'));
    }
    if (current.version !== expectedVersion) {
      throw new UserErrorException(userError('VERSION_CONFLICT', `The cart is at version ${current.version}, not ${expectedVersion}. Read it again and retry.`, 'expectedVersion'));
    }
    const { cart: observed, warnings } = await this.observeNow(current);
    const refreshed = { ...observed, warnings: mergeWarnings(current.warnings, warnings, randomUUID, this.now()) };
    const applied = await apply(refreshed);
    const availability = await this.deps.availability(applied.market, applied.location, applied.lines.map((l) => l.sku)).catch((e) => this.degraded('inventory', e));
    const next = await this.settle({ ...applied, version: current.version + 1, updatedAt: this.now() }, availability);
    if (!(await store.replace(next, current.version))) {
      throw new UserErrorException(userError('VERSION_CONFLICT', 'The cart changed meanwhile. Read it again and retry.', 'expectedVersion'));
    }
    this.loader.clear(cartId).prime(cartId, next);
    return next;
  }

  addLines(cartId: string, expectedVersion: number, lines: LineInput[]): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => {
      if (lines.length === 0) throw new UserErrorException(userError('NO_LINES', 'Give at least one line.', 'lines'));
      return this.withLines(cart, lines, 'lines');
    });
  }

  updateLine(cartId: string, expectedVersion: number, lineId: string, quantity: number): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => {
      const line = cart.lines.find((l) => l.id === lineId);
      if (!line) throw new UserErrorException(userError('LINE_NOT_FOUND', `No line "${lineId}" in the cart.`, 'lineId'));
      const e = this.checkQuantity(quantity, 'quantity');
      if (e) throw new UserErrorException(e);
      const next = { ...cart, lines: cart.lines.map((l) => (l.id === lineId ? { ...l, quantity } : l)) };
      if (quantity > line.quantity) await this.checkStock(next, new Set([lineId]), () => 'quantity');
      return next;
    });
  }

  removeLine(cartId: string, expectedVersion: number, lineId: string): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => {
      if (!cart.lines.some((l) => l.id === lineId)) throw new UserErrorException(userError('LINE_NOT_FOUND', `No line "${lineId}" in the cart.`, 'lineId'));
      return {
        ...cart,
        lines: cart.lines.filter((l) => l.id !== lineId),
        warnings: cart.warnings.filter((w) => w.lineId !== lineId),
      };
    });
  }

  applyCode(cartId: string, expectedVersion: number, code: string): Promise<CartView> {
    return this.change(cartId, expectedVersion, (cart) => this.codes.enter(this.writableStore(cart.id), cart, [code], 'code'));
  }

  removeCode(cartId: string, expectedVersion: number, code: string): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => {
      const c = normaliseCode(code);
      if (!cart.discountCodes.includes(c)) throw new UserErrorException(userError('DISCOUNT_CODE_NOT_FOUND', `The code "${code}" is not on the cart.`, 'code'));
      return { ...cart, discountCodes: cart.discountCodes.filter((x) => x !== c) };
    });
  }

  acknowledgeWarnings(cartId: string, expectedVersion: number): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => ({ ...cart, warnings: [] }));
  }

  setShippingAddress(cartId: string, expectedVersion: number, address: TypedValue): Promise<CartView> {
    return this.change(cartId, expectedVersion, async (cart) => {
      if (!/^[a-z0-9][a-z0-9._-]*\/v\d+$/i.test(address.type)) {
        throw new UserErrorException(userError('INVALID_TYPED_VALUE', 'type must look like "address/v1".', 'address.type'));
      }
      if (JSON.stringify(address.data ?? null).length > 16_384) {
        throw new UserErrorException(userError('INVALID_TYPED_VALUE', 'The address is larger than 16 KiB.', 'address.data'));
      }
      return { ...cart, shippingAddress: { type: address.type, data: address.data } };
    });
  }

  /** Selects a shipping method among the cart's shipping options now (see shipping.ts). */
  selectShippingMethod(cartId: string, expectedVersion: number, method: string, location: string | null | undefined): Promise<CartView> {
    return this.change(cartId, expectedVersion, (cart) => chooseShipping(cart, method, location, this.deps));
  }

  /**
   * Puts the signed-in customer (verified token) on the cart, e.g. when the shopper signs in at
   * checkout, or removes the customer when the request carries none: promotions are evaluated for that
   * customer from this change on (firstOrder, per-customer budgets). A customer id given by the caller
   * is refused.
   */
  setCustomer(cartId: string, expectedVersion: number, customerId: string | null): Promise<CartView> {
    const given = customerIdGiven(customerId, 'customerId');
    if (given) return Promise.reject(new UserErrorException(given));
    return this.change(cartId, expectedVersion, async (cart) => ({ ...cart, customerId: this.caller.customerId ?? null }));
  }

  /** Closes the cart once its order exists (orders service). Idempotent for the same order. */
  async markOrdered(cartId: string, orderId: string): Promise<boolean> {
    if (this.clock.preview) throw previewReadOnly();
    if (isPreviewCartId(cartId)) throw new UserErrorException(userError('PREVIEW_CART', 'A preview cart can never be ordered.', 'cartId'));
    const current = (await this.repo.findMany([cartId])).get(cartId);
    if (!current) throw new UserErrorException(userError('CART_NOT_FOUND', `No cart with id "${cartId}".`, 'cartId'));
    if (current.status === 'ORDERED') return current.orderId === orderId;
    const next: CartView = { ...current, status: 'ORDERED', orderId, version: current.version + 1, updatedAt: this.now() };
    return this.repo.replace(next, current.version);
  }
}
