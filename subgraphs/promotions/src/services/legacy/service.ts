import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../../../../common/clock.ts';
import { userError, UserErrorException, type UserError } from '../../../../../common/errors.ts';
import type { Db } from '../../../../../common/storage/index.ts';
import { LegacyRepository, toLegacyCartDiscount, toLegacyDiscountCode } from '../../data/legacyRepository.ts';
import { fieldPath } from '../native/catalogue.ts';
import { amountIssues, decimalAmount, percent, skuList } from '../native/rule.ts';
import type { Markets } from '../markets.ts';
import { MAX_ACTIVE_AUTOMATIC_CART_DISCOUNTS, sortOrderSchema, type LegacyCartDiscount, type LegacyDiscountCode } from './model.ts';
import { parsePredicate, PredicateError } from './predicate.ts';

/**
 * Managing the legacy engine's cart discounts and discount codes. The GraphQL schema has no
 * legacy-specific operations (the legacy engine stands for an external system that has its own admin),
 * so this service API is what the seed, tests and scripts use. Errors are UserErrorException with fields
 * named like the input.
 */
const instant = z.iso.datetime({ offset: false }).nullable().optional();

export const cartDiscountInput = z.strictObject({
  id: z.string().min(1).max(100).optional(),
  market: z.string(),
  name: z.string().trim().min(1).max(200),
  sortOrder: sortOrderSchema,
  stackingMode: z.enum(['Stacking', 'StopAfterThisDiscount']).default('Stacking'),
  predicate: z.string().max(2000).default('true'),
  value: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('relative'), percent }),
    z.strictObject({ type: z.literal('absolute'), amount: decimalAmount }),
  ]),
  target: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('cart') }), z.strictObject({ type: z.literal('lineItems'), skus: skuList })]),
  requiresDiscountCode: z.boolean().default(false),
  isActive: z.boolean().default(true),
  validFrom: instant,
  validUntil: instant,
});
export type CartDiscountInput = z.input<typeof cartDiscountInput>;

export const discountCodeInput = z.strictObject({
  market: z.string(),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{3,40}$/, 'must be 3 to 40 letters, digits, "-" or "_"'),
  cartDiscountIds: z.array(z.string().min(1)).min(1, 'name at least one cart discount'),
  isActive: z.boolean().default(true),
  validFrom: instant,
  validUntil: instant,
  maxApplications: z.number().int().positive().nullable().optional(),
});
export type DiscountCodeInput = z.input<typeof discountCodeInput>;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UserErrorException(
    parsed.error.issues.map((i) => {
      const field = fieldPath('', i.path).replace(/^\./, '') || 'input';
      return userError('INVALID_INPUT', `${field}: ${i.message}`, field);
    }),
  );
}

