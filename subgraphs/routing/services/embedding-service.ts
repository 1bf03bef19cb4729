import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { EgressPolicy } from '../../../platform/egress/egress-policy.ts';
import { ModelCallError, RateLimitedError } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { ModelCall } from '../entities/model-call.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { CompletionLimits } from './completion-limits.ts';
import type { CompletionRetrySettings } from './completion-service.ts';
import type { DeploymentHealth } from './deployment-health.ts';
import type { EmbeddingModels } from './embedding-models.ts';
import { validateEmbeddingRequest, type EmbeddingRequest, type ValidEmbeddingRequest } from './embedding-input.ts';
import type { ModelCallLog } from './model-call-log.ts';
import { observeCooldown } from './model-call-metrics.ts';
import { callEmbeddings, type EmbeddingsAnswer } from './openai-embeddings-client.ts';
import { inModelCallSpan } from './model-call-span.ts';
import type { ProviderCatalog } from './provider-catalog.ts';
import { COOLDOWN_CLASSES, ProviderFailure, RETRYABLE_CLASSES } from './provider-failure.ts';
import { estimateCostUsd } from './routing-score.ts';
import type { RoutingStateCache } from './routing-state.ts';
import { assertWithinBudgets } from './tenant-budgets.ts';
import { resolveDeploymentTarget } from './deployment-target.ts';

/** What the embedding service is built from (routing-services.ts wires it; the same pools as the completion service's). */
export interface EmbeddingServiceDependencies {
  /** Which deployments a model name names (embedding-models.ts). */
  readonly models: EmbeddingModels;
  /** Resolves each deployment's provider and key. */
  readonly providers: ProviderCatalog;
  /** The tenant's enabled models and settings (budgets, limits), as the completion service reads them. */
  readonly states: RoutingStateCache;
  /** Records each attempt as a ModelCall of kind `EMBEDDING` (model-call-log.ts `record`). */
  readonly calls: ModelCallLog;
  readonly health: DeploymentHealth;
  readonly limits: CompletionLimits;
  /** Checks and connects every request to a tenant-chosen target (tenant providers, keyless model endpoints). */
  readonly egress: EgressPolicy;
  /** The connection pool of operator providers (`LLM_PROVIDERS`): not tenant-chosen, so not under the egress policy. */
  readonly operatorDispatcher: Dispatcher;
  /** Timeout, retries and backoff: the router's (`LLM_TIMEOUT_MS`, `LLM_MAX_RETRIES`, `LLM_RETRY_*`). */
  readonly retry: CompletionRetrySettings;
  readonly logger: Logger;
}

/** Options of one {@link EmbeddingService.embed} call. */
export interface EmbedOptions {
  /** Aborts the call (client gone): the attempt in flight ends as `CANCELLED`. */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link EmbeddingService.embed} answers. */
export interface EmbeddingResult {
  /** The request id, shared by the attempts' `ModelCall.requestId`. */
  readonly requestId: string;
  /** One vector per input, in the inputs' order (the provider's numbers, unchanged). */
  readonly vectors: number[][];
  /** The answering deployment's name. */
  readonly model: string;
  /** Tokens of the answering attempt: the provider's usage, or ⌈characters / 4⌉ summed when it reported none. */
  readonly usage: { readonly inputTokens: number };
  /** Cost of every attempt, in USD (the deployment's `inputCostPer1kTokensUsd`; failed attempts cost 0). */
  readonly costUsd: number;
  /** From the request to the answer, in ms. */
  readonly latencyMs: number;
  /** The deployment that answered. */
  readonly deployment: ModelProfile;
  /** Every attempt, the answering one last. */
  readonly attempts: readonly ModelCall[];
}

/** Local state of one embeddings request. */
interface RequestState {
  readonly id: string;
  readonly tenantId: string;
  readonly request: ValidEmbeddingRequest;
  readonly startedMs: number;
  readonly attempts: ModelCall[];
  /** Deployments that failed during this request: avoided while another is available. */
  readonly failed: Set<string>;
  /** Deployments refused by their own rate limits during this request, with when to retry (ms). */
  readonly limited: Map<string, number>;
}

