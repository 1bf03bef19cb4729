import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientToken, createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { createFakeProviderModel } from './kit/fixtures.ts';
import { CHROMIUM, hasChromium, launchChromium } from './kit/chromium.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, finishedRun, readRun, startRun, startWaitingRun, waitForRun } from './kit/runs.ts';

/**
 * The web console (gateway/console/) in real Chromium against a real graph with introspection off: the runs list and
 * its filters, a run's DAG changing live (and a reload mid-run that misses no event), an `llm` step's streamed answer
 * and model calls, a session's live transcript, participants and bot state.
 */

const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');
/** Set (`CONSOLE_README_SCREENSHOT=1`) to rewrite the README's screenshot docs/images/console-run.png. */
const README_SCREENSHOT = process.env['CONSOLE_README_SCREENSHOT'] === '1';
if (!hasChromium) console.warn(`console.e2e: ${CHROMIUM} absent (apt-get install -y chromium); browser cases skipped`);

/** The operator's key of the fake provider (`LLM_PROVIDERS`). */
const OPERATOR_KEY = 'sk-operator-console-7c21';
const CHUNKS = ['Otters ', 'hold ', 'hands ', 'while ', 'they ', 'sleep.'];
const ANSWER = CHUNKS.join('');

/** The page's globals the tests read, typed by hand (this project's types have no DOM). */
type PageGlobals = {
  document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { textContent: string | null } | null };
  location: { hash: string };
};

/** Waits until `selector` matches `count` elements (at least `count`, with `atLeast`). */
async function waitForCount(page: Page, selector: string, count: number, atLeast = false): Promise<void> {
  await page.waitForFunction(
    ([s, n, least]) => {
      const found = (globalThis as unknown as PageGlobals).document.querySelectorAll(s).length;
      return least ? found >= n : found === n;
    },
    [selector, count, atLeast] as const,
  );
}

/** The text of the element `selector` matches (empty when none). */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

/** What the page's event log shows: the cursors of its rows, in order. */
async function loggedCursors(page: Page): Promise<string[]> {
  return page.locator('.event-log tr.event').evaluateAll((rows) => rows.map((row) => (row as unknown as { dataset: { cursor: string } }).dataset.cursor));
}

