import { createHash } from 'node:crypto';
import type { Cart, CartDiscountReference, DiscountCode, LineItem, LocalizedString } from '@commercetools/platform-sdk';
import type { CommercetoolsAddress } from '../remote/config.ts';
import { sameAddress } from './address.ts';
import { distinctCodes, type CartInput, type CartLineInput } from '../../cart.ts';
import { nonApplicable } from '../remote/reasons.ts';
import { InvalidEvaluationError, type CampaignDiscount, type CodeDiscount, type Evaluation, type NonApplicableCode, type NonApplicableReason } from '../../evaluation.ts';
import { centAmountToMinor, minorToCentMoney } from '../remote/money.ts';

/** Expansions the adapter asks for: the codes' text and cart discounts, and the names of applied cart discounts. */
export const CART_EXPANSIONS = [
  'discountCodes[*].discountCode',
  'discountCodes[*].discountCode.cartDiscounts[*]',
  'lineItems[*].discountedPricePerQuantity[*].discountedPrice.includedDiscounts[*].discount',
  'discountOnTotalPrice.includedDiscounts[*].discount',
];

const KEY_CHARS = /[^A-Za-z0-9_-]/g;
/** commercetools keys allow [A-Za-z0-9_-], 2 to 256 characters. */
export const lineKey = (lineId: string) => `l-${lineId.replace(KEY_CHARS, '_')}`.slice(0, 256);
export const cartKey = (cartId: string) => `cg-${cartId.replace(KEY_CHARS, '_')}`.slice(0, 256);

/** What the adapter remembers of the vendor cart between evaluations (to send only the changes). */
export interface CartSnapshot {
  lines: Record<string, { id: string; sku: string; quantity: number; centAmount: number }>;
  /** upper-case code → discount code id */
  codes: Record<string, string>;
  /** the shipping address set on the vendor cart */
  address?: CommercetoolsAddress | null;
  /** entered codes the vendor refused to attach (upper case → reason; null: the code does not exist) */
  refused?: Record<string, NonApplicableCode | null>;
}

const ADDRESS_FIELDS = ['country', 'streetName', 'streetNumber', 'postalCode', 'city', 'region', 'state', 'company'] as const;

export function snapshotOf(ct: Cart, refused: Map<string, NonApplicableCode | null> = new Map()): CartSnapshot {
  const lines: CartSnapshot['lines'] = {};
  for (const li of ct.lineItems) {
    if (!li.key) continue;
    lines[li.key] = { id: li.id, sku: li.variant?.sku ?? '', quantity: li.quantity, centAmount: li.price.value.centAmount };
  }
  const codes: Record<string, string> = {};
  for (const info of ct.discountCodes) {
    const code = info.discountCode.obj?.code;
    if (code) codes[code.toUpperCase()] = info.discountCode.id;
  }
  let address: CommercetoolsAddress | null = null;
  if (ct.shippingAddress?.country) {
    const a = ct.shippingAddress as unknown as Record<string, unknown>;
    address = { country: ct.shippingAddress.country };
    for (const f of ADDRESS_FIELDS) if (typeof a[f] === 'string' && a[f]) (address as Record<string, string>)[f] = a[f] as string;
  }
  return { lines, codes, address, refused: Object.fromEntries(refused) };
}

export const sellable = (cart: CartInput): CartLineInput[] => cart.lines.filter((l) => l.quantity > 0);

/**
 * Identity of what an evaluation sends to the vendor cart: lines, codes, customer and address. While
 * it is unchanged, an evaluation writes nothing and answers the vendor's last answer (commercetools
 * recalculates a cart only when it is updated, so reading it again would answer the same).
 */
