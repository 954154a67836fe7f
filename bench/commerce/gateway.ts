/**
 * The gateway of bench:commerce: gateway/main.ts's configuration from the environment, with the
 * features named in BENCH_DISABLE (auth, limits, usage) turned off afterwards. GATEWAY_BENCHMARK_DISABLE
 * is refused with NODE_ENV=production, so that no deployment can turn authentication off; the
 * benchmark measures what each feature costs in production mode, so it starts the gateway here.
 */
import { createLogger } from '../../common/log.ts';
import { gatewayConfigSchema, loadGatewayConfig } from '../../gateway/config.ts';
import { startGateway } from '../../gateway/server.ts';

const config = loadGatewayConfig();
const disable = gatewayConfigSchema.shape.benchmarkDisable.parse((process.env.BENCH_DISABLE ?? '').split(',').filter(Boolean));
const gateway = await startGateway({ ...config, benchmarkDisable: disable }, { log: createLogger('gateway', config.logLevel) });
console.log(`gateway ready ${gateway.url}`);
process.on('SIGTERM', async () => {
  await gateway.stop();
  process.exit(0);
});
