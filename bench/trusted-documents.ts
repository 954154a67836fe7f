/**
 * npm run bench:trusted-documents [-- --quick]: what a trusted document saves. For every document of
 * the manifest (schema/trusted-documents.json), in this process against the API schema with the
 * gateway's validation rules (graphql-armor's limits):
 *   - parse + validate: what the gateway does for a document it has not seen (or no longer caches),
 *     i.e. for every new text a client sends;
 *   - the trusted path: the preloaded document store's lookup (a request by hash);
 *   - a whole request through Apollo Server (no subgraph: the fields resolve to nothing) with document
 *     caching off, with Apollo's own cache warm, and with the preloaded trusted documents.
 * Writes bench/results/trusted-documents.json and prints a table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { armor, DEFAULT_LIMITS } from '../gateway/guards.ts';
import { TrustedDocuments } from '../gateway/edge/trustedDocuments.ts';
import type { TrustedDocumentManifest } from '../common/schemaCheck/trustedDocuments.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 5;
const ITERATIONS = quick ? 50 : 200;
const manifest = JSON.parse(readFileSync('schema/trusted-documents.json', 'utf8')) as TrustedDocumentManifest;
const schema = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const rules = armor({ ...DEFAULT_LIMITS, production: true }).validationRules;
const documents = TrustedDocuments.fromManifest(manifest);
const entries = Object.entries(manifest.documents);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Microseconds per call of `fn` over every document, median of the rounds. */
async function measure(fn: (hash: string, text: string) => unknown | Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) for (const [hash, d] of entries) await fn(hash, d.document);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / (ITERATIONS * entries.length));
  }
  return Number(median(rounds).toFixed(2));
}

async function apollo(documentStore: ConstructorParameters<typeof ApolloServer>[0]['documentStore']) {
  const server = new ApolloServer({ schema, validationRules: rules, documentStore, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  await server.start();
  return server;
}

async function main() {
  console.log(`trusted documents benchmark${quick ? ' (quick)' : ''}: ${entries.length} documents × ${ITERATIONS} × ${ROUNDS} rounds; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const parseValidate = await measure((_h, text) => validate(schema, parse(text), [...specifiedRules, ...rules]));
  const store = documents.documentStore(schema, rules);
  const lookup = await measure((hash) => store.get(`schema:${hash}`));
  const uncached = await apollo(null);
  const cached = await apollo(undefined);
  const trusted = await apollo(documents.documentStore(schema, rules));
  const run = (server: ApolloServer) => (_h: string, text: string) => server.executeOperation({ query: text, variables: { market: 'DE', id: 'x', sku: 'x', cartId: 'x' } });
  const requestUncached = await measure(run(uncached));
  const requestCached = await measure(run(cached));
  const requestTrusted = await measure(run(trusted));
  await Promise.all([uncached.stop(), cached.stop(), trusted.stop()]);
  const result = {
    date: new Date().toISOString(),
    conditions: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, documents: entries.length, iterations: ITERATIONS, rounds: ROUNDS, loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))) },
    microsecondsPerDocument: {
      parseAndValidate: parseValidate,
      trustedLookup: lookup,
      requestWithoutDocumentCache: requestUncached,
      requestWithApolloCacheWarm: requestCached,
      requestTrusted: requestTrusted,
    },
    savedPerRequestVersusUncached: Number((requestUncached - requestTrusted).toFixed(2)),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/trusted-documents.json', `${JSON.stringify(result, null, 2)}\n`);
  console.table(result.microsecondsPerDocument);
  console.log(`a request by hash saves ${result.savedPerRequestVersusUncached} µs of a request whose text must be parsed and validated; → bench/results/trusted-documents.json`);
}

await main();
