import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BadUserInputError, UpstreamError } from '../../../platform/errors.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { ChatModel, ChatModelMessage } from './chat-model.ts';
import type { MemoryFilterInput } from './memory-filter.ts';
import { parseStoreInput, parseTags, type MemoryOperation, type MemorySourceRequest } from './memory-input.ts';
import type { MemorySearch } from './memory-search.ts';
import type { MemoryWriter } from './memory-writer.ts';

/** Most messages of one `addMemories` call. */
export const MAX_EXTRACTION_MESSAGES = 100;
/** Longest message content, in characters. */
export const MAX_EXTRACTION_MESSAGE_CHARS = 16_384;
/** Most facts taken from one extraction answer (the rest is dropped). */
export const MAX_EXTRACTED_FACTS = 50;
/** Existing memories compared with each fact (the nearest ones in the scope). */
const SIMILAR_PER_FACT = 5;
/** The router's task type of the two calls, so it learns which model extracts well. */
export const EXTRACTION_TASK_TYPE = 'memory-extraction';

/** The prompts, versioned files beside this module (prompts/); the version is part of every decision's reason. */
export const EXTRACTION_PROMPTS = Object.freeze({
  version: 'v1',
  facts: readFileSync(new URL('../prompts/fact-extraction.v1.md', import.meta.url), 'utf8'),
  update: readFileSync(new URL('../prompts/memory-update.v1.md', import.meta.url), 'utf8'),
});

/** GraphQL `AddMemoriesInput`. */
export interface AddMemoriesRequest {
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly namespace: string;
  readonly userId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  readonly sessionId?: string | null | undefined;
  readonly runId?: string | null | undefined;
  readonly tags?: readonly string[] | null | undefined;
  readonly source?: MemorySourceRequest | null | undefined;
  /** A tenant model or group; absent = the router's choice. */
  readonly model?: string | null | undefined;
}

/** One decision of an extraction (`MemoryDecision`). */
export interface MemoryDecision {
  readonly event: 'ADD' | 'UPDATE' | 'DELETE' | 'NOOP';
  readonly text: string;
  readonly reason: string;
  /** The item after the decision (ADD, UPDATE), as it is (NOOP), or as it was (DELETE). */
  readonly memory: MemoryItem | null;
  /** The content before an UPDATE or DELETE. */
  readonly previousContent: string | null;
}

/** GraphQL `AddMemoriesResult`. */
export interface AddMemoriesResult {
  readonly facts: string[];
  readonly decisions: MemoryDecision[];
}

const ROLES = new Set(['system', 'user', 'assistant']);

/**
 * `addMemories` and `memory.extract` steps: mem0's two-phase memory update (Chhikara et al., "Mem0: Building
 * Production-Ready AI Agents with Scalable Long-Term Memory", arXiv 2504.19413, 2025):
 * 1. **Extraction** — one model call (prompts/fact-extraction.v1.md) turns the conversation into facts.
 * 2. **Update** — for each fact the {@link SIMILAR_PER_FACT} most similar live memories of the same scope (namespace,
 *    userId, agentId, runId; hybrid search with an embedder, lexical without; the lexical query is any of the fact's
 *    words, so "Drinks coffee" finds "Drinks tea" for the model to judge), then one model call
 *    (prompts/memory-update.v1.md) decides per fact ADD, UPDATE, DELETE or NOOP with a reason.
 * All decisions apply in one transaction (an invalid one — an unknown id, an empty text — is dropped, never applied);
 * every write's history entry has cause EXTRACTION, the reason and the update call's ModelCall. Both calls go through
 * the router under task type {@link EXTRACTION_TASK_TYPE}.
 */
export class MemoryExtraction {
  constructor(
    private readonly model: ChatModel,
    private readonly search: MemorySearch,
    private readonly writer: MemoryWriter,
  ) {}

