import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../common/config.ts';
import { generatedSchemaFiles, releaseSchemas, runSchemaCheck, writeFiles } from '../common/schemaCheck/check.ts';
import { compareSchemas, usageView } from '../common/schemaCheck/compare.ts';
import { UsageStore, windowStart } from '../common/schemaCheck/usageStore.ts';

/** The schema check's decisions on small fixture schemas, with usage from a real usage store. */
const RELEASED = `
type Query {
  order(id: ID!): Order
  orders(first: Int, status: Status, legacyFilter: String @deprecated(reason: "Use status.")): [Order!]!
}
type Order {
  id: ID!
  number: String!
  note: String
  discountCode: String @deprecated(reason: "Use promotion.")
  promotion: Promotion
}
type Promotion { provider: String! }
enum Status { PLACED CANCELLED LEGACY @deprecated(reason: "Gone.") }
input Filter { market: String, channel: String, old: String @deprecated(reason: "Unused.") }
type Mutation { find(filter: Filter): [Order!]! }
`;

const NOW = new Date('2026-11-22T12:00:00Z');
let store: UsageStore;
const file = join(mkdtempSync(join(tmpdir(), 'cg-usage-')), 'usage.sqlite');

async function check(next: string, windowDays = 30, now = NOW) {
  const since = windowStart(now, windowDays);
  return compareSchemas('api', RELEASED, next, usageView(await store.since(since), windowDays, since));
}
const replace = (from: string, to: string) => {
  if (!RELEASED.includes(from)) throw new Error(`fixture has no ${from}`);
  return RELEASED.replace(from, to);
};
const refused = (changes: Awaited<ReturnType<typeof check>>) => changes.filter((c) => c.decision === 'refused');

