import { formatMinor } from '../../../../common/money.ts';
import type { RoutingRepository } from '../data/routingRepository.ts';
import type { CartInput } from './cart.ts';
import { codeStatuses, type CartEvaluation, type Evaluation } from './evaluation.ts';
import { SHADOW_SAMPLES_KEPT } from './routing.ts';

function lineDiscounts(e: Evaluation): Map<string, number> {
  const out = new Map<string, number>();
  for (const li of e.lineItemPromotions) {
    const sum = [...li.discounts, ...li.discountCodes].reduce((s, d) => s + d.amountMinor, 0);
    out.set(li.lineId, (out.get(li.lineId) ?? 0) + sum);
  }
  return out;
}

const cartLevel = (e: Evaluation) => [...e.discounts, ...e.discountCodes].reduce((s, d) => s + d.amountMinor, 0);

/** Human-readable differences between what the primary answered and what the shadow would have: totals, lines, codes. */
export function compareEvaluations(cart: CartInput, primary: CartEvaluation, shadow: CartEvaluation): string[] {
  const f = (minor: number) => formatMinor(minor, cart.currencyCode);
  const diffs: string[] = [];
  if (primary.status !== shadow.status) diffs.push(`status: ${primary.status} (${primary.provider}) vs ${shadow.status} (${shadow.provider})`);
  if (primary.totalMinor !== shadow.totalMinor) diffs.push(`total: ${f(primary.totalMinor)} vs ${f(shadow.totalMinor)}`);
  if (primary.discountMinor !== shadow.discountMinor) diffs.push(`discount: ${f(primary.discountMinor)} vs ${f(shadow.discountMinor)}`);
  const pc = cartLevel(primary.evaluation);
  const sc = cartLevel(shadow.evaluation);
  if (pc !== sc) diffs.push(`cart discounts: ${f(pc)} vs ${f(sc)}`);
  if (primary.shippingDiscountMinor !== shadow.shippingDiscountMinor) diffs.push(`shipping discounts: ${f(primary.shippingDiscountMinor)} vs ${f(shadow.shippingDiscountMinor)}`);
  const pl = lineDiscounts(primary.evaluation);
  const sl = lineDiscounts(shadow.evaluation);
  for (const line of cart.lines) {
    const a = pl.get(line.id) ?? 0;
    const b = sl.get(line.id) ?? 0;
    if (a !== b) diffs.push(`line ${line.id} (${line.sku}): discount ${f(a)} vs ${f(b)}`);
  }
  const ps = codeStatuses(cart, primary.evaluation);
  const ss = codeStatuses(cart, shadow.evaluation);
  for (const [code, status] of ps) {
    const other = ss.get(code);
    if (status !== other) diffs.push(`code ${code}: ${status} vs ${other}`);
  }
  return diffs;
}

/** Counts shadow comparisons per market and keeps the most recent differing samples. */
export class ShadowRecorder {
  constructor(private readonly repo: RoutingRepository) {}

  async record(cart: CartInput, primary: CartEvaluation, shadow: CartEvaluation, at: Date): Promise<string[]> {
    const differences = compareEvaluations(cart, primary, shadow);
    const mismatch = differences.length > 0;
    await this.repo.recordShadow(
      cart.market,
      at.toISOString(),
      mismatch,
      mismatch
        ? {
            cart_id: cart.id,
            currency_code: cart.currencyCode,
            primary_total_minor: primary.totalMinor,
            shadow_total_minor: shadow.totalMinor,
            differences: JSON.stringify(differences),
            at: at.toISOString(),
          }
        : null,
      SHADOW_SAMPLES_KEPT,
    );
    return differences;
  }
}
