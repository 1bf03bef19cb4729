import { entityChangesPerTransactionMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The routing schema's entity-change log gets one row per tenant and transaction instead of per statement (the engine's
 * transactions write many statements; the measured cost of the log on its throughput fell with it).
 */
export const RoutingEntityChangesPerTransaction1796800000000 = entityChangesPerTransactionMigration(
  'RoutingEntityChangesPerTransaction1796800000000',
  'routing',
);
