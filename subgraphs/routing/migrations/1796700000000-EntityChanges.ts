import { entityChangeLogMigration } from '../../../platform/database/entity-change-log.ts';

/**
 * The entity-change log of the routing schema (platform/database/entity-change-log.ts): statement-level triggers on every
 * table that holds data the API returns, so that the gateway's response cache learns of each committed write.
 */
export const RoutingEntityChanges1796700000000 = entityChangeLogMigration('RoutingEntityChanges1796700000000', 'routing', [
  'model_profiles',
  'routing_decisions',
  'providers',
  'model_groups',
  'router_settings',
  'model_calls',
  'task_quality',
]);
