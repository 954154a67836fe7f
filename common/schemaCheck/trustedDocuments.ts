import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * Trusted documents: the channel apps' operations (clients/*.graphql) compiled into a manifest, one
 * document per operation (the operation and the fragments it uses, printed by graphql-js), keyed by
 * the SHA-256 of that text. The gateway runs a manifest document by its hash (Apollo's persisted
 * query extension, or `documentId`); keys that are persisted-only run nothing else.
 */
export const TRUSTED_DOCUMENTS_PATH = 'schema/trusted-documents.json';

export interface TrustedDocument {
  /** the clients/ file without `.graphql`: `kiosk`, `pos`, `ingame` … */
  client: string;
  operation: string;
  document: string;
}

export interface TrustedDocumentManifest {
  format: 'commerce-graph-trusted-documents/1';
  /** sha256 (hex) of `document` → the document */
  documents: Record<string, TrustedDocument>;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The fragments an operation uses, directly or through other fragments. */
function usedFragments(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) return;
        seen.set(name, fragment);
        walk(fragment);
      },
    });
  walk(root);
  return [...seen.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

/** One document per named operation of a file; an anonymous operation cannot be trusted (it has no name to log). */
export function documentsOf(client: string, doc: DocumentNode): TrustedDocument[] {
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return doc.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      if (!op.name) throw new Error(`clients/${client}.graphql: an operation without a name cannot be a trusted document`);
      const text = print({ kind: Kind.DOCUMENT, definitions: [op, ...usedFragments(op, fragments)] });
      return { client, operation: op.name.value, document: text };
    });
}

/** The manifest of every operation in `root/clients`, in a stable order. */
export function compileTrustedDocuments(root: string): TrustedDocumentManifest {
  const dir = join(root, 'clients');
  const documents: Record<string, TrustedDocument> = {};
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort() : [];
  for (const file of files) {
    const client = file.replace(/\.graphql$/, '');
    for (const d of documentsOf(client, parse(readFileSync(join(dir, file), 'utf8')))) documents[sha256Hex(d.document)] = d;
  }
  const ordered = Object.entries(documents).sort(([, a], [, b]) => a.client.localeCompare(b.client) || a.operation.localeCompare(b.operation));
  return { format: 'commerce-graph-trusted-documents/1', documents: Object.fromEntries(ordered) };
}

export const manifestText = (m: TrustedDocumentManifest) => `${JSON.stringify(m, null, 2)}\n`;
