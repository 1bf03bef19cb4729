import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { isUuid } from '../../../platform/validation.ts';
import { ModelCallSchema, type ModelCall } from '../entities/model-call.ts';

/** Writes and reads `routing.model_calls`: one row per attempt of a model call, always within one tenant. */
export class ModelCallLog {
  private readonly calls: Repository<ModelCall>;

  constructor(dataSource: DataSource) {
    this.calls = dataSource.getRepository(ModelCallSchema);
  }

  /** Records one attempt (one INSERT). */
  async record(call: ModelCall): Promise<void> {
    await this.calls.insert(call as QueryDeepPartialEntity<ModelCall>);
  }

  /** The tenant's call `id`, or null (also for non-UUIDs). */
  async find(tenantId: string, id: string): Promise<ModelCall | null> {
    if (!isUuid(id)) return null;
    return this.calls.findOneBy({ tenantId, id });
  }

  /** The tenant's calls among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<ModelCall[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.calls.findBy({ tenantId, id: In(valid) });
  }
}
