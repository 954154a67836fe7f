/*
 * The gateway's GraphQL IDE in the browser (served by gateway/ide.ts): GraphiQL with an API key
 * picker. Picking a key rewrites the Authorization header in GraphiQL's Headers tab (other headers
 * stay); GraphiQL then introspects again with that key, so the Docs show that channel's contract.
 * Typing a known key in the Headers tab selects it in the picker. GraphiQL's introspection goes to
 * GET /ide/schema with the same headers (the gateway answers the key's schema there; a full
 * introspection query exceeds the endpoint's cost limit). Plain browser JavaScript on the UMD builds
 * of React, ReactDOM and GraphiQL, loaded before it by the page.
 */
(function () {
  'use strict';
  const h = React.createElement;
  const config = JSON.parse(document.getElementById('ide-config').textContent);
  const endpoint = new URL(config.endpoint, window.location.href).toString();
  const known = new Set(config.keys.map((k) => k.key));

  /** The headers text with `Authorization: Bearer <key>` first; an x-api-key header or an older Authorization go. */
  function withKey(text, key) {
    const headers = parseHeaders(text);
    const next = { Authorization: `Bearer ${key}` };
    for (const [name, value] of Object.entries(headers)) {
      if (!/^(authorization|x-api-key)$/i.test(name)) next[name] = value;
    }
    return JSON.stringify(next, null, 2);
  }

  /** The bearer key in a headers text, or null. */
  function keyIn(text) {
    const m = /"authorization"\s*:\s*"Bearer\s+([^"\s]+)"/i.exec(text || '');
    return m ? m[1] : null;
  }

  const schemaUrl = new URL(config.schema, window.location.href).toString();
  const INTROSPECTION = 'IdeSchemaIntrospection';

  /** The headers of a headers text, or {} when it is not a JSON object. */
  function parseHeaders(text) {
    try {
      const parsed = JSON.parse(text || '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }

  /**
   * GraphiQL's fetcher for the endpoint; its introspection is answered by /ide/schema instead, with
   * the Headers tab's headers (or, before that tab exists, the headers the page set: `current()`).
   */
  function newFetcher(current) {
    const graphql = GraphiQL.createFetcher({ url: endpoint });
    return (params, options) => {
      if (params.operationName !== INTROSPECTION) return graphql(params, options);
      const given = options && options.headers && Object.keys(options.headers).length ? options.headers : parseHeaders(current());
      return fetch(schemaUrl, { headers: given }).then((res) => res.json());
    };
  }

  function App() {
    const [key, setKey] = React.useState(config.defaultKey);
    // mirrors the Headers tab: GraphiQL replaces the tab's text whenever this prop changes
    const [headers, setHeaders] = React.useState(() =>
      config.defaultKey ? withKey('', config.defaultKey) : JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
    );
    const latest = React.useRef(headers);
    latest.current = headers;
    const current = () => latest.current;
    const [fetcher, setFetcher] = React.useState(() => newFetcher(current));
    const firstKey = React.useRef(true);
    // another key: a new fetcher makes GraphiQL introspect again. This effect runs after GraphiQL's
    // own effects, so the Headers tab already holds the new key when it does.
    React.useEffect(() => {
      if (firstKey.current) {
        firstKey.current = false;
        return;
      }
      setFetcher(() => newFetcher(current));
    }, [key]);

    const pick = (event) => {
      const next = event.target.value;
      if (!next) return;
      setHeaders(withKey(headers, next));
      setKey(next);
    };
    const edited = (text) => {
      setHeaders(text);
      const typed = keyIn(text);
      if (typed && known.has(typed) && typed !== key) setKey(typed);
    };

    const picker = config.keys.length
      ? h('label', { className: 'ide-key' }, 'API key ',
        h('select', { value: key && known.has(key) ? key : '', onChange: pick, 'aria-label': 'API key', id: 'ide-key' },
          h('option', { value: '', disabled: true }, 'another key (in the Headers tab)'),
          config.keys.map((k) => h('option', { key: k.key, value: k.key }, `${k.label} · ${k.key}`))))
      : h('span', { className: 'ide-key' }, 'Put your API key in the Headers tab below.');

    return h('div', { className: 'ide' },
      h('header', { className: 'ide-bar' },
        h('strong', null, 'Commerce graph'),
        picker,
        h('span', { className: 'ide-note' }, `POST ${config.endpoint} · each channel sees its own contract`)),
      h('main', { className: 'ide-graphiql' },
        h(GraphiQL, {
          fetcher,
          headers,
          defaultHeaders: headers,
          onEditHeaders: edited,
          defaultQuery: config.defaultQuery,
          defaultEditorToolsVisibility: 'headers',
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: false,
          introspectionQueryName: INTROSPECTION,
        })));
  }

  ReactDOM.createRoot(document.getElementById('ide')).render(h(App));
})();
