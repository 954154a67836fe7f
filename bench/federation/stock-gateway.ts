/**
 * Stock `@apollo/server` + `@apollo/gateway`, configured as in the public federation benchmark
 * (a supergraph file, the defaults otherwise). Usage: stock-gateway.ts SUPERGRAPH_FILE PORT
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

export async function startStockGateway(supergraphSdl: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, port] = process.argv.slice(2);
  const { url } = await startStockGateway(readFileSync(file, 'utf8'), Number(port));
  console.log(`ready ${url}`);
}
