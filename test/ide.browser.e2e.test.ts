import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// the callbacks given to page.evaluate / waitForFunction run in the page, where `document` exists
declare const document: { querySelector(selector: string): unknown; body: { innerText: string } };
import { startTestGraph, type TestGraph } from './support/graph.ts';
import { colourShare, decodePng, inkCoverage } from './support/png.ts';

/**
 * The GraphQL IDE in a real browser: Debian's Chromium, headless, driven by playwright-core. It opens
 * the gateway URL as a developer would, types a query, runs it and sees the answer, in the page and
 * in a screenshot; it switches the key and sees that channel's contract apply. Locally the test is
 * skipped when Chromium is not installed (apt-get install chromium); in CI (CI_REQUIRE_BROWSER=1,
 * set by .ci/run) a missing browser fails it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const required = process.env.CI_REQUIRE_BROWSER === '1';
if (!available && !required) {
  console.warn(`ide.browser: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
/** Screenshots are kept here for a person to look at (the test checks them itself); the failure messages name it. */
let SHOTS = '';

let g: TestGraph;
let context: BrowserContext;
let page: Page;
let profile: string;
const requests: string[] = [];
const pageErrors: string[] = [];

/** The text of one of GraphiQL's CodeMirror editors. */
const editorText = (selector: string) =>
  page.evaluate((s) => (document.querySelector(`${s} .CodeMirror`) as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? null, selector);

async function typeQuery(query: string): Promise<void> {
  await page.click('.graphiql-query-editor .CodeMirror');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // typed key by key; GraphiQL closes brackets and quotes itself and types over them
  await page.keyboard.type(query, { delay: 5 });
  await page.keyboard.press('Escape'); // closes an open completion list
  expect(await editorText('.graphiql-query-editor')).toBe(query);
}

async function run(expected: string): Promise<string> {
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(
    (text) => ((document.querySelector('.graphiql-response .CodeMirror') as { CodeMirror: { getValue(): string } } | null)?.CodeMirror.getValue() ?? '').includes(text),
    expected,
    { timeout: 60_000, polling: 100 },
  );
  return (await editorText('.graphiql-response'))!;
}

describe.skipIf(!available && !required)('the GraphQL IDE in a browser', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`CI_REQUIRE_BROWSER=1 but there is no browser at ${CHROMIUM}: .ci/run installs Debian's chromium first`);
    g = await startTestGraph({ gatewayOverrides: { ide: true } });
    profile = mkdtempSync(join(tmpdir(), 'cg-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    SHOTS = mkdtempSync(join(tmpdir(), 'cg-ide-screenshots-'));
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await g?.stop();
  });

  it('opens at the gateway URL with the demo web key in the Headers tab', { timeout: 120_000 }, async () => {
    const res = await page.goto(g.url, { timeout: 60_000 });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/text\/html/);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 60_000 });
    // the Headers tab is the one open below the query
    expect(JSON.parse((await editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)')) ?? 'null')).toEqual({ Authorization: 'Bearer demo-web-key' });
    expect(await page.inputValue('#ide-key')).toBe('demo-web-key');
  });

  it('types a query, runs it and shows the answer: in the page and in a screenshot', { timeout: 120_000 }, async () => {
    const pane = page.locator('.graphiql-response');
    await typeQuery('{ products(market: "DE", first: 4) { edges { node { sku name price(market: "DE") { amount currencyCode } } } } }');
    // the empty result pane, as a person sees it before running
    const before = inkCoverage(decodePng(await pane.screenshot()));
    const answer = JSON.parse(await run('SKU-1004'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.products.edges.map((e: any) => e.node.sku)).toEqual(['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004']);
    const shot = await pane.screenshot();
    writeFileSync(join(SHOTS, 'answer.png'), shot);
    await page.screenshot({ path: join(SHOTS, 'page.png') });
    // the picture: a blank pane before; after, lines of text down most of the pane (an error would be a
    // few lines), with the string values in their colour (GraphiQL shows them orange)
    const image = decodePng(shot);
    const after = inkCoverage(image);
    const see = `see ${join(SHOTS, 'answer.png')}`;
    expect(before.rows, 'result pane before running').toBeLessThan(0.1);
    expect(after.rows, `rows of text in the result pane (${see})`).toBeGreaterThan(0.5);
    expect(after.pixels, `ink in the result pane (${see})`).toBeGreaterThan(0.01);
    expect(colourShare(image, (r, g, b) => r > b + 80 && r > g), `string values in the result pane (${see})`).toBeGreaterThan(0.003);
  });

  it('switches keys: the Authorization header changes, and the in-game contract applies', { timeout: 120_000 }, async () => {
    const outsideInGame = '{ cart(id: "no-such-cart") { id shippingAddress { type } } }';
    await typeQuery(outsideInGame);
    expect(JSON.parse(await run('"cart"'))).toEqual({ data: { cart: null } });

    const schemaLoaded = page.waitForResponse((r) => r.url().endsWith('/ide/schema') && r.status() === 200, { timeout: 60_000 });
    await page.selectOption('#ide-key', 'demo-ingame-key');
    await schemaLoaded; // the IDE asked for the in-game key's schema
    await page.waitForFunction(() => document.body.innerText.includes('demo-ingame-key'), undefined, { timeout: 30_000 });
    const answer = JSON.parse(await run('OUTSIDE_CHANNEL_CONTRACT'));
    expect(answer.errors[0].extensions.code).toBe('OUTSIDE_CHANNEL_CONTRACT');
  });

  it('loads nothing from anywhere but the gateway, and the page raised no error', () => {
    const origin = new URL(g.url).origin;
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
