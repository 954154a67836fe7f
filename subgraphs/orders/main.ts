import { ConfigError } from '../../common/config.ts';
import { runMain } from '../../common/service.ts';
import { loadOrdersSettings, type OrdersSettings } from './config.ts';
import { startOrders } from './server.ts';

let settings: OrdersSettings;
try {
  settings = loadOrdersSettings();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

await runMain('orders', (options) => startOrders({ ...options, ...settings }));
