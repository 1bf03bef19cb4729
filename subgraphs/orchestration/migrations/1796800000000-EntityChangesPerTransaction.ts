import { entityChangesPerTransactionMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The orchestration schema's entity-change log gets one row per tenant and transaction instead of per statement (the engine's
 * transactions write many statements; the measured cost of the log on its throughput fell with it).
 */
export const OrchestrationEntityChangesPerTransaction1796800000000 = entityChangesPerTransactionMigration(
  'OrchestrationEntityChangesPerTransaction1796800000000',
  'orchestration',
);
