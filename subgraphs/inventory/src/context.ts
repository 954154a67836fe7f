import type { RequestContext } from '../../../common/subgraph.ts';
import type { AdjustmentService } from './services/adjustmentService.ts';
import type { LedgerService } from './services/ledgerService.ts';
import type { LocationService } from './services/locationService.ts';
import type { OfflineSales } from './services/offlineSales.ts';
import type { ReservationService } from './services/reservationService.ts';
import type { Restocks } from './services/restocks.ts';
import type { StockService } from './services/stockService.ts';

export interface InventoryContext extends RequestContext {
  stock: StockService;
  reservations: ReservationService;
  restocks: Restocks;
  adjustments: AdjustmentService;
  offlineSales: OfflineSales;
  ledger: LedgerService;
  locations: LocationService;
}
