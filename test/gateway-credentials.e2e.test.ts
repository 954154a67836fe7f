import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStoreFromConfig } from '../gateway/keys.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { TEST_SECRET } from './support/subgraph.ts';

/**
 * Credentials at the edge: key rotation without restart (a real gateway process and a real SIGHUP),
 * keys from the environment, and CSRF prevention.
 */
let g: TestGraph;
let gateway: ChildProcess;
let gatewayUrl = '';
let output = '';
const dir = mkdtempSync(join(tmpdir(), 'cg-keys-'));
const keyFile = join(dir, 'keys.json');
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const entry = (id: string, key: string) => ({ id, sha256: sha256(key), channel: 'web', scopes: ['storefront'], markets: [] });

const ask = async (key: string) => {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ markets { code } }' }),
  });
  return res.status;
};

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; gateway output:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  g = await startTestGraph();
  writeFileSync(keyFile, JSON.stringify([entry('shop-2026-a', 'shop-key-one-0001')]));
  const subgraphEnv = Object.fromEntries(Object.entries(g.services).map(([name, s]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, s.url]));
  gateway = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts', '--port', '0'], {
    env: { ...process.env, ...subgraphEnv, API_KEYS_FILE: keyFile, IDENTITY_SECRET: TEST_SECRET, LOG_LEVEL: 'info', APOLLO_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (d) => (output += d));
  gateway.stderr!.on('data', (d) => (output += d));
  await eventually(() => {
    const ready = /"url":"(http:[^"]+)"[^\n]*gateway ready/.exec(output);
    if (ready) gatewayUrl = ready[1];
    return Boolean(ready);
  }, 120_000);
});
afterAll(async () => {
  gateway?.kill('SIGTERM');
  await g?.stop();
});

describe('key rotation without restart', () => {
  it('serves the keys of the file, and not the demo keys', async () => {
    expect(await ask('shop-key-one-0001')).toBe(200);
    expect(await ask('shop-key-two-0002')).toBe(401);
    expect(await ask(KEYS.web)).toBe(401);
  });

  it('picks up a rotated file on SIGHUP: the new key works, the retired one is refused', async () => {
    writeFileSync(keyFile, JSON.stringify([entry('shop-2026-b', 'shop-key-two-0002')]));
    gateway.kill('SIGHUP');
    await eventually(async () => (await ask('shop-key-two-0002')) === 200);
    expect(await ask('shop-key-one-0001')).toBe(401);
    // the logger writes asynchronously: the line comes when it comes
    await eventually(() => /"keys":1[^\n]*API keys reloaded/.test(output));
  });

  it('keeps the keys in use when the new file is broken, and says so in the log', async () => {
    writeFileSync(keyFile, '[{ "id": "half-written", ');
    gateway.kill('SIGHUP');
    await eventually(() => output.includes('API keys NOT reloaded'));
    expect(await ask('shop-key-two-0002')).toBe(200);
    expect(gateway.exitCode).toBeNull();
  });
});

describe('keys from the environment', () => {
  it('reads API_KEYS as JSON, and refuses an invalid list with a clear message', () => {
    const store = keyStoreFromConfig({ keysJson: JSON.stringify([{ id: 'kiosk-1', key: 'kiosk-key-0001', channel: 'kiosk', scopes: ['storefront'] }]), demoKeys: true });
    expect(store.identify('kiosk-key-0001')).toMatchObject({ keyId: 'kiosk-1', channel: 'kiosk', markets: [] });
    expect(store.identify(KEYS.web)).toBeNull();
    expect(() => keyStoreFromConfig({ keysJson: '[{"id":"x","channel":"web","scopes":[]}]', demoKeys: false })).toThrow(/Invalid API keys \(API_KEYS\): .*sha256 or key/);
  });
});

describe('CSRF prevention', () => {
  const headers = { authorization: `Bearer ${KEYS.web}` };

  it('refuses a simple (non-preflighted) cross-site request: text/plain POST, GET without a preflight header', async () => {
    const form = await fetch(g.url, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ markets { code } }' }) });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF|content-type/i);
    const get = await fetch(`${g.url}?query=${encodeURIComponent('{ markets { code } }')}`, { headers });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/i);
  });

  it('answers the same GET with a preflight header, and JSON POSTs as usual', async () => {
    const get = await fetch(`${g.url}?query=${encodeURIComponent('{ markets { code } }')}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.markets.length).toBeGreaterThan(0);
  });
});
