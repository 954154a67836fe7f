import type { RequestContext } from '../../../common/subgraph.ts';
import type DataLoader from 'dataloader';
import type { DeliveriesRepository } from '../../../common/events/deliveriesRepository.ts';
import type { OrderRecord } from './data/ordersRepository.ts';
import type { PlaceOrder } from './services/placeOrder.ts';
import type { Quarantine } from './services/quarantine.ts';
import type { AfterSales } from './services/afterSales/afterSales.ts';
import type { AfterSalesLoaders } from './services/afterSales/views.ts';
import type { ReconciliationRepository } from './data/reconciliationRepository.ts';

export interface OrdersContext extends RequestContext {
  orders: DataLoader<string, OrderRecord | null>;
  placeOrder: PlaceOrder;
  quarantine: Quarantine;
  afterSales: AfterSales;
  afterSalesLoaders: AfterSalesLoaders;
  deliveries: DeliveriesRepository;
  reconciliations: ReconciliationRepository;
}
