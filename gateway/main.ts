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
const gateway = await startGateway(config, { log });
log.info({ url: gateway.url }, 'gateway ready');
process.on('SIGHUP', () => {
  gateway.keys.reload();
  log.info('API keys reloaded');
});
const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
