import { entityChangeLogMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The entity-change log of the session schema (platform/database/entity-change-log.ts): statement-level triggers on every
 * table that holds data the API returns, so that the gateway's response cache learns of each committed write.
 */
export const SessionEntityChanges1796700000000 = entityChangeLogMigration('SessionEntityChanges1796700000000', 'session', [
  'sessions',
  'transcript_segments',
  'translations',
]);