export class LegacyDiscountService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly markets: Markets,
  ) {}

  private async marketErrors(market: string): Promise<UserError[]> {
    return (await this.markets.currency(market)) !== null ? [] : [userError('MARKET_UNKNOWN', `Unknown market ${market}.`, 'market')];
  }

  async createCartDiscount(input: CartDiscountInput): Promise<LegacyCartDiscount> {
    const v = parse(cartDiscountInput, input);
    const errors = await this.marketErrors(v.market);
    const currencyCode = (await this.markets.currency(v.market)) ?? 'EUR';
    try {
      const p = parsePredicate(v.predicate);
      for (const c of p.clauses) {
        if (c.kind === 'totalPrice' && c.currencyCode !== currencyCode) {
          errors.push(userError('INVALID_PREDICATE', `predicate: ${c.currencyCode} is not the currency of ${v.market} (${currencyCode})`, 'predicate'));
        }
      }
    } catch (e) {
      if (!(e instanceof PredicateError)) throw e;
      errors.push(userError('INVALID_PREDICATE', `predicate: ${e.message}`, 'predicate'));
    }
    if (v.value.type === 'absolute') {
      for (const i of amountIssues(v.value.amount, { currencyCode }, 'amount', true)) errors.push(userError('INVALID_INPUT', `value.amount: ${i.message}`, 'value.amount'));
    }
    if (v.validFrom && v.validUntil && v.validUntil <= v.validFrom) errors.push(userError('INVALID_INPUT', 'validUntil must be after validFrom.', 'validUntil'));
    if (errors.length) throw new UserErrorException(errors);

    const at = this.clock.now().toISOString();
    const row = {
      id: v.id ?? `lcd-${randomUUID()}`,
      market: v.market,
      name: v.name,
      sort_order: v.sortOrder,
      stacking_mode: v.stackingMode,
      predicate: v.predicate,
      value: JSON.stringify(v.value),
      target: JSON.stringify(v.target),
      requires_discount_code: v.requiresDiscountCode ? 1 : 0,
      is_active: v.isActive ? 1 : 0,
      valid_from: v.validFrom ?? null,
      valid_until: v.validUntil ?? null,
      created_at: at,
      updated_at: at,
    };
    await this.db.transaction(async (tx) => {
      const repo = new LegacyRepository(tx);
      await repo.lockMarket(v.market);
      if (await repo.sortOrderTaken(v.market, v.sortOrder)) {
        throw new UserErrorException(userError('DUPLICATE_SORT_ORDER', `Another cart discount of ${v.market} already has sortOrder ${v.sortOrder}.`, 'sortOrder'));
      }
      if (v.isActive && !v.requiresDiscountCode) await this.checkCap(repo, v.market, at, null);
      await repo.insertCartDiscount(row);
    });
    return toLegacyCartDiscount(row);
  }

  /** Activates or deactivates a cart discount; activating an automatic one counts against the cap. */
  async setActive(id: string, active: boolean): Promise<LegacyCartDiscount> {
    const at = this.clock.now().toISOString();
    return this.db.transaction(async (tx) => {
      const repo = new LegacyRepository(tx);
      const current = await repo.cartDiscount(id);
      if (!current) throw new UserErrorException(userError('NOT_FOUND', `No legacy cart discount ${id}.`, 'id'));
      await repo.lockMarket(current.market);
      if (active && Number(current.requires_discount_code) === 0) await this.checkCap(repo, current.market, at, id);
      await repo.setActive(id, active, at);
      return toLegacyCartDiscount({ ...current, is_active: active ? 1 : 0, updated_at: at });
    });
  }

  private async checkCap(repo: LegacyRepository, market: string, at: string, exceptId: string | null): Promise<void> {
    const n = await repo.countActiveAutomatic(market, at, exceptId);
    if (n >= MAX_ACTIVE_AUTOMATIC_CART_DISCOUNTS) {
      throw new UserErrorException(
        userError(
          'LEGACY_CART_DISCOUNT_LIMIT_REACHED',
          `Market ${market} already has ${n} active cart discounts without a discount code; the legacy engine allows at most ${MAX_ACTIVE_AUTOMATIC_CART_DISCOUNTS}. Deactivate one or make this one require a discount code.`,
          'isActive',
        ),
      );
    }
  }

  async createDiscountCode(input: DiscountCodeInput): Promise<LegacyDiscountCode> {
    const v = parse(discountCodeInput, input);
    const errors = await this.marketErrors(v.market);
    const code = v.code.toUpperCase();
    const at = this.clock.now().toISOString();
    const row = {
      market: v.market,
      code,
      cart_discount_ids: JSON.stringify(v.cartDiscountIds),
      is_active: v.isActive ? 1 : 0,
      valid_from: v.validFrom ?? null,
      valid_until: v.validUntil ?? null,
      max_applications: v.maxApplications ?? null,
      applications: 0,
      created_at: at,
    };
    await this.db.transaction(async (tx) => {
      const repo = new LegacyRepository(tx);
      const found = new Map((await repo.cartDiscountsByIds(v.cartDiscountIds)).map((r) => [r.id, r]));
      v.cartDiscountIds.forEach((id, i) => {
        const cd = found.get(id);
        if (!cd || cd.market !== v.market) errors.push(userError('NOT_FOUND', `No legacy cart discount ${id} in ${v.market}.`, `cartDiscountIds[${i}]`));
        else if (Number(cd.requires_discount_code) !== 1) {
          errors.push(userError('INVALID_INPUT', `Cart discount ${id} does not require a discount code.`, `cartDiscountIds[${i}]`));
        }
      });
      if ((await repo.codes(v.market, [code])).length) errors.push(userError('DUPLICATE_CODE', `The code ${code} already exists in ${v.market}.`, 'code'));
      if (errors.length) throw new UserErrorException(errors);
      await repo.insertCode(row);
    });
    return toLegacyDiscountCode(row);
  }

  async cartDiscounts(market: string): Promise<LegacyCartDiscount[]> {
    return (await new LegacyRepository(this.db).listCartDiscounts(market)).map(toLegacyCartDiscount);
  }
}
