import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { badInput, UserErrorException, userError, type UserError } from '../../../../common/errors.ts';
import { ServiceCallError } from '../../../../common/graphClient.ts';
import type { Logger } from '../../../../common/log.ts';
import { MoneyError, parseMinor, type Money } from '../../../../common/money.ts';
import { AttemptAbandonedError, type IdempotencyRow, type OrderRecord, type OrdersRepository } from '../data/ordersRepository.ts';
import type { CheckoutCart, OrderDependencies, PromotionOutcome } from './dependencies.ts';
import { chargesOf, type ShippingOptionOut } from './charges.ts';
import { orderCreatedEvent } from './events.ts';

/** Crash recovery of attempts whose process died holding their key (services/retention.ts). */
export interface AttemptRecovery {
  isStale(row: IdempotencyRow): boolean;
  recover(row: IdempotencyRow): Promise<boolean>;
}

export interface PlaceOrderInput {
  cartId: string;
  idempotencyKey: string;
  payment: { reference: string; amount: Money };
}

/** A payment provider's reference is short; a longer one is refused, never stored. */
const MAX_PAYMENT_REFERENCE = 200;

export interface Caller {
  keyId: string;
  channel: string;
  /** the verified customer placing the order; absent for a guest */
  customerId?: string;
}

/**
 * Whose idempotency keys one key is compared with: a signed-in customer's, or, for a guest, those
 * sent for the same cart. Shoppers sharing a channel key never collide on a key such as `order-1`.
 */
export function idempotencyScope(caller: Caller, cartId: string): string {
  return caller.customerId ? `${caller.keyId}|customer:${caller.customerId}` : `${caller.keyId}|cart:${cartId}`;
}

const WAIT_FOR_TWIN_MS = 10_000;

