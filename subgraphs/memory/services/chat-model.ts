import { signToken } from '../../../platform/auth/tokens.ts';
import { UpstreamError } from '../../../platform/errors.ts';

/** One chat message as the router takes it. */
export interface ChatModelMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** What a {@link ChatModel} answered: the text, and the ModelCall that answered it (routing's entity id). */
export interface ChatModelAnswer {
  readonly content: string;
  readonly modelCallId: string | null;
}

/** A chat model through the router, for the memory subgraph's own calls (extraction). */
export interface ChatModel {
  /**
   * One completion for `tenantId`, asking for a JSON object (`response_format: json_object`), at temperature 0.
   * @param options.model - a tenant model or group name; absent = the router's choice.
   * @throws {@link UpstreamError} when the call fails (the router's error code in `details.code`).
   */
  complete(
    tenantId: string,
    messages: readonly ChatModelMessage[],
    options: { readonly taskType: string; readonly model?: string | null | undefined; readonly sessionId?: string | null; readonly runId?: string | null },
  ): Promise<ChatModelAnswer>;
}

/** Options of {@link createGatewayChatModel}. */
export interface GatewayChatModelOptions {
  /** The gateway's GraphQL URL (`config.endpoints.gatewayUrl`). */
  readonly gatewayUrl: string;
  readonly jwtSecret: string;
  readonly jwtIssuer: string | undefined;
  /** `aud` of client JWTs (`config.auth.jwtAudience`), if any: the gateway requires it when configured. */
  readonly jwtAudience?: string | undefined;
  /** Timeout of one call, in ms. @defaultValue 120000 */
  readonly timeoutMs?: number;
}

/** Subject of the memory subgraph's extraction calls in the tenant's model-call log. */
export const EXTRACTION_SUBJECT = 'memory-extraction';

const COMPLETE = `mutation MemoryExtractionCompletion($input: ChatCompletionInput!) {
  createChatCompletion(input: $input) { content attempts { id status } }
}`;

/**
 * The chat model over the gateway's `createChatCompletion` (the routing subgraph: every call a ModelCall of the
 * tenant, with routing, retries, fallbacks, limits and budgets), authenticated with a short-lived client token of
 * the tenant (subject {@link EXTRACTION_SUBJECT}, scope `routing:write`). The answer's ModelCall is the succeeded
 * attempt.
 */
export function createGatewayChatModel(options: GatewayChatModelOptions): ChatModel {
  return {
    async complete(tenantId, messages, call) {
      const token = await signToken(
        { tenantId, subject: EXTRACTION_SUBJECT, scopes: ['routing:write'] },
        { secret: options.jwtSecret, ttlSeconds: 300, issuer: options.jwtIssuer, audience: options.jwtAudience },
      );
      const input = {
        messages: messages.map((m) => ({ role: m.role.toUpperCase(), content: m.content })),
        taskType: call.taskType,
        responseFormat: { type: 'json_object' },
        temperature: 0,
        ...(call.model ? { model: call.model } : {}),
        ...(call.sessionId ? { sessionId: call.sessionId } : {}),
        ...(call.runId ? { runId: call.runId } : {}),
      };
      let body: {
        data?: { createChatCompletion?: { content: string | null; attempts: { id: string; status: string }[] } };
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      try {
        const response = await fetch(options.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: COMPLETE, variables: { input } }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw new UpstreamError('The extraction model call did not complete', { cause: (error as Error).name });
      }
      const answer = body.data?.createChatCompletion;
      if (!answer || body.errors?.length) {
        const first = body.errors?.[0];
        throw new UpstreamError(`The extraction model call failed: ${first?.message ?? 'no answer'}`, { code: first?.extensions?.code ?? null });
      }
      const succeeded = answer.attempts.find((a) => a.status === 'SUCCEEDED') ?? answer.attempts.at(-1);
      return { content: answer.content ?? '', modelCallId: succeeded?.id ?? null };
    },
  };
}
