import { entityChangeLogMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The entity-change log of the memory schema (platform/database/entity-change-log.ts): statement-level triggers on every
 * table that holds data the API returns, so that the gateway's response cache learns of each committed write.
 */
export const MemoryEntityChanges1796700000000 = entityChangeLogMigration('MemoryEntityChanges1796700000000', 'memory', ['memory_items', 'memory_versions']);
