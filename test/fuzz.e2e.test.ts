import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/**
 * 10,000 malformed or hostile documents and bodies through the gateway: no crash, no 5xx,
 * memory back to normal afterwards. Deterministic (seeded), so a failure can be replayed.
 */
let g: TestGraph;
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const contract = readdirSync('clients').filter((f) => f.endsWith('.graphql')).map((f) => readFileSync(`clients/${f}`, 'utf8'));

type Attack = { body: string; contentType: string; key: string | null };

function attack(r: () => number, i: number): Attack {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const doc = pick(contract);
  const json = (query: string, variables: unknown = {}) => JSON.stringify({ query, variables });
  const kinds: (() => Attack)[] = [
    () => ({ body: json(doc.slice(0, Math.floor(r() * doc.length))), contentType: 'application/json', key: KEYS.web }), // truncated documents
    () => ({ body: json(doc.replace(/[{}()]/g, (c) => (r() < 0.05 ? '' : c))), contentType: 'application/json', key: KEYS.web }), // broken brackets
    () => ({ body: json(`{ ${Array.from({ length: 40 + Math.floor(r() * 200) }, (_, k) => `a${k}: products(market: "DE") { totalCount }`).join(' ')} }`), contentType: 'application/json', key: KEYS.web }), // alias bombs
    () => ({ body: json(`{ product(sku: "x") ${'{ attributes '.repeat(20 + Math.floor(r() * 200))}${'}'.repeat(20)} }`), contentType: 'application/json', key: KEYS.web }), // deep nesting
    () => ({ body: json('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), contentType: 'application/json', key: KEYS.web }), // fragment cycles
    () => ({ body: json(`{ product(sku: "${'x'.repeat(10_000 + Math.floor(r() * 50_000))}") { sku } }`), contentType: 'application/json', key: KEYS.web }), // huge strings
    () => ({ body: json('query($m: String!, $f: Int) { products(market: $m, first: $f) { totalCount } }', pick([{ m: 5 }, { m: null }, { m: 'DE', f: 'x' }, { m: ['DE'] }, { m: { a: 1 } }, { m: 'DE', f: 2 ** 40 }])), contentType: 'application/json', key: KEYS.web }), // wrong variable types
    () => ({ body: pick(['{', '{"query": ', 'null', '[]', '"x"', '{"query": 5}', '{"query": null}', '\u0000\u0001', '{"query":"{ markets { code } }","variables":"x"}']), contentType: 'application/json', key: KEYS.web }), // invalid JSON and shapes
    () => ({ body: '{ markets { code } }', contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', '']), key: KEYS.web }), // wrong content types
    () => ({ body: Buffer.from(Array.from({ length: 1 + Math.floor(r() * 2000) }, () => Math.floor(r() * 256))).toString('latin1'), contentType: 'application/json', key: KEYS.web }), // random bytes
    () => ({ body: json(`{ ${'__typename '.repeat(5001 + Math.floor(r() * 2000))} }`), contentType: 'application/json', key: KEYS.web }), // token floods
    () => ({ body: json(`query @a${' @b'.repeat(100 + Math.floor(r() * 300))} { markets { code } }`), contentType: 'application/json', key: KEYS.web }), // directive floods
    () => ({ body: json(doc), contentType: 'application/json', key: pick([null, 'x', 'demo-web-key ', KEYS.inGame]) }), // no or wrong keys
    () => ({ body: json(`mutation { ${Array.from({ length: 20 }, (_, k) => `m${k}: createCampaign(input: { name: "x", market: "DE", effect: { type: "percentOffCart", args: { percent: ${k} } } }) { userErrors { code } }`).join(' ')} }`), contentType: 'application/json', key: KEYS.kiosk }), // forbidden floods
  ];
  return kinds[i % kinds.length]();
}

beforeAll(async () => {
  g = await startTestGraph();
});
afterAll(async () => {
  await g?.stop();
});

describe('fuzz', () => {
  // counted in requests, not time: the timeout only catches a hang (a loaded machine is slow, not wrong)
  it(`answers ${TOTAL} (+50%) hostile requests without a crash or a 5xx, and memory settles`, { timeout: 900_000 }, async () => {
    const r = rng(20261122);
    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    const heap = async () => {
      for (let k = 0; k < 3; k++) {
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((res) => setTimeout(res, 100));
      }
      return process.memoryUsage().heapUsed;
    };
    const round = async (count: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < count) {
          const i = next++;
          const a = attack(r, i);
          const headers: Record<string, string> = {};
          if (a.contentType) headers['content-type'] = a.contentType;
          if (a.key) headers.authorization = `Bearer ${a.key}`;
          headers['apollo-require-preflight'] = 'true';
          const res = await fetch(g.url, { method: 'POST', headers, body: a.body });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500 && fivexx.length < 5) fivexx.push(`#${i} ${res.status} ${a.body.slice(0, 120)}`);
        }
      }));
    };
    // the graph runs in this process: six Apollo servers whose bounded document and plan caches
    // fill up with the hostile documents; a first round fills them, a second must not grow further
    await round(TOTAL);
    const afterFirst = await heap();
    await round(Math.floor(TOTAL / 2));
    expect(fivexx).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL + Math.floor(TOTAL / 2));
    const health = await fetch(g.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    const ok = await g.gql('{ markets { code } }');
    expect(ok.data.markets).toHaveLength(5);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function');
    const grown = ((await heap()) - afterFirst) / 1024 / 1024;
    console.log(`fuzz: ${TOTAL} + ${Math.floor(TOTAL / 2)} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, heap growth in the second round ${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(32);
  });
});
