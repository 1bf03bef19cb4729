import { entityChangesPerTransactionMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The memory schema's entity-change log gets one row per tenant and transaction instead of per statement (the engine's
 * transactions write many statements; the measured cost of the log on its throughput fell with it).
 */
export const MemoryEntityChangesPerTransaction1796800000000 = entityChangesPerTransactionMigration('MemoryEntityChangesPerTransaction1796800000000', 'memory');
