import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSchema, NoDeprecatedCustomRule, parse, validate, type DocumentNode } from 'graphql';
import { composeProject, CompositionError } from '../compose.ts';
import { compareSchemas, usageView, type CheckedChange } from './compare.ts';
import { buildContracts, CONTRACTS, ContractError } from './contracts.ts';
import { UsageStore, windowStart } from './usageStore.ts';
import { compileTrustedDocuments, manifestText, TRUSTED_DOCUMENTS_PATH } from './trustedDocuments.ts';

/**
 * `npm run schema:check`: composition, freshness of the committed files, the comparison of the API
 * schema and of every channel contract with their released copies (schema/released/), and the
 * channel apps' operations in clients/.
 */
export interface SchemaFile {
  /** relative to the project root */
  path: string;
  text: string;
}

/**
 * Everything schema:compose writes: the supergraph, the API schema, one contract per channel, and the
 * trusted documents compiled from clients/ (also `npm run documents:compile`).
 */
export function generatedSchemaFiles(root: string): SchemaFile[] {
  const { supergraphSdl, apiSdl } = composeProject(root);
  const contracts = buildContracts(supergraphSdl, apiSdl);
  return [
    { path: 'schema/supergraph.graphql', text: supergraphSdl },
    { path: 'schema/api.graphql', text: apiSdl },
    ...[...contracts].map(([channel, text]) => ({ path: `schema/contracts/${channel}.graphql`, text })),
    trustedDocumentsFile(root),
  ];
}

/** The trusted documents' manifest compiled from clients/ (an operation file that does not parse is reported with the clients). */
export function trustedDocumentsFile(root: string): SchemaFile {
  try {
    return { path: TRUSTED_DOCUMENTS_PATH, text: manifestText(compileTrustedDocuments(root)) };
  } catch {
    return { path: TRUSTED_DOCUMENTS_PATH, text: '' };
  }
}

