import { z } from 'zod';
import { ConfigError } from '../../common/config.ts';
import { webhooksFromEnv } from '../../common/events/config.ts';
import { runMain } from '../../common/service.ts';
import { startInventory } from './server.ts';

// INVENTORY_RESERVATION_TTL_SECONDS (default 900) and INVENTORY_SWEEP_INTERVAL_MS (default 5000), parsed once
const settings = z
  .object({
    reservationTtlSeconds: z.coerce.number().int().positive().optional(),
    sweepIntervalMs: z.coerce.number().int().positive().optional(),
  })
  .safeParse({
    reservationTtlSeconds: process.env.INVENTORY_RESERVATION_TTL_SECONDS || undefined,
    sweepIntervalMs: process.env.INVENTORY_SWEEP_INTERVAL_MS || undefined,
  });
if (!settings.success) {
  console.error(`Invalid inventory configuration:\n${settings.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  process.exit(2);
}

// INVENTORY_WEBHOOKS: subscribers of StockChanged (docs/events.md)
let webhooks;
try {
  webhooks = webhooksFromEnv('INVENTORY');
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(2);
}

await runMain('inventory', (options) => startInventory({ ...options, ...settings.data, webhooks }));
