import { signToken } from '../../../platform/auth/tokens.ts';
import { UpstreamError } from '../../../platform/errors.ts';

/**
 * Turns texts into vectors for one tenant. Implementations call a model; every vector has {@link dimensions}
 * components and is L2-normalised (unit length), so cosine similarity is their dot product.
 */
export interface Embedder {
  /** The model, as `/v1/embeddings` names it (`<provider>/<model>`). */
  readonly model: string;
  readonly dimensions: number;
  /**
   * The vectors of `texts`, in order, for `tenantId` (whose model calls they are).
   * @throws {@link UpstreamError} when the call fails (`details.status`, `details.retryAfterMs` when the router said).
   */
  embed(tenantId: string, texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** Options of {@link createGatewayEmbedder}. */
export interface GatewayEmbedderOptions {
  /** The gateway's GraphQL URL (`config.endpoints.gatewayUrl`); `/v1/embeddings` is beside it. */
  readonly gatewayUrl: string;
  /** The client-token secret and issuer (`config.auth`): the embedder calls as the tenant's `memory-indexer`. */
  readonly jwtSecret: string;
  readonly jwtIssuer: string | undefined;
  /** `aud` of client JWTs (`config.auth.jwtAudience`), if any: the gateway requires it when configured. */
  readonly jwtAudience?: string | undefined;
  readonly model: string;
  readonly dimensions: number;
  /** Timeout of one call, in ms. @defaultValue 60000 */
  readonly timeoutMs?: number;
}

/** Subject of the memory subgraph's own calls in the tenant's model-call log. */
export const EMBEDDING_SUBJECT = 'memory-indexer';
const TOKEN_TTL_SECONDS = 300;

/**
 * The embedder over the gateway's OpenAI-compatible `POST /v1/embeddings` (the routing subgraph owns every model
 * call: the key of the provider goes to its base URL only, the call is recorded as the tenant's ModelCall of kind
 * EMBEDDING with its tokens and cost, budgets and limits apply). Authenticates with a short-lived client token of the
 * tenant, subject {@link EMBEDDING_SUBJECT}, scope `routing:write`; normalises the vectors it gets.
 */
export function createGatewayEmbedder(options: GatewayEmbedderOptions): Embedder {
  const url = new URL('/v1/embeddings', options.gatewayUrl).href;
  return {
    model: options.model,
    dimensions: options.dimensions,
    async embed(tenantId, texts, signal) {
      if (texts.length === 0) return [];
      const token = await signToken(
        { tenantId, subject: EMBEDDING_SUBJECT, scopes: ['routing:write'] },
        { secret: options.jwtSecret, ttlSeconds: TOKEN_TTL_SECONDS, issuer: options.jwtIssuer, audience: options.jwtAudience },
      );
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ model: options.model, input: texts, dimensions: options.dimensions, encoding_format: 'float' }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        throw new UpstreamError('The embeddings call did not complete', { cause: (error as Error).name });
      }
      const body = (await response.json().catch(() => null)) as { data?: { index: number; embedding: number[] }[]; error?: { message?: string } } | null;
      if (!response.ok || !body?.data) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new UpstreamError(`The embeddings call failed (HTTP ${response.status}): ${body?.error?.message ?? 'no answer'}`, {
          status: response.status,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        });
      }
      const vectors = [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== texts.length || vectors.some((v) => v.length !== options.dimensions)) {
        throw new UpstreamError(`The embeddings call answered ${vectors.length} vectors of other than ${options.dimensions} dimensions`, {});
      }
      return vectors.map(normalise);
    },
  };
}

/** `v` scaled to unit length (the zero vector stays zero). */
export function normalise(v: readonly number[]): number[] {
  const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return norm === 0 ? [...v] : v.map((x) => x / norm);
}
