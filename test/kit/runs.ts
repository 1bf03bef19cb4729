import { expect } from 'vitest';
import { waitFor, type GraphClient } from './client.ts';
import {
  OrchestrationCreateWorkflowDocument,
  OrchestrationCreateWorkflowFromDocument,
  OrchestrationRunDetailDocument,
  OrchestrationRunDetailsDocument,
  OrchestrationRunDocument,
  OrchestrationRunsDocument,
  OrchestrationStartRunDocument,
  OrchestrationUpdateWorkflowDocument,
  type CreateWorkflowInput,
  type OrchestrationRunDetailQuery,
  type OrchestrationRunDetailsQuery,
  type OrchestrationRunQuery,
  type OrchestrationRunsQuery,
  type StartWorkflowRunInput,
  type StepInput,
  type WorkflowRunFilter,
} from '../generated/graphql.ts';

/** A run as `OrchestrationRun` returns it. */
export type RunView = NonNullable<OrchestrationRunQuery['workflowRun']>;

/** Final run statuses. */
export const FINAL_RUN_STATUSES = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** Creates a workflow of `steps` and returns its id. */
export async function createWorkflow(client: GraphClient, steps: StepInput[], name = 'test workflow'): Promise<string> {
  const data = await client.requestOk(OrchestrationCreateWorkflowDocument, { input: { name, steps } });
  return data.createWorkflow.id;
}

/** Starts a run and returns its id. */
export async function startRun(client: GraphClient, input: StartWorkflowRunInput): Promise<string> {
  const data = await client.requestOk(OrchestrationStartRunDocument, { input });
  return data.startWorkflowRun.id;
}

/** Reads a run (with its steps and events). */
export async function readRun(client: GraphClient, id: string): Promise<RunView> {
  const data = await client.requestOk(OrchestrationRunDocument, { id });
  if (!data.workflowRun) throw new Error(`run ${id} not found`);
  return data.workflowRun;
}

/** Polls the run until `done(run)` holds (default: a final status), with a deadline. */
export function waitForRun(client: GraphClient, id: string, done: (run: RunView) => boolean = (r) => FINAL_RUN_STATUSES.includes(r.status)): Promise<RunView> {
  return waitFor(`run ${id}`, async () => {
    const run = await readRun(client, id);
    return done(run) ? run : undefined;
  });
}

/** Starts a run of a → gate (waits for the signal "go") → b and returns its id once it waits: a run whose events keep coming. */
export async function startWaitingRun(client: GraphClient): Promise<string> {
  const workflowId = await createWorkflow(client, [
    { id: 'a', kind: 'transform', config: { expression: '1' } },
    { id: 'gate', kind: 'wait', dependsOn: ['a'], config: { signal: 'go' } },
    { id: 'b', kind: 'transform', dependsOn: ['gate'], config: { expression: '2' } },
  ]);
  const runId = await startRun(client, { workflowId });
  await waitForRun(client, runId, (run) => run.status === 'WAITING');
  return runId;
}

/** The step run `stepId` of `run`. */
export function stepOf(run: RunView, stepId: string): RunView['steps'][number] {
  const step = run.steps.find((s) => s.stepId === stepId);
  expect(step, `step ${stepId}`).toBeDefined();
  return step as RunView['steps'][number];
}

/** Asserts the run's events have strictly increasing cursors and returns their types. */
export function eventTypes(run: RunView): string[] {
  const cursors = run.events.map((e) => BigInt(e.cursor));
  cursors.slice(1).forEach((cursor, i) => expect(cursor > (cursors[i] as bigint)).toBe(true));
  return run.events.map((e) => e.type);
}

/** A run as `OrchestrationRunDetail` returns it: with queue, timeout, step attempts and map items. */
export type RunDetail = NonNullable<OrchestrationRunDetailQuery['workflowRun']>;
/** A step run of a {@link RunDetail}. */
export type StepRunDetail = RunDetail['steps'][number];

/** Creates a workflow from a full input (e.g. with `timeoutMs`) and returns its id. */
export async function createWorkflowFrom(client: GraphClient, input: CreateWorkflowInput): Promise<string> {
  const data = await client.requestOk(OrchestrationCreateWorkflowFromDocument, { input });
  return data.createWorkflow.id;
}

/** Stores `input` as the next version of workflow `id` and returns that version number. */
export async function updateWorkflow(client: GraphClient, id: string, input: CreateWorkflowInput): Promise<number> {
  const data = await client.requestOk(OrchestrationUpdateWorkflowDocument, { id, input });
  return data.updateWorkflow.version;
}

