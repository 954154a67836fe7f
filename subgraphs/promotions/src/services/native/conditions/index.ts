import type { ConditionType } from '../rule.ts';
import { channel } from './channel.ts';
import { firstOrder } from './firstOrder.ts';
import { minQuantity } from './minQuantity.ts';
import { minSubtotal } from './minSubtotal.ts';
import { shippingMethod } from './shippingMethod.ts';
import { skusInCart } from './skusInCart.ts';

/** The condition catalogue. A new type is one file in this folder plus its line here. */
export const CONDITION_TYPES: readonly ConditionType[] = [minSubtotal, minQuantity, skusInCart, channel, firstOrder, shippingMethod];
