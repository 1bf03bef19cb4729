import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './kit/chromium.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { clientToken, createClient, newTenant } from './kit/client.ts';
import { createWorkflow, startRun } from './kit/runs.ts';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'graphiql');
if (!hasChromium) console.warn(`graphiql.e2e: ${CHROMIUM} absent (apt-get install -y chromium); browser cases skipped`);

/** Sets the text of the CodeMirror editor under `selector` (GraphiQL 3's editors are CodeMirror 5 instances). */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForSelector(`${selector} .CodeMirror`);
  await page
    .locator(`${selector} .CodeMirror`)
    .first()
    .evaluate((element, value) => (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value), text);
}

/** Opens GraphiQL at the gateway, with `Authorization: Bearer <token>` typed into the header editor. */
async function openIde(browser: Browser, graph: TestGraph, token: string): Promise<Page> {
  // A context of its own: GraphiQL persists its tabs and headers in localStorage, which another test's page would restore.
  const page = await (await browser.newContext()).newPage();
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  const response = await page.goto(graph.gatewayUrl);
  expect(response?.status()).toBe(200);
  await page.waitForSelector('.graphiql-container');
  await page.getByRole('button', { name: 'Headers' }).click();
  await setEditor(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ Authorization: `Bearer ${token}` }));
  // The page runs under the strict CSP: a blocked script or style would log an error here.
  expect(failures.filter((f) => /Content Security Policy/i.test(f))).toEqual([]);
  return page;
}

/** The result pane's text once it contains `expected`. */
async function resultContaining(page: Page, expected: string): Promise<string> {
  // A function, not a string (the page's CSP forbids eval); typed by hand: this project's types have no DOM.
  type PageGlobals = { document: { querySelector(selector: string): { textContent: string | null } | null } };
  await page.waitForFunction(
    (text) => (globalThis as unknown as PageGlobals).document.querySelector('.result-window')?.textContent?.includes(text) ?? false,
    expected,
    { timeout: 20_000 },
  );
  return (await page.locator('.result-window').textContent()) ?? '';
}

describe.skipIf(!hasChromium)('in-browser IDE (GraphiQL) in Chromium', () => {
  let graph: TestGraph;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    graph = await startGraph();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
  });

  it('runs a query with the token from the header editor and shows its result', async () => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const workflowId = await createWorkflow(client, [{ id: 'one', kind: 'transform', config: { expression: '1' } }], 'seen in graphiql');
    const page = await openIde(browser, graph, await clientToken(graph, { tenant }));
    await setEditor(page, '.graphiql-query-editor', `query { workflow(id: "${workflowId}") { id name } }`);
    await page.click('.graphiql-execute-button');
    const result = await resultContaining(page, 'seen in graphiql');
    expect(result).toContain(workflowId);
    await page.screenshot({ path: join(SCREENSHOTS, 'query.png') });
    await page.close();
  }, 60_000);

  it('starts a workflow-run subscription and shows an event', async () => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const workflowId = await createWorkflow(client, [{ id: 'gate', kind: 'wait', config: { signal: 'go' } }], 'subscribed in graphiql');
    const runId = await startRun(client, { workflowId });
    const page = await openIde(browser, graph, await clientToken(graph, { tenant }));
    await setEditor(page, '.graphiql-query-editor', `subscription { workflowRunEvents(runId: "${runId}", after: "0") { cursor type } }`);
    await page.click('.graphiql-execute-button');
    // The pane shows the latest event: the run's start or one of its step's events, whichever came last.
    const result = await resultContaining(page, 'workflowRunEvents');
    expect(result).toMatch(/"cursor": "\d+"/);
    expect(result).toMatch(/"type": "(RUN|STEP)_[A-Z]+"/);
    await page.screenshot({ path: join(SCREENSHOTS, 'subscription.png') });
    await page.close();
  }, 60_000);
});

// Off by default with NODE_ENV=production (platform/config.test.ts); GATEWAY_IDE=false is the same gateway setting.
describe('in-browser IDE turned off', () => {
  it('is not served with GATEWAY_IDE=false', async () => {
    const graph = await startGraph({ env: { GATEWAY_IDE: 'false' } });
    try {
      const response = await fetch(graph.gatewayUrl, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(await response.text()).not.toContain('graphiql');
    } finally {
      await graph.close();
    }
  }, 60_000);
});
