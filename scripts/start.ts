/**
 * npm start: the whole graph on this machine. Starts the five subgraphs (each its own process)
 * and the gateway, with SQLite databases under data/ (DATA_DIR), seeded on first start.
 * npm run start:cluster (--cluster): two replicas of every subgraph on a local PostgreSQL cluster
 * kept in data/pg (installed from Debian packages when missing), the gateway round robin over them.
 * Ctrl-C stops everything.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PORTS, SERVICE_NAMES } from '../common/config.ts';
import { DEMO_KEYS } from '../common/demo.ts';
import { consoleEnabled, ideEnabled } from '../gateway/config.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { DEMO_AUDIENCE, DEMO_ISSUER, ensureDemoIssuer, jwksFile, mintCustomerToken } from '../gateway/demoIssuer.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/nodeFlags.ts';

const root = process.cwd();
const dataDir = process.env.DATA_DIR ?? join(root, 'data');
mkdirSync(dataDir, { recursive: true });

// one identity secret shared by the gateway and the services, kept with the data
const secretFile = join(dataDir, '.identity-secret');
if (!process.env.IDENTITY_SECRET && !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const secret = process.env.IDENTITY_SECRET ?? readFileSync(secretFile, 'utf8').trim();

// the demo identity system: a key pair in the data dir whose public half the gateway trusts
const demoIssuer = process.env.CUSTOMER_JWKS_URL || process.env.CUSTOMER_JWKS || process.env.CUSTOMER_JWKS_FILE ? null : await ensureDemoIssuer(dataDir);
const demoToken = demoIssuer ? await mintCustomerToken(demoIssuer, 'demo-customer-1', { expiresIn: '12h' }) : null;

const gatewayPort = Number(process.env.GATEWAY_PORT ?? DEFAULT_PORTS.gateway);
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  IDENTITY_SECRET: secret,
  APOLLO_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const cluster = process.argv.includes('--cluster');
const REPLICA_PORT_OFFSET = 10;
const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, script: string, extraEnv: Record<string, string> = {}, nodeFlags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the graph.`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the graph…');
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  if (cluster) {
    try {
      execFileSync('bash', ['scripts/pg-cluster.sh', 'halt'], { env: { ...process.env, PG_DIR: join(dataDir, 'pg'), PG_PORT: process.env.PG_PORT ?? '55432' } });
    } catch {
      // already stopped
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function ensurePostgres(): string {
  const pgDir = join(dataDir, 'pg');
  try {
    execFileSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
    console.log('Installing PostgreSQL from Debian packages…');
    execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null'], { stdio: 'inherit' });
  }
  return execFileSync('bash', ['scripts/pg-cluster.sh', 'ensure'], { env: { ...process.env, PG_DIR: pgDir, PG_PORT: process.env.PG_PORT ?? '55432' } })
    .toString()
    .trim();
}

// the marketing console (console/): built when missing or made from other sources, before the gateway serves it
const consoleOn = (() => {
  try {
    return consoleEnabled(env);
  } catch {
    return false;
  }
})();
let consoleBuilt = consoleOn;
if (consoleOn) {
  try {
    await ensureConsoleBuilt(root, (line) => console.log(line));
  } catch (e) {
    consoleBuilt = false;
    console.error(`${(e as Error).message}\nThe graph starts without the marketing console (npm run console:build to try again).`);
  }
}

console.log(`Starting the commerce graph${cluster ? ' (two replicas per service on PostgreSQL)' : ''} (data in ${dataDir})…`);
const started = Date.now();
const replicaUrls = (name: (typeof SERVICE_NAMES)[number]) =>
  (cluster ? [DEFAULT_PORTS[name], DEFAULT_PORTS[name] + REPLICA_PORT_OFFSET] : [DEFAULT_PORTS[name]]).map((p) => `http://127.0.0.1:${p}/graphql`).join(',');
try {
  if (cluster) {
    const databaseUrl = ensurePostgres();
    console.log(`PostgreSQL: ${databaseUrl}`);
    Object.assign(env, { DATABASE_URL: databaseUrl });
    for (const name of SERVICE_NAMES) Object.assign(env, { [`SERVICE_URL_${name.toUpperCase()}`]: replicaUrls(name) });
  }
  // first replicas (they migrate and seed), then the second ones
  for (const name of SERVICE_NAMES) run(name, `subgraphs/${name}/main.ts`, { PORT: String(DEFAULT_PORTS[name]) });
  await Promise.all(SERVICE_NAMES.map((name) => waitFor(`http://127.0.0.1:${DEFAULT_PORTS[name]}/health`, name)));
  if (cluster) {
    for (const name of SERVICE_NAMES) run(`${name}#2`, `subgraphs/${name}/main.ts`, { PORT: String(DEFAULT_PORTS[name] + REPLICA_PORT_OFFSET) });
    await Promise.all(SERVICE_NAMES.map((name) => waitFor(`http://127.0.0.1:${DEFAULT_PORTS[name] + REPLICA_PORT_OFFSET}/health`, `${name}#2`)));
  }
  const gatewayEnv: Record<string, string> = { GATEWAY_PORT: String(gatewayPort) };
  if (demoIssuer) Object.assign(gatewayEnv, { CUSTOMER_JWKS_FILE: jwksFile(dataDir), CUSTOMER_JWT_ISSUER: DEMO_ISSUER, CUSTOMER_JWT_AUDIENCE: DEMO_AUDIENCE });
  for (const name of SERVICE_NAMES) gatewayEnv[`SUBGRAPH_URL_${name.toUpperCase()}`] = replicaUrls(name);
  run('gateway', 'gateway/main.ts', gatewayEnv, GATEWAY_NODE_FLAGS);
  await waitFor(`http://127.0.0.1:${gatewayPort}/health`, 'gateway');
} catch (e) {
  console.error((e as Error).message);
  await shutdown(1);
}

const url = `http://127.0.0.1:${gatewayPort}/graphql`;
// the gateway decides the same way (gateway/config.ts); an invalid GRAPHQL_IDE stops the gateway itself
const ideOn = (() => {
  try {
    return ideEnabled(env);
  } catch {
    return false;
  }
})();
const ide = ideOn
  ? `  IDE:       ${url}   (open it in a browser: GraphiQL, demo web key set, other keys at the top)\n`
  : '  IDE:       off (NODE_ENV=production; GRAPHQL_IDE=on turns it on)\n';
const consoleUrl = `http://127.0.0.1:${gatewayPort}/console/`;
const consoleLine = consoleOn
  ? `  Console:   ${consoleUrl}${consoleBuilt ? '   (marketing console: sign in with demo-marketing-key, demo-marketing-de-key or demo-operations-key)' : '   (not built: npm run console:build)'}\n`
  : '  Console:   off (MARKETING_CONSOLE=off)\n';
console.log(`
Commerce graph ready in ${((Date.now() - started) / 1000).toFixed(1)}s

  Gateway:   ${url}
${ide}${consoleLine}  Health:    http://127.0.0.1:${gatewayPort}/health   Ready: http://127.0.0.1:${gatewayPort}/ready
  Subgraphs: ${SERVICE_NAMES.map((n) => `${n} :${DEFAULT_PORTS[n]}${cluster ? `+:${DEFAULT_PORTS[n] + REPLICA_PORT_OFFSET}` : ''}`).join(', ')}

  Demo API keys (send as "Authorization: Bearer <key>"):
${DEMO_KEYS.map((k) => `    ${k.channel.padEnd(10)} ${k.key.padEnd(24)} scopes: ${k.scopes.join(', ')}${k.markets.length ? `; markets: ${k.markets.join(', ')}` : ''}`).join('\n')}

  Demo customer (a signed-in shopper; send beside the key as "x-customer-token: <token>"):
${demoToken ? `    customer demo-customer-1, valid 12 hours:\n    ${demoToken}\n    another one: npm run customer-token -- <customer id>` : '    tokens come from the identity system configured in CUSTOMER_JWKS_URL / CUSTOMER_JWKS(_FILE)'}

  Try:
    curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer demo-web-key' \\
      -d '{"query":"{ products(market: \\"DE\\", first: 3) { edges { node { sku name price(market: \\"DE\\") { amount currencyCode } availability(market: \\"DE\\") { inStock quantityAvailable } } } } }"}'

  Ctrl-C stops everything.
`);
