import type { Money } from '../../../../common/money.ts';

/**
 * The order's v1 promotion fields (the first order schema, from the engine it was built for), derived
 * from the v2 promotion object and totals so both always agree. Deprecated in the schema and kept in
 * the OrderCreated payload until no client reads them (docs/schema-evolution.md).
 */
export interface OrderV1Fields {
  /** the first applied discount code, cart level first, then line level; null without codes */
  discountCode: string | null;
  discountTotal: Money;
}

interface PromotionLike {
  discountCodes?: { code: string }[];
  lineItemPromotions?: { discountCodes?: { code: string }[] }[];
}

export function orderV1Fields(promotion: unknown, discountTotal: Money): OrderV1Fields {
  const p = (promotion ?? {}) as PromotionLike;
  const codes = [...(p.discountCodes ?? []), ...(p.lineItemPromotions ?? []).flatMap((l) => l.discountCodes ?? [])];
  return { discountCode: codes[0]?.code ?? null, discountTotal };
}
