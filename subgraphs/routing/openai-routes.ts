import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { requireScope } from '../../platform/auth/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { SubgraphRoutes } from '../../platform/subgraph/subgraph-definition.ts';
import { routeContextOf } from '../../platform/subgraph/subgraph-server.ts';
import { OpenAiChunkStream } from './openai-chunk-stream.ts';
import type { RoutingServices } from './routing-services.ts';
import { validateChatCompletion } from './services/completion-input.ts';
import { parseEmbeddingsBody, toEmbeddingList } from './services/openai-embeddings-wire.ts';
import { toOpenAiError } from './services/openai-error-wire.ts';
import { toChatCompletion, toModelList } from './services/openai-response-wire.ts';
import { parseChatCompletionBody } from './services/openai-wire.ts';

/**
 * Largest accepted `/v1/chat/completions` or `/v1/embeddings` body, in bytes (4 MiB: room for `MAX_CHAT_CHARACTERS`
 * of JSON-escaped content). A larger one is refused with 413 `request_too_large`.
 */
export const OPENAI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * The routing subgraph's OpenAI-compatible routes, which the gateway proxies from its own `/v1/*` (behind the
 * subgraph's internal-token authentication; thin: HTTP ↔ service, the mapping is in services/openai-*-wire.ts):
 * - `POST /v1/chat/completions` (scope `routing:write`): OpenAI's Chat Completions request → the completion service;
 *   answered as a `chat.completion` object, or with `stream: true` as server-sent chunks (openai-chunk-stream.ts).
 *   A client that disconnects aborts the call.
 * - `POST /v1/embeddings` (scope `routing:write`): OpenAI's embeddings request (`model`, `input` as a string or up to
 *   2,048 strings of up to 32,768 characters, `dimensions`, `encoding_format` `float` or `base64`, and Orchestra's
 *   `orchestra: { taskType, memoryId, timeoutMs }`) → the embedding service; answered as OpenAI's embeddings list.
 *   `model` is a tenant model or group name, or `<operatorProvider>/<providerModel>` (services/embedding-service.ts).
 * - `GET /v1/models` (scope `routing:read`): the tenant's enabled deployments and group names, OpenAI's model list.
 * - `GET /v1/models/:id` (scope `routing:read`): one of them, or 404.
 * Every answer carries `x-request-id`; errors are in OpenAI's shape (services/openai-error-wire.ts has the table).
 */
export function createOpenAiRoutes(services: RoutingServices): SubgraphRoutes {
  return (router: Router) => {
    router.post('/v1/chat/completions', express.json({ limit: OPENAI_MAX_REQUEST_BYTES, type: () => true }), (req, res, next) => {
      chatCompletion(services, req, res).catch(next);
    });
    router.post('/v1/embeddings', express.json({ limit: OPENAI_MAX_REQUEST_BYTES, type: () => true }), (req, res, next) => {
      embeddings(services, req, res).catch(next);
    });
    router.get('/v1/models', (_req, res, next) => {
      listModels(services, res).then((list) => res.json(list), next);
    });
    router.get('/v1/models/:id', (req, res, next) => {
      const id = req.params['id'] ?? '';
      listModels(services, res)
        .then((list) => {
          const model = list.data.find((m) => m.id === id);
          if (!model) throw new NotFoundError(`The model '${id}' does not exist`, { model: id });
          res.json(model);
        })
        .catch(next);
    });
    router.use('/v1', (error: unknown, _req: Request, res: Response, _next: NextFunction) => sendOpenAiError(res, error, routeContextOf(res).logger));
  };
}

/** `POST /v1/chat/completions`. */
async function chatCompletion(services: RoutingServices, req: Request, res: Response): Promise<void> {
  const { principal, requestId, logger } = routeContextOf(res);
  res.setHeader('x-request-id', requestId);
  requireScope(principal, 'routing:write');
  const wire = parseChatCompletionBody(req.body);
  const request = validateChatCompletion(wire.input);
  const signal = abortOnClose(res);
  if (!wire.stream) {
    const result = await services.completions.complete(principal.tenantId, request, { signal });
    res.json(toChatCompletion(result));
    return;
  }
  const stream = new OpenAiChunkStream(res, wire.includeUsage);
  try {
    stream.finish(await services.completions.complete(principal.tenantId, request, { sink: stream, signal }));
  } catch (error) {
    if (!stream.started) throw error;
    stream.fail(error, logger);
  }
}

/** `POST /v1/embeddings`. */
async function embeddings(services: RoutingServices, req: Request, res: Response): Promise<void> {
  const { principal, requestId } = routeContextOf(res);
  res.setHeader('x-request-id', requestId);
  requireScope(principal, 'routing:write');
  const wire = parseEmbeddingsBody(req.body);
  const result = await services.embeddings.embed(principal.tenantId, wire.request, { signal: abortOnClose(res) });
  res.json(toEmbeddingList(result, wire.encoding));
}

/** The tenant's models, after the scope check. */
async function listModels(services: RoutingServices, res: Response): Promise<ReturnType<typeof toModelList>> {
  const { principal, requestId } = routeContextOf(res);
  res.setHeader('x-request-id', requestId);
  requireScope(principal, 'routing:read');
  return toModelList(await services.models.listEnabled(principal.tenantId));
}

/** A signal that aborts when the response closes before it finished (the client went away). */
function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Answers `error` in OpenAI's shape; nothing when the client is gone or the answer has started. */
function sendOpenAiError(res: Response, error: unknown, logger: Logger): void {
  const { status, body, headers, unexpected } = toOpenAiError(error);
  if (unexpected) logger.error({ err: error }, 'OpenAI-compatible request failed');
  if (res.headersSent || res.destroyed) return;
  res.status(status).set(headers).json(body);
}
