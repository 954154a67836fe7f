import { formatMinor } from '../../../../common/money.ts';
import type { CartView, CartWarningView, PromotionSnapshot, StockState } from './cartView.ts';
import type { Evaluation } from './dependencies.ts';

/**
 * Warnings are raised only for changes the customer did not cause: the cart compares what it
 * remembers (prices, stock state, last promotion evaluation of the same contents) with what the
 * other services say now. Pure functions; the service persists the result.
 */

export const LOW_STOCK_THRESHOLD = 3;

export function stockState(available: number | undefined, quantity: number): StockState {
  if (available === undefined) return 'UNKNOWN';
  if (available < quantity) return 'OUT';
  if (available - quantity < LOW_STOCK_THRESHOLD) return 'LOW';
  return 'OK';
}

export function snapshotOf(evaluation: Evaluation | null): PromotionSnapshot {
  if (!evaluation) return { unavailable: true, discounts: {}, appliedCodes: [] };
  // shipping is priced by the tables even when the promotion engine failed
  const shipping = evaluation.shipping;
  if (evaluation.status === 'UNAVAILABLE') return { unavailable: true, discounts: {}, appliedCodes: [], shipping };
  return { unavailable: false, discounts: evaluation.discounts, appliedCodes: evaluation.appliedCodes, shipping };
}

type NewWarningOf = Omit<CartWarningView, 'id' | 'createdAt'>;

/**
 * The selected shipping method compared with what the cart saw last: gone (SHIPPING_METHOD_UNAVAILABLE)
 * or priced differently (SHIPPING_PRICE_CHANGED). Unknown (promotions unreachable) is not a change.
 */
export function shippingWarnings(before: PromotionSnapshot['shipping'], now: Evaluation['shipping'] | undefined, currencyCode: string): NewWarningOf[] {
  if (!before || !now || before.code !== now.code || before.location !== now.location) return [];
  const name = now.location ? `${now.code} at ${now.location}` : now.code;
  if (now.priceMinor === null) {
    if (before.priceMinor === null) return [];
    return [{ code: 'SHIPPING_METHOD_UNAVAILABLE', lineId: null, message: `The shipping method ${name} is no longer available for this cart; choose another one.` }];
  }
  if (before.priceMinor !== null && before.priceMinor !== now.priceMinor) {
    return [{
      code: 'SHIPPING_PRICE_CHANGED',
      lineId: null,
      message: `The price of ${name} shipping changed from ${formatMinor(before.priceMinor, currencyCode)} to ${formatMinor(now.priceMinor, currencyCode)} ${currencyCode}.`,
    }];
  }
  return [];
}

export interface Observations {
  /** current prices; null when the catalog could not be asked */
  prices: Map<string, number | null> | null;
  /** current availability; null when inventory could not be asked */
  availability: Map<string, number> | null;
  /** evaluation of the cart's current contents at current prices; null when promotions could not be asked */
  evaluation: Evaluation | null;
}

type NewWarning = Omit<CartWarningView, 'id' | 'createdAt'>;

/** Applies observations to the cart; returns the updated cart and the warnings to add. */
export function observe(cart: CartView, seen: Observations): { cart: CartView; warnings: NewWarning[] } {
  const warnings: NewWarning[] = [];
  const lines = cart.lines.map((line) => {
    let next = line;
    const price = seen.prices?.get(line.sku);
    if (price !== undefined && price !== null && price !== line.unitPriceMinor) {
      warnings.push({
        code: 'PRICE_CHANGED',
        lineId: line.id,
        message: `The price of ${line.sku} changed from ${formatMinor(line.unitPriceMinor, line.currencyCode)} to ${formatMinor(price, line.currencyCode)} ${line.currencyCode}.`,
      });
      next = { ...next, unitPriceMinor: price };
    }
    if (seen.availability) {
      const state = stockState(seen.availability.get(line.sku) ?? 0, line.quantity);
      if (state !== line.stockState) {
        if (state === 'OUT') {
          warnings.push({ code: 'OUT_OF_STOCK', lineId: line.id, message: `${line.sku}: only ${seen.availability.get(line.sku) ?? 0} left, fewer than the ${line.quantity} in the cart.` });
        } else if (state === 'LOW' && line.stockState === 'OK') {
          warnings.push({ code: 'LOW_STOCK', lineId: line.id, message: `${line.sku}: only ${seen.availability.get(line.sku) ?? 0} left.` });
        }
        next = { ...next, stockState: state };
      }
    }
    return next;
  });
  const snapshot = cart.promotionSnapshot;
  const now = snapshotOf(seen.evaluation);
  if (snapshot && seen.evaluation) warnings.push(...shippingWarnings(snapshot.shipping, seen.evaluation.shipping, cart.currencyCode));
  if (seen.evaluation === null && snapshot) now.shipping = snapshot.shipping;
  if (snapshot) {
    if (now.unavailable && !snapshot.unavailable) {
      warnings.push({ code: 'PROMOTIONS_UNAVAILABLE', lineId: null, message: 'Promotions cannot be evaluated right now; prices are shown without discounts.' });
    }
    if (!now.unavailable) {
      for (const [key, before] of Object.entries(snapshot.discounts)) {
        const after = now.discounts[key];
        const lineId = key.startsWith('line:') ? key.split(':')[1] : null;
        if (!after) {
          warnings.push({ code: 'DISCOUNT_REMOVED', lineId, message: `The discount "${before.name}" no longer applies.` });
        } else if (after.amount !== before.amount) {
          warnings.push({
            code: 'DISCOUNT_CHANGED',
            lineId,
            message: `The discount "${before.name}" changed from ${formatMinor(before.amount, cart.currencyCode)} to ${formatMinor(after.amount, cart.currencyCode)} ${cart.currencyCode}.`,
          });
        }
      }
      for (const code of snapshot.appliedCodes) {
        const na = seen.evaluation?.nonApplicable.find((n) => n.code === code);
        if (na) warnings.push({ code: 'DISCOUNT_CODE_NOT_APPLICABLE', lineId: null, message: `The code ${code} no longer applies (${na.reason}).` });
      }
    }
  }
  // an unreachable engine is remembered too, so that its recovery is not reported as a change
  return { cart: { ...cart, lines, promotionSnapshot: now }, warnings };
}

/** Adds warnings, replacing an unacknowledged one with the same code and line. */
export function mergeWarnings(existing: CartWarningView[], added: NewWarning[], makeId: () => string, at: string): CartWarningView[] {
  const result = [...existing];
  for (const w of added) {
    const i = result.findIndex((x) => x.code === w.code && x.lineId === w.lineId);
    const warning = { ...w, id: i >= 0 ? result[i].id : makeId(), createdAt: at };
    if (i >= 0) result[i] = warning;
    else result.push(warning);
  }
  return result;
}
