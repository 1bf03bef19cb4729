import { EntitySchema } from 'typeorm';

/**
 * A named signal delivered to a run (table `orchestration.signals`). A `wait` step for that name consumes the oldest
 * unconsumed one (`consumedAt` set in the same transaction as the step's completion).
 */
export interface Signal {
  id: string;
  tenantId: string;
  runId: string;
  /** 1–200 characters. */
  name: string;
  payload: unknown;
  receivedAt: Date;
  consumedAt: Date | null;
}

/** TypeORM schema of {@link Signal}. */
export const SignalSchema = new EntitySchema<Signal>({
  name: 'Signal',
  tableName: 'signals',
  schema: 'orchestration',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    runId: { name: 'run_id', type: 'uuid' },
    name: { type: 'text' },
    payload: { type: 'jsonb', nullable: true },
    receivedAt: { name: 'received_at', type: 'timestamptz' },
    consumedAt: { name: 'consumed_at', type: 'timestamptz', nullable: true },
  },
});
