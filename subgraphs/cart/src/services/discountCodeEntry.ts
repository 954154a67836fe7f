import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { UserErrorException, userError, unavailable, type UserError } from '../../../../common/errors.ts';
import { ServiceCallError } from '../../../../common/graphClient.ts';
import type { CartRepository } from '../data/cartRepository.ts';
import type { CartLimits } from './cartService.ts';
import type { CartView } from './cartView.ts';
import type { CartDependencies } from './dependencies.ts';

/** Codes are kept and compared in upper case, without surrounding spaces. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/**
 * Entering discount codes on a cart: each code checked with promotions (an unknown code and another
 * market's code look the same), invalid ones counted per cart and per API key, and entry refused for
 * a while once either has failed too often (brute-forcing coupon codes).
 */
export class DiscountCodeEntry {
  constructor(
    private readonly deps: Pick<CartDependencies, 'checkCodes'>,
    private readonly clock: Clock,
    private readonly limits: CartLimits,
    private readonly keyId: string,
  ) {}

  /** The cart with the codes added (each once), or a UserErrorException naming each bad code; `store` records failures. */
  async enter(store: CartRepository, cart: CartView, codes: string[], field: string): Promise<CartView> {
    const wanted = codes.map(normaliseCode);
    const errors: UserError[] = [];
    await this.checkRate(store, cart.id, field);
    const checks = await this.deps.checkCodes(cart.market, wanted.filter((c) => c.length > 0)).catch((e) => {
      if (e instanceof ServiceCallError) throw unavailable('Discount codes cannot be checked right now; try again.');
      throw e;
    });
    const next = [...cart.discountCodes];
    wanted.forEach((code, i) => {
      const f = codes.length > 1 || field === 'discountCodes' ? `${field}[${i}]` : field;
      if (!code || !checks.get(code)) {
        errors.push(userError('DISCOUNT_CODE_INVALID', `The code "${codes[i]}" is not valid.`, f));
      } else if (!next.includes(code)) {
        next.push(code);
      }
    });
    const failed = errors.length;
    if (failed) await store.recordCodeFailures(cart.id, this.keyId, failed, this.clock.now().toISOString(), randomUUID);
    if (next.length > this.limits.maxDiscountCodes) errors.push(userError('TOO_MANY_DISCOUNT_CODES', `At most ${this.limits.maxDiscountCodes} codes per cart.`, field));
    if (errors.length) throw new UserErrorException(errors);
    return { ...cart, discountCodes: next };
  }

  /** Refuses code checks once a cart or a key has failed too often within the window. */
  private async checkRate(store: CartRepository, cartId: string, field: string): Promise<void> {
    const windowMs = this.limits.codeFailureWindowSeconds * 1000;
    const now = this.clock.now().getTime();
    const f = await store.codeFailures(cartId, this.keyId, new Date(now - windowMs).toISOString());
    const hit = f.cart.n >= this.limits.codeFailuresPerCart ? f.cart.oldest : f.key.n >= this.limits.codeFailuresPerKey ? f.key.oldest : null;
    if (hit) {
      const retryAfter = Math.max(1, Math.ceil((new Date(hit).getTime() + windowMs - now) / 1000));
      throw new UserErrorException(userError('RATE_LIMITED', `Too many invalid discount codes. Retry after ${retryAfter} seconds.`, field));
    }
  }
}
