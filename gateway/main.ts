import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
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
// a promise nobody awaited fails one request's work, not the gateway: logged, and the process stays
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
const workers = config.workers === 'auto' ? availableParallelism() : config.workers;

if (workers > 1 && cluster.isPrimary) {
  // GATEWAY_WORKERS: that many gateway processes share the port (node:cluster); a worker that dies is replaced
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, 'gateway worker stopped; starting another');
    cluster.fork();
  });
  let ready = 0;
  cluster.on('listening', () => {
    if (++ready === workers) log.info({ workers, port: config.port }, 'gateway ready');
  });
  process.on('SIGHUP', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGHUP');
  });
  const stop = () => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {}).filter((w) => !!w);
    let left = all.length;
    if (!left) process.exit(0);
    for (const w of all) {
      w.once('exit', () => --left === 0 && process.exit(0));
      w.process.kill('SIGTERM');
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  let gateway;
  try {
    gateway = await startGateway(config, { log });
  } catch (e) {
    console.error(`gateway: ${(e as Error).message}`);
    process.exit(2);
  }
  log.info({ url: gateway.url, ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) }, 'gateway ready');
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
}
