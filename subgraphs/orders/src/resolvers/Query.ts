import { forbidden } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import { mayAccessOwned } from '../../../../common/ownership.ts';
import { deadLetterCursor, deliveryView, parseDeadLetterCursor } from '../services/deadLetters.ts';
import { reconciliationView } from '../services/reconciliation.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  // an order the caller may not see is answered like an unknown one
  order: async (_, { id }, { orders, identity }) => {
    const order = await orders.load(id);
    return (order && mayAccessOwned(identity, order) ? order : null) as any;
  },
  // quarantined orders carry customers' personal data of every market: operations keys only
  quarantinedOrders: async (_, { first, after }, { quarantine, identity }) => {
    if (!hasScope(identity, 'operations')) throw forbidden('Quarantined orders need an operations key.');
    const page = await quarantine.list(first ?? 20, after ? Buffer.from(after, 'base64url').toString('utf8') : null);
    const cursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
    return {
      edges: page.items.map((node) => ({ cursor: cursor(node.id), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? cursor(page.items[page.items.length - 1].id) : null },
      totalCount: page.totalCount,
    };
  },
  deadLetters: async (_, { first, after }, { deliveries, identity }) => {
    if (!hasScope(identity, 'operations')) throw forbidden('Dead letters need an operations key.');
    const page = await deliveries.deadLetters(first ?? 20, parseDeadLetterCursor(after));
    return {
      edges: page.items.map((d) => ({ cursor: deadLetterCursor(d), node: deliveryView(d) as any })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? deadLetterCursor(page.items[page.items.length - 1]) : null },
      totalCount: page.totalCount,
    };
  },
  paymentReconciliation: async (_, __, { reconciliations, identity }) => {
    // the summary spans every market: operations, or marketing for all markets
    if (!hasScope(identity, 'operations') && !(hasScope(identity, 'marketing') && identity.markets.includes('*'))) {
      throw forbidden('The payment reconciliation needs an operations key or a marketing key for all markets.');
    }
    const latest = await reconciliations.latest();
    return latest ? (reconciliationView(latest) as any) : null;
  },
};
