import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema, lexicographicSortSchema, Source } from 'graphql';
import { DEFAULT_PORTS, SERVICE_NAMES, type ServiceName } from './config.ts';

export interface ComposeResult {
  supergraphSdl: string;
  apiSdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function subgraphSchemaFile(root: string, name: ServiceName): string {
  return join(root, 'subgraphs', name, 'schema.graphql');
}

export function defaultSubgraphUrl(name: ServiceName): string {
  return `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
}

/** Composes the subgraph SDL files into the supergraph and the API schema (what clients see). */
export function composeFromSdl(subgraphs: { name: string; url: string; sdl: string; file?: string }[]): ComposeResult {
  const problems: string[] = [];
  const services = subgraphs.map((s) => {
    try {
      // the source name puts the subgraph's file and line into composition errors
      return { name: s.name, url: s.url, typeDefs: parse(new Source(s.sdl, s.file ?? s.name)) };
    } catch (e) {
      const line = (e as { locations?: { line: number; column: number }[] }).locations?.[0];
      problems.push(`${s.name}: ${(e as Error).message}${line ? ` (${s.file ?? s.name}:${line.line}:${line.column})` : ''}`);
      return null;
    }
  });
  if (problems.length) throw new CompositionError(problems);
  const result = composeServices(services as { name: string; url: string; typeDefs: ReturnType<typeof parse> }[]);
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((e) => {
        const where = e.nodes
          ?.map((n) => (n.loc ? `${n.loc.source.name}:${n.loc.startToken.line}` : ''))
          .filter(Boolean)
          .join(', ');
        return `${e.extensions?.code ?? 'ERROR'}: ${e.message}${where ? ` (${where})` : ''}`;
      }),
    );
  }
  return { supergraphSdl: result.supergraphSdl, apiSdl: apiSchemaOf(result.supergraphSdl) };
}

export function apiSchemaOf(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(api)) + '\n';
}

export function composeProject(root: string): ComposeResult {
  return composeFromSdl(
    SERVICE_NAMES.map((name) => ({ name, url: defaultSubgraphUrl(name), sdl: readFileSync(subgraphSchemaFile(root, name), 'utf8'), file: `subgraphs/${name}/schema.graphql` })),
  );
}