/** The request's identity for idempotency: the amount in minor units, so "23.72" and "23.720" are the same input. */
export function requestHash(input: PlaceOrderInput): string {
  let amount: string | number = input.payment.amount.amount;
  try {
    amount = parseMinor(input.payment.amount.amount, input.payment.amount.currencyCode);
  } catch {
    // an unparsable amount is refused before any key is claimed
  }
  return createHash('sha256')
    .update(JSON.stringify([input.cartId, amount, input.payment.amount.currencyCode, input.payment.reference]))
    .digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The placeOrder saga (DESIGN.md §1). Each step is idempotent and compensated on failure:
 * key → cart + final evaluation → payment check → reserve all stock → redeem promotions →
 * order + OrderCreated + follow-up tasks in one transaction → commit reservation, close cart.
 */
export class PlaceOrder {
  constructor(
    private readonly repo: OrdersRepository,
    private readonly deps: OrderDependencies,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly loadOrder: (id: string) => Promise<OrderRecord | null>,
    private readonly runTasks: (orderId: string) => Promise<void>,
    private readonly onPlaced: (order: OrderRecord) => void = () => undefined,
    private readonly recovery: AttemptRecovery | null = null,
  ) {}

  async run(caller: Caller, input: PlaceOrderInput, recovered = false): Promise<OrderRecord> {
    if (this.clock.preview) throw new UserErrorException(userError('PREVIEW_READ_ONLY', 'Orders cannot be placed in preview.'));
    const key = input.idempotencyKey.trim();
    if (!key || key.length > 255) throw new UserErrorException(userError('INVALID_IDEMPOTENCY_KEY', 'The idempotency key must have 1 to 255 characters.', 'idempotencyKey'));
    if (!input.payment.reference.trim()) throw new UserErrorException(userError('INVALID_PAYMENT', 'The payment reference is required.', 'payment.reference'));
    if (input.payment.reference.length > MAX_PAYMENT_REFERENCE) throw badInput(`A payment reference has at most ${MAX_PAYMENT_REFERENCE} characters.`, 'payment.reference');
    let paidMinor: number;
    try {
      paidMinor = parseMinor(input.payment.amount.amount, input.payment.amount.currencyCode);
    } catch (e) {
      throw new UserErrorException(userError('INVALID_AMOUNT', (e as MoneyError).message, 'payment.amount.amount'));
    }

    const scope = idempotencyScope(caller, input.cartId);
    const hash = requestHash(input);
    const orderId = randomUUID();
    const existing = await this.repo.claimKey({ scope, key, request_hash: hash, status: 'IN_PROGRESS', order_id: orderId, created_at: this.clock.now().toISOString() });
    if (existing) {
      const retry = await this.replay(existing.request_hash === hash, scope, key, !recovered);
      // the key's attempt died with its process and was recovered: this request is the first attempt now
      return retry === 'RECOVERED' ? this.run(caller, input, true) : retry;
    }

    try {
      return await this.place(caller, input, orderId, paidMinor, { scope, key });
    } catch (e) {
      await this.repo.releaseKey(scope, key, orderId);
      throw e;
    }
  }

  /** Same key again: the stored answer (waiting for a concurrent twin), or IDEMPOTENCY_KEY_REUSED. */
  private async replay(sameInput: boolean, scope: string, key: string, mayRecover: boolean): Promise<OrderRecord | 'RECOVERED'> {
    if (!sameInput) {
      throw new UserErrorException(userError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for a different cart or payment.', 'idempotencyKey'));
    }
    const deadline = performance.now() + WAIT_FOR_TWIN_MS;
    for (;;) {
      const row = await this.repo.getKey(scope, key);
      if (!row) {
        // the attempt holding the key failed or was recovered and gave the key back: this request may
        // now be the first attempt (once; a second miss is answered with IDEMPOTENCY_RETRY)
        if (mayRecover) return 'RECOVERED';
        throw new UserErrorException(userError('IDEMPOTENCY_RETRY', 'The first attempt with this key failed; send the request again.', 'idempotencyKey'));
      }
      if (row.status === 'DONE') {
        const order = await this.loadOrder(row.order_id);
        if (order) return order;
      }
      if (mayRecover && this.recovery?.isStale(row)) {
        await this.recovery.recover(row);
        return 'RECOVERED';
      }
      if (performance.now() > deadline) {
        throw new UserErrorException(userError('IDEMPOTENCY_IN_PROGRESS', 'An attempt with this key is still running; retry shortly.', 'idempotencyKey'));
      }
      await sleep(25);
    }
  }

  private unavailable(what: string): UserErrorException {
    return new UserErrorException(userError('SERVICE_UNAVAILABLE', `${what} is unavailable; nothing was charged or reserved. Retry later.`));
  }

  private async place(caller: Caller, input: PlaceOrderInput, orderId: string, paidMinor: number, key: { scope: string; key: string }): Promise<OrderRecord> {
    const cart = await this.deps.cart(input.cartId).catch((e) => {
      if (e instanceof ServiceCallError) throw this.unavailable('The cart service');
      throw e;
    });
    if (!cart) throw new UserErrorException(userError('CART_NOT_FOUND', `No cart with id "${input.cartId}".`, 'cartId'));
    if (cart.status !== 'ACTIVE') {
      throw new UserErrorException(userError('CART_ALREADY_ORDERED', 'An order was already placed from this cart.', 'cartId'));
    }
    if (cart.lines.length === 0) throw new UserErrorException(userError('CART_EMPTY', 'The cart has no lines.', 'cartId'));

    const outcome = await this.deps.evaluate(cart).catch((e) => {
      if (e instanceof ServiceCallError) return null;
      throw e;
    });
    if (!outcome || outcome.promotion.status !== 'EVALUATED') {
      throw new UserErrorException(
        userError('PROMOTIONS_UNAVAILABLE', 'Promotions cannot be evaluated right now, so the price cannot be confirmed. Nothing was charged or reserved; retry shortly.'),
      );
    }
    const shippingOption = this.checkCharges(cart, outcome);
    const total = outcome.totals.total;
    if (input.payment.amount.currencyCode !== total.currencyCode || paidMinor !== parseMinor(total.amount, total.currencyCode)) {
      throw new UserErrorException(
        userError('PAYMENT_AMOUNT_MISMATCH', `The payment (${input.payment.amount.amount} ${input.payment.amount.currencyCode}) does not equal the cart total (${total.amount} ${total.currencyCode}).`, 'payment.amount'),
      );
    }

    const stockErrors = await this.deps.reserve(orderId, cart).catch(async (e) => {
      if (e instanceof ServiceCallError) {
        // the reservation may have been made before the answer was lost: release it (a task, retried)
        await this.compensate(orderId, false, false);
        throw this.unavailable('Inventory');
      }
      throw e;
    });
    if (stockErrors.length) throw new UserErrorException(stockErrors);

    // redeemed with discounts, and for every order of a known customer (promotions records it for firstOrder)
    const redeems =
      Number(parseMinor(outcome.totals.discount.amount, outcome.totals.discount.currencyCode)) > 0 || cart.discountCodes.length > 0 || Boolean(cart.customerId);
    if (redeems) {
      // only the codes that applied when the order was priced: a code shown as not applicable (used up,
      // not combinable …) is not charged for, so it must not refuse the order; one that applied then but
      // no longer does (a budget used up meanwhile) is refused by the redemption
      const notApplied = new Set(outcome.promotion.nonApplicableDiscountCodes.map((n) => n.code.trim().toUpperCase()));
      const priced = { ...cart, discountCodes: cart.discountCodes.filter((c) => !notApplied.has(c.trim().toUpperCase())) };
      let redeemErrors: UserError[];
      try {
        redeemErrors = await this.deps.redeem(orderId, priced);
      } catch (e) {
        await this.compensate(orderId, true);
        if (e instanceof ServiceCallError) throw this.unavailable('The promotions service');
        throw e;
      }
      if (redeemErrors.length) {
        await this.compensate(orderId, false);
        throw new UserErrorException(redeemErrors);
      }
    }

    try {
      await this.write(caller, cart, outcome, shippingOption, input, orderId, paidMinor, key);
    } catch (e) {
      // nothing was written unless the commit's answer was lost (PostgreSQL): then the order stands
      if ((await this.repo.findMany([orderId])).has(orderId)) throw e;
      await this.compensate(orderId, redeems);
      if (e instanceof AttemptAbandonedError) {
        throw new UserErrorException(userError('IDEMPOTENCY_RETRY', 'This attempt took too long and was abandoned; nothing was charged or reserved. Send the request again.', 'idempotencyKey'));
      }
      if (await this.repo.findByCart(cart.id)) throw new UserErrorException(userError('CART_ALREADY_ORDERED', 'An order was already placed from this cart.', 'cartId'));
      throw e;
    }
    await this.runTasks(orderId).catch((e) => this.log.warn({ err: (e as Error).message, orderId }, 'follow-up tasks will be retried'));
    const order = await this.loadOrder(orderId);
    if (!order) throw new Error(`order ${orderId} vanished after commit`);
    this.onPlaced(order);
    return order;
  }

  /** Releases what the attempt may hold, as follow-up tasks retried until they succeed, and runs them now. */
  private async compensate(orderId: string, redemptionsToo: boolean, wait = true): Promise<void> {
    const tasks: { id: string; kind: 'RELEASE_RESERVATION' | 'RELEASE_REDEMPTIONS'; payload: unknown }[] = [
      { id: randomUUID(), kind: 'RELEASE_RESERVATION', payload: { reservationId: orderId } },
    ];
    if (redemptionsToo) tasks.push({ id: randomUUID(), kind: 'RELEASE_REDEMPTIONS', payload: { orderId } });
    await this.repo.addTasks(orderId, tasks, this.clock.now().toISOString());
    const run = this.runTasks(orderId).catch((e) => this.log.warn({ err: (e as Error).message, orderId }, 'compensation will be retried; a reservation also expires by itself'));
    if (wait) await run;
  }

  /**
   * Shipping and tax must be settled before anything is reserved: a selected method that is no longer
   * offered, a tax that needs an address, or a tax provider that did not answer refuses the order
   * (never charged a guessed shipping price or tax). Returns the selected shipping option.
   */
  private checkCharges(cart: CheckoutCart, outcome: PromotionOutcome): ShippingOptionOut | null {
    let option: ShippingOptionOut | null = null;
    if (cart.shippingMethod) {
      option = outcome.shippingOptions.find((o) => o.code === cart.shippingMethod && (o.location === null || o.location === (cart.pickupLocation ?? null))) ?? null;
      if (!option) {
        throw new UserErrorException(userError('SHIPPING_METHOD_UNAVAILABLE', `The shipping method ${cart.shippingMethod} is no longer available for this cart; choose another one. Nothing was charged or reserved.`, 'cartId'));
      }
    }
    const status = outcome.totals.taxStatus;
    if (status === 'ADDRESS_REQUIRED') {
      throw new UserErrorException(userError('TAX_ADDRESS_REQUIRED', `${outcome.totals.taxMessage ?? 'The tax depends on a shipping address the cart does not have.'} Nothing was charged or reserved.`, 'cartId'));
    }
    if (status !== 'CALCULATED' && status !== 'EXEMPT') {
      throw new UserErrorException(userError('TAX_UNAVAILABLE', 'Tax cannot be calculated right now, so the total cannot be confirmed. Nothing was charged or reserved; retry shortly.'));
    }
    return option;
  }

  private async write(caller: Caller, cart: CheckoutCart, outcome: PromotionOutcome, shippingOption: ShippingOptionOut | null, input: PlaceOrderInput, orderId: string, paidMinor: number, key: { scope: string; key: string }): Promise<void> {
    const m = (x: Money) => parseMinor(x.amount, x.currencyCode);
    const createdAt = this.clock.now().toISOString();
    const order = {
      id: orderId,
      status: 'PLACED' as const,
      market: cart.market,
      channel: caller.channel,
      currencyCode: cart.currencyCode,
      cartId: cart.id,
      customerId: cart.customerId ?? null,
      createdAt,
      lines: cart.lines.map((l) => ({ id: l.id, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
      promotion: outcome.promotion,
      subtotalMinor: m(outcome.totals.subtotal),
      discountMinor: m(outcome.totals.discount),
      totalMinor: m(outcome.totals.total),
      charges: chargesOf(outcome.totals, shippingOption),
      shippingAddress: cart.shippingAddress,
      paymentReference: input.payment.reference,
      paymentAmountMinor: paidMinor,
      source: 'CART' as const,
      externalId: null,
    };
    await this.repo.insertOrder(
      order,
      orderCreatedEvent(order),
      [
        { id: randomUUID(), kind: 'COMMIT_RESERVATION', payload: { reservationId: orderId } },
        { id: randomUUID(), kind: 'MARK_CART_ORDERED', payload: { cartId: cart.id } },
      ],
      key,
    );
  }
}
