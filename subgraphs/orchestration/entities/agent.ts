import { EntitySchema } from 'typeorm';

/** An AI agent (table `orchestration.agents`). Also the codegen mapper type of the GraphQL `Agent`. */
export interface Agent {
  id: string;
  tenantId: string;
  /** 1–200 characters. */
  name: string;
  description: string | null;
  instructions: string | null;
  /** Preferred model name, or null. */
  model: string | null;
  /** Any JSON, or null. */
  config: unknown;
  createdAt: Date;
}

/** TypeORM schema of {@link Agent}. */
export const AgentSchema = new EntitySchema<Agent>({
  name: 'Agent',
  tableName: 'agents',
  schema: 'orchestration',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    name: { type: 'text' },
    description: { type: 'text', nullable: true },
    instructions: { type: 'text', nullable: true },
    model: { type: 'text', nullable: true },
    config: { type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
