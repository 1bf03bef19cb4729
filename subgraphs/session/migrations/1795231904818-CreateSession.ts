import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `session.sessions`, `session.transcript_segments` and `session.translations`. Limits are repeated as CHECK
 * constraints as a last line of defence; the services validate first so clients get BAD_USER_INPUT.
 */
export class CreateSession1795231904818 implements MigrationInterface {
  name = 'CreateSession1795231904818';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session.sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('USER', 'BOT')),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
        title text CHECK (char_length(title) <= 200),
        participants jsonb NOT NULL DEFAULT '[]'::jsonb,
        metadata jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CHECK ((status = 'ENDED') = (ended_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX sessions_tenant_started ON session.sessions (tenant_id, started_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE session.transcript_segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        session_id uuid NOT NULL REFERENCES session.sessions (id) ON DELETE CASCADE,
        sequence integer NOT NULL CHECK (sequence >= 1),
        speaker text NOT NULL CHECK (char_length(speaker) BETWEEN 1 AND 200),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 10000),
        language text,
        start_ms integer CHECK (start_ms >= 0),
        end_ms integer CHECK (end_ms >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_ms IS NULL OR start_ms IS NULL OR end_ms >= start_ms),
        CONSTRAINT transcript_segments_tenant_session_sequence UNIQUE (tenant_id, session_id, sequence)
      )`);
    await queryRunner.query(`
      CREATE TABLE session.translations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        segment_id uuid NOT NULL REFERENCES session.transcript_segments (id) ON DELETE CASCADE,
        language text NOT NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT translations_tenant_segment_language UNIQUE (tenant_id, segment_id, language)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session.translations`);
    await queryRunner.query(`DROP TABLE session.transcript_segments`);
    await queryRunner.query(`DROP TABLE session.sessions`);
  }
}
