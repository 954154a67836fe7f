import { ConfigError } from '../../common/config.ts';
import { runMain } from '../../common/service.ts';
import { loadPromotionsSettings, type PromotionsSettings } from './config.ts';
import { startPromotions } from './server.ts';

// time budgets and remote promotion engines, parsed once
let settings: PromotionsSettings;
try {
  settings = loadPromotionsSettings();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

await runMain('promotions', (options) => startPromotions({ ...options, ...settings }));
