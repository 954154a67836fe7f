import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError, parse, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentsOf, sha256Hex } from '../../common/schemaCheck/trustedDocuments.ts';
import { prepareRequest, TrustedDocuments } from './trustedDocuments.ts';

const schema = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const [markets, products] = documentsOf('test', parse(`
  query Markets { markets { code ...M } }
  query Products($market: String!) { products(market: $market, first: 1) { edges { node { sku } } } }
  fragment M on Market { currencyCode }
  fragment Unused on Market { code }
`));
const manifest = (docs = [markets, products]) => ({
  format: 'commerce-graph-trusted-documents/1' as const,
  documents: Object.fromEntries(docs.map((d) => [sha256Hex(d.document), d])),
});
const docs = TrustedDocuments.fromManifest(manifest());
const H = sha256Hex(markets.document);

describe('compiling trusted documents', () => {
  it('one document per operation, with exactly the fragments it uses', () => {
    expect(markets.document).toMatch(/fragment M on Market/);
    expect(markets.document).not.toMatch(/Unused/);
    expect(products.document).not.toMatch(/fragment/);
  });

  it('refuses a manifest whose hash does not name its document', () => {
    const m = manifest();
    m.documents[H] = { ...m.documents[H], document: '{ markets { code } }' };
    expect(() => TrustedDocuments.fromManifest(m)).toThrow(/hash/);
  });
});

describe('requests by hash', () => {
  const post = (body: unknown) => ({ method: 'POST', body, search: '' });

  it('documentId and the persisted query extension become the document; other extensions stay', () => {
    for (const id of [H, `sha256:${H}`, H.toUpperCase()]) {
      const r = prepareRequest(docs, true, post({ documentId: id, variables: { a: 1 } }));
      expect(r.body).toEqual({ query: markets.document, variables: { a: 1 }, extensions: {} });
      expect(r.trusted?.operation).toBe('Markets');
    }
    const r = prepareRequest(docs, true, post({ extensions: { persistedQuery: { version: 1, sha256Hash: H }, other: true } }));
    expect(r.body).toEqual({ query: markets.document, extensions: { other: true } });
  });

  it('GET parameters too', () => {
    const r = prepareRequest(docs, true, { method: 'GET', body: undefined, search: `?documentId=${H}&variables=%7B%7D` });
    const params = new URLSearchParams(r.search);
    expect(params.get('query')).toBe(markets.document);
    expect(params.get('documentId')).toBeNull();
    expect(params.get('variables')).toBe('{}');
    const byText = prepareRequest(docs, true, { method: 'GET', body: undefined, search: `?query=${encodeURIComponent(markets.document)}` });
    expect(byText.trusted?.operation).toBe('Markets');
    expect(() => prepareRequest(docs, true, { method: 'GET', body: undefined, search: '?query=%7B%20markets%20%7B%20code%20%7D%20%7D' })).toThrow(/registered operations only/);
  });

  it('a persisted-only key: anything that is not a manifest document is refused, whatever its shape', () => {
    for (const body of [{ query: '{ markets { code } }' }, [{ documentId: H }], 'query { markets { code } }', null, { query: `${markets.document}\n` }]) {
      expect(() => prepareRequest(docs, true, post(body))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } }) }));
    }
    for (const body of [{ documentId: 'f'.repeat(64) }, { documentId: 42 }, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }]) {
      expect(() => prepareRequest(docs, true, post(body))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) }));
    }
    expect(() => prepareRequest(docs, true, post({ documentId: H, query: '{ markets { code } }' }))).toThrow(/not the document/);
  });

  it('other keys: text as before, an unknown persisted query hash left to Apollo, an unknown documentId refused', () => {
    const text = post({ query: '{ markets { code } }' });
    expect(prepareRequest(docs, false, text)).toBe(text);
    const apq = post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(prepareRequest(docs, false, apq)).toBe(apq);
    expect(() => prepareRequest(docs, false, post({ documentId: 'f'.repeat(64) }))).toThrow(/No trusted document/);
  });
});

describe('the document store', () => {
  it('a manifest document is neither parsed nor validated by Apollo; another document is, once', async () => {
    const events: string[] = [];
    const store = docs.documentStore(schema, []);
    expect(store.preloaded).toBe(2);
    const apollo = new ApolloServer({
      schema,
      documentStore: store,
      plugins: [{ async requestDidStart() {
        return { async parsingDidStart() { events.push('parse'); }, async validationDidStart() { events.push('validate'); } };
      } }],
    });
    await apollo.start();
    await apollo.executeOperation({ query: markets.document });
    await apollo.executeOperation({ query: products.document, variables: { market: 'DE' } });
    expect(events).toEqual([]);
    await apollo.executeOperation({ query: '{ markets { code } }' });
    await apollo.executeOperation({ query: '{ markets { code } }' });
    expect(events).toEqual(['parse', 'validate']);
    await apollo.stop();
  });

  it('a manifest document that breaks the gateway\'s rules is not preloaded: it goes through validation like any other', () => {
    const refuseAll: ValidationRule = (context) => ({ Document() { context.reportError(new GraphQLError('refused')); } });
    expect(docs.documentStore(schema, [refuseAll]).preloaded).toBe(0);
  });
});