/** Latencies are kept to the microsecond. */
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Embeddings through the router (the OpenAI-compatible `POST /v1/embeddings`; the memory subgraph calls it with
 * `EMBEDDINGS_MODEL`). One request:
 * 1. **Model** — a model or group name of the tenant's enabled models, or `<operatorProvider>/<providerModel>` naming
 *    an operator provider's model directly (cost 0 unless the tenant prices it): embedding-models.ts has the rules.
 * 2. **Budget and limits** — the tenant's daily and monthly budgets, then its requests and tokens per minute
 *    (⌈characters / 4⌉ per input), as for chat completions.
 * 3. **Attempts** — up to 1 + `maxRetries`, each on the first deployment that is not cooling down, not over its own
 *    rpm/tpm limit and (while another is left) not failed in this request; retryable classes only (`RATE_LIMITED`,
 *    `PROVIDER_UNAVAILABLE`, `TIMEOUT`), after exponential backoff with full jitter or the provider's `Retry-After`
 *    (unless another deployment is free). Cooling classes count towards the deployment's cooldown, which chat
 *    completions share. There are no fallbacks and no routing decision; the deployment's latency and success rate
 *    (the router's chat estimates) are not moved.
 * 4. **Accounting** — every attempt is a ModelCall of kind `EMBEDDING` (tokens from the provider's usage, cost at the
 *    deployment's `inputCostPer1kTokensUsd`, latency, status, class; `taskType` and `memoryId` when given).
 *
 * Keys: an operator provider's key goes to its own `baseUrl` only (operator pool); a tenant provider's key to its own
 * `baseUrl` only, through the egress policy; a keyless endpoint of the model gets no key. No redirect is followed.
 */
export class EmbeddingService {
  constructor(private readonly deps: EmbeddingServiceDependencies) {}

  /**
   * Embeds `request.inputs` for `tenantId` with `request.model`.
   * @returns the vectors in input order, with usage, cost and the answering deployment ({@link EmbeddingResult})
   * @throws {@link BadUserInputError} for an invalid request or an unknown model (`details.field`: `model`, `input`,
   *   `input[i]`, `dimensions`, `orchestra.*`), {@link BudgetExceededError}, {@link RateLimitedError}
   *   (`details.retryAfterSeconds`, `limit`, `scope: 'tenant'`), or {@link ModelCallError} with the class of the last
   *   failure and `details.attempts` (`[{ attempt, deployment, provider, errorClass, latencyMs }]`), `requestId`.
   */
  async embed(tenantId: string, request: EmbeddingRequest, options: EmbedOptions = {}): Promise<EmbeddingResult> {
    const valid = validateEmbeddingRequest(request);
    const routing = await this.deps.states.get(tenantId);
    const deployments = await this.deps.models.deploymentsOf(tenantId, valid.model, routing.models);
    await assertWithinBudgets(this.deps.calls, tenantId, routing.settings);
    const verdict = await this.deps.limits.charge(`tenant:${tenantId}`, {
      requestsPerMinute: routing.settings.requestsPerMinute,
      tokensPerMinute: routing.settings.tokensPerMinute,
      tokens: valid.estimatedInputTokens,
    });
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new RateLimitedError(`The tenant's ${verdict.limit} per minute limit is reached; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        limit: verdict.limit,
        scope: 'tenant',
      });
    }
    const state: RequestState = {
      id: randomUUID(),
      tenantId,
      request: valid,
      startedMs: performance.now(),
      attempts: [],
      failed: new Set(),
      limited: new Map(),
    };
    const outcome = await this.attempt(state, deployments, options.signal);
    if (outcome.kind === 'answered') return outcome.result;
    throw finalError(state, outcome.failure);
  }

  /** Runs the attempts over `deployments`; answered, or the failure that ended them. */
  private async attempt(
    state: RequestState,
    deployments: readonly ModelProfile[],
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'answered'; result: EmbeddingResult } | { kind: 'failed'; failure: ProviderFailure | undefined }> {
    const { maxRetries, retryInitialMs, retryMaxMs } = this.deps.retry;
    let failure: ProviderFailure | undefined;
    for (let attempt = 0; attempt <= maxRetries;) {
      const choice = await this.choose(state, deployments);
      if (choice.kind === 'none') return { kind: 'failed', failure: failure ?? choice.failure };
      const deployment = choice.deployment;
      const verdict = await this.deps.limits.charge(`deployment:${deployment.id}`, {
        requestsPerMinute: deployment.requestsPerMinute,
        tokensPerMinute: deployment.tokensPerMinute,
        tokens: state.request.estimatedInputTokens,
      });
      if (!verdict.allowed) {
        // Skipped without an attempt: the deployment's own limit, not a failure of it.
        state.limited.set(deployment.id, verdict.retryAfterMs);
        continue;
      }
      attempt++;
      try {
        return { kind: 'answered', result: await this.call(state, deployment, signal) };
      } catch (error) {
        if (!(error instanceof ProviderFailure)) throw error;
        failure = error;
        state.failed.add(deployment.id);
        if (COOLDOWN_CLASSES.has(error.errorClass)) {
          const cooledUntil = await this.deps.health.recordFailure(deployment.id, error.retryAfterMs);
          if (cooledUntil !== undefined) {
            observeCooldown(deployment.name);
            this.deps.logger.warn(
              { deployment: deployment.name, until: new Date(cooledUntil).toISOString(), errorClass: error.errorClass },
              'deployment cools down',
            );
          }
        }
        if (!RETRYABLE_CLASSES.has(error.errorClass) || signal?.aborted || attempt > maxRetries) break;
        const delayMs = error.retryAfterMs ?? Math.random() * Math.min(retryMaxMs, retryInitialMs * 2 ** (attempt - 1));
        const alternative = await this.hasAlternative(state, deployments);
        if (delayMs > retryMaxMs && error.retryAfterMs !== undefined) {
          // The provider asks for a longer wait than a retry may take: only another deployment may answer now.
          if (!alternative) break;
          continue;
        }
        if (!alternative) await sleep(Math.min(delayMs, retryMaxMs), undefined, { signal }).catch(() => undefined);
        if (signal?.aborted) break;
      }
    }
    return { kind: 'failed', failure };
  }

  /** The first deployment not cooling down nor over its limit, preferring ones not failed in this request. */
  private async choose(
    state: RequestState,
    deployments: readonly ModelProfile[],
  ): Promise<{ kind: 'chosen'; deployment: ModelProfile } | { kind: 'none'; failure: ProviderFailure }> {
    const cooling = await this.deps.health.cooldowns(deployments.map((d) => d.id));
    const open = deployments.filter((d) => !cooling.has(d.id) && !state.limited.has(d.id));
    const deployment = open.find((d) => !state.failed.has(d.id)) ?? open[0];
    if (deployment) return { kind: 'chosen', deployment };
    const waits = [...cooling.values()].map((until) => until - Date.now()).concat([...state.limited.values()]);
    return {
      kind: 'none',
      failure: new ProviderFailure(
        'RATE_LIMITED',
        `every deployment of ${state.request.model} is cooling down or at its rate limit`,
        Math.max(1, Math.min(...waits)),
      ),
    };
  }

  /** Whether a deployment not yet failed in this request could take a retry at once. */
  private async hasAlternative(state: RequestState, deployments: readonly ModelProfile[]): Promise<boolean> {
    const cooling = await this.deps.health.cooldowns(deployments.map((d) => d.id));
    return deployments.some((d) => !cooling.has(d.id) && !state.failed.has(d.id) && !state.limited.has(d.id));
  }

  /** One attempt on `deployment`, as a model call span (model-call-span.ts): {@link EmbeddingService.callAttempt}. */
  private async call(state: RequestState, deployment: ModelProfile, signal: AbortSignal | undefined): Promise<EmbeddingResult> {
    return inModelCallSpan(
      'embeddings',
      deployment,
      state.attempts,
      () => this.callAttempt(state, deployment, signal),
      (result) => ({ inputTokens: result.usage.inputTokens, outputTokens: 0 }),
    );
  }

  /** One attempt on `deployment`, recorded as a ModelCall. */
  private async callAttempt(state: RequestState, deployment: ModelProfile, signal: AbortSignal | undefined): Promise<EmbeddingResult> {
    const started = performance.now();
    const end = await this.deps.health.begin(deployment.id);
    let answer: EmbeddingsAnswer;
    try {
      answer = await this.callProvider(state, deployment, signal);
    } catch (error) {
      const failure = error instanceof ProviderFailure ? error : new ProviderFailure('PROVIDER_UNAVAILABLE', 'the call failed');
      if (!(error instanceof ProviderFailure)) this.deps.logger.error({ err: error, requestId: state.id }, 'embeddings call failed unexpectedly');
      await this.record(state, deployment, started, { failure });
      throw failure;
    } finally {
      await end();
    }
    const call = await this.record(state, deployment, started, { inputTokens: answer.inputTokens ?? state.request.estimatedInputTokens });
    return {
      requestId: state.id,
      vectors: answer.vectors,
      model: deployment.name,
      usage: { inputTokens: call.inputTokens },
      costUsd: state.attempts.reduce((sum, a) => sum + a.costUsd, 0),
      latencyMs: round(performance.now() - state.startedMs),
      deployment,
      attempts: [...state.attempts],
    };
  }

  /** Resolves the deployment's target and key, then calls it; the key goes to its own base URL only. */
  private async callProvider(state: RequestState, deployment: ModelProfile, callerSignal: AbortSignal | undefined): Promise<EmbeddingsAnswer> {
    const { baseUrl, apiKey, dispatcher } = await resolveDeploymentTarget(this.deps, state.tenantId, deployment, '/embeddings');
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort('TIMEOUT'), state.request.timeoutMs ?? this.deps.retry.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    try {
      return await callEmbeddings(
        { baseUrl, apiKey, model: deployment.providerModel, dispatcher },
        { inputs: state.request.inputs, dimensions: state.request.dimensions },
        signal,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes the attempt's ModelCall row (one INSERT) and keeps it in the request's attempts. */
  private async record(
    state: RequestState,
    deployment: ModelProfile,
    started: number,
    outcome: { inputTokens: number; failure?: undefined } | { failure: ProviderFailure; inputTokens?: undefined },
  ): Promise<ModelCall> {
    const inputTokens = outcome.inputTokens ?? 0;
    const call: ModelCall = {
      id: randomUUID(),
      tenantId: state.tenantId,
      requestId: state.id,
      attempt: state.attempts.length + 1,
      kind: 'EMBEDDING',
      modelId: deployment.id,
      modelName: deployment.name,
      provider: deployment.provider,
      providerModel: deployment.providerModel,
      taskType: state.request.taskType ?? null,
      sessionId: null,
      runId: null,
      stepId: null,
      memoryId: state.request.memoryId ?? null,
      routingDecisionId: null,
      status: outcome.failure ? 'FAILED' : 'SUCCEEDED',
      errorClass: outcome.failure?.errorClass ?? null,
      error: outcome.failure?.message ?? null,
      inputTokens,
      outputTokens: 0,
      costUsd: estimateCostUsd(deployment, inputTokens, 0),
      latencyMs: round(performance.now() - started),
      timeToFirstTokenMs: null,
      streamed: false,
      createdAt: new Date(),
    };
    state.attempts.push(call);
    await this.deps.calls.record(call);
    return call;
  }
}

/** The error of a request that got no answer: {@link ModelCallError} with the last failure's class. */
function finalError(state: RequestState, failure: ProviderFailure | undefined): ModelCallError {
  const attempts = state.attempts.map((a) => ({
    attempt: a.attempt,
    deployment: a.modelName,
    provider: a.provider,
    errorClass: a.errorClass,
    latencyMs: a.latencyMs,
  }));
  if (!failure) return new ModelCallError('PROVIDER_UNAVAILABLE', 'The embeddings call got no answer', { attempts, requestId: state.id });
  if (failure.errorClass === 'CANCELLED') {
    return new ModelCallError('TIMEOUT', 'The embeddings call was cancelled by its caller', { attempts, requestId: state.id, cancelled: true });
  }
  const code = failure.errorClass;
  const retryAfterSeconds = failure.retryAfterMs !== undefined ? Math.ceil(failure.retryAfterMs / 1000) : undefined;
  return new ModelCallError(
    code,
    `The embeddings call failed (${code}) after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}: ${failure.message}`,
    {
      attempts,
      requestId: state.id,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    },
  );
}
