import type { GatewayClient } from '../../clients/gateway-client.ts';
import type { MemoryExtractConfig, MemorySearchConfig, MemoryStoreConfig } from '../../services/step-config-schemas.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

const STORE_MEMORY = `mutation OrchestrationStoreMemory($input: StoreMemoryInput!) {
  storeMemory(input: $input) { id namespace key version }
}`;

const SEARCH_MEMORY = `query OrchestrationSearchMemory($query: String!, $mode: MemorySearchMode, $filter: MemoryFilter, $limit: Int, $minScore: Float) {
  searchMemory(query: $query, mode: $mode, filter: $filter, limit: $limit, minScore: $minScore) {
    mode notEmbedded hits { score lexicalRank semanticSimilarity item { id namespace key content metadata tags userId } }
  }
}`;

const ADD_MEMORIES = `mutation OrchestrationAddMemories($input: AddMemoriesInput!) {
  addMemories(input: $input) { facts decisions { event text reason previousContent memory { id namespace key version } } }
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
 * `memory.search`: `searchMemory` through the gateway, with `mode`, `minScore` and a `filter` (the `MemoryFilter` of
 * `memories` lists), ANDed with the shorthands `namespace`, `sessionId`, `agentId`.
 * Output: `{ mode, notEmbedded, hits: [{ score, lexicalRank, semanticSimilarity, item: { id, namespace, key, content, metadata, tags, userId } }] }`.
 * @throws {@link StepError} `UPSTREAM` with the GraphQL errors.
 */
export async function executeMemorySearch(gateway: GatewayClient, execution: StepExecution<MemorySearchConfig>): Promise<StepResult> {
  const c = execution.config;
  const shorthand = {
    ...(c.namespace ? { namespace: c.namespace } : {}),
    ...(c.sessionId ? { sessionId: c.sessionId } : {}),
    ...(c.agentId ? { agentId: c.agentId } : {}),
  };
  const filter = c.filter ? (Object.keys(shorthand).length > 0 ? { and: [shorthand, c.filter] } : c.filter) : shorthand;
  const data = await gateway.request<{ searchMemory: { mode: string; notEmbedded: number; hits: unknown[] } }>(
    execution,
    SEARCH_MEMORY,
    { query: c.query, mode: c.mode ?? null, filter, limit: c.limit ?? null, minScore: c.minScore ?? null },
    execution.signal,
  );
  return { output: data.searchMemory };
}

/**
 * `memory.extract`: `addMemories` through the gateway — the memory subgraph has a model extract facts from
 * `messages`, decides ADD / UPDATE / DELETE / NOOP for each against the scope's similar memories (mem0; Chhikara et
 * al., arXiv 2504.19413) and applies every decision in one transaction. The run's session is the scope's session unless
 * `config.sessionId` is given; each added memory's source is this run and step. A retried attempt extracts again: facts
 * an earlier attempt already stored come back as NOOP decisions.
 * Output: `{ facts: string[], decisions: [{ event, text, reason, previousContent, memory: { id, namespace, key, version } }] }`.
 * @throws {@link StepError} `UPSTREAM` with the GraphQL errors.
 */
export async function executeMemoryExtract(gateway: GatewayClient, execution: StepExecution<MemoryExtractConfig>): Promise<StepResult> {
  const c = execution.config;
  const sessionId = c.sessionId ?? execution.sessionId;
  const input = {
    messages: c.messages,
    namespace: c.namespace,
    ...(c.userId ? { userId: c.userId } : {}),
    ...(c.agentId ? { agentId: c.agentId } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(c.runId ? { runId: c.runId } : {}),
    ...(c.tags ? { tags: c.tags } : {}),
    ...(c.model ? { model: c.model } : {}),
    source: { runId: execution.runId, stepId: execution.stepId },
  };
  const data = await gateway.request<{ addMemories: unknown }>(execution, ADD_MEMORIES, { input }, execution.signal);
  return { output: data.addMemories };
}
