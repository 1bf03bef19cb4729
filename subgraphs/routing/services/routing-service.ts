import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { BadUserInputError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { RoutingDecisionSchema, type RoutingDecision } from '../entities/routing-decision.ts';
import type { RouteInput } from '../generated/resolvers-types.ts';
import type { ModelService } from './model-service.ts';
import { validateRouteInput } from './routing-limits.ts';
import { describeChoice } from './routing-reason.ts';
import { scoreCandidates } from './routing-score.ts';

/** Owns routing decisions: making them by the rule of routing-score.ts, and reading them, always within one tenant. */
export class RoutingService {
  private readonly decisions: Repository<RoutingDecision>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelService,
  ) {
    this.decisions = dataSource.getRepository(RoutingDecisionSchema);
  }

  /**
   * Scores the tenant's enabled models for `input` (routing-score.ts), stores the decision with every candidate,
   * the normalised weights and a readable reason, and returns it.
   * @throws {@link BadUserInputError} for invalid input, or when no model is left (`details.excluded` lists each
   * model's exclusion reason); nothing is written then.
   */
  async route(tenantId: string, input: RouteInput): Promise<RoutingDecision> {
    const request = validateRouteInput(input);
    const sessionId = input.sessionId ?? null;
    if (sessionId !== null && !isUuid(sessionId)) {
      throw new BadUserInputError('"input.sessionId" is not a valid id', { field: 'input.sessionId' });
    }
    const models = await this.models.listEnabled(tenantId);
    const result = scoreCandidates(models, request);
    const chosen = result.chosen;
    if (!chosen) {
      const excluded = result.candidates.map((c) => ({ model: c.modelName, reason: c.excludedReason }));
      throw new BadUserInputError(
        models.length === 0
          ? 'No enabled model to route to: add one with upsertModel'
          : 'No model satisfies the constraints: relax them or add a model (see details.excluded)',
        { field: 'input', excluded },
      );
    }
    const decision: RoutingDecision = {
      id: randomUUID(),
      tenantId,
      sessionId,
      modelId: chosen.modelId,
      score: chosen.score,
      weights: request.weights,
      candidates: [...result.candidates],
      reason: describeChoice(result, request.weights),
      inputTokens: request.inputTokens,
      outputTokens: request.outputTokens,
      estimatedCostUsd: chosen.estimatedCostUsd,
      taskType: input.taskType ?? null,
      explored: false,
      requestId: null,
      outcome: null,
      costUsd: null,
      createdAt: new Date(),
    };
    await this.decisions.insert(decision as QueryDeepPartialEntity<RoutingDecision>);
    return decision;
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

  /** Sum of recorded outcome costs per session, in USD, in one statement; sessions without any are absent. */
  async costsOfSessions(tenantId: string, sessionIds: readonly string[]): Promise<Map<string, number>> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows: { session_id: string; cost_usd: number }[] = await this.dataSource.query(
      `SELECT session_id, sum(cost_usd) AS cost_usd FROM routing.routing_decisions
       WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) AND cost_usd IS NOT NULL GROUP BY session_id`,
      [tenantId, valid],
    );
    return new Map(rows.map((r) => [r.session_id, r.cost_usd]));
  }
}
