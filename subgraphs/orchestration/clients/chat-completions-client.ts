import { StepError } from '../engine/step-error.ts';

/** One message of a chat. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A request to an OpenAI-compatible Chat Completions API. */
export interface ChatCompletionRequest {
  /** Base URL of the API, e.g. `https://api.openai.com/v1` (the client POSTs `${endpoint}/chat/completions`). */
  readonly endpoint: string;
  /** Sent as `Authorization: Bearer <apiKey>` when present. */
  readonly apiKey: string | undefined;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number | undefined;
  readonly temperature?: number | undefined;
  /** Aborts the call (run cancelled, step timeout). */
  readonly signal: AbortSignal;
}

/** The answer: the first choice's content and the token usage the provider reported (0 when it did not). */
export interface ChatCompletion {
  readonly content: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly finishReason: string | null;
}

interface ChatCompletionBody {
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: string };
}

/**
 * Calls `POST ${endpoint}/chat/completions` (OpenAI Chat Completions wire format, which most providers and local
 * servers such as vLLM and Ollama also speak).
 * @throws {@link StepError}: `UPSTREAM` for network failures, non-2xx answers (with the provider's message) and
 *   answers without a choice; `TIMEOUT`/`CANCELLED` when `signal` aborts.
 */
export async function createChatCompletion(request: ChatCompletionRequest): Promise<ChatCompletion> {
  const url = `${request.endpoint.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.apiKey) headers['authorization'] = `Bearer ${request.apiKey}`;
  let body: ChatCompletionBody;
  let status: number;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: request.model,
        messages: request.messages,
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      }),
      signal: request.signal,
    });
    status = response.status;
    body = (await response.json()) as ChatCompletionBody;
  } catch (error) {
    throw StepError.fromFetch(error, request.signal, `model provider at ${url}`);
  }
  if (status < 200 || status > 299) {
    throw new StepError('UPSTREAM', `model provider answered HTTP ${status}: ${body.error?.message ?? 'no message'}`);
  }
  const choice = body.choices?.[0];
  if (!choice?.message) throw new StepError('UPSTREAM', 'model provider answered without a choice');
  return {
    content: choice.message.content ?? '',
    inputTokens: body.usage?.prompt_tokens ?? 0,
    outputTokens: body.usage?.completion_tokens ?? 0,
    finishReason: choice.finish_reason ?? null,
  };
}
