import { existsSync, readFileSync } from 'node:fs';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { sha256Hex, type TrustedDocument, type TrustedDocumentManifest } from '../../common/schemaCheck/trustedDocuments.ts';

/**
 * Trusted documents at the gateway (the manifest of `npm run documents:compile`): a request names a
 * manifest document by hash — Apollo's persisted query extension
 * (`extensions.persistedQuery.sha256Hash`) or `documentId` (`<hash>` or `sha256:<hash>`) — instead
 * of sending its text. A persisted-only key (the key file's `persistedOnly`, or by default every key
 * of PERSISTED_ONLY_CHANNELS: pos, kiosk and in-game in production) runs manifest documents only:
 * anything else is refused with HTTP 400 PERSISTED_QUERY_NOT_ALLOWED before it is even parsed.
 * Manifest documents are parsed and validated once at start, so a request by hash skips both.
 */
export class TrustedDocuments {
  private constructor(
    readonly byHash: ReadonlyMap<string, TrustedDocument>,
  ) {}

  static fromManifest(manifest: TrustedDocumentManifest): TrustedDocuments {
    const map = new Map<string, TrustedDocument>();
    for (const [hash, d] of Object.entries(manifest.documents ?? {})) {
      // a manifest edited by hand must still say what it hashes
      if (sha256Hex(d.document) !== hash) throw new Error(`trusted documents: the hash of ${d.client}/${d.operation} is not ${hash}`);
      map.set(hash, d);
    }
    return new TrustedDocuments(map);
  }

  /** The manifest file, or no documents when it does not exist. */
  static load(file: string | undefined): TrustedDocuments {
    if (!file || !existsSync(file)) return new TrustedDocuments(new Map());
    return TrustedDocuments.fromManifest(JSON.parse(readFileSync(file, 'utf8')) as TrustedDocumentManifest);
  }

  get size(): number {
    return this.byHash.size;
  }

  /**
   * Apollo's document cache, with every manifest document parsed and validated (the gateway's own
   * rules included) against the schema the gateway serves: a request for one of them finds its
   * document there and skips parsing and validation. Other documents are cached as usual.
   */
  documentStore(schema: GraphQLSchema, rules: readonly ValidationRule[]): KeyValueCache<DocumentNode> & { preloaded: number } {
    const ready = new Map<string, DocumentNode>();
    for (const [hash, d] of this.byHash) {
      const doc = parse(d.document);
      if (validate(schema, doc, [...specifiedRules, ...rules]).length === 0) ready.set(hash, doc);
    }
    const lru = new InMemoryLRUCache<DocumentNode>();
    // Apollo's keys are `<schema hash>:<query hash>`; the gateway serves one schema
    const hashOf = (key: string) => key.slice(key.lastIndexOf(':') + 1);
    return {
      preloaded: ready.size,
      get: async (key) => ready.get(hashOf(key)) ?? lru.get(key),
      set: async (key, value, options) => {
        if (!ready.has(hashOf(key))) await lru.set(key, value, options);
      },
      delete: async (key) => lru.delete(key),
    };
  }
}

export function persistedQueryNotAllowed(): GraphQLError {
  return new GraphQLError('This key runs registered operations only: send the hash of a trusted document (documentId, or the persistedQuery extension).', {
    extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
  });
}

export function persistedQueryNotFound(): GraphQLError {
  return new GraphQLError('No trusted document has this hash.', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });
}

function hashMismatch(): GraphQLError {
  return new GraphQLError('The query sent is not the document its hash names.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

export interface RawRequest {
  method: string;
  body: unknown;
  search: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Before Apollo reads a request: a hash of a manifest document — `documentId` (`<hash>` or
 * `sha256:<hash>`, GraphQL over HTTP's persisted documents) or Apollo's persisted query extension —
 * becomes that document's text; for a persisted-only key (`only`) anything that is not a manifest
 * document, by hash or by its exact text, is refused (HTTP 400 PERSISTED_QUERY_NOT_ALLOWED) before
 * it is parsed. An unknown hash in the persisted query extension from another key is left to
 * Apollo's automatic persisted queries; an unknown `documentId` is PERSISTED_QUERY_NOT_FOUND.
 * POST bodies and GET parameters alike.
 */
export function prepareRequest(documents: TrustedDocuments, only: boolean, request: RawRequest): RawRequest & { trusted?: TrustedDocument } {
  const get = request.method === 'GET';
  const params = get ? new URLSearchParams(request.search) : null;
  const body = get ? null : isObject(request.body) ? request.body : null;
  if (!get && !body) {
    if (only) throw persistedQueryNotAllowed();
    return request;
  }
  const documentId = body ? body.documentId : (params!.get('documentId') ?? undefined);
  let extensions: unknown = body ? body.extensions : params!.get('extensions') ?? undefined;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      extensions = undefined;
    }
  }
  const persisted = isObject(extensions) && isObject(extensions.persistedQuery) ? extensions.persistedQuery : undefined;
  const query = body ? body.query : (params!.get('query') ?? undefined);
  const rawHash = documentId !== undefined ? documentId : persisted?.sha256Hash;
  if (rawHash !== undefined) {
    const hash = typeof rawHash === 'string' ? rawHash.replace(/^sha256:/, '').toLowerCase() : '';
    const d = documents.byHash.get(hash);
    if (!d) {
      if (only || documentId !== undefined) throw persistedQueryNotFound();
      return request;
    }
    if (query !== undefined && query !== d.document) throw hashMismatch();
    const { persistedQuery: _p, ...otherExtensions } = isObject(extensions) ? extensions : {};
    if (body) {
      const { documentId: _d, ...rest } = body;
      return { method: request.method, body: { ...rest, query: d.document, extensions: otherExtensions }, search: request.search, trusted: d };
    }
    params!.delete('documentId');
    params!.set('query', d.document);
    params!.set('extensions', JSON.stringify(otherExtensions));
    return { method: request.method, body: request.body, search: `?${params!.toString()}`, trusted: d };
  }
  if (!only) return request;
  // the text itself, exactly as in the manifest
  const d = typeof query === 'string' ? documents.byHash.get(sha256Hex(query)) : undefined;
  if (!d) throw persistedQueryNotAllowed();
  return { ...request, trusted: d };
}
