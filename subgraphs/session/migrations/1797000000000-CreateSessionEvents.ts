import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addEntityChangeTriggersSql } from '../../../platform/database/entity-change-log.ts';

/**
 * Creates `session.session_events`, the outbox of what happens in a session (segments added, revised and finalised,
 * translations, participants joining and leaving, bot state changes, the session's end, runs started for it). Rows
 * are written in the transaction of the change they report; `cursor` (a per-tenant position, as for
 * `orchestration.workflow_events`) is assigned after commit by whoever publishes them, `seq` keeps insertion order.
 */
export class CreateSessionEvents1797000000000 implements MigrationInterface {
  name = 'CreateSessionEvents1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session.session_events (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id text NOT NULL,
        cursor bigint,
        session_id uuid NOT NULL,
        type text NOT NULL,
        segment_id uuid,
        participant_id text,
        payload jsonb,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT session_events_pk PRIMARY KEY (seq)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX session_events_tenant_cursor ON session.session_events (tenant_id, cursor) WHERE cursor IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX session_events_tenant_session ON session.session_events (tenant_id, session_id, seq)`);
    await queryRunner.query(`CREATE INDEX session_events_unassigned ON session.session_events (seq) WHERE cursor IS NULL`);
    for (const statement of addEntityChangeTriggersSql('session', 'session_events')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session.session_events`);
  }
}
