import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import { DEFAULT_GROUP_STRATEGY, ModelGroupSchema, type ModelGroupRecord, type ModelGroupStrategy } from '../entities/model-group.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { ModelGroupInput } from '../generated/resolvers-types.ts';
import type { ModelGroupDescription } from './model-groups.ts';
import type { ModelService } from './model-service.ts';
import { assertModelName } from './routing-limits.ts';
import type { RoutingStateVersions } from './routing-state-version.ts';

/** Every {@link ModelGroupStrategy}, as `ModelGroupStrategy` in schema/routing.graphql documents them. */
export const MODEL_GROUP_STRATEGIES: readonly ModelGroupStrategy[] = ['LOWEST_COST', 'LOWEST_LATENCY', 'WEIGHTED_SCORE', 'LEAST_BUSY', 'SHUFFLE'];

/**
 * Owns model groups: a group is every model of a tenant with the same `group` (its deployments), and exists while a
 * model names it; its strategy is stored in `routing.model_groups` ({@link DEFAULT_GROUP_STRATEGY} when none is).
 */
export class ModelGroupService {
  private readonly groups: Repository<ModelGroupRecord>;

  /** @param versions told of every committed change, so that routing states reload (routing-state-version.ts). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelService,
    private readonly versions: Pick<RoutingStateVersions, 'changed'>,
  ) {
    this.groups = dataSource.getRepository(ModelGroupSchema);
  }

  /** Every group the tenant's models name, by name, with its strategy and its deployments (enabled or not, by name). */
  async list(tenantId: string): Promise<ModelGroupDescription[]> {
    const [models, records] = await Promise.all([this.models.list(tenantId), this.groups.findBy({ tenantId })]);
    const strategies = new Map(records.map((r) => [r.name, r.strategy]));
    const byGroup = new Map<string, ModelProfile[]>();
    for (const model of models) byGroup.set(model.group, [...(byGroup.get(model.group) ?? []), model]);
    return [...byGroup.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => ({ name, strategy: strategies.get(name) ?? DEFAULT_GROUP_STRATEGY, deployments: byGroup.get(name) ?? [] }));
  }

  /**
   * Sets the strategy of the tenant's group `input.name` (one upsert). The strategy may be set before any model
   * names the group; the group is listed once one does. Returns the group with its current deployments (maybe none).
   * @throws {@link BadUserInputError} for a bad name (1–200 characters, no whitespace) or an unknown strategy.
   */
  async upsert(tenantId: string, input: ModelGroupInput): Promise<ModelGroupDescription> {
    assertModelName('input.name', input.name);
    if (!MODEL_GROUP_STRATEGIES.includes(input.strategy)) {
      throw new BadUserInputError(`"input.strategy" must be one of ${MODEL_GROUP_STRATEGIES.join(', ')}`, { field: 'input.strategy' });
    }
    await this.dataSource.query(
      `INSERT INTO routing.model_groups (tenant_id, name, strategy) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, name) DO UPDATE SET strategy = EXCLUDED.strategy, updated_at = now()`,
      [tenantId, input.name, input.strategy],
    );
    await this.versions.changed(tenantId);
    const deployments = (await this.models.list(tenantId)).filter((m) => m.group === input.name);
    return { name: input.name, strategy: input.strategy, deployments };
  }

  /** The strategy of the tenant's group `groupName`: the stored one, else {@link DEFAULT_GROUP_STRATEGY}. */
  async strategyOf(tenantId: string, groupName: string): Promise<ModelGroupStrategy> {
    const record = await this.groups.findOneBy({ tenantId, name: groupName });
    return record?.strategy ?? DEFAULT_GROUP_STRATEGY;
  }
}
