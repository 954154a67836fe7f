/**
 * The floor of bench:federation: the least work any gateway must do for TestQuery on this workload.
 * `tsx bench/federation/floor.ts SUPERGRAPH_FILE PORT` serves POST /graphql; for every request it
 * reads and parses the client's body, sends the subgraph requests a gateway sends for TestQuery
 * (recorded once at start from our planner's plan, the same bodies in the same waves: the
 * requests of one wave together, a wave after the previous one answered), with our gateway's own
 * subgraph client (gateway/executor/client.ts: undici, keep-alive, the answer parsed), and
 * serialises the 90 KB response.
 *
 * It does not plan, validate, build representations, merge or complete values: the response it
 * serialises is the one recorded at start. So it is a lower bound: no gateway can do less and answer
 * right, and "ours as a fraction of the floor" says how much of our cost is more than that.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import { SubgraphClient } from '../../gateway/executor/client.ts';
import { FederatedGateway } from '../../gateway/executor/index.ts';
import { holdOneByteNames } from '../../gateway/executor/names.ts';
import { benchQuery } from './subgraphs.ts';

interface Call { service: string; url: string; body: string; wave: number }

/** The subgraph requests of one TestQuery, with their waves (requests started while the same number had answered). */
async function record(supergraphSdl: string): Promise<{ calls: Call[]; response: unknown }> {
  const calls: Call[] = [];
  let answered = 0;
  class Recording extends SubgraphClient {
    constructor(name: string, private readonly url: string) {
      super(name, url, 30_000, 8);
    }
    override async post(body: string, headers: Record<string, string>) {
      calls.push({ service: this.name, url: this.url, body, wave: answered });
      try {
        return await super.post(body, headers);
      } finally {
        answered++;
      }
    }
  }
  const gateway = new FederatedGateway({ supergraphSdl, client: (name, url) => new Recording(name, url), headers: () => ({ 'content-type': 'application/json' }) });
  const { executor } = await gateway.load();
  const source = benchQuery();
  const document = parse(source);
  const result = await executor({ request: { query: source }, document, operation: getOperationAST(document)!, operationName: 'TestQuery', queryHash: 'floor', source, context: {} } as never);
  await gateway.stop();
  if ('errors' in result && result.errors?.length) throw new Error(`floor: TestQuery failed: ${JSON.stringify(result.errors)}`);
  return { calls, response: JSON.parse(JSON.stringify(result)) };
}

async function main() {
  const [supergraphFile, port] = process.argv.slice(2);
  const supergraphSdl = readFileSync(supergraphFile, 'utf8');
  // response keys one byte per character, as in our gateway: the floor must not pay for two-byte text
  holdOneByteNames(supergraphSdl);
  const { calls, response } = await record(supergraphSdl);
  const waves: Call[][] = [];
  for (const call of calls) (waves[call.wave] ??= []).push(call);
  const ordered = waves.filter(Boolean);
  const clients = new Map<string, SubgraphClient>();
  for (const call of calls) if (!clients.has(call.url)) clients.set(call.url, new SubgraphClient(call.service, call.url, 30_000, 64));
  const headers = { 'content-type': 'application/json' };
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const wave of ordered) {
          await Promise.all(wave.map((call) => clients.get(call.url)!.post(call.body, headers)));
        }
        const text = JSON.stringify(response);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(e) }] }));
      }
    });
  }).listen(Number(port), '127.0.0.1', () => console.log(`floor: ${calls.length} subgraph requests in ${ordered.length} waves per TestQuery, on :${port}`));
}

await main();
