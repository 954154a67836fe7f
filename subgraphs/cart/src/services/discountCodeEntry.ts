import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { badInput, UserErrorException, userError, unavailable, type UserError } from '../../../../common/errors.ts';
import { ServiceCallError } from '../../../../common/graphClient.ts';
import type { Identity } from '../../../../common/identity.ts';
import type { CartRepository } from '../data/cartRepository.ts';
import type { CartLimits } from './cartService.ts';
import type { CartView } from './cartView.ts';
import type { CartDependencies } from './dependencies.ts';

/** Codes are kept and compared in upper case, without surrounding spaces. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/**
 * Entering discount codes on a cart: each code checked with promotions (an unknown code and another
 * market's code look the same), invalid ones counted per cart and per client (the address the
 * gateway saw, whatever key it used), and entry refused for a while once either has failed too often
 * (brute-forcing coupon codes). Never per key: a public key is shared by every shopper of a channel,
 * and one client guessing must not lock the others out; invalid codes over a whole channel are
 * reported (`onFailures`) for the surge metric and its alert instead.
 */
export class DiscountCodeEntry {
  private readonly client: string;

  constructor(
    private readonly deps: Pick<CartDependencies, 'checkCodes'>,
    private readonly clock: Clock,
    private readonly limits: CartLimits,
    private readonly caller: Pick<Identity, 'keyId' | 'client' | 'channel'>,
    private readonly onFailures: (count: number, channel: string) => void = () => {},
  ) {
    // a caller the gateway did not place (a service's own call) is counted by its key
    this.client = caller.client ?? `key:${caller.keyId}`;
  }

  /**
   * The cart with the codes added (each once), or a UserErrorException naming each bad code.
   * At most `maxDiscountCodes` codes per request; each check counts as a failure before it is made
   * (taken back when the code is valid), and only as many codes are checked as the cart's and the
   * client's remaining failures allow: the rest are answered RATE_LIMITED unchecked, so a batch of
   * guesses cannot reveal a valid code.
   */
  async enter(store: CartRepository, cart: CartView, codes: string[], field: string): Promise<CartView> {
    if (codes.length > this.limits.maxDiscountCodes) {
      throw badInput(`At most ${this.limits.maxDiscountCodes} discount codes per request (got ${codes.length}).`, field);
    }
    const wanted = codes.map(normaliseCode);
    const errors: UserError[] = [];
    const fieldOf = (i: number) => (codes.length > 1 || field === 'discountCodes' ? `${field}[${i}]` : field);
    const remaining = await this.remaining(store, cart.id, field);
    const toCheck: number[] = [];
    const skipped = new Set<number>();
    wanted.forEach((code, i) => {
      if (!code) return;
      if (toCheck.length < remaining) toCheck.push(i);
      else skipped.add(i);
    });
    // counted before the check, so that concurrent requests see each other's attempts
    const attempts: string[] = [];
    await store.recordCodeFailures(cart.id, { keyId: this.caller.keyId, client: this.client }, toCheck.length, this.clock.now().toISOString(), () => {
      const id = randomUUID();
      attempts.push(id);
      return id;
    });
    const checks = await this.deps.checkCodes(cart.market, toCheck.map((i) => wanted[i])).catch(async (e) => {
      await store.deleteCodeFailures(attempts);
      if (e instanceof ServiceCallError) throw unavailable('Discount codes cannot be checked right now; try again.');
      throw e;
    });
    const next = [...cart.discountCodes];
    let valid = 0;
    wanted.forEach((code, i) => {
      if (skipped.has(i)) {
        errors.push(userError('RATE_LIMITED', `Too many invalid discount codes: "${codes[i]}" was not checked. Retry later.`, fieldOf(i)));
      } else if (!code || !checks.get(code)) {
        errors.push(userError('DISCOUNT_CODE_INVALID', `The code "${codes[i]}" is not valid.`, fieldOf(i)));
      } else {
        valid++;
        if (!next.includes(code)) next.push(code);
      }
    });
    await store.deleteCodeFailures(attempts.slice(0, valid));
    if (toCheck.length > valid) this.onFailures(toCheck.length - valid, this.caller.channel);
    if (next.length > this.limits.maxDiscountCodes) errors.push(userError('TOO_MANY_DISCOUNT_CODES', `At most ${this.limits.maxDiscountCodes} codes per cart.`, field));
    if (errors.length) throw new UserErrorException(errors);
    return { ...cart, discountCodes: next };
  }

  /** How many codes may still be checked; RATE_LIMITED once a cart or a client has failed too often within the window. */
  private async remaining(store: CartRepository, cartId: string, field: string): Promise<number> {
    await this.checkRate(store, cartId, field);
    const since = new Date(this.clock.now().getTime() - this.limits.codeFailureWindowSeconds * 1000).toISOString();
    const f = await store.codeFailures(cartId, this.client, since);
    return Math.max(0, Math.min(this.limits.codeFailuresPerCart - f.cart.n, this.limits.codeFailuresPerClient - f.client.n));
  }

  /** Refuses code checks once a cart or a client has failed too often within the window. */
  private async checkRate(store: CartRepository, cartId: string, field: string): Promise<void> {
    const windowMs = this.limits.codeFailureWindowSeconds * 1000;
    const now = this.clock.now().getTime();
    const f = await store.codeFailures(cartId, this.client, new Date(now - windowMs).toISOString());
    const hit = f.cart.n >= this.limits.codeFailuresPerCart ? f.cart.oldest : f.client.n >= this.limits.codeFailuresPerClient ? f.client.oldest : null;
    if (hit) {
      const retryAfter = Math.max(1, Math.ceil((new Date(hit).getTime() + windowMs - now) / 1000));
      throw new UserErrorException(userError('RATE_LIMITED', `Too many invalid discount codes. Retry after ${retryAfter} seconds.`, field));
    }
  }
}
