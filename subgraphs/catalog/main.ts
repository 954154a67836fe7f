import { auditRetentionDaysFromEnv } from '../../common/audit/config.ts';
import { ConfigError } from '../../common/config.ts';
import { webhooksFromEnv } from '../../common/events/config.ts';
import { runMain } from '../../common/service.ts';
import { startCatalog } from './server.ts';

// CATALOG_WEBHOOKS: subscribers of ProductChanged and PriceChanged (docs/events.md), and
// CATALOG_AUDIT_RETENTION_DAYS: days the audit trail keeps a price change (default 400), parsed once
let webhooks;
let auditRetentionDays: number | undefined;
try {
  webhooks = webhooksFromEnv('CATALOG');
  auditRetentionDays = auditRetentionDaysFromEnv('CATALOG_AUDIT_RETENTION_DAYS');
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(2);
}

await runMain('catalog', (options) => startCatalog({ ...options, webhooks, ...(auditRetentionDays ? { auditRetentionDays } : {}) }));
