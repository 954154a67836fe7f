import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, buildSchema, execute, getVariableValues, GraphQLError, Kind, specifiedRules, validate, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { apiSchemaOf } from '../common/compose.ts';
import type { Identity } from '../common/identity.ts';
import { buildContracts } from '../common/schemaCheck/contracts.ts';
import type { OperationCheck, ResolvedOperation } from './guards.ts';

/**
 * Channel contracts in the gateway: an operation of a channel that has a contract (schema/contracts/,
 * derived from `@tag` in the subgraph SDL, see common/schemaCheck/contracts.ts) must validate against
 * that contract. Otherwise it is refused with OUTSIDE_CHANNEL_CONTRACT (HTTP 400) before planning,
 * and no subgraph is called. Introspection by such a channel describes its contract, not the whole API.
 */
export function contractSchemas(supergraphSdl: string): Map<string, GraphQLSchema> {
  const contracts = buildContracts(supergraphSdl, apiSchemaOf(supergraphSdl));
  return new Map([...contracts].map(([channel, sdl]) => [channel, buildSchema(sdl)]));
}

const MAX_CACHED = 2000;

export function contractGuard<TContext extends { identity: Identity }>(contracts: Map<string, GraphQLSchema>, check: OperationCheck<TContext> = contractCheck<TContext>(contracts)): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          check(rc as unknown as ResolvedOperation<TContext>);
        },
        async responseForOperation({ contextValue, operation, document, request, response }) {
          const schema = contracts.get(contextValue.identity?.channel);
          if (!schema || !introspectionOnly(operation)) return null;
          const result = await execute({ schema, document, operationName: request.operationName, variableValues: request.variables });
          return { http: response.http, body: { kind: 'single', singleResult: { data: result.data as Record<string, unknown>, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) } } };
        },
      };
    },
  };
}

/**
 * The contract check alone (the plugin above and the gateway's own request path): an operation of a
 * channel with a contract must validate against it, variables included.
 */
export function contractCheck<TContext extends { identity: Identity }>(contracts: Map<string, GraphQLSchema>): OperationCheck<TContext> {
  // verdicts per channel and document text; a document is validated once per channel
  const cache = new Map<string, string[]>();
  return ({ document, contextValue, queryHash, operation, request, schema: apiSchema }) => {
    const channel = contextValue.identity?.channel;
    const schema = channel ? contracts.get(channel) : undefined;
    if (!schema) return;
    // introspection is answered from the contract only when asked on its own (a mixed operation
    // would be executed against the whole API)
    if (operation && !introspectionOnly(operation) && asksIntrospection(document)) {
      throw new GraphQLError(`The ${channel} channel asks __schema and __type in an operation of their own.`, {
        extensions: { code: 'OUTSIDE_CHANNEL_CONTRACT', channel, http: { status: 400 } },
      });
    }
    const key = `${channel}\n${queryHash}`;
    let problems = cache.get(key);
    if (!problems) {
      problems = validate(schema, document, specifiedRules).map((e) => e.message);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(key, problems);
    }
    // the variables' values too: an input object may not carry a field the contract leaves out
    // (variables that are wrong for the whole API are answered BAD_USER_INPUT by execution)
    if (!problems.length && operation?.variableDefinitions?.length && !getVariableValues(apiSchema, operation.variableDefinitions, request.variables ?? {}).errors) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, request.variables ?? {});
      problems = (coerced.errors ?? []).map((e) => e.message);
    }
    if (problems.length) {
      throw new GraphQLError(`The ${channel} channel's contract does not include what this operation uses: ${problems.slice(0, 5).join(' ')}`, {
        extensions: { code: 'OUTSIDE_CHANNEL_CONTRACT', channel, http: { status: 400 } },
      });
    }
  };
}

/** Whether any selection of the document asks __schema or __type. */
export function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** An operation that only asks for __schema / __type / __typename at its root. */
export function introspectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query'
    && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}
