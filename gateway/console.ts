import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlErrorBody, sendJson, type Route } from '../common/http.ts';

/**
 * The marketing console (console/, a React app built by Vite into console/dist) served at /console/.
 * Static files only: the console signs in with an API key and calls /graphql and /exports like any
 * client, so this serves the same files to everyone. Everything the page loads comes from here; a
 * Content-Security-Policy allows nothing else. The build is made by `npm start` (or
 * `npm run console:build`); without it /console/ answers 503 CONSOLE_NOT_BUILT.
 */
export const CONSOLE_PATH = '/console/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

export function consoleRoutes(options: { dir: string }): Record<string, Route> {
  const root = resolve(options.dir);
  const cache = new Map<string, Buffer>();
  /** the file for a path under /console/, or null; paths without an extension are the app's own (index.html) */
  const fileOf = (pathname: string): string | null => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(CONSOLE_PATH.length));
    } catch {
      return null;
    }
    if (rel === '' || !extname(rel)) rel = 'index.html';
    const file = normalize(join(root, rel));
    return file.startsWith(root + sep) ? file : null;
  };
  const serve: Route = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, graphqlErrorBody('METHOD_NOT_ALLOWED', 'The console is read with GET.'), { allow: 'GET, HEAD' });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = fileOf(pathname);
    if (!file) return sendJson(res, 404, graphqlErrorBody('NOT_FOUND', `No console file ${pathname}.`));
    let body = cache.get(file);
    if (!body) {
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        body = readFileSync(file);
      } catch {
        if (file.endsWith(`${sep}index.html`)) {
          return sendJson(res, 503, graphqlErrorBody('CONSOLE_NOT_BUILT', 'The marketing console is not built: npm start builds it, or run npm run console:build.'));
        }
        return sendJson(res, 404, graphqlErrorBody('NOT_FOUND', `No console file ${pathname}.`));
      }
      // the build's assets carry a content hash in their names; index.html is read again after a rebuild
      if (!file.endsWith('.html')) cache.set(file, body);
    }
    const html = file.endsWith('.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(html ? { 'content-security-policy': CONSOLE_CSP, 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return {
    '/console': (_req, res) => {
      res.writeHead(308, { location: CONSOLE_PATH }).end();
    },
    [`${CONSOLE_PATH}*`]: serve,
    [CONSOLE_PATH]: serve,
  };
}
