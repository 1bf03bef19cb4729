import type { GraphClient } from './client.ts';
import { createWorkflow, startRun, waitForRun } from './runs.ts';

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
  const data = await client.requestOk<{ upsertModel: { id: string } }, unknown>('mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }', {
    input: {
      name,
      provider: 'echo',
      inputCostPer1kTokensUsd: 0.001,
      outputCostPer1kTokensUsd: 0.002,
      latencyMs: 5,
      quality: 0.5,
      contextWindowTokens: 32_000,
    },
  });
  return data.upsertModel.id;
}

/**
 * Registers model `op-model` for the client's tenant, served by the operator's provider `fake` (a fake provider in
 * `LLM_PROVIDERS`) as its model `gpt-op`, at 1 / 2 USD per 1k input / output tokens. Returns the model's id.
 */
export async function createFakeProviderModel(client: GraphClient): Promise<string> {
  const data = await client.requestOk<{ upsertModel: { id: string } }, unknown>('mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }', {
    input: {
      name: 'op-model',
      provider: 'fake',
      providerModel: 'gpt-op',
      inputCostPer1kTokensUsd: 1,
      outputCostPer1kTokensUsd: 2,
      latencyMs: 100,
      quality: 0.8,
      contextWindowTokens: 100_000,
    },
  });
  return data.upsertModel.id;
}

/**
 * A session that every subgraph has something for: a transcript segment, a memory, and a finished two-step run for it
 * whose `llm` step calls the `echo-1` model (registered here). Returns its id and the run's final status.
 */
export async function createSpanningSession(client: GraphClient, title: string): Promise<{ sessionId: string; runStatus: string }> {
  const sessionId = await createSession(client, title);
  await client.requestOk('mutation ($id: ID!) { appendTranscript(sessionId: $id, segments: [{ speaker: "u", text: "hello there" }]) { id } }', {
    id: sessionId,
  });
  await client.requestOk('mutation ($s: ID!) { storeMemory(input: { namespace: "n", key: "k", content: "likes tea", sessionId: $s }) { id } }', {
    s: sessionId,
  });
  await createEchoModel(client);
  const workflowId = await createWorkflow(client, [
    { id: 'shape', kind: 'transform', config: { expression: '{ "topic": input.topic }' } },
    { id: 'ask', kind: 'llm', dependsOn: ['shape'], config: { prompt: 'Tell me about {{ steps.shape.topic }}', models: ['echo-1'] } },
  ]);
  const runId = await startRun(client, { workflowId, sessionId, input: { topic: 'tea' } });
  return { sessionId, runStatus: (await waitForRun(client, runId)).status };
}
