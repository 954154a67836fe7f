import type { EffectType } from '../rule.ts';
import { amountOffCart } from './amountOffCart.ts';
import { amountOffShipping } from './amountOffShipping.ts';
import { amountOffSkus } from './amountOffSkus.ts';
import { bundlePrice } from './bundlePrice.ts';
import { buyXGetY } from './buyXGetY.ts';
import { freeShipping } from './freeShipping.ts';
import { percentOffCart } from './percentOffCart.ts';
import { percentOffSkus } from './percentOffSkus.ts';

/** The effect catalogue. A new type is one file in this folder plus its line here. */
export const EFFECT_TYPES: readonly EffectType[] = [percentOffCart, amountOffCart, percentOffSkus, amountOffSkus, bundlePrice, buyXGetY, freeShipping, amountOffShipping];
