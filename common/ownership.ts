import { hasScope, type Identity } from './identity.ts';

/** Who a cart or an order belongs to. */
export interface Owner {
  /** the channel of the key that created it */
  channel: string;
  /** the verified customer it belongs to; null for a guest */
  customerId: string | null;
}

/**
 * Who may read or change a cart or an order: a signed-in customer their own (whatever the channel);
 * a guest's only by the channel that created it (with its unguessable id); a customer's also by the
 * point of sale that serves them. Marketing and operations keys never (no storefront or pos scope).
 */
export function mayAccessOwned(identity: Identity | null | undefined, owner: Owner): boolean {
  if (!identity) return false;
  if (!hasScope(identity, 'storefront') && !hasScope(identity, 'pos')) return false;
  if (owner.customerId) {
    if (identity.customerId === owner.customerId) return true;
    return identity.channel === owner.channel && hasScope(identity, 'pos');
  }
  return identity.channel === owner.channel;
}
