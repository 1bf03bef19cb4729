import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { EgressPolicy } from '../../../platform/egress/egress-policy.ts';
import { BadUserInputError, ModelCallError, RateLimitedError, type ModelCallErrorCode } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { ModelCall } from '../entities/model-call.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { ModelFallback, RouterSettings } from '../entities/router-settings.ts';
import type { RoutingDecision } from '../entities/routing-decision.ts';
import type { ChatCompletionDelta, ChatCompletionRequest, ChatCompletionResult, ChatCompletionSink } from './chat-completion.ts';
import type { CompletionLimits } from './completion-limits.ts';
import type { DeploymentHealth } from './deployment-health.ts';
import type { ModelCallLog } from './model-call-log.ts';
import { observeCooldown } from './model-call-metrics.ts';
import type { ModelService } from './model-service.ts';
import type { OutcomeService } from './outcome-service.ts';
import { callChatCompletion, type ProviderAnswer } from './openai-chat-client.ts';
import { inModelCallSpan } from './model-call-span.ts';
import type { ProviderCatalog } from './provider-catalog.ts';
import { COOLDOWN_CLASSES, ProviderFailure, RETRYABLE_CLASSES } from './provider-failure.ts';
import type { RoutingState, RoutingStateCache } from './routing-state.ts';
import { CHARACTERS_PER_TOKEN, DEFAULT_OUTPUT_TOKENS, ECHO_PROVIDER } from './routing-limits.ts';
import { estimateCostUsd } from './routing-score.ts';
import { assertWithinBudgets } from './tenant-budgets.ts';
import type { RoutingService } from './routing-service.ts';
import { resolveDeploymentTarget } from './deployment-target.ts';

/** The router's retry settings (from `config.routing`). */
export interface CompletionRetrySettings {
  /** Timeout of one attempt, in ms, when the request gives none (`LLM_TIMEOUT_MS`). @defaultValue 60000 */
  readonly timeoutMs: number;
  /** Retries after the first attempt of each target, for retryable classes only (`LLM_MAX_RETRIES`). @defaultValue 2 */
  readonly maxRetries: number;
  /** First retry delay, in ms, doubled per retry (`LLM_RETRY_INITIAL_MS`). @defaultValue 250 */
  readonly retryInitialMs: number;
  /** Longest retry delay, in ms; a longer `Retry-After` ends the target's retries instead (`LLM_RETRY_MAX_MS`). @defaultValue 10000 */
  readonly retryMaxMs: number;
}

/** What the completion service is built from (routing-services.ts wires it). */
export interface CompletionServiceDependencies {
  readonly models: ModelService;
  readonly routing: RoutingService;
  readonly providers: ProviderCatalog;
  /** The tenants' settings, enabled models, group strategies and evidence, read once per request (routing-state.ts). */
  readonly states: RoutingStateCache;
  /** Records each attempt with its decision and the router's outcome of it (model-call-log.ts `recordAttempt`). */
  readonly calls: ModelCallLog;
  /** Makes each attempt's outcome (latency and success rate of the deployment). */
  readonly outcomes: OutcomeService;
  readonly health: DeploymentHealth;
  readonly limits: CompletionLimits;
  /** Checks and connects every request to a tenant-chosen target (tenant providers, keyless model endpoints). */
  readonly egress: EgressPolicy;
  /** The connection pool of operator providers (`LLM_PROVIDERS`): not tenant-chosen, so not under the egress policy. */
  readonly operatorDispatcher: Dispatcher;
  readonly retry: CompletionRetrySettings;
  readonly logger: Logger;
}

/** Options of one {@link CompletionService.complete} call. */
export interface CompleteOptions {
  /** Receives the answer as it forms; given, the call streams from the provider. */
  readonly sink?: ChatCompletionSink | undefined;
  /** Aborts the call (client gone, run cancelled): the attempt in flight ends as `CANCELLED`. */
  readonly signal?: AbortSignal | undefined;
}

/** Why a fallback list applies: the class of the failure that ended a target. */
type FallbackKind = 'fallbacks' | 'contextWindowFallbacks' | 'contentPolicyFallbacks';

/** One target of the chain: a model or group name, or the router's free choice (undefined). */
interface Target {
  readonly name: string | undefined;
  /** The names the router may choose among for this target. */
  readonly modelNames: readonly string[] | undefined;
}

