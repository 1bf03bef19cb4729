import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Draft and final transcript segments, and transcript search. Adds to `session.transcript_segments`: `segment_key`
 * (the client's idempotency key, unique per session when set), `final` (false for a replaceable draft), `confidence`
 * (0–1), `revision` (1, + 1 per replacement) and `updated_at`; existing rows become final revision-1 segments without
 * a key. Adds `search_vector`, a stored tsvector of `text` ('simple' configuration: lower-cased words, no stemming or
 * stop words, so that it works alike for every language of a transcript) with a GIN index.
 */
export class SegmentRevisionsAndSearch1797200000000 implements MigrationInterface {
  name = 'SegmentRevisionsAndSearch1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE session.transcript_segments
        ADD COLUMN segment_key text CHECK (char_length(segment_key) BETWEEN 1 AND 200),
        ADD COLUMN final boolean NOT NULL DEFAULT true,
        ADD COLUMN confidence double precision CHECK (confidence BETWEEN 0 AND 1),
        ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED`);
    await queryRunner.query(`UPDATE session.transcript_segments SET updated_at = created_at`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX transcript_segments_tenant_session_key ON session.transcript_segments (tenant_id, session_id, segment_key) WHERE segment_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX transcript_segments_search ON session.transcript_segments USING gin (search_vector)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX session.transcript_segments_search`);
    await queryRunner.query(`DROP INDEX session.transcript_segments_tenant_session_key`);
    await queryRunner.query(`
      ALTER TABLE session.transcript_segments
        DROP COLUMN search_vector, DROP COLUMN updated_at, DROP COLUMN revision, DROP COLUMN confidence, DROP COLUMN final,
        DROP COLUMN segment_key`);
  }
}
