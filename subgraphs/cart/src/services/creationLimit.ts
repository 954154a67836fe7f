import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../common/clock.ts';
import { userError, UserErrorException } from '../../../../common/errors.ts';
import type { Identity } from '../../../../common/identity.ts';
import type { CartRepository } from '../data/cartRepository.ts';
import type { CartLimits } from './cartService.ts';

const HOUR_MS = 3_600_000;

/**
 * Counts a cart creation per API key and per client address (a public key is many people: the client
 * is limited on its own); beyond either hourly limit the creation is refused RATE_LIMITED and not counted.
 */
export async function countCartCreation(store: CartRepository, caller: Identity, clock: Clock, limits: CartLimits): Promise<void> {
  const now = clock.now().getTime();
  const id = randomUUID();
  const n = await store.recordCreation(id, caller.keyId, caller.client ?? 'unknown', new Date(now).toISOString(), new Date(now - HOUR_MS).toISOString());
  const over = n.key > limits.cartsPerKeyPerHour ? { limit: `${limits.cartsPerKeyPerHour} carts per key`, oldest: n.oldestKey }
    : n.client > limits.cartsPerClientPerHour ? { limit: `${limits.cartsPerClientPerHour} carts per client`, oldest: n.oldestClient } : null;
  if (!over) return;
  await store.deleteCreation(id);
  const retryAfter = Math.max(1, Math.ceil(((over.oldest ? Date.parse(over.oldest) : now) + HOUR_MS - now) / 1000));
  throw new UserErrorException(userError('RATE_LIMITED', `At most ${over.limit} per hour. Retry after ${retryAfter} seconds.`));
}
