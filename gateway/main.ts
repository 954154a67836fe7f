import { ZodError } from 'zod';
import { createLogger } from '../common/log.ts';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

let config;
try {
  config = loadGatewayConfig();
} catch (e) {
  if (e instanceof ZodError) {
    console.error(`Invalid gateway configuration:\n${e.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    process.exit(2);
  }
  throw e;
}
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const log = createLogger('gateway', config.logLevel);
let gateway;
try {
  gateway = await startGateway(config, { log });
} catch (e) {
  console.error(`gateway: ${(e as Error).message}`);
  process.exit(2);
}
log.info({ url: gateway.url }, 'gateway ready');
process.on('SIGHUP', () => {
  const result = gateway.keys.reload();
  if (result.ok) log.info({ keys: result.keys }, 'API keys reloaded');
  else log.error({ error: result.error }, 'API keys NOT reloaded: the key file is invalid; the keys in use stay');
});
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
