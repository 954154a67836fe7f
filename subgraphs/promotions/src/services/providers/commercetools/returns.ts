import type { Order } from '@commercetools/platform-sdk';
import type { ReturnedItem } from '../provider.ts';

/**
 * Returned items → the `addReturnInfo` update action of a commercetools order (ReturnItemDraft per
 * line item, shipment state Returned). Quantities are spread over the order's line items of the SKU,
 * never beyond what each line item still has (its quantity minus what its return info already
 * lists). `unmatched` is what could not be placed (unknown SKU, more than was ordered).
 */
export function returnActions(order: Order, items: ReturnedItem[], now: Date): { actions: object[]; unmatched: ReturnedItem[] } {
  const returned = new Map<string, number>();
  for (const info of order.returnInfo ?? []) {
    for (const item of info.items) {
      const lineItemId = (item as { lineItemId?: string }).lineItemId;
      if (lineItemId) returned.set(lineItemId, (returned.get(lineItemId) ?? 0) + item.quantity);
    }
  }
  const left = new Map(order.lineItems.map((li) => [li.id, li.quantity - (returned.get(li.id) ?? 0)]));
  const drafts = new Map<string, number>();
  const unmatched: ReturnedItem[] = [];
  for (const item of items) {
    let quantity = item.quantity;
    for (const li of order.lineItems) {
      if (quantity <= 0) break;
      if (li.variant?.sku !== item.sku) continue;
      const take = Math.min(quantity, left.get(li.id) ?? 0);
      if (take <= 0) continue;
      left.set(li.id, (left.get(li.id) ?? 0) - take);
      drafts.set(li.id, (drafts.get(li.id) ?? 0) + take);
      quantity -= take;
    }
    if (quantity > 0) unmatched.push({ sku: item.sku, quantity });
  }
  if (drafts.size === 0) return { actions: [], unmatched };
  const draftItems = [...drafts].map(([lineItemId, quantity]) => ({ quantity, lineItemId, shipmentState: 'Returned' }));
  return { actions: [{ action: 'addReturnInfo', items: draftItems, returnDate: now.toISOString() }], unmatched };
}
