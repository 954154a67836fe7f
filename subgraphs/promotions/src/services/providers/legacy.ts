import { userError } from '../../../../../common/errors.ts';
import type { Db, Queryable } from '../../../../../common/storage/index.ts';
import { LegacyRepository, toLegacyCartDiscount, toLegacyDiscountCode } from '../../data/legacyRepository.ts';
import { distinctCodes, type CartInput } from '../cart.ts';
import type { Evaluation } from '../evaluation.ts';
import { evaluateLegacy, type LegacyEngineResult } from '../legacy/engine.ts';
import type { LegacyCartDiscount } from '../legacy/model.ts';
import type { PromotionProvider, ProviderContext, ProviderFactory, RedeemResult } from './provider.ts';

class CodeUsedUp extends Error {
  constructor(readonly code: string) {
    super(`code ${code} used up`);
  }
}

/**
 * The legacy engine (commercetools cart-discount semantics, see legacy/engine.ts) over its own tables.
 * An evaluation reads the market's live automatic cart discounts (at most 100 by construction) and the
 * entered codes with their cart discounts.
 */
export class LegacyProvider implements PromotionProvider {
  readonly name = 'legacy';
  constructor(private readonly db: Db) {}

  private async run(q: Queryable, cart: CartInput, now: Date): Promise<LegacyEngineResult> {
    const repo = new LegacyRepository(q);
    const upper = distinctCodes(cart.discountCodes).map((c) => c.upper);
    const [automatic, codeRows] = await Promise.all([repo.automatic(cart.market, now.toISOString()), repo.codes(cart.market, upper)]);
    const codes = codeRows.map(toLegacyDiscountCode);
    const byCode = await repo.cartDiscountsByIds([...new Set(codes.flatMap((c) => c.cartDiscountIds))]);
    const cartDiscounts = new Map<string, LegacyCartDiscount>();
    for (const row of [...automatic, ...byCode]) if (!cartDiscounts.has(row.id)) cartDiscounts.set(row.id, toLegacyCartDiscount(row));
    return evaluateLegacy({ cart, now, cartDiscounts: [...cartDiscounts.values()], codes });
  }

  async evaluate(cart: CartInput, ctx: ProviderContext): Promise<Evaluation> {
    return (await this.run(this.db, cart, ctx.now)).evaluation;
  }

  /** Counts one application per applied code; idempotent per order; all or nothing. */
  async redeem(orderId: string, cart: CartInput, _customerId: string | null, ctx: ProviderContext): Promise<RedeemResult> {
    const at = ctx.now.toISOString();
    try {
      await this.db.transaction(async (tx) => {
        const repo = new LegacyRepository(tx);
        if (!(await repo.claimOrder(orderId, at))) return;
        const { applied, evaluation } = await this.run(tx, cart, ctx.now);
        const usedUp = evaluation.nonApplicableDiscountCodes.find((n) => n.reason === 'USAGE_LIMIT_REACHED');
        if (usedUp) throw new CodeUsedUp(usedUp.code);
        for (const code of new Set(applied.map((a) => a.code).filter((c): c is string => c !== null))) {
          if (!(await repo.consumeCode(cart.market, code))) throw new CodeUsedUp(code);
          await repo.recordRedemption(orderId, cart.market, code, at);
        }
      });
      return { ok: true, userErrors: [] };
    } catch (e) {
      if (!(e instanceof CodeUsedUp)) throw e;
      return { ok: false, userErrors: [userError('USAGE_LIMIT_REACHED', `"${e.code}" has reached its usage limit.`)] };
    }
  }

  async release(orderId: string, ctx: ProviderContext): Promise<void> {
    await this.db.transaction((tx) => new LegacyRepository(tx).release(orderId, ctx.now.toISOString()));
  }
}

export const legacyProvider: ProviderFactory = { name: 'legacy', create: ({ db }) => new LegacyProvider(db) };