beforeAll(async () => {
  store = await UsageStore.open({ file });
  await store.add([
    // pos 3.1 read the deprecated field 20 days ago (inside a 30-day window, outside a 14-day one)
    { day: '2026-11-02', clientName: 'pos', clientVersion: '3.1', coordinate: 'Order.discountCode', count: 7 },
    { day: '2026-11-03', clientName: 'pos', clientVersion: '3.1', coordinate: 'Order.discountCode', count: 5 },
    { day: '2026-11-03', clientName: 'pos', clientVersion: '3.1', coordinate: 'Query.orders', count: 12 },
    { day: '2026-11-03', clientName: 'pos', clientVersion: '3.1', coordinate: 'Query.orders(first:)', count: 12 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Query.orders', count: 4 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Query.orders(first:)', count: 3 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Query.orders(status:)', count: 4 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Status.PLACED', count: 4 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Filter', count: 2 },
    { day: '2026-11-20', clientName: 'web', clientVersion: '2.0', coordinate: 'Filter.market', count: 2 },
  ]);
});
afterAll(() => store.close());

describe('schema check decisions', () => {
  it('lets an additive change pass, as safe', async () => {
    const changes = await check(replace('  note: String\n', '  note: String\n  channel: String\n'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'FIELD_ADDED', severity: 'safe', decision: 'allowed' });
  });

  it('refuses removing a field that was never deprecated', async () => {
    const changes = await check(replace('  note: String\n', ''));
    expect(refused(changes)).toEqual([
      expect.objectContaining({ type: 'FIELD_REMOVED', severity: 'breaking', path: 'Order.note', reason: expect.stringContaining('was not deprecated') }),
    ]);
  });

  it('refuses removing a deprecated field that pos 3.1 still read within the window, naming the client and counts', async () => {
    const changes = await check(replace('  discountCode: String @deprecated(reason: "Use promotion.")\n', ''));
    const [c] = refused(changes);
    expect(c).toMatchObject({ type: 'FIELD_REMOVED', path: 'Order.discountCode' });
    expect(c.usage).toEqual([{ client: 'pos', version: '3.1', count: 12, lastDay: '2026-11-03' }]);
    expect(c.reason).toContain('pos 3.1 (12 operations');
  });

  it('accepts the same removal once the usage window holds no use (a shorter window, or later)', async () => {
    const without = replace('  discountCode: String @deprecated(reason: "Use promotion.")\n', '');
    for (const changes of [await check(without, 14), await check(without, 30, new Date('2026-12-10T00:00:00Z'))]) {
      expect(refused(changes)).toEqual([]);
      expect(changes).toEqual([expect.objectContaining({ path: 'Order.discountCode', decision: 'allowed-by-usage', usage: [] })]);
    }
  });

  it('refuses a deprecated removal when no usage record exists at all', async () => {
    const changes = await compareSchemas('api', RELEASED, replace('  discountCode: String @deprecated(reason: "Use promotion.")\n', ''), usageView(null, 30, '2026-10-24'));
    expect(refused(changes)[0].reason).toContain('no usage record');
  });

  it('refuses narrowing types: an output field that may now be null, an argument of another type', async () => {
    const nullable = await check(replace('  number: String!', '  number: String'));
    expect(refused(nullable)).toEqual([expect.objectContaining({ type: 'FIELD_TYPE_CHANGED', path: 'Order.number' })]);
    const other = await check(replace('orders(first: Int,', 'orders(first: String,'));
    expect(refused(other)).toEqual([expect.objectContaining({ type: 'FIELD_ARGUMENT_TYPE_CHANGED' })]);
  });

  it('treats a non-null output (optional → mandatory attribute) as safe for clients', async () => {
    const changes = await check(replace('  note: String\n', '  note: String!\n'));
    expect(refused(changes)).toEqual([]);
    expect(changes[0].severity).not.toBe('breaking');
  });

  it('removed arguments: refused unless deprecated and unused (the library rule misses arguments)', async () => {
    const deprecatedUnused = await check(replace(', legacyFilter: String @deprecated(reason: "Use status.")', ''));
    expect(deprecatedUnused).toEqual([expect.objectContaining({ type: 'FIELD_ARGUMENT_REMOVED', decision: 'allowed-by-usage' })]);
    const neverDeprecated = await check(replace('orders(first: Int, ', 'orders('));
    expect(refused(neverDeprecated)).toEqual([expect.objectContaining({ type: 'FIELD_ARGUMENT_REMOVED', reason: expect.stringContaining('not deprecated') })]);
  });

  it('a required argument added is refused; an optional one is safe', async () => {
    expect(refused(await check(replace('orders(first: Int,', 'orders(first: Int, market: String!,')))).toHaveLength(1);
    expect(refused(await check(replace('orders(first: Int,', 'orders(first: Int, market: String,')))).toEqual([]);
  });

  it('an optional argument becomes required only when every client gave it', async () => {
    // web 2.0 called orders 4 times but passed first only 3 times
    const first = refused(await check(replace('orders(first: Int,', 'orders(first: Int!,')));
    expect(first).toEqual([expect.objectContaining({ usage: [{ client: 'web', version: '2.0', count: 1, lastDay: '2026-11-20' }] })]);
    // status: pos 3.1 called orders without it 19 days ago; web 2.0 always passed it
    const status = replace('status: Status,', 'status: Status!,');
    expect(refused(await check(status))).toEqual([expect.objectContaining({ usage: [expect.objectContaining({ client: 'pos', version: '3.1', count: 12 })] })]);
    expect(await check(status, 14)).toEqual([expect.objectContaining({ type: 'FIELD_ARGUMENT_TYPE_CHANGED', decision: 'allowed-by-usage' })]);
  });

  it('input fields: deprecated and unused may go; an optional one becomes required when every use gave it', async () => {
    expect(await check(replace(', old: String @deprecated(reason: "Unused.")', ''))).toEqual([expect.objectContaining({ type: 'INPUT_FIELD_REMOVED', decision: 'allowed-by-usage' })]);
    expect(refused(await check(replace('channel: String,', 'channel: String!,')))).toHaveLength(1);
    expect(refused(await check(replace('market: String,', 'market: String!,')))).toEqual([]);
    expect(refused(await check(replace('input Filter { market: String, ', 'input Filter { ')))).toHaveLength(1);
  });

  it('enum values: a deprecated unused value may go, a used one may not', async () => {
    expect(refused(await check(replace(' LEGACY @deprecated(reason: "Gone.")', '')))).toEqual([]);
    expect(refused(await check(replace('PLACED CANCELLED', 'CANCELLED')))).toHaveLength(1);
  });

  it('a type may go only when what referred to it was deprecated', async () => {
    const changes = await check(replace('  promotion: Promotion\n', '').replace('type Promotion { provider: String! }\n', ''));
    expect(refused(changes).map((c) => c.type).sort()).toEqual(['FIELD_REMOVED', 'TYPE_REMOVED']);
  });
});

describe('npm run schema:check on a copy of the project', () => {
  function copyProject(): string {
    const root = mkdtempSync(join(tmpdir(), 'cg-project-'));
    for (const name of SERVICE_NAMES) {
      mkdirSync(join(root, 'subgraphs', name), { recursive: true });
      cpSync(`subgraphs/${name}/schema.graphql`, join(root, 'subgraphs', name, 'schema.graphql'));
    }
    cpSync('clients', join(root, 'clients'), { recursive: true });
    writeFiles(root, generatedSchemaFiles(root));
    releaseSchemas(root);
    return root;
  }
  const cli = (root: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, resolve('scripts/schema-check.ts'), '--usage', join(root, 'none.sqlite'), ...args], { cwd: root, encoding: 'utf8' });

  it('passes an unchanged project; refuses (exit 1) a removal that was never deprecated, in text and JSON', () => {
    const root = copyProject();
    const ok = cli(root);
    expect(ok.stdout).toContain('schema check: passed');
    expect(ok.status).toBe(0);

    const sdlFile = join(root, 'subgraphs/catalog/schema.graphql');
    const sdl = readFileSync(sdlFile, 'utf8');
    // Product.name (with its description) is removed without a deprecation
    const productName = /(type Product [^{]*\{[\s\S]*?)\n(?: {2}"[^"\n]*"\n)? {2}name: String!\n/;
    expect(sdl).toMatch(productName);
    writeFileSync(sdlFile, sdl.replace(productName, '$1\n'));
    writeFiles(root, generatedSchemaFiles(root));
    const text = cli(root);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/\[breaking\] REFUSED\s+api: Field 'name' was removed from object type 'Product'/);
    const json = cli(root, '--json');
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.changes).toContainEqual(expect.objectContaining({ schema: 'api', path: 'Product.name', severity: 'breaking', decision: 'refused' }));
    // the channel apps read Product.name: their operations no longer validate
    expect(report.clients.filter((c: { errors: string[] }) => c.errors.length).map((c: { file: string }) => c.file)).toContain('clients/storefront.graphql');
  });

  it('reports composition errors with the subgraph file and line, and stale committed files', async () => {
    const root = copyProject();
    const sdlFile = join(root, 'subgraphs/inventory/schema.graphql');
    writeFileSync(sdlFile, readFileSync(sdlFile, 'utf8') + '\ntype Broken { field: UnknownType }\n');
    const broken = await runSchemaCheck({ root, windowDays: 30, now: NOW });
    expect(broken.ok).toBe(false);
    expect(broken.composition.errors.join('\n')).toMatch(/UnknownType.*subgraphs\/inventory\/schema\.graphql:\d+/);

    writeFileSync(sdlFile, readFileSync(sdlFile, 'utf8').replace('type Broken { field: UnknownType }', 'type Broken { field: String }'));
    const stale = await runSchemaCheck({ root, windowDays: 30, now: NOW });
    expect(stale.stale).toEqual(['schema/supergraph.graphql', 'schema/api.graphql']);
    expect(stale.ok).toBe(false);
  });
});

