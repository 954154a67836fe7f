/**
 * The load generator of the gateway benchmarks: autocannon, run as its own process (pinned by the
 * caller with taskset), against 127.0.0.1 only. Every response is checked (status 200, no
 * `errors`, optionally a minimum size); latencies are kept whole for exact percentiles.
 *
 * CLI: load.ts '<json LoadOptions>' → prints one JSON LoadResult line; without an argument, one
 * run per JSON line on stdin.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  /** one body for every request, or a file with a JSON list of bodies picked at random */
  body?: string;
  bodiesFile?: string;
  /** a module exporting autocannon's setupRequest / onResponse (a stateful mix per connection) */
  scenario?: string;
  /** a response must be at least this long */
  minBytes?: number;
  /** `errors` in a response body counts as an error (default true) */
  noErrors?: boolean;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** transport errors, timeouts, non-200 answers and bodies that failed the check (a scenario's failed kinds included) */
  errors: number;
  /** a scenario's requests per kind: answered as meant (ok) or failed, with the reasons */
  kinds?: Record<string, { ok: number; failed: number; reasons: Record<string, number> }>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(o.url)) throw new Error('the load generator only targets 127.0.0.1');
  const bodies: string[] | undefined = o.bodiesFile ? (JSON.parse(readFileSync(o.bodiesFile, 'utf8')) as unknown[]).map((b) => JSON.stringify(b)) : undefined;
  const latencies: number[] = [];
  let bad = 0;
  const noErrors = o.noErrors ?? true;
  const scenario = o.scenario
    ? ((await import(new URL(o.scenario, `file://${process.cwd()}/`).href)) as { setupRequest: unknown; onResponse: unknown; stats?: () => NonNullable<LoadResult['kinds']> })
    : undefined;
  scenario?.stats?.(); // counts start with this run
  // the context lives until the request list wraps around: a long list keeps a shopper's cart
  const requests = scenario
    ? Array.from({ length: 1000 }, () => ({ method: 'POST', setupRequest: scenario.setupRequest, onResponse: scenario.onResponse }))
    : bodies
      ? [{ method: 'POST', setupRequest: (req: any) => ({ ...req, body: bodies[Math.floor(Math.random() * bodies.length)] }) }]
      : undefined;
  const instance = autocannon({
    url: o.url,
    method: 'POST',
    connections: o.connections,
    duration: o.seconds,
    headers: { 'content-type': 'application/json', ...o.headers },
    body: o.body,
    ...(requests ? { requests, initialContext: {} } : {}),
    verifyBody: (body: string) => !((noErrors && body.includes('"errors"')) || (o.minBytes !== undefined && body.length < o.minBytes)),
  } as any);
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) latencies.push(ms);
    else bad++;
  });
  const result: any = await new Promise((resolve, reject) => instance.on('done', resolve).on('error', reject));
  latencies.sort((a, b) => a - b);
  const kinds = scenario?.stats?.();
  // a scenario judges every answer itself (status, errors, userErrors, missing payloads): only what
  // it counted as meant is a success; transport errors and timeouts never reach it
  const sum = (pick: 'ok' | 'failed') => Object.values(kinds ?? {}).reduce((n, k) => n + k[pick], 0);
  const errors = kinds ? (result.errors ?? 0) + sum('failed') : bad + (result.errors ?? 0) + (result.mismatches ?? 0);
  const succeeded = kinds ? sum('ok') : latencies.length - (result.mismatches ?? 0);
  return {
    requests: latencies.length + bad,
    rps: Number((succeeded / o.seconds).toFixed(1)),
    p50: Number(percentile(latencies, 50).toFixed(2)),
    p95: Number(percentile(latencies, 95).toFixed(2)),
    p99: Number(percentile(latencies, 99).toFixed(2)),
    errors,
    ...(kinds ? { kinds } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2]) console.log(JSON.stringify(await runLoad(JSON.parse(process.argv[2]) as LoadOptions)));
  else {
    // one run per line of JSON on stdin, one result line each (saves a process start per run)
    const { createInterface } = await import('node:readline');
    for await (const line of createInterface({ input: process.stdin })) {
      if (!line.trim()) continue;
      try {
        console.log(JSON.stringify(await runLoad(JSON.parse(line) as LoadOptions)));
      } catch (e) {
        console.log(JSON.stringify({ error: (e as Error).message }));
      }
    }
  }
}