describe.skipIf(!hasChromium)('web console in Chromium', () => {
  let operator: FakeProvider;
  let graph: TestGraph;
  let browser: Browser;
  let consoleUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    operator = await startFakeProvider({ apiKey: OPERATOR_KEY });
    graph = await startGraph({
      env: {
        // The console needs no introspection (GraphiQL does, and is off with it).
        GATEWAY_INTROSPECTION: 'false',
        LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: operator.url, apiKey: OPERATOR_KEY } }),
        LLM_MAX_RETRIES: '0',
      },
    });
    consoleUrl = new URL('/console', graph.gatewayUrl).href;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await operator?.close();
  });
  beforeEach(() => operator.reset());

  /** Opens the console in a fresh context (its own localStorage), enters `token` and goes to `hash`. */
  async function openConsole(token: string, hash: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    const response = await page.goto(consoleUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.welcome');
    await page.fill('#token', token);
    await page.click('#token-save');
    await page.goto(`${consoleUrl}${hash}`);
    // The page runs under the strict CSP: a blocked script or style would log an error here.
    expect(failures.filter((f) => /Content Security Policy/i.test(f))).toEqual([]);
    return page;
  }

  /** A tenant, its admin client and a token for the console. */
  async function tenant(): Promise<{ api: GraphClient; token: string }> {
    const id = newTenant();
    return { api: await createClient(graph, { tenant: id }), token: await clientToken(graph, { tenant: id }) };
  }

  it('lists the runs of the token’s tenant and filters them by status and by workflow', async () => {
    const { api, token } = await tenant();
    const finished = await finishedRun(api);
    const waiting = await startWaitingRun(api);
    const page = await openConsole(token, '#/runs');
    await page.waitForSelector(`tr.run-row[data-run-id="${waiting}"]`);
    await page.waitForSelector(`tr.run-row[data-run-id="${finished}"][data-status="COMPLETED"]`);
    expect(await page.locator('tr.run-row').count()).toBe(2);

    await page.selectOption('#runs-status', 'WAITING');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.includes('status=WAITING'));
    await page.waitForSelector(`tr.run-row[data-run-id="${finished}"]`, { state: 'detached' });
    expect(await page.locator('tr.run-row').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { runId: string } }).dataset.runId))).toEqual([
      waiting,
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'runs-filtered.png') });

    // A workflow's name filters by that workflow; the status filter stays.
    const finishedWorkflow = (await readRun(api, finished)).workflowId;
    await page.selectOption('#runs-status', '');
    await page.waitForSelector(`tr.run-row[data-run-id="${finished}"]`);
    await page.locator(`tr.run-row[data-run-id="${finished}"] td:nth-child(2) a`).click();
    await page.waitForSelector(`tr.run-row[data-run-id="${waiting}"]`, { state: 'detached' });
    expect(await page.locator('tr.run-row').count()).toBe(1);
    expect(await page.inputValue('#runs-workflow')).toBe(finishedWorkflow);
    await page.screenshot({ path: join(SCREENSHOTS, 'runs.png') });
    await page.context().close();
  }, 90_000);

  it('shows a run’s DAG changing live; a reload while it waits resumes from its cursor and misses no event', async () => {
    const { api, token } = await tenant();
    const workflowId = await createWorkflow(
      api,
      [
        { id: 'fetch', kind: 'transform', config: { expression: '{ "items": [1, 2, 3] }' } },
        { id: 'approve', kind: 'wait', dependsOn: ['fetch'], config: { signal: 'go' } },
        { id: 'count', kind: 'transform', dependsOn: ['approve'], config: { expression: '$count(steps.fetch.items)' } },
        { id: 'total', kind: 'transform', dependsOn: ['approve'], config: { expression: '$sum(steps.fetch.items)' } },
        { id: 'report', kind: 'transform', dependsOn: ['count', 'total'], config: { expression: '{ "count": steps.count, "total": steps.total }' } },
      ],
      'console demo',
    );
    const runId = await startRun(api, { workflowId, input: { requestedBy: 'ada' } });
    await waitForRun(api, runId, (run) => run.status === 'WAITING');

    const page = await openConsole(token, `#/runs/${runId}`);
    await page.waitForSelector('.dag-node[data-step="approve"][data-status="WAITING"]');
    await page.waitForSelector('.dag-node[data-step="fetch"][data-status="COMPLETED"]');
    await waitForCount(page, '.dag-edge', 5);
    expect(await page.locator('.dag-node[data-step="report"]').getAttribute('data-status')).toBe('QUEUED');

    // Reload mid-run: the page reads the run again and subscribes after the last cursor it read.
    await page.reload();
    await page.waitForSelector('.dag-node[data-step="approve"][data-status="WAITING"]');
    const before = await readRun(api, runId);
    await waitForCount(page, '.event-log tr.event', before.events.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'run-waiting.png'), fullPage: true });
    if (README_SCREENSHOT) await page.screenshot({ path: join(process.cwd(), 'docs', 'images', 'console-run.png') });

    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go", payload: { approved: true }) { id } }', { id: runId });
    for (const step of ['approve', 'count', 'total', 'report']) await page.waitForSelector(`.dag-node[data-step="${step}"][data-status="COMPLETED"]`);
    await page.waitForSelector('.run-view h1 .chip[data-status="COMPLETED"]');
    const run = await waitForRun(api, runId);
    expect(run.status).toBe('COMPLETED');
    await waitForCount(page, '.event-log tr.event', run.events.length, true);
    // Exactly the run's events: the same cursors in the same order, none twice, none missing.
    expect(await loggedCursors(page)).toEqual(run.events.map((e) => e.cursor));
    expect(await textOf(page, '[data-step-card="report"] .io')).toContain('"total": 6');
    await page.screenshot({ path: join(SCREENSHOTS, 'run.png'), fullPage: true });
    await page.context().close();
  }, 90_000);

  it('streams an llm step’s answer as it forms and shows its model call with tokens and cost', async () => {
    const { api, token } = await tenant();
    await createFakeProviderModel(api);
    // The first chunk after 1.5 s, then one every 500 ms: the page is open before the answer starts.
    operator.script('gpt-op', { kind: 'stream', chunks: CHUNKS, firstTokenDelayMs: 1500, chunkDelayMs: 500 });
    const workflowId = await createWorkflow(api, [
      { id: 'topic', kind: 'transform', config: { expression: '"otters"' } },
      { id: 'ask', kind: 'llm', dependsOn: ['topic'], config: { prompt: 'What do {{ steps.topic }} do?', model: 'op-model' } },
    ]);
    const runId = await startRun(api, { workflowId });
    const page = await openConsole(token, `#/runs/${runId}`);

    // Part of the answer while the step runs, then all of it.
    await page.waitForFunction(
      (answer) => {
        const text = (globalThis as unknown as PageGlobals).document.querySelector('[data-stream-text="ask"]')?.textContent ?? '';
        return text.length > 0 && text.length < answer.length && answer.startsWith(text);
      },
      ANSWER,
      { timeout: 20_000 },
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'run-streaming.png'), fullPage: true });
    await page.waitForSelector('.dag-node[data-step="ask"][data-status="COMPLETED"]');
    await page.waitForFunction(
      (answer) => (globalThis as unknown as PageGlobals).document.querySelector('[data-stream-text="ask"]')?.textContent === answer,
      ANSWER,
    );
    expect(Number(await page.locator('[data-streamed-step="ask"]').getAttribute('data-deltas'))).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.event-log tr.event[data-type="STEP_OUTPUT_DELTA"]').count()).toBeGreaterThanOrEqual(2);

    const { workflowRun } = await api.requestOk<
      { workflowRun: { modelCalls: { id: string; inputTokens: number; outputTokens: number; costUsd: number }[] } },
      unknown
    >('query ($id: ID!) { workflowRun(id: $id) { modelCalls { id inputTokens outputTokens costUsd } } }', { id: runId });
    expect(workflowRun.modelCalls).toHaveLength(1);
    const call = workflowRun.modelCalls[0] as (typeof workflowRun.modelCalls)[number];
    expect(call.outputTokens).toBeGreaterThan(0);
    const row = page.locator(`[data-model-calls="ask"] tr[data-model-call="${call.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-input-tokens]').textContent()).toBe(String(call.inputTokens));
    expect(await row.locator('[data-output-tokens]').textContent()).toBe(String(call.outputTokens));
    expect(Number(await row.locator('[data-cost-usd]').getAttribute('data-cost-usd'))).toBe(call.costUsd);
    await page.waitForSelector('.run-view h1 .chip[data-status="COMPLETED"]');
    const run = await readRun(api, runId);
    expect(await loggedCursors(page)).toEqual(run.events.map((e) => e.cursor));
    await page.screenshot({ path: join(SCREENSHOTS, 'run-llm.png'), fullPage: true });
    await page.context().close();
  }, 90_000);

  it('shows a session’s live transcript (a draft replaced by its final in place), who joins and leaves, the bot’s state; a reload follows on', async () => {
    const { api, token } = await tenant();
    const { startSession } = await api.requestOk<{ startSession: { id: string } }, unknown>(
      'mutation ($input: StartSessionInput!) { startSession(input: $input) { id } }',
      { input: { kind: 'BOT', title: 'Weekly sync', participants: [{ id: 'ada', role: 'USER', displayName: 'Ada' }] } },
    );
    const sessionId = startSession.id;
    const page = await openConsole(token, '#/sessions');
    await page.waitForSelector(`tr.session-row[data-session-id="${sessionId}"]`);
    await page.screenshot({ path: join(SCREENSHOTS, 'sessions.png') });
    await page.locator(`tr.session-row[data-session-id="${sessionId}"] a`).first().click();
    await page.waitForSelector('[data-participant-id="ada"]');
    await page.waitForSelector('.bot[data-bot-state="REQUESTED"]');

    const append = (segment: Record<string, unknown>) =>
      api.requestOk<{ appendTranscript: { id: string }[] }, unknown>(
        'mutation ($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) { appendTranscript(sessionId: $sessionId, segments: $segments) { id } }',
        { sessionId, segments: [segment] },
      );
    const draft = await append({ speaker: 'Ada', text: 'Shall we start with the', segmentKey: 'utt-1', final: false, startMs: 1200 });
    const segmentId = draft.appendTranscript[0]?.id;
    await page.waitForSelector(`.segment[data-segment-id="${segmentId}"][data-final="false"]`);
    expect(await textOf(page, `.segment[data-segment-id="${segmentId}"] .segment-text`)).toBe('Shall we start with the');
    const final = await append({ speaker: 'Ada', text: 'Shall we start with the roadmap?', segmentKey: 'utt-1', final: true, startMs: 1200 });
    expect(final.appendTranscript[0]?.id).toBe(segmentId);
    await page.waitForSelector(`.segment[data-segment-id="${segmentId}"][data-final="true"]`);
    expect(await page.locator('.segment').count()).toBe(1);
    expect(await textOf(page, '.segment .segment-text')).toBe('Shall we start with the roadmap?');

    await api.requestOk('mutation ($sessionId: ID!, $p: ParticipantInput!) { joinSession(sessionId: $sessionId, participant: $p) { id } }', {
      sessionId,
      p: { id: 'notetaker', role: 'BOT', displayName: 'Notetaker' },
    });
    await page.waitForSelector('[data-participant-id="notetaker"]');
    for (const state of ['JOINING', 'IN_CALL']) {
      await api.requestOk('mutation ($sessionId: ID!, $state: BotState!) { changeBotState(sessionId: $sessionId, state: $state) { id } }', {
        sessionId,
        state,
      });
      await page.waitForSelector(`.bot[data-bot-state="${state}"]`);
    }
    expect(await page.locator('.bot-history li').allTextContents()).toEqual([
      expect.stringMatching(/^— → REQUESTED/),
      expect.stringMatching(/^REQUESTED → JOINING/),
      expect.stringMatching(/^JOINING → IN_CALL/),
    ]);
    await append({ speaker: 'Notetaker', text: 'Recording started.', segmentKey: 'utt-2' });
    await waitForCount(page, '.segment[data-final="true"]', 2);

    const { session } = await api.requestOk<{ session: { events: { cursor: string }[] } }, unknown>(
      'query ($id: ID!) { session(id: $id) { events(first: 1000) { cursor } } }',
      { id: sessionId },
    );
    await waitForCount(page, '.event-log tr.event', session.events.length, true);
    expect(await loggedCursors(page)).toEqual(session.events.map((e) => e.cursor));
    await page.screenshot({ path: join(SCREENSHOTS, 'session.png'), fullPage: true });

    // A reload reads the session again and follows on from its last event.
    await page.reload();
    await waitForCount(page, '.event-log tr.event', session.events.length);
    await waitForCount(page, '.segment[data-final="true"]', 2);
    await api.requestOk('mutation ($sessionId: ID!, $participantId: String!) { leaveSession(sessionId: $sessionId, participantId: $participantId) { id } }', {
      sessionId,
      participantId: 'ada',
    });
    await page.waitForSelector('[data-participant-id="ada"]', { state: 'detached' });
    const after = await api.requestOk<{ session: { events: { cursor: string }[] } }, unknown>(
      'query ($id: ID!) { session(id: $id) { events(first: 1000) { cursor } } }',
      { id: sessionId },
    );
    await waitForCount(page, '.event-log tr.event', after.session.events.length, true);
    expect(await loggedCursors(page)).toEqual(after.session.events.map((e) => e.cursor));
    await page.context().close();
  }, 90_000);
});

describe('the console page over HTTP', () => {
  it('is served under its CSP with its files cached for good, /console/ redirected there, with introspection off', async () => {
    const graph = await startGraph({ env: { GATEWAY_INTROSPECTION: 'false' } });
    try {
      const page = await fetch(new URL('/console', graph.gatewayUrl));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      const script = /src="(console\/assets\/console\.[0-9a-f]{16}\.js)"/.exec(html)?.[1];
      const style = /href="(console\/assets\/console\.[0-9a-f]{16}\.css)"/.exec(html)?.[1];
      expect(script && style).toBeTruthy();
      for (const [path, type] of [
        [script, 'text/javascript'],
        [style, 'text/css'],
      ] as const) {
        const asset = await fetch(new URL(`/${path}`, graph.gatewayUrl));
        expect(asset.status).toBe(200);
        expect(asset.headers.get('content-type')).toContain(type);
        expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
      expect((await fetch(new URL('/console/assets/console.0000000000000000.js', graph.gatewayUrl))).status).toBe(404);
      const slash = await fetch(new URL('/console/', graph.gatewayUrl), { redirect: 'manual' });
      expect(slash.status).toBe(301);
      expect(new URL(slash.headers.get('location') ?? '', new URL('/console/', graph.gatewayUrl)).pathname).toBe('/console');
    } finally {
      await graph.close();
    }
  }, 60_000);

  it('is not served with GATEWAY_CONSOLE=false', async () => {
    const graph = await startGraph({ env: { GATEWAY_CONSOLE: 'false' } });
    try {
      const response = await fetch(new URL('/console', graph.gatewayUrl), { headers: { accept: 'text/html' } });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('Orchestra console');
    } finally {
      await graph.close();
    }
  }, 60_000);
});