  /**
   * Extracts and applies.
   * @throws {@link BadUserInputError} for bad messages (1 to {@link MAX_EXTRACTION_MESSAGES}, roles system, user or
   *   assistant, content 1 to {@link MAX_EXTRACTION_MESSAGE_CHARS} characters) or scope fields; nothing is called.
   * @throws {@link UpstreamError} when a model call fails or answers other than the JSON asked for; nothing is written.
   */
  async add(tenantId: string, changedBy: string | null, request: AddMemoriesRequest): Promise<AddMemoriesResult> {
    const messages = parseMessages(request.messages);
    // The scope fields as a store validates them (also the first errors a client sees).
    const template = parseStoreInput({ ...request, key: 'k', content: '' }, 'input');
    const tags = parseTags('input.tags', request.tags ?? []);
    const scope: MemoryFilterInput = {
      namespace: template.namespace,
      ...(template.userId ? { userId: template.userId } : {}),
      ...(template.agentId ? { agentId: template.agentId } : {}),
      ...(template.runId ? { runId: template.runId } : {}),
    };
    const call = { taskType: EXTRACTION_TASK_TYPE, model: request.model, sessionId: template.sessionId, runId: template.runId };

    const conversation = messages.map((m) => `${m.role}: ${m.content}`).join('\n');
    const extracted = await this.model.complete(
      tenantId,
      [
        { role: 'system', content: EXTRACTION_PROMPTS.facts },
        { role: 'user', content: conversation },
      ],
      call,
    );
    const facts = parseFacts(extracted.content);
    if (facts.length === 0) return { facts, decisions: [] };

    const similar = new Map<string, MemoryItem>();
    for (const fact of facts) {
      const found = await this.search.search(tenantId, { query: anyWordQuery(fact), filter: scope, limit: SIMILAR_PER_FACT });
      for (const hit of found.hits) similar.set(hit.item.id, hit.item);
    }
    const existing = [...similar.values()];
    const updated = await this.model.complete(
      tenantId,
      [
        { role: 'system', content: EXTRACTION_PROMPTS.update },
        { role: 'user', content: JSON.stringify({ existing: existing.map((m, i) => ({ id: String(i), text: m.content })), facts }) },
      ],
      call,
    );
    const proposals = parseDecisions(updated.content);

    const operations: MemoryOperation[] = [];
    const planned: { event: MemoryDecision['event']; text: string; reason: string; target: MemoryItem | null; operation: number | null }[] = [];
    const decided = new Set<string>();
    for (const p of proposals) {
      const target = p.event === 'ADD' ? null : (existing[Number(p.id)] ?? null);
      if (p.event !== 'ADD' && (!target || !/^\d+$/.test(p.id) || decided.has(target.id))) continue;
      if ((p.event === 'ADD' || p.event === 'UPDATE') && p.text.trim() === '') continue;
      const change = { cause: 'EXTRACTION' as const, reason: `${p.reason} (prompts ${EXTRACTION_PROMPTS.version})`, modelCallId: updated.modelCallId };
      if (target) decided.add(target.id);
      if (p.event === 'ADD') {
        operations.push({ kind: 'store', store: { ...template, key: `extracted-${randomUUID()}`, content: p.text, tags }, change });
      } else if (p.event === 'UPDATE' && target) {
        operations.push({
          kind: 'store',
          store: {
            ...template,
            namespace: target.namespace,
            key: target.key,
            content: p.text,
            metadata: target.metadata,
            tags: target.tags,
            userId: target.userId,
            agentId: target.agentId,
            sessionId: target.sessionId,
            runId: target.runId,
            ttlSeconds: null,
          },
          change,
        });
      } else if (p.event === 'DELETE' && target) {
        operations.push({ kind: 'delete', id: target.id, change });
      }
      planned.push({ event: p.event, text: p.text, reason: change.reason, target, operation: p.event === 'NOOP' ? null : operations.length - 1 });
    }
    const outcome = operations.length > 0 ? await this.writer.bulk(tenantId, operations, { changedBy }) : { stored: [], deletedIds: [] };
    // Stores come back in operation order: map each planned store to its item.
    const storedByOperation = new Map<number, MemoryItem>();
    let next = 0;
    operations.forEach((op, i) => {
      if (op.kind === 'store') storedByOperation.set(i, outcome.stored[next++] as MemoryItem);
    });
    return {
      facts,
      decisions: planned.map((p) => ({
        event: p.event,
        text: p.text,
        reason: p.reason,
        memory: p.operation !== null && storedByOperation.has(p.operation) ? (storedByOperation.get(p.operation) ?? null) : p.target,
        previousContent: p.event === 'UPDATE' || p.event === 'DELETE' ? (p.target?.content ?? null) : null,
      })),
    };
  }
}

