import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedDocumentManifest } from '../common/schemaCheck/trustedDocuments.ts';
import { UsageStore } from '../common/schemaCheck/usageStore.ts';
import { loadGatewayConfig } from '../gateway/config.ts';
import { startGateway } from '../gateway/server.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';
import { quietLog, TEST_SECRET } from './support/subgraph.ts';
import { waitFor } from './support/wait.ts';

/**
 * Trusted documents: the kiosk, POS and in-game keys run only the operations of clients/, by hash,
 * as they do in production (PERSISTED_ONLY_CHANNELS defaults to pos, kiosk, in-game there).
 */
let g: TestGraph;
const manifest = JSON.parse(readFileSync('schema/trusted-documents.json', 'utf8')) as TrustedDocumentManifest;
const hashOf = (client: string, operation: string) =>
  Object.entries(manifest.documents).find(([, d]) => d.client === client && d.operation === operation)![0];

const usageFile = join(mkdtempSync(join(tmpdir(), 'cg-usage-')), 'usage.sqlite');

beforeAll(async () => {
  g = await startTestGraph({ gatewayOverrides: { persistedOnlyChannels: ['pos', 'kiosk', 'in-game'], usage: { enabled: true, file: usageFile, flushIntervalMs: 100 } } });
});
afterAll(async () => {
  await g?.stop();
});

async function post(key: string, body: Record<string, unknown>) {
  const requestId = randomUUID();
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] }, requestId };
}

describe('trusted documents', () => {
  const products = { market: 'DE', first: 2 };

  it('a kiosk key runs a manifest operation by documentId, by Apollo\'s persisted query extension, and by its exact text', async () => {
    const hash = hashOf('kiosk', 'KioskProducts');
    for (const body of [
      { documentId: hash, variables: products },
      { documentId: `sha256:${hash}`, variables: products },
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: products },
      { query: manifest.documents[hash].document, variables: products },
    ]) {
      const res = await post(KEYS.kiosk, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.products.edges).toHaveLength(2);
    }
  });

  it('usage per client ties to the manifest operations: recorded under the manifest client, with the operation', async () => {
    const hash = hashOf('kiosk', 'KioskProducts');
    const res = await post(KEYS.kiosk, { documentId: hash, variables: products });
    expect(res.status).toBe(200);
    await waitFor(async () => {
      const store = await UsageStore.open({ file: usageFile });
      try {
        const rows = await store.since('2000-01-01');
        return rows.some((r) => r.clientName === 'kiosk' && r.coordinate === 'TrustedDocument:kiosk/KioskProducts')
          && rows.some((r) => r.clientName === 'kiosk' && r.coordinate === 'Query.products');
      } finally {
        await store.close();
      }
    }, { what: 'usage of the trusted document recorded' });
  });

  it('a GET names the document by documentId too', async () => {
    const hash = hashOf('kiosk', 'KioskProducts');
    const res = await fetch(`${g.url}?documentId=${hash}&variables=${encodeURIComponent(JSON.stringify(products))}`, {
      headers: { authorization: `Bearer ${KEYS.kiosk}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.products.edges).toHaveLength(2);
  });

  it('anything else from a persisted-only key is refused with 400 PERSISTED_QUERY_NOT_ALLOWED, and no subgraph is called', async () => {
    for (const [key, query] of [
      [KEYS.kiosk, '{ products(market: "DE", first: 1) { edges { node { sku } } } }'],
      [KEYS.pos, '{ markets { code } }'],
      [KEYS.inGame, `${manifest.documents[hashOf('ingame', 'InGameAdd')].document} `],
      [KEYS.kiosk, 'this is not GraphQL {'],
    ] as const) {
      const res = await post(key, { query });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(res.body.data).toBeUndefined();
      expect(g.subgraphCalls(res.requestId)).toBe(0);
    }
    const metrics = await (await fetch(g.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_trusted_document_refusals_total\{code="PERSISTED_QUERY_NOT_ALLOWED",service="gateway"\} [4-9]/);
  });

  it('an unknown hash is PERSISTED_QUERY_NOT_FOUND for a persisted-only key; Apollo cannot be taught new documents through it', async () => {
    const unknown = 'a'.repeat(64);
    const byId = await post(KEYS.kiosk, { documentId: unknown });
    expect(byId.status).toBe(400);
    expect(byId.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // automatic persisted queries would register this text under its hash: refused instead
    const query = '{ markets { code } }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await post(KEYS.kiosk, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.status).toBe(400);
    expect(g.subgraphCalls(register.requestId)).toBe(0);
    const again = await post(KEYS.kiosk, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(again.status).toBe(400);
  });

  it('a hash with a different text beside it is refused, not run as either', async () => {
    const hash = hashOf('kiosk', 'KioskProducts');
    const res = await post(KEYS.kiosk, { query: '{ markets { code } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(res.status).toBe(400);
    expect(g.subgraphCalls(res.requestId)).toBe(0);
  });

  it('other keys run any document as before, and manifest documents by hash too', async () => {
    const text = await post(KEYS.web, { query: '{ markets { code } }' });
    expect(text.status).toBe(200);
    expect(text.body.data.markets.length).toBeGreaterThan(0);
    const byHash = await post(KEYS.web, { documentId: hashOf('storefront', 'Products'), variables: { market: 'DE', first: 1 } });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.products.edges).toHaveLength(1);
    // an unknown documentId is no document at all, whoever sends it
    const unknown = await post(KEYS.web, { documentId: 'b'.repeat(64) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('the checks after it still apply: a manifest document outside the key\'s contract is refused before any subgraph', async () => {
    // the storefront's shipping address is not in the in-game contract (no addresses in-game)
    const res = await post(KEYS.inGame, {
      documentId: hashOf('storefront', 'SetShippingAddress'),
      variables: { cartId: 'x', expectedVersion: 1, address: { type: 'address/v1', data: {} } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions.code).toBe('OUTSIDE_CHANNEL_CONTRACT');
    expect(g.subgraphCalls(res.requestId)).toBe(0);
  });

  it('in production a kiosk key runs manifest operations only, by default; a key file can say otherwise per key', async () => {
    const keys = [
      { id: 'kiosk-1', key: 'kiosk-production-key-1', channel: 'kiosk', scopes: ['storefront'] },
      { id: 'kiosk-lab', key: 'kiosk-lab-key-12345', channel: 'kiosk', scopes: ['storefront'], persistedOnly: false },
      { id: 'web-1', key: 'web-production-key-1', channel: 'web', scopes: ['storefront'], persistedOnly: true },
    ];
    const config = loadGatewayConfig(['--port', '0'], {
      NODE_ENV: 'production', IDENTITY_SECRET: TEST_SECRET, API_KEYS: JSON.stringify(keys), USAGE_RECORDING: 'off', LOG_LEVEL: 'silent',
      SUBGRAPH_TIMEOUT_MS: '500', ...Object.fromEntries(Object.entries(g.services).map(([n, s]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, s.url])),
    });
    const prod = await startGateway(config, { log: quietLog });
    try {
      const ask = async (key: string, body: unknown) => {
        const res = await fetch(prod.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
      };
      const free = { query: '{ markets { code } }' };
      const refused = await ask('kiosk-production-key-1', free);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const ok = await ask('kiosk-production-key-1', { documentId: hashOf('kiosk', 'KioskProducts'), variables: products });
      expect(ok.status).toBe(200);
      expect(ok.body.data.products.edges).toHaveLength(2);
      expect((await ask('kiosk-lab-key-12345', free)).status).toBe(200);
      expect((await ask('web-production-key-1', free)).body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    } finally {
      await prod.stop();
    }
  });
});
