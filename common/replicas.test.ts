import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient } from './graphClient.ts';
import { RoundRobin, Rotation, isUrlList } from './replicas.ts';

describe('replica URL lists', () => {
  it('parses comma-separated lists and rotates', () => {
    expect(isUrlList('http://a:1/graphql, http://b:2/graphql')).toBe(true);
    expect(isUrlList('http://a:1/graphql,not a url')).toBe(false);
    const rr = new RoundRobin('http://a/,http://b/,http://c/');
    expect(rr.order()).toEqual(['http://a/', 'http://b/', 'http://c/']);
    expect(rr.order()).toEqual(['http://b/', 'http://c/', 'http://a/']);
    expect(rr.order()).toEqual(['http://c/', 'http://a/', 'http://b/']);
    expect(rr.order()).toEqual(['http://a/', 'http://b/', 'http://c/']);
  });

  it("gives each turn's order made once, the same array every round; nothing to try when empty", () => {
    const rotation = new Rotation([1, 2]);
    const first = rotation.order();
    const second = rotation.order();
    expect([first, second]).toEqual([[1, 2], [2, 1]]);
    expect(rotation.order()).toBe(first);
    expect(rotation.order()).toBe(second);
    expect(new Rotation([]).order()).toEqual([]);
    expect(new RoundRobin(' , ').order()).toEqual([]);
  });
});

describe('GraphClient over replicas', () => {
  let live = '';
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    live = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('skips a replica that refuses connections', async () => {
    const dead = 'http://127.0.0.1:9/graphql'; // discard port: nothing listens
    const client = new GraphClient({ caller: 'test', secret: 'x'.repeat(32), timeoutMs: 2000 });
    for (let i = 0; i < 4; i++) {
      await expect(client.call('svc', `${dead},${live}`, '{ ok }')).resolves.toEqual({ ok: true });
    }
    expect(hits).toBe(4);
    await expect(client.call('svc', dead, '{ ok }')).rejects.toThrow(/unreachable/);
    await client.close();
  });
});
