import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { ModelProfileSchema } from '../entities/model-profile.ts';
import { RoutingDecisionSchema, type RoutingDecision, type StoredRoutingOutcome } from '../entities/routing-decision.ts';
import type { RoutingOutcomeInput } from '../generated/resolvers-types.ts';
import { ewma } from './outcome-average.ts';
import { taskTypeKey } from './quality-bandit.ts';
import { validateOutcome } from './routing-limits.ts';
import { estimateCostUsd } from './routing-score.ts';
import { TaskQualityStore } from './task-quality-store.ts';

/** Records how a routed call went, and feeds it back into the chosen model's figures and the router's learning. */
export class OutcomeService {
  private readonly taskQuality: TaskQualityStore;

  constructor(private readonly dataSource: DataSource) {
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
   * @throws {@link ConflictError} when the decision already has an outcome.
   */
  async record(tenantId: string, decisionId: string, outcome: RoutingOutcomeInput): Promise<RoutingDecision> {
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
      if (decision.outcome) throw new ConflictError(`Routing decision ${decisionId} already has an outcome`, { id: decisionId });
      const model = await manager
        .getRepository(ModelProfileSchema)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.tenant_id = :tenantId AND m.id = :id', { tenantId, id: decision.modelId })
        .getOneOrFail();
      const inputTokens = outcome.inputTokens ?? null;
      const outputTokens = outcome.outputTokens ?? null;
      const latencyMs = outcome.latencyMs ?? null;
      const stored: StoredRoutingOutcome = {
        success: outcome.success,
        quality: outcome.quality ?? null,
        latencyMs,
        inputTokens,
        outputTokens,
        costUsd: estimateCostUsd(model, inputTokens ?? 0, outputTokens ?? 0),
        error: outcome.error ?? null,
        recordedAt: new Date().toISOString(),
      };
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
