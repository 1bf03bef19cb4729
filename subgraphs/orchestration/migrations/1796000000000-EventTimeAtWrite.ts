import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workflow event's `at` is the time its row is written (`clock_timestamp()`), no longer the start of the transaction
 * that writes it (`now()`): the events of one transaction get the times they were recorded, in order, and an event's
 * time is as close to its commit as the database can tell (a transition writes its events last). `signals.received_at`
 * already works this way.
 */
export class EventTimeAtWrite1796000000000 implements MigrationInterface {
  name = 'EventTimeAtWrite1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events ALTER COLUMN at SET DEFAULT clock_timestamp()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events ALTER COLUMN at SET DEFAULT now()`);
  }
}
