import { ConfigError, loadServiceConfig, type ServiceConfig } from '../common/config.ts';

/**
 * The orders database's configuration for a command-line tool (configured like the orders service),
 * or null after printing why it is invalid: the caller exits with 2.
 */
export function ordersConfigForCommand(): ServiceConfig | null {
  try {
    return loadServiceConfig('orders');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return null;
  }
}