function parseMessages(messages: AddMemoriesRequest['messages']): ChatModelMessage[] {
  if (messages.length < 1 || messages.length > MAX_EXTRACTION_MESSAGES) {
    throw new BadUserInputError(`"input.messages" must have 1 to ${MAX_EXTRACTION_MESSAGES} messages`, { field: 'input.messages' });
  }
  return messages.map((m, i) => {
    const role = m.role.toLowerCase();
    if (!ROLES.has(role)) throw new BadUserInputError(`"input.messages[${i}].role" must be system, user or assistant`, { field: `input.messages[${i}].role` });
    if (m.content.length < 1 || m.content.length > MAX_EXTRACTION_MESSAGE_CHARS || m.content.includes('\u0000')) {
      throw new BadUserInputError(`"input.messages[${i}].content" must be 1 to ${MAX_EXTRACTION_MESSAGE_CHARS} characters without U+0000`, {
        field: `input.messages[${i}].content`,
      });
    }
    return { role: role as ChatModelMessage['role'], content: m.content };
  });
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  try {
    const value: unknown = JSON.parse(start >= 0 && end > start ? text.slice(start, end + 1) : text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UpstreamError(`The extraction model's ${what} was not the JSON object asked for`, { reason: 'bad_model_answer' });
}

function parseFacts(text: string): string[] {
  const facts = parseJsonObject(text, 'facts').facts;
  if (!Array.isArray(facts)) throw new UpstreamError('The extraction model answered without a "facts" list', { reason: 'bad_model_answer' });
  return [...new Set(facts.filter((f): f is string => typeof f === 'string').map((f) => f.trim().slice(0, 2_000)))]
    .filter(Boolean)
    .slice(0, MAX_EXTRACTED_FACTS);
}

function parseDecisions(text: string): { id: string; event: MemoryDecision['event']; text: string; reason: string }[] {
  const memory = parseJsonObject(text, 'decisions').memory;
  if (!Array.isArray(memory)) throw new UpstreamError('The extraction model answered without a "memory" list', { reason: 'bad_model_answer' });
  const events = new Set(['ADD', 'UPDATE', 'DELETE', 'NOOP']);
  return memory.flatMap((d: unknown) => {
    if (d === null || typeof d !== 'object') return [];
    const r = d as Record<string, unknown>;
    const event = String(r['event'] ?? '').toUpperCase();
    if (!events.has(event)) return [];
    return [
      {
        id: String(r['id'] ?? ''),
        event: event as MemoryDecision['event'],
        text: typeof r['text'] === 'string' ? r['text'].slice(0, 65_536) : '',
        reason: typeof r['reason'] === 'string' && r['reason'].trim() ? r['reason'].trim().slice(0, 1_000) : 'no reason given',
      },
    ];
  });
}

/**
 * `fact` as a `websearch_to_tsquery` query matching any of its words (`a or b or c`): similar memories share some
 * words, rarely all. Words are runs of letters and digits (at most 1,000 characters in all).
 */
function anyWordQuery(fact: string): string {
  const words = fact.slice(0, 1000).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.join(' or ') : fact.slice(0, 1000);
}
