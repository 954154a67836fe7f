import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { introspectionFromSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { graphqlErrorBody, sendJson, type Route } from '../common/http.ts';
import type { Identity } from '../common/identity.ts';

/**
 * The GraphQL IDE of the gateway: GraphiQL for a browser that opens the gateway URL (a GET that
 * prefers text/html; Apollo Server's landing page hook, before its CSRF check, which stays for every
 * other request). Everything it loads comes from this gateway: GraphiQL's and React's prebuilt
 * bundles from the project's own npm dependencies (graphiql, react, react-dom) and a small script
 * (gateway/ide/client.js) that adds an API key picker; a Content-Security-Policy allows nothing else.
 * On in development, off in production unless GRAPHQL_IDE=on (gateway/config.ts).
 *
 * The IDE learns the schema from GET /ide/schema with the key it sends: the introspection of what
 * that key may see (its channel's contract, or the API schema), computed here once per schema. A
 * full introspection query through the endpoint exceeds the cost limit, which applies to
 * introspection too, and that limit stays as it is.
 */

export const IDE_ASSET_PREFIX = '/ide/';

export interface IdeKey {
  key: string;
  /** what the picker shows, e.g. "web — storefront" */
  label: string;
}

export interface IdeOptions {
  /** path of the GraphQL endpoint the IDE sends its requests to */
  endpoint: string;
  /** keys offered in the picker (the demo keys, when the gateway accepts them); none: the user types a key in the Headers tab */
  keys: IdeKey[];
  /** the key pre-filled as `Authorization: Bearer <key>` */
  defaultKey?: string;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const here = dirname(fileURLToPath(import.meta.url));

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The files the IDE page loads: served name → where it is and its type. */
function assetFiles(): Record<string, { file: string; type: string }> {
  const graphiql = packageDir('graphiql');
  return {
    'react.production.min.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: JS },
    'react-dom.production.min.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: JS },
    'graphiql.min.js': { file: join(graphiql, 'graphiql.min.js'), type: JS },
    'graphiql.min.css': { file: join(graphiql, 'graphiql.min.css'), type: CSS },
    'client.js': { file: join(here, 'ide/client.js'), type: JS },
    'ide.css': { file: join(here, 'ide/ide.css'), type: CSS },
  };
}

/** Routes for the IDE's files under /ide/. Each file is read on its first request and kept by this gateway. */
export function ideRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = Object.create(null);
  for (const [name, { file, type }] of Object.entries(assetFiles())) {
    let body: Buffer | undefined;
    routes[`${IDE_ASSET_PREFIX}${name}`] = (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      body ??= readFileSync(file);
      res.writeHead(200, {
        'content-type': type,
        'content-length': String(body.length),
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
  }
  return routes;
}

/** Fails at start (not at the first browser visit) when a file of the IDE is missing, e.g. installed without its packages. */
export function checkIdeAssets(): void {
  for (const { file } of Object.values(assetFiles())) accessSync(file, constants.R_OK);
}

export interface IdeSchemaSource {
  /** the caller's identity from its key, or null */
  identify(req: IncomingMessage): Identity | null;
  /** what an identity may see: its channel's contract, or the whole API schema */
  schemaFor(identity: Identity): GraphQLSchema;
  /** production: introspection for keys with the operations scope only (as for the endpoint) */
  restrictIntrospection: boolean;
}

/** GET /ide/schema: the introspection result of the caller's schema, as an introspection query answers it. */
export function ideSchemaRoute(source: IdeSchemaSource): Route {
  const computed = new WeakMap<GraphQLSchema, string>();
  return (req, res) => {
    const identity = source.identify(req);
    if (!identity) {
      return sendJson(res, 401, graphqlErrorBody('UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>, or x-api-key).'));
    }
    if (source.restrictIntrospection && !identity.scopes.includes('operations')) {
      return sendJson(res, 403, graphqlErrorBody('FORBIDDEN', 'Introspection needs a key with the operations scope.'));
    }
    const schema = source.schemaFor(identity);
    let body = computed.get(schema);
    if (!body) {
      const data: IntrospectionQuery = introspectionFromSchema(schema, {
        descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true,
      });
      body = JSON.stringify({ data });
      computed.set(schema, body);
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  };
}

const DEFAULT_QUERY = `# The commerce graph. Pick an API key above: each channel sees its own contract
# (the Docs explorer on the left), and the key's scopes decide what it may ask.
# Run with the ▶ button or Ctrl-Enter.
query Products {
  products(market: "DE", first: 3) {
    edges {
      node {
        sku
        name
        price(market: "DE") { amount currencyCode }
        availability(market: "DE") { inStock quantityAvailable }
      }
    }
  }
}
`;

/** JSON for a <script> element: "<" escaped so that no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function ideHtml(options: IdeOptions): string {
  const a = (name: string) => `${IDE_ASSET_PREFIX}${name}`;
  const config = {
    endpoint: options.endpoint,
    schema: `${IDE_ASSET_PREFIX}schema`,
    keys: options.keys,
    defaultKey: options.defaultKey ?? null,
    defaultQuery: DEFAULT_QUERY,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'">
<title>Commerce graph · GraphQL IDE</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${a('graphiql.min.css')}">
<link rel="stylesheet" href="${a('ide.css')}">
</head>
<body>
<div id="ide"><p class="ide-loading">Loading the GraphQL IDE…</p></div>
<script type="application/json" id="ide-config">${scriptJson(config)}</script>
<script src="${a('react.production.min.js')}"></script>
<script src="${a('react-dom.production.min.js')}"></script>
<script src="${a('graphiql.min.js')}"></script>
<script src="${a('client.js')}"></script>
</body>
</html>
`;
}

/** Apollo Server plugin: the IDE page for a browser's GET on the GraphQL endpoint. */
export function ideLandingPage<TContext extends BaseContext>(options: IdeOptions): ApolloServerPlugin<TContext> {
  const html = ideHtml(options);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
