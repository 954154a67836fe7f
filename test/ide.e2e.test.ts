import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../common/demo.ts';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { keyStoreFromConfig } from '../gateway/keys.ts';
import { startGateway, type RunningGateway } from '../gateway/server.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';

/**
 * The gateway's GraphQL IDE over HTTP (the browser test drives it in Chromium): a browser's GET gets
 * the page, every file it loads comes from the gateway, other GETs keep Apollo's CSRF prevention,
 * /ide/schema answers the key's own schema; in production only when configured.
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
let g: TestGraph;
let base: string;

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { ide: true } });
  base = new URL(g.url).origin;
});
afterAll(async () => {
  await g?.stop();
});

const schemaFields = async (key: string | null, gateway = base) => {
  const res = await fetch(`${gateway}/ide/schema`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = (await res.json()) as any;
  const fields = (type: string) => body.data?.__schema.types.find((t: any) => t.name === type)?.fields.map((f: any) => f.name) ?? [];
  return { status: res.status, body, fields };
};

describe('the IDE in development', () => {
  it('answers a browser GET on the gateway URL (and on /) with the page, which loads only the gateway\'s own files', async () => {
    for (const url of [g.url, `${base}/`]) {
      const res = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<title>Commerce graph · GraphQL IDE</title>');
      expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'self';/);
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(sources.filter((s) => !s.startsWith('/ide/') && s !== 'data:,')).toEqual([]);
      const config = JSON.parse(/<script type="application\/json" id="ide-config">(.*?)<\/script>/s.exec(html)![1]);
      expect(config).toMatchObject({ endpoint: '/graphql', schema: '/ide/schema', defaultKey: KEYS.web });
      expect(config.keys.map((k: { key: string }) => k.key)).toEqual(DEMO_KEYS.map((k) => k.key));
    }
  });

  it('serves GraphiQL, React and its own script from the project\'s packages, with their types', async () => {
    const html = await (await fetch(g.url, { headers: { accept: BROWSER_ACCEPT } })).text();
    const files = [...html.matchAll(/(?:src|href)="(\/ide\/[^"]+)"/g)].map((m) => m[1]);
    expect(files).toEqual(['/ide/graphiql.min.css', '/ide/ide.css', '/ide/react.production.min.js', '/ide/react-dom.production.min.js', '/ide/graphiql.min.js', '/ide/client.js']);
    for (const file of files) {
      const res = await fetch(`${base}${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(file.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await res.arrayBuffer()).byteLength, file).toBeGreaterThan(file.includes('.min.') ? 10_000 : 100);
    }
    expect((await fetch(`${base}/ide/graphiql.min.js`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/ide/nothing.js`)).status).toBe(404);
  });

  it('keeps CSRF prevention for every other GET, and JSON POSTs work as before', async () => {
    const get = await fetch(`${g.url}?query=${encodeURIComponent('{ markets { code } }')}`, { headers: { authorization: `Bearer ${KEYS.web}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/i);
    const json = await fetch(g.url, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.headers.get('content-type')).toMatch(/json/);
    expect((await g.gql('{ markets { code } }')).data.markets).toHaveLength(5);
  });

  it('/ide/schema: the schema the key may see, its channel\'s contract for in-game; a key is required', async () => {
    expect((await schemaFields(null)).status).toBe(401);
    expect((await schemaFields('not-a-key')).status).toBe(401);
    const web = await schemaFields(KEYS.web);
    expect(web.status).toBe(200);
    expect(web.fields('Query')).toContain('products');
    expect(web.fields('Cart')).toContain('shippingAddress');
    const inGame = await schemaFields(KEYS.inGame);
    expect(inGame.fields('Query')).toContain('products');
    expect(inGame.fields('Cart')).not.toContain('shippingAddress');
    expect(inGame.fields('Cart')).toContain('lines');
  });
});

describe('the IDE in production', () => {
  const gateways: RunningGateway[] = [];
  const start = async (ide: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-ide-prod-'));
    const keys = keyStoreFromConfig({
      keysJson: JSON.stringify([
        { id: 'shop', key: 'production-shop-key-1', channel: 'web', scopes: ['storefront'] },
        { id: 'ops', key: 'production-ops-key-01', channel: 'operations', scopes: ['operations'] },
      ]),
      demoKeys: false,
    });
    const gw = await startGateway(gatewayConfigSchema.parse({
      port: 0, host: '127.0.0.1', supergraphFile: 'schema/supergraph.graphql', subgraphUrls: Object.fromEntries(Object.entries(g.services).map(([n, s]) => [n, s.url])),
      subgraphTimeouts: {}, subgraphTimeoutMs: 5000, maxSocketsPerSubgraph: 8, identitySecret: TEST_SECRET, demoKeys: false, production: true,
      maxBodyBytes: 1_000_000, logLevel: 'silent', ide, usage: { enabled: false, file: join(dir, 'usage.sqlite'), flushIntervalMs: 60_000 },
    }), { log: quietLog, keys });
    gateways.push(gw);
    return gw;
  };
  afterAll(async () => {
    for (const gw of gateways) await gw.stop();
  });

  it('is off unless configured: a browser GET gets the JSON error, no IDE files', async () => {
    const gw = await start(false);
    const res = await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(new URL('/ide/client.js', gw.url))).status).toBe(404);
    expect((await fetch(new URL('/ide/schema', gw.url), { headers: { authorization: 'Bearer production-ops-key-01' } })).status).toBe(404);
  });

  it('when enabled: no demo keys offered, and the schema for operations keys only (as introspection)', async () => {
    const gw = await start(true);
    const origin = new URL(gw.url).origin;
    const html = await (await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } })).text();
    const config = JSON.parse(/id="ide-config">(.*?)<\/script>/s.exec(html)![1]);
    expect(config).toMatchObject({ keys: [], defaultKey: null });
    expect(html).not.toContain('demo-');
    expect((await schemaFields('production-shop-key-1', origin)).status).toBe(403);
    const ops = await schemaFields('production-ops-key-01', origin);
    expect(ops.status).toBe(200);
    expect(ops.fields('Query')).toContain('products');
  });
});
