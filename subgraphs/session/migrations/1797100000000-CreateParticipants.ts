import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addEntityChangeTriggersSql } from '../../../platform/database/entity-change-log.ts';

/**
 * Participants as rows, and the bot lifecycle of `BOT` sessions (issue 17, parts 1 and 2):
 * - creates `session.participants` (one row per presence: joined at, left at; at most one present row per participant
 *   key and session), with the entity-change triggers so the gateway's response cache sees its writes;
 * - copies each session's `participants` jsonb array into rows, in array order, joined at the session's start and,
 *   for ended sessions, left at its end (the jsonb column stays, unread, so that older code on the same database keeps
 *   working; a later migration drops it);
 * - adds `sessions.bot_state` and `sessions.bot_failure_reason`: existing `BOT` sessions get `REQUESTED` when active
 *   and `ENDED` when ended (their bot's real state was never recorded).
 */
export class CreateParticipants1797100000000 implements MigrationInterface {
  name = 'CreateParticipants1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session.participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tenant_id text NOT NULL,
        session_id uuid NOT NULL REFERENCES session.sessions (id) ON DELETE CASCADE,
        participant_key text NOT NULL CHECK (char_length(participant_key) BETWEEN 1 AND 200),
        external_id text CHECK (char_length(external_id) <= 200),
        role text NOT NULL CHECK (role IN ('USER', 'BOT', 'AGENT', 'OBSERVER')),
        display_name text CHECK (char_length(display_name) <= 200),
        joined_at timestamptz NOT NULL,
        left_at timestamptz,
        CHECK (left_at IS NULL OR left_at >= joined_at)
      )`);
    await queryRunner.query(`CREATE INDEX participants_tenant_session ON session.participants (tenant_id, session_id, joined_at, seq)`);
    await queryRunner.query(`CREATE UNIQUE INDEX participants_present ON session.participants (tenant_id, session_id, participant_key) WHERE left_at IS NULL`);
    for (const statement of addEntityChangeTriggersSql('session', 'participants')) await queryRunner.query(statement);
    await queryRunner.query(`
      INSERT INTO session.participants (tenant_id, session_id, participant_key, role, display_name, joined_at, left_at)
      SELECT s.tenant_id, s.id, p.value->>'id', p.value->>'role', p.value->>'displayName', s.started_at, s.ended_at
      FROM session.sessions s, jsonb_array_elements(s.participants) WITH ORDINALITY AS p(value, ord)
      ORDER BY s.started_at, s.id, p.ord`);
    await queryRunner.query(`
      ALTER TABLE session.sessions
        ADD COLUMN bot_state text CHECK (bot_state IN ('REQUESTED', 'JOINING', 'IN_CALL', 'LEAVING', 'ENDED', 'FAILED')),
        ADD COLUMN bot_failure_reason text CHECK (char_length(bot_failure_reason) <= 1000),
        ADD CONSTRAINT sessions_bot_state_of_bots CHECK (kind = 'BOT' OR bot_state IS NULL)`);
    await queryRunner.query(`UPDATE session.sessions SET bot_state = CASE WHEN status = 'ENDED' THEN 'ENDED' ELSE 'REQUESTED' END WHERE kind = 'BOT'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE session.sessions
        DROP CONSTRAINT sessions_bot_state_of_bots, DROP COLUMN bot_failure_reason, DROP COLUMN bot_state`);
    await queryRunner.query(`DROP TABLE session.participants`);
  }
}
