import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The entity-change log of one subgraph's Postgres schema: a table `<schema>.entity_changes (id, tenant_id)` that
 * statement-level triggers on the schema's tables fill in the writing transaction itself (a transactional outbox:
 * a change is logged if and only if it commits), drained by the subgraph's relay (platform/events/entity-change-relay.ts)
 * into the entity versions the gateway's response cache checks. One row per tenant and statement, whatever the
 * number of rows the statement wrote (`SELECT DISTINCT tenant_id` over the statement's transition table), so a bulk
 * write costs one small insert. Every logged table must have a `tenant_id text` column.
 *
 * The SQL here is for migrations: `up` runs {@link createEntityChangeLogSql}, `down` {@link dropEntityChangeLogSql}.
 */

/** Name of the log table within the subgraph's schema. */
export const ENTITY_CHANGES_TABLE = 'entity_changes';

/**
 * The statements that create `<schema>.entity_changes`, its trigger function and, on each of `tables`, three
 * `AFTER ... FOR EACH STATEMENT` triggers (insert, update, delete) with transition tables (PostgreSQL ≥ 10,
 * https://www.postgresql.org/docs/current/sql-createtrigger.html).
 * @param schema the subgraph's schema (e.g. `session`); `tables` the table names within it.
 */
export function createEntityChangeLogSql(schema: string, tables: readonly string[]): string[] {
  return [
    `CREATE TABLE ${schema}.${ENTITY_CHANGES_TABLE} (id bigserial PRIMARY KEY, tenant_id text NOT NULL)`,
    logEntityChangesPerStatementSql(schema),
    ...tables.flatMap((table) => addEntityChangeTriggersSql(schema, table)),
  ];
}

/** The first version of `<schema>.log_entity_changes()`: one log row per tenant and statement. */
function logEntityChangesPerStatementSql(schema: string): string {
  return `CREATE OR REPLACE FUNCTION ${schema}.log_entity_changes() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         INSERT INTO ${schema}.${ENTITY_CHANGES_TABLE} (tenant_id) SELECT DISTINCT tenant_id FROM changed_before;
       ELSE
         INSERT INTO ${schema}.${ENTITY_CHANGES_TABLE} (tenant_id) SELECT DISTINCT tenant_id FROM changed_after;
       END IF;
       RETURN NULL;
     END $$`;
}

/**
 * The statement that redefines `<schema>.log_entity_changes()` (migrations *EntityChangesPerTransaction; the first
 * version, above, logged one row per tenant and statement): it logs each tenant a
 * statement changed at most once per transaction (the tenants already logged are kept in the transaction-local
 * setting `orchestra.entity_changes_<schema>`, which a rolled-back savepoint restores with the rows), so that an
 * engine transaction of many statements costs one log row, not one per statement.
 */
export function logEntityChangesOncePerTransactionSql(schema: string): string[] {
  const setting = `orchestra.entity_changes_${schema}`;
  return [
    `CREATE OR REPLACE FUNCTION ${schema}.log_entity_changes() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       logged text := coalesce(current_setting('${setting}', true), '');
       tenants text[];
       tenant text;
       added boolean := false;
     BEGIN
       IF TG_OP = 'DELETE' THEN
         SELECT array_agg(DISTINCT tenant_id) INTO tenants FROM changed_before;
       ELSE
         SELECT array_agg(DISTINCT tenant_id) INTO tenants FROM changed_after;
       END IF;
       FOREACH tenant IN ARRAY coalesce(tenants, '{}') LOOP
         IF position(E'\\x1f' || tenant || E'\\x1f' IN logged) = 0 THEN
           INSERT INTO ${schema}.${ENTITY_CHANGES_TABLE} (tenant_id) VALUES (tenant);
           logged := logged || E'\\x1f' || tenant || E'\\x1f';
           added := true;
         END IF;
       END LOOP;
       IF added THEN PERFORM set_config('${setting}', logged, true); END IF;
       RETURN NULL;
     END $$`,
  ];
}

/** The statements that log the changes of one more table of `schema` (for a migration that adds a table later). */
export function addEntityChangeTriggersSql(schema: string, table: string): string[] {
  const target = `${schema}.${table}`;
  return [
    `CREATE TRIGGER ${table}_log_inserts AFTER INSERT ON ${target} REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.log_entity_changes()`,
    `CREATE TRIGGER ${table}_log_updates AFTER UPDATE ON ${target} REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.log_entity_changes()`,
    `CREATE TRIGGER ${table}_log_deletes AFTER DELETE ON ${target} REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.log_entity_changes()`,
  ];
}

/** The statements that undo {@link createEntityChangeLogSql} for the same `schema` and `tables`. */
export function dropEntityChangeLogSql(schema: string, tables: readonly string[]): string[] {
  return [
    ...tables.flatMap((table) => [
      `DROP TRIGGER IF EXISTS ${table}_log_inserts ON ${schema}.${table}`,
      `DROP TRIGGER IF EXISTS ${table}_log_updates ON ${schema}.${table}`,
      `DROP TRIGGER IF EXISTS ${table}_log_deletes ON ${schema}.${table}`,
    ]),
    `DROP FUNCTION IF EXISTS ${schema}.log_entity_changes()`,
    `DROP TABLE IF EXISTS ${schema}.${ENTITY_CHANGES_TABLE}`,
  ];
}

/**
 * A TypeORM migration class named `name` (which must end in its 13-digit timestamp, as TypeORM requires) whose `up`
 * creates the entity-change log of `schema` over `tables` ({@link createEntityChangeLogSql}) and whose `down` drops it.
 */
export function entityChangeLogMigration(name: string, schema: string, tables: readonly string[]): new () => MigrationInterface {
  return class EntityChangeLogMigration implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of createEntityChangeLogSql(schema, tables)) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of dropEntityChangeLogSql(schema, tables)) await queryRunner.query(statement);
    }
  };
}

/**
 * A TypeORM migration class named `name` whose `up` makes `schema`'s trigger function log each tenant once per
 * transaction ({@link logEntityChangesOncePerTransactionSql}) and whose `down` restores one row per statement.
 */
export function entityChangesPerTransactionMigration(name: string, schema: string): new () => MigrationInterface {
  return class EntityChangesPerTransactionMigration implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of logEntityChangesOncePerTransactionSql(schema)) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(logEntityChangesPerStatementSql(schema));
    }
  };
}