/** Local state of one completion request. */
interface RequestState {
  readonly id: string;
  readonly tenantId: string;
  readonly request: ChatCompletionRequest;
  /** The tenant's routing state as of the request's start: every target and attempt of it decides on this one. */
  readonly routing: RoutingState;
  readonly startedMs: number;
  readonly attempts: ModelCall[];
  /** Deployments that failed during this request: avoided while another is available. */
  readonly failed: Set<string>;
  /** Deployments refused by their own rate limits during this request. */
  readonly limited: Map<string, number>;
  /** Whether a delta reached the sink: from then on a failure cannot be retried (the caller saw the start). */
  streamed: boolean;
}

/** The longest a target's chain may get: the request's target and up to 5 fallbacks (LiteLLM's `ROUTER_MAX_FALLBACKS`). */
const MAX_TARGETS = 6;
/** Time to first token (and latency) are kept to the microsecond. */
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Chat completions through the router — the one code path of every model call (GraphQL `createChatCompletion`, the
 * OpenAI-compatible `/v1/chat/completions`, `llm` steps through the gateway).
 *
 * One request:
 * 1. **Budget** — the tenant's daily and monthly budgets (USD, UTC) against the recorded cost of its calls; spent →
 *    `BUDGET_EXCEEDED` before anything is sent. Spend is the calls' real cost, so it moves after every call.
 * 2. **Tenant limits** — requests and estimated tokens per minute (Redis, all instances); over → `RATE_LIMITED` with
 *    `retryAfterSeconds`.
 * 3. **Targets** — the requested model or group (or the router's choice under the constraints), then the tenant's
 *    fallbacks for the failure class: `fallbacks` after retryable classes, `contextWindowFallbacks` after
 *    `CONTEXT_LENGTH_EXCEEDED`, `contentPolicyFallbacks` after `CONTENT_FILTERED` (the first rule naming the target,
 *    its group or `*`; LiteLLM's router semantics).
 * 4. **Attempts** of a target — up to 1 + `maxRetries`, each choosing a deployment with `RoutingService.decide`
 *    (group strategy or Thompson-sampled score), skipping deployments in cooldown and preferring ones that have not
 *    failed in this request; retryable classes only (`RATE_LIMITED`, `PROVIDER_UNAVAILABLE`, `TIMEOUT`), waiting
 *    exponential backoff (`retryInitialMs` · 2ⁿ, at most `retryMaxMs`) or the provider's `Retry-After` unless another
 *    deployment is free. A deployment over its own rpm/tpm limit is skipped without an attempt. Once a streamed
 *    delta reached the caller, a failure is final: the caller already saw the answer start.
 * 5. **Accounting** — every attempt is a `ModelCall` row (deployment, tokens, cost at the deployment's prices,
 *    latency, time to first token, status, class); cooling classes count towards the deployment's cooldown. The
 *    attempt's decision gets the router's own outcome (`observed`: success or the deployment's failure, latency,
 *    tokens), which moves the deployment's latency and success rate; its quality is the caller's to give
 *    (`recordRoutingOutcome` with `quality`), and only that teaches the bandit.
 *
 * Keys: an operator provider's key goes to its own `baseUrl` only; a tenant provider's key (decrypted per call) to its
 * `baseUrl` only, through the egress policy; a keyless endpoint gets no key. No redirect is followed.
 */
export class CompletionService {
  constructor(private readonly deps: CompletionServiceDependencies) {}

  /**
   * Makes the completion `request` for `tenantId`.
   * @throws {@link BudgetExceededError} (`details.period`, `budgetUsd`, `spentUsd`), {@link RateLimitedError}
   *   (`details.retryAfterSeconds`, `limit`), {@link BadUserInputError} when no model fits (`details.excluded`), or
   *   {@link ModelCallError} with the class of the last failure and `details.attempts`
   *   (`[{ attempt, deployment, provider, errorClass, latencyMs }]`).
   */
  async complete(tenantId: string, request: ChatCompletionRequest, options: CompleteOptions = {}): Promise<ChatCompletionResult> {
    const routing = await this.deps.states.get(tenantId);
    const settings = routing.settings;
    const state: RequestState = {
      id: randomUUID(),
      tenantId,
      request,
      routing,
      startedMs: performance.now(),
      attempts: [],
      failed: new Set(),
      limited: new Map(),
      streamed: false,
    };
    await assertWithinBudgets(this.deps.calls, tenantId, settings);
    const tokens = request.estimatedInputTokens + (request.maxTokens ?? DEFAULT_OUTPUT_TOKENS);
    const verdict = await this.deps.limits.charge(`tenant:${tenantId}`, {
      requestsPerMinute: settings.requestsPerMinute,
      tokensPerMinute: settings.tokensPerMinute,
      tokens,
    });
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new RateLimitedError(`The tenant's ${verdict.limit} per minute limit is reached; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        limit: verdict.limit,
        scope: 'tenant',
      });
    }

    let target: Target = { name: request.model, modelNames: request.model !== undefined ? [request.model] : request.models };
    const tried = new Set<string>();
    let lastFailure: ProviderFailure | undefined;
    for (let hop = 0; hop < MAX_TARGETS; hop++) {
      tried.add(target.name ?? '*');
      const outcome = await this.attemptTarget(state, target, options);
      if (outcome.kind === 'answered') return outcome.result;
      lastFailure = outcome.failure;
      if (state.streamed || options.signal?.aborted) break;
      const next = this.nextTarget(settings, target, outcome.failure, outcome.lastDeployment, tried);
      if (!next) break;
      this.deps.logger.info(
        { requestId: state.id, from: target.name ?? '(router)', to: next, errorClass: outcome.failure.errorClass },
        'model call falls back',
      );
      target = { name: next, modelNames: [next] };
    }
    throw this.finalError(state, lastFailure);
  }

  /** Runs the attempts of one target; answered, or the failure that ended it. */
  private async attemptTarget(
    state: RequestState,
    target: Target,
    options: CompleteOptions,
  ): Promise<{ kind: 'answered'; result: ChatCompletionResult } | { kind: 'failed'; failure: ProviderFailure; lastDeployment: ModelProfile | undefined }> {
    const { maxRetries } = this.deps.retry;
    let lastDeployment: ModelProfile | undefined;
    let failure: ProviderFailure | undefined;
    for (let attempt = 0; attempt <= maxRetries;) {
      const choice = await this.choose(state, target);
      if (choice.kind === 'none') return { kind: 'failed', failure: failure ?? choice.failure, lastDeployment };
      const { decision, deployment } = choice;
      lastDeployment = deployment;
      const verdict = await this.deps.limits.charge(`deployment:${deployment.id}`, {
        requestsPerMinute: deployment.requestsPerMinute,
        tokensPerMinute: deployment.tokensPerMinute,
        tokens: state.request.estimatedInputTokens + (state.request.maxTokens ?? DEFAULT_OUTPUT_TOKENS),
      });
      if (!verdict.allowed) {
        // Skipped without an attempt: the deployment's own limit, not a failure of it.
        state.limited.set(deployment.id, verdict.retryAfterMs);
        continue;
      }
      attempt++;
      try {
        const answer = await this.call(state, deployment, decision, options);
        return { kind: 'answered', result: answer };
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
        if (!RETRYABLE_CLASSES.has(error.errorClass) || state.streamed || options.signal?.aborted || attempt > maxRetries) break;
        // Exponential backoff with full jitter (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog,
        // 2015), unless the provider said when to come back.
        const delayMs = error.retryAfterMs ?? Math.random() * Math.min(this.deps.retry.retryMaxMs, this.deps.retry.retryInitialMs * 2 ** (attempt - 1));
        if (delayMs > this.deps.retry.retryMaxMs && error.retryAfterMs !== undefined) {
          // The provider asks for a longer wait than a retry may take: another deployment may still answer now.
          if (!(await this.hasAlternative(state, target))) break;
          continue;
        }
        if (!(await this.hasAlternative(state, target)))
          await sleep(Math.min(delayMs, this.deps.retry.retryMaxMs), undefined, { signal: options.signal }).catch(() => undefined);
        if (options.signal?.aborted) break;
      }
    }
    return { kind: 'failed', failure: failure ?? new ProviderFailure('PROVIDER_UNAVAILABLE', 'no attempt could be made'), lastDeployment };
  }

  /**
   * Chooses a deployment for `target`: deployments in cooldown, over their limits or failed in this request are
   * excluded; when that leaves nothing, failed ones are allowed again (a retry on the same deployment).
   */
  private async choose(
    state: RequestState,
    target: Target,
  ): Promise<{ kind: 'chosen'; decision: RoutingDecision; deployment: ModelProfile } | { kind: 'none'; failure: ProviderFailure }> {
    const deployments = this.candidates(state, target);
    const cooling = await this.deps.health.cooldowns(deployments.map((d) => d.id));
    const blocked = new Set([...cooling.keys(), ...state.limited.keys()]);
    const untried = deployments.filter((d) => !blocked.has(d.id) && !state.failed.has(d.id));
    const available = untried.length > 0 ? untried : deployments.filter((d) => !blocked.has(d.id));
    if (available.length === 0 && deployments.length > 0) {
      const waits = [...cooling.values()].map((until) => until - Date.now()).concat([...state.limited.values()]);
      const retryAfterMs = Math.max(1, Math.min(...waits));
      const onlyLimited = deployments.every((d) => state.limited.has(d.id) && !cooling.has(d.id));
      return {
        kind: 'none',
        failure: new ProviderFailure(
          'RATE_LIMITED',
          onlyLimited
            ? `every deployment of ${target.name ?? 'the request'} is at its rate limit`
            : `every deployment of ${target.name ?? 'the request'} is cooling down or at its rate limit`,
          retryAfterMs,
        ),
      };
    }
    const exclude = new Set(deployments.filter((d) => !available.includes(d)).map((d) => d.id));
    try {
      const decision = await this.deps.routing.decide(
        state.tenantId,
        {
          inputTokens: state.request.estimatedInputTokens,
          outputTokens: state.request.maxTokens ?? DEFAULT_OUTPUT_TOKENS,
          weights: state.request.weights,
          maxCostUsd: state.request.maxCostUsd,
          maxLatencyMs: state.request.maxLatencyMs,
          minQuality: state.request.minQuality,
          modelNames: target.modelNames,
          taskType: state.request.taskType,
          sessionId: state.request.sessionId ?? null,
          requestId: state.id,
        },
        { exclude, inFlight: (ids) => this.deps.health.inFlight(ids), state: state.routing, persist: false },
      );
      const deployment = deployments.find((d) => d.id === decision.modelId) ?? (await this.deps.models.findMany(state.tenantId, [decision.modelId]))[0];
      if (!deployment) throw new Error(`routing chose model ${decision.modelId}, which is missing`);
      return { kind: 'chosen', decision, deployment };
    } catch (error) {
      // A fallback target that no model fits ends the chain like a failed target; the request's own target reports
      // the router's reasons to the caller.
      if (error instanceof BadUserInputError && state.attempts.length > 0) {
        return { kind: 'none', failure: new ProviderFailure('BAD_REQUEST', `no model fits ${target.name ?? 'the request'}: ${error.message}`) };
      }
      throw error;
    }
  }

  /** The tenant's enabled deployments `target` may use (a model or group name, the filter, or all). */
  private candidates(state: RequestState, target: Target): readonly ModelProfile[] {
    const models = state.routing.models;
    if (!target.modelNames) return models;
    const names = new Set(target.modelNames);
    return models.filter((m) => names.has(m.name) || names.has(m.group));
  }

  /** Whether another deployment of the target could take a retry at once. */
  private async hasAlternative(state: RequestState, target: Target): Promise<boolean> {
    const deployments = this.candidates(state, target);
    const cooling = await this.deps.health.cooldowns(deployments.map((d) => d.id));
    return deployments.some((d) => !cooling.has(d.id) && !state.failed.has(d.id) && !state.limited.has(d.id));
  }

  /** The next target after `target` failed with `failure`, from the tenant's fallback lists; undefined = none. */
  private nextTarget(
    settings: RouterSettings,
    target: Target,
    failure: ProviderFailure,
    deployment: ModelProfile | undefined,
    tried: ReadonlySet<string>,
  ): string | undefined {
    const kind: FallbackKind | undefined =
      failure.errorClass === 'CONTEXT_LENGTH_EXCEEDED'
        ? 'contextWindowFallbacks'
        : failure.errorClass === 'CONTENT_FILTERED'
          ? 'contentPolicyFallbacks'
          : RETRYABLE_CLASSES.has(failure.errorClass)
            ? 'fallbacks'
            : undefined;
    if (!kind) return undefined;
    const names = [target.name, deployment?.name, deployment?.group].filter((n): n is string => n !== undefined);
    const rules: ModelFallback[] = settings[kind];
    const rule = rules.find((r) => names.includes(r.model)) ?? rules.find((r) => r.model === '*');
    return rule?.fallbacks.find((name) => !tried.has(name));
  }

  /** One attempt on `deployment`, as a model call span (model-call-span.ts): {@link CompletionService.callAttempt}. */
  private async call(state: RequestState, deployment: ModelProfile, decision: RoutingDecision, options: CompleteOptions): Promise<ChatCompletionResult> {
    return inModelCallSpan(
      'chat',
      deployment,
      state.attempts,
      () => this.callAttempt(state, deployment, decision, options),
      (result) => ({ ...result.usage, finishReason: result.finishReason }),
    );
  }

  /** One attempt on `deployment`: the provider call (or the local `echo`), recorded as a ModelCall. */
  private async callAttempt(state: RequestState, deployment: ModelProfile, decision: RoutingDecision, options: CompleteOptions): Promise<ChatCompletionResult> {
    const attemptStarted = performance.now();
    const attemptNumber = state.attempts.length + 1;
    const sink = options.sink;
    let firstTokenAtMs: number | null = null;
    const onDelta = sink
      ? (delta: ChatCompletionDelta): void | Promise<void> => {
          if (!state.streamed) {
            state.streamed = true;
            sink.onStart?.(deployment, state.id);
          }
          firstTokenAtMs ??= performance.now();
          return sink.onDelta(delta);
        }
      : undefined;
    const end = await this.deps.health.begin(deployment.id);
    let answer: ProviderAnswer;
    try {
      answer =
        deployment.provider === ECHO_PROVIDER ? await echoAnswer(state.request, onDelta) : await this.callProvider(state, deployment, options.signal, onDelta);
    } catch (error) {
      const failure = error instanceof ProviderFailure ? error : new ProviderFailure('PROVIDER_UNAVAILABLE', 'the call failed');
      if (!(error instanceof ProviderFailure)) this.deps.logger.error({ err: error, requestId: state.id }, 'model call failed unexpectedly');
      // A failure of the deployment (not of the request, nor a caller gone) lowers its success rate.
      await this.record(state, deployment, decision, attemptNumber, attemptStarted, {
        failure,
        streamed: onDelta !== undefined,
        firstTokenAtMs,
        observe: COOLDOWN_CLASSES.has(failure.errorClass),
      });
      throw failure;
    } finally {
      await end();
    }
    const call = await this.record(state, deployment, decision, attemptNumber, attemptStarted, {
      answer,
      streamed: onDelta !== undefined,
      firstTokenAtMs,
      observe: true,
    });
    return {
      id: state.id,
      created: Math.floor(Date.now() / 1000),
      content: answer.content,
      toolCalls: answer.toolCalls,
      finishReason: answer.finishReason,
      usage: { inputTokens: call.inputTokens, outputTokens: call.outputTokens, totalTokens: call.inputTokens + call.outputTokens },
      costUsd: state.attempts.reduce((n, a) => n + a.costUsd, 0),
      latencyMs: round(performance.now() - state.startedMs),
      timeToFirstTokenMs: firstTokenAtMs === null ? null : round(firstTokenAtMs - state.startedMs),
      deployment,
      attempts: [...state.attempts],
      decision,
    };
  }

  /** Resolves the deployment's target and key, then calls it; the key goes to its own base URL only. */
  private async callProvider(
    state: RequestState,
    deployment: ModelProfile,
    callerSignal: AbortSignal | undefined,
    onDelta: ((delta: ChatCompletionDelta) => void | Promise<void>) | undefined,
  ): Promise<ProviderAnswer> {
    const { baseUrl, apiKey, dispatcher } = await resolveDeploymentTarget(this.deps, state.tenantId, deployment, '/chat/completions');
    const timeout = new AbortController();
    const timeoutMs = state.request.timeoutMs ?? this.deps.retry.timeoutMs;
    const timer = setTimeout(() => timeout.abort('TIMEOUT'), timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    try {
      return await callChatCompletion({ baseUrl, apiKey, model: deployment.providerModel, dispatcher }, state.request, signal, onDelta);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Writes the attempt — its decision, its ModelCall row and (with `observe`) the router's outcome of it — in one
   * statement, and keeps the call in the request's attempts.
   */
  private async record(
    state: RequestState,
    deployment: ModelProfile,
    decision: RoutingDecision,
    attempt: number,
    attemptStarted: number,
    outcome: { answer?: ProviderAnswer; failure?: ProviderFailure; streamed: boolean; firstTokenAtMs: number | null; observe: boolean },
  ): Promise<ModelCall> {
    const inputTokens = outcome.answer?.inputTokens ?? 0;
    const outputTokens = outcome.answer?.outputTokens ?? 0;
    const r = state.request;
    const call: ModelCall = {
      id: randomUUID(),
      tenantId: state.tenantId,
      requestId: state.id,
      attempt,
      kind: 'CHAT_COMPLETION',
      modelId: deployment.id,
      modelName: deployment.name,
      provider: deployment.provider,
      providerModel: deployment.providerModel,
      taskType: r.taskType ?? null,
      sessionId: r.sessionId ?? null,
      runId: r.runId ?? null,
      stepId: r.stepId ?? null,
      memoryId: r.memoryId ?? null,
      routingDecisionId: decision.id,
      status: outcome.failure ? 'FAILED' : 'SUCCEEDED',
      errorClass: outcome.failure?.errorClass ?? null,
      error: outcome.failure?.message ?? null,
      inputTokens,
      outputTokens,
      costUsd: estimateCostUsd(deployment, inputTokens, outputTokens),
      latencyMs: round(performance.now() - attemptStarted),
      timeToFirstTokenMs: outcome.firstTokenAtMs === null ? null : round(outcome.firstTokenAtMs - attemptStarted),
      streamed: outcome.streamed,
      createdAt: new Date(),
    };
    const observation = outcome.observe
      ? this.deps.outcomes.observation(
          deployment,
          outcome.failure
            ? { success: false, latencyMs: call.latencyMs, error: outcome.failure.errorClass }
            : { success: true, latencyMs: call.latencyMs, inputTokens, outputTokens },
        )
      : undefined;
    state.attempts.push(call);
    await this.deps.calls.recordAttempt(decision, call, observation);
    return call;
  }

  /** The error of a request that got no answer. */
  private finalError(state: RequestState, failure: ProviderFailure | undefined): Error {
    const attempts = state.attempts.map((a) => ({
      attempt: a.attempt,
      deployment: a.modelName,
      provider: a.provider,
      errorClass: a.errorClass,
      latencyMs: a.latencyMs,
    }));
    if (!failure) return new ModelCallError('PROVIDER_UNAVAILABLE', 'The model call got no answer', { attempts, requestId: state.id });
    if (failure.errorClass === 'CANCELLED') {
      return new ModelCallError('TIMEOUT', 'The model call was cancelled by its caller', { attempts, requestId: state.id, cancelled: true });
    }
    const code: ModelCallErrorCode = failure.errorClass;
    const retryAfterSeconds = failure.retryAfterMs !== undefined ? Math.ceil(failure.retryAfterMs / 1000) : undefined;
    return new ModelCallError(code, `The model call failed (${code}) after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}: ${failure.message}`, {
      attempts,
      requestId: state.id,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
}

/**
 * The `echo` provider's answer, made locally: `echo: <the last user message>`, with tokens estimated as ⌈characters /
 * 4⌉ (demos and tests; no network call).
 */
async function echoAnswer(
  request: ChatCompletionRequest,
  onDelta: ((delta: ChatCompletionDelta) => void | Promise<void>) | undefined,
): Promise<ProviderAnswer> {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const content = `echo: ${lastUser?.content ?? ''}`;
  await onDelta?.({ content });
  return {
    content,
    toolCalls: [],
    finishReason: 'stop',
    inputTokens: request.estimatedInputTokens,
    outputTokens: Math.ceil(content.length / CHARACTERS_PER_TOKEN),
    timeToFirstTokenMs: onDelta ? 0 : null,
  };
}
