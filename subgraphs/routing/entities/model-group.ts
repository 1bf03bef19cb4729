import { EntitySchema } from 'typeorm';

/** How a model group picks among its deployments (see `ModelGroupStrategy` in schema/routing.graphql). */
export type ModelGroupStrategy = 'LOWEST_COST' | 'LOWEST_LATENCY' | 'WEIGHTED_SCORE' | 'LEAST_BUSY' | 'SHUFFLE';

/** The strategy of a group that has none stored. */
export const DEFAULT_GROUP_STRATEGY: ModelGroupStrategy = 'WEIGHTED_SCORE';

/** A tenant's stored strategy for one model group (table `routing.model_groups`). */
export interface ModelGroupRecord {
  tenantId: string;
  name: string;
  strategy: ModelGroupStrategy;
  updatedAt: Date;
}

/** TypeORM schema of {@link ModelGroupRecord}. */
export const ModelGroupSchema = new EntitySchema<ModelGroupRecord>({
  name: 'ModelGroup',
  tableName: 'model_groups',
  schema: 'routing',
  columns: {
    tenantId: { name: 'tenant_id', type: 'text', primary: true },
    name: { type: 'text', primary: true },
    strategy: { type: 'text' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