/** Reads a run with its step attempts, map items and events. */
export async function readRunDetail(client: GraphClient, id: string): Promise<RunDetail> {
  const data = await client.requestOk(OrchestrationRunDetailDocument, { id });
  if (!data.workflowRun) throw new Error(`run ${id} not found`);
  return data.workflowRun;
}

/** Like {@link waitForRun}, with the details of {@link readRunDetail}. */
export function waitForRunDetail(
  client: GraphClient,
  id: string,
  done: (run: RunDetail) => boolean = (r) => FINAL_RUN_STATUSES.includes(r.status),
): Promise<RunDetail> {
  return waitFor(`run ${id}`, async () => {
    const run = await readRunDetail(client, id);
    return done(run) ? run : undefined;
  });
}

/** The step run `stepId` of a {@link RunDetail} (undefined when absent). */
export function findStep(run: RunDetail, stepId: string): StepRunDetail | undefined {
  return run.steps.find((s) => s.stepId === stepId);
}

/** The step run `stepId` of a {@link RunDetail}; fails the test when absent. */
export function stepDetail(run: RunDetail, stepId: string): StepRunDetail {
  const step = findStep(run, stepId);
  expect(step, `step ${stepId}`).toBeDefined();
  return step as StepRunDetail;
}

/** A run as `OrchestrationRunDetails` lists it: with its steps and their attempts (no events, no map items). */
export type ListedRun = OrchestrationRunDetailsQuery['workflowRuns']['edges'][number]['node'];

/** Runs per page when listing runs (the API's maximum). */
const RUNS_PAGE_SIZE = 100;

/** Starts one run per input, with at most `parallelism` requests in flight; returns the run ids in input order. */
export async function startRuns(client: GraphClient, inputs: readonly StartWorkflowRunInput[], parallelism = 10): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < inputs.length; i = next++) ids[i] = await startRun(client, inputs[i] as StartWorkflowRunInput);
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, inputs.length) }, lane));
  return ids;
}

/** Every run of the client's tenant matching `filter` (all pages, newest first), with step attempts. */
export async function listRuns(client: GraphClient, filter: WorkflowRunFilter): Promise<ListedRun[]> {
  const runs: ListedRun[] = [];
  let after: string | null = null;
  do {
    const data: OrchestrationRunDetailsQuery = await client.requestOk(OrchestrationRunDetailsDocument, { filter, first: RUNS_PAGE_SIZE, after });
    runs.push(...data.workflowRuns.edges.map((e) => e.node));
    after = data.workflowRuns.pageInfo.hasNextPage ? data.workflowRuns.pageInfo.endCursor : null;
  } while (after);
  return runs;
}

/**
 * Polls until at least `count` runs match `filter` and all of them have a final status, then returns them as
 * {@link listRuns} does. Throws after `timeoutMs` (default 60 s).
 */
export async function waitForRuns(client: GraphClient, filter: WorkflowRunFilter, count: number, timeoutMs = 60_000): Promise<ListedRun[]> {
  await waitFor(
    `${count} finished runs matching ${JSON.stringify(filter)}`,
    async () => {
      let seen = 0;
      let after: string | null = null;
      do {
        const data: OrchestrationRunsQuery = await client.requestOk(OrchestrationRunsDocument, { filter, first: RUNS_PAGE_SIZE, after });
        const nodes = data.workflowRuns.edges.map((e) => e.node);
        if (nodes.some((n) => !FINAL_RUN_STATUSES.includes(n.status))) return undefined;
        seen += nodes.length;
        after = data.workflowRuns.pageInfo.hasNextPage ? data.workflowRuns.pageInfo.endCursor : null;
      } while (after);
      return seen >= count ? true : undefined;
    },
    timeoutMs,
    200,
  );
  return listRuns(client, filter);
}

/** Creates a workflow of two transform steps (`a` → `b`, output 2), starts a run of it and waits for it to finish. Returns the run's id. */
export async function finishedRun(client: GraphClient): Promise<string> {
  const workflowId = await createWorkflow(client, [
    { id: 'a', kind: 'transform', config: { expression: '1' } },
    { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: 'steps.a + 1' } },
  ]);
  const runId = await startRun(client, { workflowId });
  await waitForRun(client, runId);
  return runId;
}
