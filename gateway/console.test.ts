import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, consoleRoutes } from './console.ts';

/** The console's static files: what is served, with which headers, and nothing outside the build. */
let dir: string;
let server: Server;
let base: string;

function serve(routes: ReturnType<typeof consoleRoutes>): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path] ?? (path.startsWith('/console/') ? routes['/console/*'] : undefined);
    if (route) void route(req, res);
    else res.writeHead(404).end();
  });
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'cg-console-'));
  dir = join(root, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the build');
  server = serve(consoleRoutes({ dir }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('console routes', () => {
  it('serves index.html at /console/ and for the app paths, with a Content-Security-Policy', async () => {
    for (const path of ['/console/', '/console/campaigns']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(await res.text()).toContain('<title>console</title>');
    }
    const redirect = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/console/');
  });

  it('serves the built assets with their type, cached for long', async () => {
    const res = await fetch(`${base}/console/assets/app-1.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files and for paths that leave the build', async () => {
    expect((await fetch(`${base}/console/assets/nope.js`)).status).toBe(404);
    for (const path of ['/console/..%2Fsecret.txt', '/console/%2e%2e/secret.txt', '/console/assets/..%2F..%2Fsecret.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside the build');
    }
  });

  it('refuses other methods', async () => {
    const res = await fetch(`${base}/console/`, { method: 'POST' });
    expect(res.status).toBe(405);
  });

  it('without a build: 503 CONSOLE_NOT_BUILT', async () => {
    const empty = serve(consoleRoutes({ dir: join(dir, 'no-such-build') }));
    await new Promise<void>((r) => empty.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(empty.address() as AddressInfo).port}/console/`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('CONSOLE_NOT_BUILT');
    } finally {
      await new Promise((r) => empty.close(r));
    }
  });
});
