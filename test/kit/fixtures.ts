import type { GraphClient } from './client.ts';
import { waitFor } from './client.ts';

/** Statuses after which a run never changes. */
export const FINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

/** Starts a session through the gateway and returns its id. */
export async function createSession(client: GraphClient, title = 'fixture session'): Promise<string> {
  const data = await client.requestOk<{ startSession: { id: string } }, unknown>(
    'mutation ($input: StartSessionInput!) { startSession(input: $input) { id } }',
    { input: { title } },
  );
  return data.startSession.id;
}

/** Registers the local `echo` model (name `echo-1`) for the client's tenant. */
export async function createEchoModel(client: GraphClient, name = 'echo-1'): Promise<string> {
  const data = await client.requestOk<{ upsertModel: { id: string } }, unknown>(
    'mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }',
    {
      input: {
        name,
        provider: 'echo',
        inputCostPer1kTokensUsd: 0.001,
        outputCostPer1kTokensUsd: 0.002,
        latencyMs: 5,
        quality: 0.5,
        contextWindowTokens: 32_000,
      },
    },
  );
  return data.upsertModel.id;
}

/** Creates a workflow from step inputs and returns its id. */
export async function createWorkflow(client: GraphClient, steps: readonly Record<string, unknown>[], name = 'fixture'): Promise<string> {
  const data = await client.requestOk<{ createWorkflow: { id: string } }, unknown>(
    'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }',
    { input: { name, steps } },
  );
  return data.createWorkflow.id;
}

/** Starts a run and returns its id. */
export async function startRun(client: GraphClient, input: Record<string, unknown>): Promise<string> {
  const data = await client.requestOk<{ startWorkflowRun: { id: string } }, unknown>(
    'mutation ($input: StartWorkflowRunInput!) { startWorkflowRun(input: $input) { id } }',
    { input },
  );
  return data.startWorkflowRun.id;
}

/** Polls a run until its status is final and returns that status. */
export function waitForRun(client: GraphClient, runId: string, timeoutMs = 30_000): Promise<string> {
  return waitFor(
    `run ${runId} to finish`,
    async () => {
      const data = await client.requestOk<{ workflowRun: { status: string } | null }, unknown>(
        'query ($id: ID!) { workflowRun(id: $id) { status } }',
        { id: runId },
      );
      const status = data.workflowRun?.status;
      return status && FINAL_RUN_STATUSES.has(status) ? status : undefined;
    },
    timeoutMs,
  );
}
