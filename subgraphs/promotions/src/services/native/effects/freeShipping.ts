import { z } from 'zod';
import { defineEffect } from '../rule.ts';

/** The shipping charge of the selected method, all of it (what earlier campaigns left of it). */
export const freeShipping = defineEffect({
  type: 'freeShipping',
  description: 'The selected shipping method costs nothing. Combine with minSubtotal and shippingMethod conditions (e.g. free standard delivery from 50.00).',
  scope: 'shipping',
  args: z.strictObject({}).optional(),
  apply() {},
  shipping: (_args, _cart, remaining) => remaining,
});
