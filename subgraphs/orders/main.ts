import { runMain } from '../../common/service.ts';
import { startOrders } from './server.ts';

await runMain('orders', startOrders);
