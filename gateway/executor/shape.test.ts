import { buildSchema, Kind, parse, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileOperation, ResponseShaper } from './shape.ts';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Product implements Node { id: ID!  name: String  price: Int! }
  type User implements Node { id: ID!  name: String }
  type Query { products: [Product]  node: Node  first: Product! }
`);
const shaper = new ResponseShaper(schema);

function shape(query: string, merged: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const op = compileOperation(document, document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode);
  const errors: GraphQLError[] = [];
  return { op, errors, data: shaper.shape(op, schema.getQueryType()!, merged, variables, errors) };
}

describe('response shaping', () => {
  it('answers in the order and under the names asked for, with __typename and fragments on abstract types', () => {
    const { data } = shape('{ node { __typename ... on Product { n: name } ...U } products { price id } } fragment U on User { name }', {
      products: [{ id: '1', price: 5, extra: 'not asked' }],
      // merged subgraph data is keyed by response name (aliases included)
      node: { __typename: 'Product', n: 'Table', id: '1' },
    });
    expect(JSON.stringify(data)).toBe('{"node":{"__typename":"Product","n":"Table"},"products":[{"price":5,"id":"1"}]}');
  });

  it('propagates a missing non-null field to the nearest nullable parent', () => {
    // the list's items are nullable: only the broken item becomes null
    expect(shape('{ products { id price } }', { products: [{ id: '1', price: 1 }, { id: '2' }] }).data).toEqual({ products: [{ id: '1', price: 1 }, null] });
    // a non-null root field: the whole data
    expect(shape('{ first { price } products { id } }', { first: { name: 'x' }, products: [] }).data).toBeNull();
  });

  it('honours @skip and @include with variables', () => {
    const q = 'query($s: Boolean!) { products { id name @skip(if: $s) price @include(if: $s) } }';
    const merged = { products: [{ id: '1', name: 'Table', price: 2 }] };
    expect(shape(q, merged, { s: true }).data).toEqual({ products: [{ id: '1', price: 2 }] });
    expect(shape(q, merged, { s: false }).data).toEqual({ products: [{ id: '1', name: 'Table' }] });
  });

  it('collects the fields of an operation once: shaping it again adds nothing to its cache', () => {
    const { op } = shape('{ products { id } node { id ... on User { name } } }', { products: [{ id: '1' }], node: { __typename: 'User', id: '2', name: 'A' } });
    const size = op.cache.size;
    for (let i = 0; i < 5; i++) shaper.shape(op, schema.getQueryType()!, { products: [{ id: '1' }], node: { __typename: 'User', id: '2', name: 'A' } }, {}, []);
    expect(op.cache.size).toBe(size);
  });
});
