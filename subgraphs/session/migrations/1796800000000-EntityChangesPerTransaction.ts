import { entityChangesPerTransactionMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The session schema's entity-change log gets one row per tenant and transaction instead of per statement (the engine's
 * transactions write many statements; the measured cost of the log on its throughput fell with it).
 */
export const SessionEntityChangesPerTransaction1796800000000 = entityChangesPerTransactionMigration(
  'SessionEntityChangesPerTransaction1796800000000',
  'session',
);
