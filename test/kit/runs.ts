import { expect } from 'vitest';
import { waitFor, type GraphClient } from './client.ts';
import {
  OrchestrationCreateWorkflowDocument,
  OrchestrationRunDocument,
  OrchestrationStartRunDocument,
  type OrchestrationRunQuery,
  type StartWorkflowRunInput,
  type StepInput,
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
