import { forbidden, withUserErrors } from '../../../../common/errors.ts';
import { hasScope } from '../../../../common/identity.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { previewReadOnly, requireService, writing } from './guards.ts';

export const Mutation: MutationResolvers = {
  upsertLocation: async (_, { input }, { locations, identity, clock }) => {
    if (!hasScope(identity, 'operations')) throw forbidden('Creating or changing a location needs the operations scope.');
    if (clock.preview) throw previewReadOnly('A preview is read-only: nothing can be changed at a previewed instant.');
    return withUserErrors(async () => ({ location: await locations.upsert(input, 'input.') }), { location: null });
  },
  recordStocktake: async (_, { location, counts }, { adjustments, stock, identity }) => {
    if (!hasScope(identity, 'operations')) {
      if (!hasScope(identity, 'pos')) throw forbidden('Stocktakes need the operations or pos scope.');
      // a point-of-sale key counts store stock, never a warehouse
      if ((await stock.location(location))?.type === 'WAREHOUSE') throw forbidden('A point-of-sale key may count stock only in stores.');
    }
    return writing(() => withUserErrors(async () => ({ adjustments: await adjustments.recordStocktake(location, counts, identity.keyId) }), { adjustments: null })).then(
      (p) => ({ ...p, adjustments: p.adjustments ?? [] }),
    );
  },
  adjustStock: (_, { input }, { adjustments, identity }) => {
    if (!hasScope(identity, 'operations')) throw forbidden('Adjusting stock needs the operations scope.');
    return writing(() => withUserErrors(() => adjustments.adjustStock(input, identity.keyId), { adjustment: null, stockLevel: null }));
  },
  reserveStock: (_, { reservationId, market, location, lines, ttlSeconds }, { reservations, identity }) => {
    requireService(identity);
    return writing(() =>
      withUserErrors(async () => ({ reservation: await reservations.reserve({ reservationId, market, location, lines, ttlSeconds }, identity.keyId) }), {
        reservation: null,
      }),
    );
  },
  commitReservation: (_, { reservationId }, { reservations, identity }) => {
    requireService(identity);
    return writing(() => withUserErrors(async () => ({ reservation: await reservations.commit(reservationId, identity.keyId) }), { reservation: null }));
  },
  releaseReservation: (_, { reservationId }, { reservations, identity }) => {
    requireService(identity);
    return writing(() => withUserErrors(async () => ({ reservation: await reservations.release(reservationId, identity.keyId) }), { reservation: null }));
  },
  recordOfflineSale: (_, { saleId, location, lines }, { offlineSales, identity }) => {
    requireService(identity);
    return writing(async () => {
      const r = await withUserErrors(() => offlineSales.record(saleId, location, lines, identity.keyId), { recorded: null, negative: null });
      return { recorded: r.recorded ?? false, negativeStock: r.negative ?? [], userErrors: r.userErrors };
    });
  },
  restockReservation: (_, { reservationId }, { restocks, identity }) => {
    requireService(identity);
    return writing(async () => {
      const r = await withUserErrors(() => restocks.restockReservation(reservationId, identity.keyId), { recorded: null });
      return { recorded: r.recorded ?? false, userErrors: r.userErrors };
    });
  },
  restockReturn: (_, { restockId, location, lines }, { restocks, identity }) => {
    requireService(identity);
    return writing(async () => {
      const r = await withUserErrors(() => restocks.restock(restockId, location, lines, identity.keyId), { recorded: null });
      return { recorded: r.recorded ?? false, userErrors: r.userErrors };
    });
  },
};
