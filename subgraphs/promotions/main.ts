import { ConfigError } from '../../common/config.ts';
import { runMain } from '../../common/service.ts';
import { startPromotions } from './server.ts';
import { loadRemoteProviders, type RemoteProvidersConfig } from './src/services/providers/remote/config.ts';

// remote promotion engines from PROMOTION_PROVIDERS_FILE or PROMOTION_PROVIDERS, parsed once
let remoteProviders: RemoteProvidersConfig;
try {
  remoteProviders = loadRemoteProviders(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

await runMain('promotions', (options) => startPromotions({ ...options, remoteProviders }));
