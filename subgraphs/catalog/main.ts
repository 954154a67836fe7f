import { ConfigError } from '../../common/config.ts';
import { webhooksFromEnv } from '../../common/events/config.ts';
import { runMain } from '../../common/service.ts';
import { startCatalog } from './server.ts';

// CATALOG_WEBHOOKS: subscribers of ProductChanged and PriceChanged (docs/events.md), parsed once
let webhooks;
try {
  webhooks = webhooksFromEnv('CATALOG');
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(2);
}

await runMain('catalog', (options) => startCatalog({ ...options, webhooks }));
