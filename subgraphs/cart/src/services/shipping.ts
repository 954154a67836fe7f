import { unavailable, UserErrorException, userError } from '../../../../common/errors.ts';
import type { CartView } from './cartView.ts';
import type { CartDependencies } from './dependencies.ts';

const METHOD = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The customer's choice of shipping method: one of the cart's shipping options now (as the
 * promotions service prices them from the tax and shipping tables). Click-and-collect names its store
 * (`pickupLocation`); when the method has a single store it may be left out. Anything else is refused with
 * SHIPPING_METHOD_UNAVAILABLE (or INVALID_SHIPPING_METHOD, LOCATION_REQUIRED), the cart unchanged.
 */
export async function chooseShipping(cart: CartView, method: string, location: string | null | undefined, deps: CartDependencies): Promise<CartView> {
  const code = method.trim();
  if (!METHOD.test(code)) throw new UserErrorException(userError('INVALID_SHIPPING_METHOD', 'A shipping method is a code such as standard, express or click-and-collect.', 'method'));
  const store = location?.trim() || null;
  if (store !== null && !METHOD.test(store)) throw new UserErrorException(userError('INVALID_SHIPPING_METHOD', 'A location is a store code such as store-berlin-1.', 'pickupLocation'));
  const evaluation = await deps.evaluate(cart);
  if (!evaluation) throw unavailable('The shipping options cannot be read right now; try again.');
  const matching = evaluation.shippingOptions.filter((o) => o.code === code);
  const pickup = matching.filter((o) => o.location !== null);
  let chosen = matching.find((o) => o.location === null || o.location === store);
  if (!chosen && store === null && pickup.length > 1) {
    throw new UserErrorException(userError('LOCATION_REQUIRED', `Choose the store for ${code}: ${pickup.map((o) => o.location).join(', ')}.`, 'pickupLocation'));
  }
  if (!chosen && store === null && pickup.length === 1) chosen = pickup[0];
  if (!chosen) {
    const offered = evaluation.shippingOptions.map((o) => (o.location ? `${o.code} (${o.location})` : o.code));
    const hint = offered.length ? `Available: ${offered.join(', ')}.` : 'No method is available yet: set a shipping address first.';
    throw new UserErrorException(userError('SHIPPING_METHOD_UNAVAILABLE', `The shipping method ${code}${store ? ` at ${store}` : ''} is not available for this cart. ${hint}`, store && matching.length ? 'pickupLocation' : 'method'));
  }
  return { ...cart, shippingMethod: { code: chosen.code, location: chosen.location } };
}
