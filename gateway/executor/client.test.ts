import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphClient, SubgraphUnavailable } from './client.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];
async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** a port nothing listens on: connections to it are refused */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/graphql`;
}

const headers = { 'content-type': 'application/json' };
const json = { 'content-type': 'application/json' };

describe('SubgraphClient', () => {
  const hanging: ServerResponse[] = [];
  let echo: string;
  let slow: string;
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });
  beforeAll(async () => {
    echo = await serve((req, res, body) => {
      res.writeHead(200, json);
      res.end(JSON.stringify({ data: { body: JSON.parse(body), path: req.url, identity: req.headers['x-identity'] ?? null } }));
    });
    // headers at once, then the body never ends
    slow = await serve((_req, res) => {
      res.writeHead(200, json);
      res.write('{"data":');
      hanging.push(res);
    });
  });

  function client(urls: string, timeoutMs = 5_000, maxSockets = 4) {
    const outcomes: string[] = [];
    const c = new SubgraphClient('products', urls, timeoutMs, maxSockets, (outcome) => outcomes.push(outcome));
    return { c, outcomes };
  }

  it('posts the body with the given headers and parses the answer', async () => {
    const { c, outcomes } = client(`${echo}?x=1`);
    const answer = await c.post('{"query":"{ a }"}', { ...headers, 'x-identity': 'signed' });
    expect(answer).toEqual({ data: { body: { query: '{ a }' }, path: '/graphql?x=1', identity: 'signed' } });
    expect(outcomes).toEqual(['ok']);
    await c.close();
  });

  it('reassembles a long answer from many chunks, characters split between chunks included', async () => {
    const text = JSON.stringify({ data: { s: 'é€😀'.repeat(40_000) } });
    const bytes = Buffer.from(text);
    const url = await serve((_req, res) => {
      res.writeHead(200, json);
      // odd-sized pieces cut multi-byte characters in two
      for (let i = 0; i < bytes.length; i += 7001) res.write(bytes.subarray(i, i + 7001));
      res.end();
    });
    const { c } = client(url);
    expect(await c.post('{}', headers)).toEqual(JSON.parse(text));
    await c.close();
  });

  it('accepts an answer that starts with a byte order mark', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, json);
      res.end('\ufeff{"data":{"a":1}}');
    });
    const { c } = client(url);
    expect(await c.post('{}', headers)).toEqual({ data: { a: 1 } });
    await c.close();
  });

  it('returns a GraphQL answer sent with an error status, and counts the status', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, json);
      res.end('{"errors":[{"message":"bad"}]}');
    });
    const { c, outcomes } = client(url);
    expect(await c.post('{}', headers)).toEqual({ errors: [{ message: 'bad' }] });
    expect(outcomes).toEqual(['http_400']);
    await c.close();
  });

  it('refuses an answer that is not a GraphQL response', async () => {
    const html = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const notGraphql = await serve((_req, res) => {
      res.writeHead(200, json);
      res.end('{"hello":1}');
    });
    const a = client(html);
    await expect(a.c.post('{}', headers)).rejects.toMatchObject({ reason: 'status', message: 'subgraph products: HTTP 502' });
    expect(a.outcomes).toEqual(['http_502']);
    const b = client(notGraphql);
    await expect(b.c.post('{}', headers)).rejects.toMatchObject({ reason: 'invalid', message: 'subgraph products: invalid response' });
    expect(b.outcomes).toEqual(['ok']);
    await Promise.all([a.c.close(), b.c.close()]);
  });

  it('cuts off an answer longer than the limit, and reads one exactly at it', async () => {
    const limit = 200_000;
    const answerOf = (bytes: number) => {
      const head = '{"data":{"s":"';
      return `${head}${'x'.repeat(bytes - head.length - 3)}"}}`;
    };
    let served = 0;
    const url = await serve((req, res) => {
      served++;
      res.writeHead(200, json);
      // the long answer in pieces, as a subgraph streams it; the rest never matters
      const text = answerOf(req.url === '/graphql?long' ? 5 * limit : limit);
      for (let i = 0; i < text.length; i += 16_384) res.write(text.slice(i, i + 16_384));
      res.end();
    });
    const outcomes: string[] = [];
    const c = new SubgraphClient('products', `${url}?long`, 5_000, 4, (o) => outcomes.push(o), limit);
    await expect(c.post('{}', headers)).rejects.toMatchObject({ reason: 'invalid', message: `subgraph products: answer longer than ${limit} bytes` });
    expect(outcomes).toEqual(['too_large']);
    const exact = new SubgraphClient('products', url, 5_000, 4, () => {}, limit);
    expect(JSON.stringify(await exact.post('{}', headers))).toHaveLength(limit);
    // the connection cut off mid-answer is given up, not reused half-read: the next request reaches the server
    await expect(c.post('{}', headers)).rejects.toMatchObject({ reason: 'invalid' });
    expect(served).toBe(3);
    await Promise.all([c.close(), exact.close()]);
  });

  it('skips a replica that refuses the connection, round robin over the others', async () => {
    const refused = await refusedUrl();
    const { c, outcomes } = client(`${refused},${echo}`);
    for (let i = 0; i < 4; i++) expect((await c.post('{"n":1}', headers)).data).toMatchObject({ body: { n: 1 } });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok']);
    await c.close();
  });

  it('fails as unreachable when no replica takes the connection', async () => {
    const { c, outcomes } = client(`${await refusedUrl()},${await refusedUrl()}`);
    const e = await c.post('{}', headers).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SubgraphUnavailable);
    expect(e).toMatchObject({ reason: 'unreachable', serviceName: 'products' });
    expect(outcomes).toEqual(['unreachable']);
    await c.close();
  });

  it('times out when the body does not arrive in time, and the socket is given up', async () => {
    const { c, outcomes } = client(slow, 300);
    const started = Date.now();
    await expect(c.post('{}', headers)).rejects.toMatchObject({ reason: 'timeout', message: 'subgraph products: timeout after 300 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(outcomes).toEqual(['timeout']);
    await c.close();
  });

  it('times out a request still waiting for a socket, without sending it later', async () => {
    let received = 0;
    const url = await serve((_req, res) => {
      received++;
      res.writeHead(200, json);
      if (received > 1) return void res.end(JSON.stringify({ data: { received } }));
      res.write('{"data":');
      hanging.push(res);
    });
    // one socket: the second request waits behind the first, which never completes
    const { c } = client(url, 400, 1);
    const first = c.post('{}', headers).catch((e: unknown) => e);
    const started = Date.now();
    const second = await c.post('{}', headers).catch((e: unknown) => e);
    expect(second).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await first).toMatchObject({ reason: 'timeout' });
    // requests on one socket are served in order: had the failed second request been sent when the
    // socket came free, the server would count it before this one
    const third = await c.post('{}', headers);
    expect(third).toEqual({ data: { received: 2 } });
    await c.close();
  });
});
