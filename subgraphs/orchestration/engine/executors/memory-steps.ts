import type { GatewayClient } from '../../clients/gateway-client.ts';
import type { MemorySearchConfig, MemoryStoreConfig } from '../../services/step-config-schemas.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

const STORE_MEMORY = `mutation OrchestrationStoreMemory($input: StoreMemoryInput!) {
  storeMemory(input: $input) { id namespace key version }
}`;

const SEARCH_MEMORY = `query OrchestrationSearchMemory($query: String!, $filter: MemoryFilter, $limit: Int) {
  searchMemory(query: $query, filter: $filter, limit: $limit) { score item { id namespace key content metadata } }
}`;

/**
 * `memory.store`: `storeMemory` through the gateway; a non-string `content` is stored as its JSON text; the run's
 * session is used unless `config.sessionId` is given. Output: `{ id, namespace, key, version }`.
 * @throws {@link StepError} `UPSTREAM` with the GraphQL errors.
 */
export async function executeMemoryStore(gateway: GatewayClient, execution: StepExecution<MemoryStoreConfig>): Promise<StepResult> {
  const c = execution.config;
  const sessionId = c.sessionId ?? execution.sessionId;
  const input = {
    namespace: c.namespace,
    key: c.key,
    content: typeof c.content === 'string' ? c.content : JSON.stringify(c.content),
    ...(c.metadata !== undefined ? { metadata: c.metadata } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(c.agentId ? { agentId: c.agentId } : {}),
    ...(c.ttlSeconds !== undefined ? { ttlSeconds: c.ttlSeconds } : {}),
  };
  const data = await gateway.request<{ storeMemory: unknown }>(execution, STORE_MEMORY, { input }, execution.signal);
  return { output: data.storeMemory };
}

/**
 * `memory.search`: `searchMemory` through the gateway (filter by `namespace`, `sessionId`, `agentId`).
 * Output: `{ hits: [{ score, item: { id, namespace, key, content, metadata } }] }`.
 * @throws {@link StepError} `UPSTREAM` with the GraphQL errors.
 */
export async function executeMemorySearch(gateway: GatewayClient, execution: StepExecution<MemorySearchConfig>): Promise<StepResult> {
  const c = execution.config;
  const filter = {
    ...(c.namespace ? { namespace: c.namespace } : {}),
    ...(c.sessionId ? { sessionId: c.sessionId } : {}),
    ...(c.agentId ? { agentId: c.agentId } : {}),
  };
  const data = await gateway.request<{ searchMemory: unknown[] }>(
    execution,
    SEARCH_MEMORY,
    { query: c.query, filter, limit: c.limit ?? null },
    execution.signal,
  );
  return { output: { hits: data.searchMemory } };
}
