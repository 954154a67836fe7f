import { z } from 'zod';
import { defineCondition } from '../rule.ts';

/**
 * The cart's customer has no earlier order. Promotions knows this from its own records: every order
 * redeemed with a customer is recorded, and forgotten again when its redemptions are released (an
 * order that failed after redeeming). Orders that never passed through promotions (e.g. imported offline
 * sales) are not known, so a customer whose only orders are such orders still counts as new.
 * A cart without a customer never qualifies: a first order cannot be told from a repeat one.
 */
export const firstOrder = defineCondition({
  type: 'firstOrder',
  description: "The cart's customer has no earlier order placed through this graph (a cart without a customer does not qualify). Takes no args.",
  args: z.strictObject({}).nullish(),
  needsCustomerHistory: true,
  evaluate(_args, cart) {
    if (cart.customerId === null) {
      return { ok: false, reason: 'NO_QUALIFYING_ITEMS', message: 'This code is for a first order: sign in to use it.' };
    }
    // unknown history counts as an earlier order: never grant a first-order discount without knowing
    if (cart.customerHasOrders !== false) {
      return { ok: false, reason: 'USAGE_LIMIT_REACHED', message: 'This code is for your first order only.', limit: 'customer' };
    }
    return { ok: true };
  },
});
