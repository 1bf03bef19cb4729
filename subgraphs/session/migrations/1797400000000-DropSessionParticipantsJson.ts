import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `session.sessions.participants`, the jsonb list of participants given at start: since
 * CreateParticipants1797100000000 copied it into `session.participants`, nothing reads it. `down` adds it back, filled
 * with who was present at each session's start.
 */
export class DropSessionParticipantsJson1797400000000 implements MigrationInterface {
  name = 'DropSessionParticipantsJson1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session.sessions DROP COLUMN participants`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session.sessions ADD COLUMN participants jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`
      UPDATE session.sessions s SET participants = p.list
      FROM (
        SELECT tenant_id, session_id,
               jsonb_agg(jsonb_strip_nulls(jsonb_build_object('id', participant_key, 'role', role, 'displayName', display_name)) ORDER BY joined_at, seq) AS list
        FROM session.participants p
        WHERE joined_at = (SELECT started_at FROM session.sessions WHERE tenant_id = p.tenant_id AND id = p.session_id)
        GROUP BY tenant_id, session_id
      ) p
      WHERE s.tenant_id = p.tenant_id AND s.id = p.session_id`);
  }
}