describe('trusted documents in the schema check', () => {
  const project = () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-project-'));
    for (const name of SERVICE_NAMES) {
      mkdirSync(join(root, 'subgraphs', name), { recursive: true });
      cpSync(`subgraphs/${name}/schema.graphql`, join(root, 'subgraphs', name, 'schema.graphql'));
    }
    cpSync('clients', join(root, 'clients'), { recursive: true });
    writeFiles(root, generatedSchemaFiles(root));
    releaseSchemas(root);
    return root;
  };

  it('a manifest that no longer matches clients/ is stale', async () => {
    const root = project();
    expect((await runSchemaCheck({ root, windowDays: 30, now: NOW })).ok).toBe(true);
    writeFileSync(join(root, 'clients/kiosk.graphql'), readFileSync('clients/kiosk.graphql', 'utf8') + '\nquery KioskMarkets { markets { code } }\n');
    const stale = await runSchemaCheck({ root, windowDays: 30, now: NOW });
    expect(stale.stale).toEqual(['schema/trusted-documents.json']);
    expect(stale.ok).toBe(false);
  });

  it('an operation that does not validate on its own (a fragment of another file) is refused', async () => {
    const root = project();
    // valid as a file, but the kiosk document uses a fragment defined in another file: not on its own
    writeFileSync(join(root, 'clients/kiosk.graphql'), readFileSync('clients/kiosk.graphql', 'utf8') + '\nquery KioskMarkets { markets { ...MarketCode } }\n');
    writeFileSync(join(root, 'clients/zz-shared.graphql'), 'fragment MarketCode on Market { code }\nquery Shared { markets { ...MarketCode } }\n');
    writeFiles(root, generatedSchemaFiles(root));
    const report = await runSchemaCheck({ root, windowDays: 30, now: NOW });
    expect(report.ok).toBe(false);
    const bad = report.clients.filter((c) => c.errors.length);
    expect(bad.map((c) => c.file)).toContainEqual(expect.stringMatching(/^clients\/kiosk\.graphql$/));
  });
});

describe('client operations that use deprecated elements', () => {
  it('are listed as warnings with their client, and do not fail the check', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cg-project-'));
    for (const name of SERVICE_NAMES) {
      mkdirSync(join(root, 'subgraphs', name), { recursive: true });
      cpSync(`subgraphs/${name}/schema.graphql`, join(root, 'subgraphs', name, 'schema.graphql'));
    }
    cpSync('clients', join(root, 'clients'), { recursive: true });
    writeFileSync(join(root, 'clients/pos.graphql'), readFileSync('clients/pos.graphql', 'utf8') + '\nquery OldReceipt($id: ID!) { order(id: $id) { number discountCode } }\n');
    writeFiles(root, generatedSchemaFiles(root));
    releaseSchemas(root);
    const report = await runSchemaCheck({ root, windowDays: 30, now: NOW });
    expect(report.ok).toBe(true);
    const pos = report.clients.find((c) => c.file === 'clients/pos.graphql' && c.schema === 'api')!;
    expect(pos.client).toBe('pos');
    expect(pos.deprecated).toEqual([expect.stringMatching(/Order\.discountCode is deprecated.*clients\/pos\.graphql:\d+/)]);
    expect(report.clients.filter((c) => c.file !== 'clients/pos.graphql').every((c) => c.deprecated.length === 0)).toBe(true);
  });
});