/** The schemas clients see and that are released: the API schema and the contracts. */
const releasable = (f: SchemaFile) => f.path === 'schema/api.graphql' || f.path.startsWith('schema/contracts/');
export const releasedPath = (path: string) => path.replace(/^schema\//, 'schema/released/');

export function writeFiles(root: string, files: SchemaFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
}

/** `npm run schema:release`: the current API schema and contracts become the released baseline. */
export function releaseSchemas(root: string): string[] {
  const files = generatedSchemaFiles(root).filter(releasable).map((f) => ({ path: releasedPath(f.path), text: f.text }));
  writeFiles(root, files);
  return files.map((f) => f.path);
}

export interface ClientReport {
  file: string;
  client: string;
  schema: string;
  errors: string[];
  /** uses of deprecated elements, a warning */
  deprecated: string[];
}

export interface CheckReport {
  ok: boolean;
  composition: { ok: boolean; errors: string[] };
  stale: string[];
  missingReleased: string[];
  usage: { source: string; available: boolean; windowDays: number; since: string };
  changes: CheckedChange[];
  clients: ClientReport[];
}

export interface CheckOptions {
  root: string;
  /** SQLite file of recorded usage (the gateway's USAGE_DATABASE_FILE) */
  usageFile?: string;
  usageUrl?: string;
  windowDays: number;
  now: Date;
}

/**
 * Where client operations live: the channel apps' (clients/*.graphql, also compiled into the trusted
 * documents) and the marketing console's (console/src/graphql/*.graphql, typed by graphql-codegen's
 * client preset; the console's keys are not persisted-only, so they are not trusted documents).
 */
export const CLIENT_DIRS = [
  { dir: 'clients', client: (file: string) => file.replace(/\.graphql$/, '') },
  { dir: 'console/src/graphql', client: (file: string) => `console/${file.replace(/\.graphql$/, '')}` },
];

interface ClientFile {
  /** relative to the project root */
  path: string;
  /** the file's name inside its folder (contracts list clients/ files by it) */
  file: string;
  client: string;
  doc: DocumentNode | null;
  error?: string;
}

function clientsIn(root: string): ClientFile[] {
  return CLIENT_DIRS.flatMap(({ dir, client }) => {
    if (!existsSync(join(root, dir))) return [];
    return readdirSync(join(root, dir)).filter((f) => f.endsWith('.graphql')).sort().map((file): ClientFile => {
      const path = `${dir}/${file}`;
      try {
        return { path, file, client: client(file), doc: parse(readFileSync(join(root, path), 'utf8')) };
      } catch (e) {
        return { path, file, client: client(file), doc: null, error: (e as Error).message };
      }
    });
  });
}

function checkClient(c: ClientFile, doc: DocumentNode, schemaName: string, sdl: string): ClientReport {
  const schema = buildSchema(sdl);
  const where = (e: { locations?: readonly { line: number }[] }) => (e.locations?.length ? ` (${c.path}:${e.locations[0].line})` : '');
  const errors = validate(schema, doc).map((e) => `${e.message}${where(e)}`);
  const deprecated = errors.length ? [] : validate(schema, doc, [NoDeprecatedCustomRule]).map((e) => `${e.message}${where(e)}`);
  return { file: c.path, client: c.client, schema: schemaName, errors, deprecated };
}

export async function runSchemaCheck(options: CheckOptions): Promise<CheckReport> {
  const { root } = options;
  const since = windowStart(options.now, options.windowDays);
  const usageSource = options.usageUrl ? 'USAGE_DATABASE_URL' : options.usageFile ? relative(root, options.usageFile) || options.usageFile : 'none';
  const report: CheckReport = {
    ok: false,
    composition: { ok: true, errors: [] },
    stale: [],
    missingReleased: [],
    usage: { source: usageSource, available: false, windowDays: options.windowDays, since },
    changes: [],
    clients: [],
  };
  let files: SchemaFile[];
  try {
    files = generatedSchemaFiles(root);
  } catch (e) {
    if (!(e instanceof CompositionError || e instanceof ContractError)) throw e;
    report.composition = { ok: false, errors: e instanceof CompositionError ? e.problems : [e.message] };
    return report;
  }
  report.stale = files.filter((f) => !existsSync(join(root, f.path)) || readFileSync(join(root, f.path), 'utf8') !== f.text).map((f) => f.path);

  // recorded usage within the window (none when the store does not exist: nothing can be shown unused)
  let rows = null;
  if (options.usageUrl || (options.usageFile && existsSync(options.usageFile))) {
    const store = await UsageStore.open({ file: options.usageFile, url: options.usageUrl });
    try {
      rows = await store.since(since);
    } finally {
      await store.close();
    }
  }
  const usage = usageView(rows, options.windowDays, since);
  report.usage.available = usage.available;

  for (const f of files.filter(releasable)) {
    const released = join(root, releasedPath(f.path));
    if (!existsSync(released)) {
      report.missingReleased.push(releasedPath(f.path));
      continue;
    }
    const name = f.path === 'schema/api.graphql' ? 'api' : `contract ${f.path.replace(/^schema\/contracts\/(.*)\.graphql$/, '$1')}`;
    report.changes.push(...(await compareSchemas(name, readFileSync(released, 'utf8'), f.text, usage)));
  }

  const api = files.find((f) => f.path === 'schema/api.graphql')!;
  for (const c of clientsIn(root)) {
    if (!c.doc) {
      report.clients.push({ file: c.path, client: c.client, schema: 'api', errors: [`does not parse: ${c.error}`], deprecated: [] });
      continue;
    }
    report.clients.push(checkClient(c, c.doc, 'api', api.text));
    if (!c.path.startsWith('clients/')) continue;
    for (const contract of CONTRACTS.filter((k) => k.clients.includes(c.file))) {
      const file = files.find((f) => f.path === `schema/contracts/${contract.channel}.graphql`)!;
      // deprecated uses are listed once, against the API schema
      report.clients.push({ ...checkClient(c, c.doc, `contract ${contract.channel}`, file.text), deprecated: [] });
    }
  }

  // every trusted document on its own (an operation with the fragments it uses) against the API
  // schema and its channel's contract: what a persisted-only key may run must run
  const manifest = report.clients.some((c) => c.errors.length && c.file.startsWith('clients/')) ? null : compileTrustedDocuments(root);
  for (const [hash, d] of Object.entries(manifest?.documents ?? {})) {
    const file = `${d.client}.graphql`;
    const schemas = [{ name: 'api', sdl: api.text }, ...CONTRACTS.filter((k) => k.clients.includes(file))
      .map((k) => ({ name: `contract ${k.channel}`, sdl: files.find((f) => f.path === `schema/contracts/${k.channel}.graphql`)!.text }))];
    for (const s of schemas) {
      const errors = validate(buildSchema(s.sdl), parse(d.document)).map((e) => e.message);
      if (errors.length) report.clients.push({ file: `${TRUSTED_DOCUMENTS_PATH} (${d.operation}, ${hash.slice(0, 12)}…)`, client: d.client, schema: s.name, errors, deprecated: [] });
    }
  }

  report.ok = report.composition.ok && !report.stale.length && !report.missingReleased.length
    && !report.changes.some((c) => c.decision === 'refused') && !report.clients.some((c) => c.errors.length);
  return report;
}

/** The report for people. */
export function formatReport(report: CheckReport): string {
  const out: string[] = [];
  if (!report.composition.ok) {
    out.push('Composition failed:', ...report.composition.errors.map((e) => `  - ${e}`));
    out.push('', 'schema check: REFUSED');
    return out.join('\n');
  }
  out.push('composition: ok');
  out.push(report.stale.length ? `stale (run npm run schema:compose and commit): ${report.stale.join(', ')}` : 'committed schema files and trusted documents: up to date');
  if (report.missingReleased.length) out.push(`no released copy (run npm run schema:release and commit): ${report.missingReleased.join(', ')}`);
  const u = report.usage;
  out.push(`usage: ${u.available ? `recorded usage from ${u.source}` : 'NO usage record (deprecated elements cannot be shown unused)'}, window ${u.windowDays} days since ${u.since}`);
  out.push('', report.changes.length ? `changes since the released schemas (${report.changes.length}):` : 'changes since the released schemas: none');
  const oneLine = (text: string, max: number) => {
    const flat = text.replace(/\s*\n\s*/g, ' ');
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  for (const c of report.changes) {
    const verdict = c.decision === 'refused' ? 'REFUSED' : c.decision === 'allowed-by-usage' ? 'allowed (usage)' : 'ok';
    out.push(`  [${c.severity}] ${verdict.padEnd(15)} ${c.schema}: ${oneLine(c.message, c.severity === 'safe' ? 160 : 1000)}`);
    // safe changes need no explanation
    if (c.severity !== 'safe') out.push(`      ${c.reason}`);
  }
  out.push('', 'client operations:');
  for (const c of report.clients) {
    out.push(`  ${c.errors.length ? 'INVALID' : 'ok     '} ${c.file} against ${c.schema}`);
    for (const e of c.errors) out.push(`      error: ${e}`);
    for (const w of c.deprecated) out.push(`      warning (${c.client}): ${w}`);
  }
  out.push('', `schema check: ${report.ok ? 'passed' : 'REFUSED'}`);
  return out.join('\n');
}
