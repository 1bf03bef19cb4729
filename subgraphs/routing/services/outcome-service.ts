import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { ModelProfileSchema, type ModelProfile } from '../entities/model-profile.ts';
import { RoutingDecisionSchema, type RoutingDecision, type StoredRoutingOutcome } from '../entities/routing-decision.ts';
import type { RoutingOutcomeInput } from '../generated/resolvers-types.ts';
import { ewma, OUTCOME_EWMA_ALPHA } from './outcome-average.ts';
import { taskTypeKey } from './quality-bandit.ts';
import { validateOutcome } from './routing-limits.ts';
import { estimateCostUsd } from './routing-score.ts';
import { TaskQualityStore } from './task-quality-store.ts';
import type { RoutingStateVersions } from './routing-state-version.ts';

/** The router's own outcome of an attempt and the EWMA weight its deployment's figures move by (outcome-average.ts). */
export interface Observation {
  readonly outcome: StoredRoutingOutcome;
  /** α of the EWMA step of the deployment's latency and success rate. */
  readonly alpha: number;
}

/** Records how a routed call went, and feeds it back into the chosen model's figures and the router's learning. */
export class OutcomeService {
  private readonly taskQuality: TaskQualityStore;

  /** @param versions told of every committed outcome (it moves the learning), so that routing states reload. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: Pick<RoutingStateVersions, 'changed'>,
  ) {
    this.taskQuality = new TaskQualityStore(dataSource);
  }

  /**
   * Records the outcome of decision `decisionId`, once. In one transaction, with the decision and its model locked:
   * `costUsd = inputTokens / 1000 · inputCostPer1kTokensUsd + outputTokens / 1000 · outputCostPer1kTokensUsd` at the
   * model's current prices (absent token counts count as 0); the model's `latencyMs` (when the outcome has one) and
   * `successRate` (1 for success, 0 for failure) move by one EWMA step (outcome-average.ts, α = 0.2) and its
   * `outcomeCount` grows by 1; the evidence of (tenant, the decision's task type, model) in `routing.task_quality`
   * gains the outcome's quality — `quality`, or 1 for success and 0 for failure without one — in one atomic upsert
   * (the Beta posterior of quality-bandit.ts).
   * @throws {@link BadUserInputError} for invalid outcome fields.
   * @throws {@link NotFoundError} when the decision is not the tenant's.
   * A decision of a completion attempt already has the router's own outcome (`observed`, which moved latency and
   * success rate but taught nothing of quality): then a `quality` given here is added to the learning, once, and the
   * rest of the observed outcome stays.
   * @throws {@link ConflictError} when the decision already has an outcome (an observed one: with a quality, or when
   *   this outcome gives none).
   */
  async record(tenantId: string, decisionId: string, outcome: RoutingOutcomeInput): Promise<RoutingDecision> {
    const decision = await this.write(tenantId, decisionId, outcome);
    await this.versions.changed(tenantId);
    return decision;
  }

  /**
   * The router's own outcome of a completion attempt (marked `observed`), for the attempt record to store with its
   * decision (model-call-log.ts `recordAttempt`): cost from the tokens and `model`'s prices; the deployment's latency
   * and success rate then move by one EWMA step as {@link record} does (in SQL, from the row's current values, so
   * concurrent completions of one deployment never wait on each other), but no quality evidence is added — an answer
   * that arrived says nothing of how good it was; a later {@link record} with the caller's `quality` adds that.
   * @throws {@link BadUserInputError} for invalid outcome fields.
   */
  observation(model: Pick<ModelProfile, 'inputCostPer1kTokensUsd' | 'outputCostPer1kTokensUsd'>, outcome: Omit<RoutingOutcomeInput, 'quality'>): Observation {
    validateOutcome(outcome);
    return { outcome: { ...storedOutcome(model, { ...outcome, quality: null }), observed: true }, alpha: OUTCOME_EWMA_ALPHA };
  }

  private async write(tenantId: string, decisionId: string, outcome: RoutingOutcomeInput): Promise<RoutingDecision> {
    validateOutcome(outcome);
    const notFound = (): NotFoundError => new NotFoundError(`Routing decision ${decisionId} not found`, { id: decisionId });
    if (!isUuid(decisionId)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      const decision = await manager
        .getRepository(RoutingDecisionSchema)
        .createQueryBuilder('d')
        .setLock('pessimistic_write')
        .where('d.tenant_id = :tenantId AND d.id = :id', { tenantId, id: decisionId })
        .getOne();
      if (!decision) throw notFound();
      if (decision.outcome) {
        const previous = decision.outcome;
        if (!previous.observed || previous.quality !== null || outcome.quality == null) {
          throw new ConflictError(`Routing decision ${decisionId} already has an outcome`, { id: decisionId });
        }
        // The caller's score of an answer the router observed: the learning's evidence.
        const stored: StoredRoutingOutcome = { ...previous, quality: outcome.quality };
        await this.taskQuality.record(manager, tenantId, taskTypeKey(decision.taskType), decision.modelId, outcome.quality);
        await manager.update(RoutingDecisionSchema, { tenantId, id: decisionId }, { outcome: stored });
        return { ...decision, outcome: stored };
      }
      const model = await manager
        .getRepository(ModelProfileSchema)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.tenant_id = :tenantId AND m.id = :id', { tenantId, id: decision.modelId })
        .getOneOrFail();
      const stored = storedOutcome(model, outcome);
      const latencyMs = stored.latencyMs;
      await manager.update(
        ModelProfileSchema,
        { tenantId, id: model.id },
        {
          latencyMs: latencyMs === null ? model.latencyMs : ewma(model.latencyMs, latencyMs),
          successRate: ewma(model.successRate, outcome.success ? 1 : 0),
          outcomeCount: model.outcomeCount + 1,
          updatedAt: new Date(),
        },
      );
      await this.taskQuality.record(manager, tenantId, taskTypeKey(decision.taskType), model.id, outcome.quality ?? (outcome.success ? 1 : 0));
      await manager.update(RoutingDecisionSchema, { tenantId, id: decisionId }, { outcome: stored, costUsd: stored.costUsd });
      return { ...decision, outcome: stored, costUsd: stored.costUsd };
    });
  }
}

/** The outcome as a decision stores it: cost from its tokens (absent = 0) at `model`'s prices, recorded now. */
function storedOutcome(model: Pick<ModelProfile, 'inputCostPer1kTokensUsd' | 'outputCostPer1kTokensUsd'>, outcome: RoutingOutcomeInput): StoredRoutingOutcome {
  const inputTokens = outcome.inputTokens ?? null;
  const outputTokens = outcome.outputTokens ?? null;
  return {
    success: outcome.success,
    quality: outcome.quality ?? null,
    latencyMs: outcome.latencyMs ?? null,
    inputTokens,
    outputTokens,
    costUsd: estimateCostUsd(model, inputTokens ?? 0, outputTokens ?? 0),
    error: outcome.error ?? null,
    recordedAt: new Date().toISOString(),
  };
}
