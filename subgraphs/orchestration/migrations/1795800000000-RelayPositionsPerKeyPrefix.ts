import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `event_relay_positions` is keyed by Redis key prefix and tenant: a position says how far the relay published a
 * tenant's events to the streams of one key prefix. Keyed by tenant alone, a relay writing to another prefix (another
 * deployment sharing the database, or tests) moved the position of the first, which then skipped those events.
 * Existing positions keep the empty prefix; relays of a named prefix start over from the stream's end (idempotently).
 */
export class RelayPositionsPerKeyPrefix1795800000000 implements MigrationInterface {
  name = 'RelayPositionsPerKeyPrefix1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions ADD COLUMN key_prefix text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions DROP CONSTRAINT event_relay_positions_pkey`);
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions ADD CONSTRAINT event_relay_positions_pkey PRIMARY KEY (key_prefix, tenant_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM orchestration.event_relay_positions WHERE key_prefix <> ''`);
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions DROP CONSTRAINT event_relay_positions_pkey`);
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions DROP COLUMN key_prefix`);
    await queryRunner.query(`ALTER TABLE orchestration.event_relay_positions ADD CONSTRAINT event_relay_positions_pkey PRIMARY KEY (tenant_id)`);
  }
}
