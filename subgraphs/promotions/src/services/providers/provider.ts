import type { UserError } from '../../../../../common/errors.ts';
import type { Logger } from '../../../../../common/log.ts';
import type { Db } from '../../../../../common/storage/index.ts';
import type { CartInput } from '../cart.ts';
import type { Evaluation } from '../evaluation.ts';

/** What a provider call gets besides the cart. */
export interface ProviderContext {
  /** the instant to evaluate at (a preview instant when staff preview the future) */
  now: Date;
  /** aborted when the call exceeds its time budget */
  signal: AbortSignal;
  log: Logger;
  /** a staff preview of a future instant: nothing may be written (remote engines cannot evaluate then) */
  preview?: boolean;
}

/** Units of an order that came back (a return), reported to the engine that redeemed the order. */
export interface ReturnedItem {
  sku: string;
  quantity: number;
}

export interface RedeemResult {
  ok: boolean;
  userErrors: UserError[];
}

/**
 * A promotion engine. The native engine is one; the legacy engine or a remote (Talon.One-style)
 * engine implement the same three calls.
 */
export interface PromotionProvider {
  /** the routing name, e.g. "native" */
  readonly name: string;
  /** Evaluates a cart. Pure: reads only, never writes. */
  evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation>;
  /**
   * Redeems the codes and budgets of what applies to the cart for an order. Idempotent per order:
   * the same orderId again changes nothing and answers ok. All or nothing.
   */
  redeem(orderId: string, cart: CartInput, customerId: string | null, ctx: ProviderContext): Promise<RedeemResult>;
  /**
   * Gives an order's redemptions back: placing the order failed after redeeming, or the order was
   * cancelled. Remote engines report it as the order's cancellation. Idempotent.
   */
  release(orderId: string, ctx: ProviderContext): Promise<void>;
  /**
   * Optional: units of a redeemed order were returned (docs/after-sales.md: the redemption stands;
   * engines that track returns, e.g. remote ones with loyalty effects, record them).
   */
  returnItems?(orderId: string, items: ReturnedItem[], ctx: ProviderContext): Promise<void>;
  /** Remote engines: which of the codes (upper case) the engine knows in the market, for code entry. */
  knownCodes?(market: string, codes: string[], ctx: ProviderContext): Promise<Set<string>>;
  /** Remote engines: closes keep-alive connections when the service stops. */
  close?(): Promise<void>;
}

/** What built-in providers are built from. */
export interface ProviderDeps {
  db: Db;
  log: Logger;
}

/** A built-in provider: listed in builtin.ts, created once per service start. */
export interface ProviderFactory {
  name: string;
  create(deps: ProviderDeps): PromotionProvider;
}
