import type { GraphClient } from './client.ts';

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
