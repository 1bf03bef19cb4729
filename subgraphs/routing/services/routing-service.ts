import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { BadUserInputError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import { RoutingDecisionSchema, type RoutingDecision } from '../entities/routing-decision.ts';
import type { RouteInput } from '../generated/resolvers-types.ts';
import type { UniformRandom } from './beta-sampler.ts';
import { pickByStrategy } from './group-strategy.ts';
import { chooseByThompsonSampling, taskTypeKey } from './quality-bandit.ts';
import { assertTaskType, validateRouteInput } from './routing-limits.ts';
import { describeChoice, describeGroupChoice } from './routing-reason.ts';
import type { RoutingRequest, ScoredCandidate, ScoringResult } from './routing-score.ts';
import type { RoutingState, RoutingStateCache } from './routing-state.ts';

/** A request to {@link RoutingService.decide}: the scoring request, what it is for and whom it serves. */
export interface DecideRequest extends RoutingRequest {
  /** What the request is for; the router learns per task type (absent: under the untyped key, quality-bandit.ts). */
  readonly taskType?: string | undefined;
  /** The session served; null or absent = none. Must be a UUID. */
  readonly sessionId?: string | null | undefined;
  /** The completion request (`ModelCall.requestId`) the decision serves; absent for `route`. */
  readonly requestId?: string | undefined;
}

/** Options of {@link RoutingService.decide}. */
export interface DecideOptions {
  /**
   * Models (by id) the caller cannot use now: a set gets the reason {@link UNAVAILABLE_REASON}; a map gives each its
   * own reason (e.g. `cooling down`, `already failed`).
   */
  readonly exclude?: ReadonlySet<string> | ReadonlyMap<string, string> | undefined;
  /** Calls in flight per model id (0 for absent), asked only when a `LEAST_BUSY` group decides. */
  readonly inFlight?: ((modelIds: readonly string[]) => Promise<Map<string, number>>) | undefined;
  /** The tenant's routing state to decide on (a caller that read it already); absent = read now. */
  readonly state?: RoutingState | undefined;
  /**
   * Whether the decision is stored now. @defaultValue true. False: the caller stores it, with what came of it, in
   * one statement (the completion service's attempt record, model-call-log.ts).
   */
  readonly persist?: boolean | undefined;
}

/** Options of {@link RoutingService}. */
export interface RoutingServiceOptions {
  /** Uniform source of Thompson sampling's draws and of the random strategies. @defaultValue Math.random */
  readonly random?: UniformRandom | undefined;
}

/** The reason of a model excluded by {@link DecideOptions.exclude} given as a set. */
export const UNAVAILABLE_REASON = 'unavailable (cooling down, at its rate limit or already failed)';

/** Owns routing decisions: making them (routing-score.ts, quality-bandit.ts, group-strategy.ts) and reading them, within one tenant. */
export class RoutingService {
  private readonly decisions: Repository<RoutingDecision>;
  private readonly random: UniformRandom;

  /** @param states the tenants' settings, enabled models, group strategies and evidence (routing-state.ts). */
  constructor(
    dataSource: DataSource,
    private readonly states: RoutingStateCache,
    options: RoutingServiceOptions = {},
  ) {
    this.decisions = dataSource.getRepository(RoutingDecisionSchema);
    this.random = options.random ?? Math.random;
  }

  /**
   * `route`: validates `input` and makes the decision with {@link decide}.
   * @throws {@link BadUserInputError} for invalid input, or when no model is left (`details.excluded`).
   */
  async route(tenantId: string, input: RouteInput): Promise<RoutingDecision> {
    const request = validateRouteInput(input);
    return this.decide(tenantId, { ...request, sessionId: input.sessionId ?? null });
  }

  /**
   * Chooses one of the tenant's enabled models for `request`, stores the decision and returns it.
   *
   * 1. Candidates: every enabled model; `request.modelNames` keeps those whose name or group it names; models in
   *    `options.exclude` are excluded with its reason; then the constraints of routing-score.ts.
   * 2. When the eligible candidates all are deployments of ONE group whose strategy is not `WEIGHTED_SCORE`, the
   *    strategy picks (group-strategy.ts) and the reason says so; nothing is sampled (`explored` is false).
   * 3. Otherwise the scoring rule with Thompson-sampled quality per (tenant, task type, model) (quality-bandit.ts).
   *
   * The decision keeps every candidate (with its quality estimate and evidence), the task type, whether it
   * explored, the session and the completion request.
   * @throws {@link BadUserInputError} for a bad task type or session id, or when no model is left (`details.excluded`
   * lists each model's reason); nothing is written then. Reads the tenant's state from the cache (routing-state.ts):
   * no Postgres statement unless it changed.
   */
  async decide(tenantId: string, request: DecideRequest, options: DecideOptions = {}): Promise<RoutingDecision> {
    const taskType = request.taskType ?? null;
    if (taskType !== null) assertTaskType('input.taskType', taskType);
    const sessionId = request.sessionId ?? null;
    if (sessionId !== null && !isUuid(sessionId)) {
      throw new BadUserInputError('"input.sessionId" is not a valid id', { field: 'input.sessionId' });
    }
    const state = options.state ?? (await this.states.get(tenantId));
    const models = state.models;
    const evidence = await state.evidence(taskTypeKey(taskType));
    const unavailable = unavailableReasons(options.exclude);
    const thompson = chooseByThompsonSampling(models, request, evidence, { random: this.random, unavailable });
    const grouped = await this.groupChoice(state, thompson.expectedResult, options);
    const result = grouped?.result ?? thompson.result;
    const chosen = grouped?.chosen ?? result.chosen;
    if (!chosen || chosen.score === null) {
      const excluded = result.candidates.map((c) => ({ model: c.modelName, reason: c.excludedReason }));
      throw new BadUserInputError(
        models.length === 0
          ? 'No enabled model to route to: add one with upsertModel'
          : 'No model satisfies the constraints: relax them or add a model (see details.excluded)',
        { field: 'input', excluded },
      );
    }
    const explored = grouped ? false : thompson.explored;
    const decision: RoutingDecision = {
      id: randomUUID(),
      tenantId,
      sessionId,
      modelId: chosen.modelId,
      score: chosen.score,
      weights: request.weights,
      candidates: [...result.candidates],
      reason: grouped
        ? describeGroupChoice(result, chosen, grouped.account)
        : describeChoice(result, request.weights, { taskType, sampled: thompson.sampled, explored, expected: thompson.expected }),
      inputTokens: request.inputTokens,
      outputTokens: request.outputTokens,
      estimatedCostUsd: chosen.estimatedCostUsd,
      taskType,
      explored,
      requestId: request.requestId ?? null,
      outcome: null,
      costUsd: null,
      createdAt: new Date(),
    };
    if (options.persist ?? true) await this.decisions.insert(decision as QueryDeepPartialEntity<RoutingDecision>);
    return decision;
  }

  /**
   * The choice of a group strategy, when every eligible candidate of `expected` (scored with posterior means) is a
   * deployment of one group whose strategy is not `WEIGHTED_SCORE`; undefined otherwise.
   */
  private async groupChoice(
    state: RoutingState,
    expected: ScoringResult,
    options: DecideOptions,
  ): Promise<{ result: ScoringResult; chosen: ScoredCandidate; account: { group: string; strategy: string; why: string } } | undefined> {
    const byId = new Map<string, ModelProfile>(state.models.map((m) => [m.id, m]));
    const eligible = expected.candidates.filter((c) => c.excludedReason === null);
    const groupNames = new Set(eligible.map((c) => byId.get(c.modelId)?.group));
    const [group] = groupNames;
    if (eligible.length === 0 || groupNames.size !== 1 || group === undefined) return undefined;
    const strategy = state.strategyOf(group);
    if (strategy === 'WEIGHTED_SCORE') return undefined;
    const ids = eligible.map((c) => c.modelId);
    const inFlight = strategy === 'LEAST_BUSY' && options.inFlight ? await options.inFlight(ids) : new Map<string, number>();
    const pick = pickByStrategy(
      strategy,
      eligible.map((c) => ({
        modelId: c.modelId,
        modelName: c.modelName,
        estimatedCostUsd: c.estimatedCostUsd,
        latencyMs: byId.get(c.modelId)?.latencyMs ?? 0,
        requestsPerMinute: byId.get(c.modelId)?.requestsPerMinute ?? null,
      })),
      { inFlight, random: this.random },
    );
    const chosen = eligible.find((c) => c.modelId === pick.modelId);
    if (!chosen) return undefined;
    return { result: expected, chosen, account: { group, strategy, why: pick.why } };
  }

  /** The tenant's decision `id`, or null (also for ids that are not UUIDs). */
  async find(tenantId: string, id: string): Promise<RoutingDecision | null> {
    if (!isUuid(id)) return null;
    return this.decisions.findOneBy({ tenantId, id });
  }

  /** The tenant's decisions among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<RoutingDecision[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.decisions.findBy({ tenantId, id: In(valid) });
  }

  /** The tenant's decisions for the sessions `sessionIds`, newest first, in one statement. */
  async forSessions(tenantId: string, sessionIds: readonly string[]): Promise<RoutingDecision[]> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.decisions.find({ where: { tenantId, sessionId: In(valid) }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}

/** The reasons of `exclude`: a map as given, a set with {@link UNAVAILABLE_REASON} for each id. */
function unavailableReasons(exclude: DecideOptions['exclude']): ReadonlyMap<string, string> | undefined {
  if (!exclude) return undefined;
  if (exclude instanceof Map) return exclude as ReadonlyMap<string, string>;
  return new Map([...(exclude as ReadonlySet<string>)].map((id) => [id, UNAVAILABLE_REASON]));
}
