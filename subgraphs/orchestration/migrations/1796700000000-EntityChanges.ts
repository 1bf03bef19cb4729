import { entityChangeLogMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The entity-change log of the orchestration schema (platform/database/entity-change-log.ts): statement-level triggers on every
 * table that holds data the API returns, so that the gateway's response cache learns of each committed write.
 */
export const OrchestrationEntityChanges1796700000000 = entityChangeLogMigration('OrchestrationEntityChanges1796700000000', 'orchestration', [
  'agents',
  'workflows',
  'workflow_versions',
  'workflow_runs',
  'step_runs',
  'step_attempts',
  'workflow_events',
  'signals',
]);