export function syncHash(cart: CartInput, address: CommercetoolsAddress | null): string {
  const content = [
    cart.market,
    cart.currencyCode,
    sellable(cart).map((l) => [lineKey(l.id), l.sku, l.quantity, l.unitPriceMinor]),
    distinctCodes(cart.discountCodes).map((c) => c.entered),
    cart.customerId ?? null,
    address ? [...ADDRESS_FIELDS].map((f) => address[f] ?? null) : null,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

/**
 * The update actions that make the vendor cart hold our lines (external prices), codes and shipping
 * address. Empty when nothing differs (then nothing is sent). Every update makes commercetools
 * recalculate the cart's discounts.
 */
export function syncActions(snapshot: CartSnapshot, cart: CartInput, codes: { entered: string; upper: string }[], address: CommercetoolsAddress | null): object[] {
  const actions: object[] = [];
  const wanted = new Map(sellable(cart).map((l) => [lineKey(l.id), l]));
  for (const [key, s] of Object.entries(snapshot.lines)) {
    const line = wanted.get(key);
    if (!line || line.sku !== s.sku) actions.push({ action: 'removeLineItem', lineItemId: s.id });
  }
  for (const [key, line] of wanted) {
    const s = snapshot.lines[key];
    const externalPrice = minorToCentMoney(line.unitPriceMinor, cart.currencyCode);
    if (!s || s.sku !== line.sku) {
      actions.push({ action: 'addLineItem', sku: line.sku, quantity: line.quantity, key, externalPrice });
      continue;
    }
    if (s.quantity !== line.quantity) actions.push({ action: 'changeLineItemQuantity', lineItemId: s.id, quantity: line.quantity });
    if (s.centAmount !== line.unitPriceMinor) actions.push({ action: 'setLineItemPrice', lineItemId: s.id, externalPrice });
  }
  const wantedCodes = new Set(codes.map((c) => c.upper));
  for (const [code, id] of Object.entries(snapshot.codes)) {
    if (!wantedCodes.has(code)) actions.push({ action: 'removeDiscountCode', discountCode: { typeId: 'discount-code', id } });
  }
  for (const c of codes) if (!snapshot.codes[c.upper]) actions.push({ action: 'addDiscountCode', code: c.entered });
  if (!sameAddress(snapshot.address, address)) actions.push(address ? { action: 'setShippingAddress', address } : { action: 'setShippingAddress' });
  return actions;
}

/** A code outside its validity window (state NotValid, or the TimeRangeNonApplicable error). */
export function validityReason(validFrom: string | undefined, now: Date): NonApplicableReason {
  return validFrom && new Date(validFrom) > now ? 'NOT_YET_VALID' : 'EXPIRED';
}

/**
 * A discount code state (DiscountCodeState) → our reason; null for MatchesCart. DoesNotMatchCart is
 * told apart by the predicates: one on the cart's totalPrice → MIN_SUBTOTAL_NOT_REACHED, else the
 * items did not qualify.
 */
export function stateReason(state: string, code: DiscountCode | undefined, now: Date): NonApplicableReason | null | 'UNKNOWN' {
  switch (state) {
    case 'MatchesCart':
      return null;
    case 'DoesNotMatchCart': {
      const predicates = [code?.cartPredicate ?? '', ...(code?.cartDiscounts ?? []).map((r) => r.obj?.cartPredicate ?? '')];
      return predicates.some((p) => /totalPrice/.test(p)) ? 'MIN_SUBTOTAL_NOT_REACHED' : 'NO_QUALIFYING_ITEMS';
    }
    case 'MaxApplicationReached':
      return 'USAGE_LIMIT_REACHED';
    case 'NotValid':
      return validityReason(code?.validFrom, now);
    case 'NotActive':
      return 'EXPIRED';
    case 'ApplicationStoppedByPreviousDiscount':
    case 'ApplicationStoppedByGroupBestDeal':
      return 'NOT_COMBINABLE';
    default:
      return 'UNKNOWN';
  }
}

function discountName(reference: { id: string }, locale: string): string {
  const ref = reference as CartDiscountReference;
  const name: LocalizedString | undefined = ref.obj?.name;
  return (name && (name[locale] ?? Object.values(name)[0])) || ref.obj?.key || ref.id;
}

/**
 * Reads the discounted vendor cart back into the promotion object: line discounts from
 * discountedPricePerQuantity (per unit × quantity), cart discounts from discountOnTotalPrice; a cart
 * discount reached through a matching code belongs to that code. `extra` adds the codes the vendor
 * refused to attach (errors), onUnknownState counts states we do not know.
 */
export function mapCart(cart: CartInput, ct: Cart, opts: { now: Date; locale: string; extra: NonApplicableCode[]; onUnknownState: (state: string) => void }): Evaluation {
  const minor = (m: { centAmount: number; currencyCode: string; fractionDigits?: number }, where: string) => {
    try {
      const v = centAmountToMinor(m, cart.currencyCode);
      if (v < 0) throw new Error('negative');
      return v;
    } catch (e) {
      throw new InvalidEvaluationError(`commercetools ${where}: ${(e as Error).message}`);
    }
  };
  const entered = new Map(distinctCodes(cart.discountCodes).map((c) => [c.upper, c.entered]));
  const codeOfDiscount = new Map<string, string>(); // cart discount id → entered code
  const nonApplicableCodes: NonApplicableCode[] = [...opts.extra];
  const applied = new Set<string>();
  for (const info of ct.discountCodes) {
    const obj = info.discountCode.obj;
    const upper = obj?.code?.toUpperCase();
    if (!upper || !entered.has(upper)) continue;
    const reason = stateReason(info.state ?? '', obj, opts.now);
    if (reason === 'UNKNOWN') {
      opts.onUnknownState(`discountCodeState:${info.state}`);
      continue;
    }
    if (reason) nonApplicableCodes.push(nonApplicable(entered.get(upper)!, reason));
    else {
      applied.add(upper);
      for (const r of obj?.cartDiscounts ?? []) codeOfDiscount.set(r.id, entered.get(upper)!);
    }
  }

  const byLine = new Map<string, LineItem>();
  for (const li of ct.lineItems) if (li.key) byLine.set(li.key, li);
  const lineItemPromotions: Evaluation['lineItemPromotions'] = [];
  const codesWithAmount = new Set<string>();
  for (const line of sellable(cart)) {
    const li = byLine.get(lineKey(line.id));
    if (!li) throw new InvalidEvaluationError(`commercetools cart has no line item for line ${line.id}`);
    const discounts = new Map<string, CampaignDiscount>();
    const codes = new Map<string, CodeDiscount>();
    for (const portion of li.discountedPricePerQuantity ?? []) {
      for (const inc of portion.discountedPrice.includedDiscounts) {
        const amount = minor(inc.discountedAmount, `line ${line.id} discountedAmount`) * portion.quantity;
        const code = codeOfDiscount.get(inc.discount.id);
        const target = code ? codes : discounts;
        const existing = target.get(inc.discount.id);
        if (existing) existing.amountMinor += amount;
        else if (code) codes.set(inc.discount.id, { code, name: discountName(inc.discount, opts.locale), campaignId: `ct-${inc.discount.id}`, amountMinor: amount });
        else discounts.set(inc.discount.id, { campaignId: `ct-${inc.discount.id}`, name: discountName(inc.discount, opts.locale), amountMinor: amount });
        if (code) codesWithAmount.add(code.toUpperCase());
      }
    }
    if (discounts.size || codes.size) lineItemPromotions.push({ lineId: line.id, discounts: [...discounts.values()], discountCodes: [...codes.values()] });
  }

  const discounts: CampaignDiscount[] = [];
  const discountCodes: CodeDiscount[] = [];
  for (const inc of ct.discountOnTotalPrice?.includedDiscounts ?? []) {
    const amount = minor(inc.discountedAmount, 'discountOnTotalPrice');
    const code = codeOfDiscount.get(inc.discount.id);
    if (code) {
      discountCodes.push({ code, name: discountName(inc.discount, opts.locale), campaignId: `ct-${inc.discount.id}`, amountMinor: amount });
      codesWithAmount.add(code.toUpperCase());
    } else discounts.push({ campaignId: `ct-${inc.discount.id}`, name: discountName(inc.discount, opts.locale), amountMinor: amount });
  }
  for (const upper of applied) {
    if (!codesWithAmount.has(upper)) discountCodes.push({ code: entered.get(upper)!, name: entered.get(upper)!, amountMinor: 0 });
  }
  return { discounts, discountCodes, lineItemPromotions, nonApplicableDiscountCodes: nonApplicableCodes };
}
