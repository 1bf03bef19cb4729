import type { DataSource } from 'typeorm';
import { AgentSchema, type Agent } from '../entities/agent.ts';
import { assertJsonSize, assertLength, isUuid } from '../../../platform/validation.ts';
import { queryRows, rowMapper, jsonParam } from './sql.ts';

/** Longest agent name, in characters. */
export const MAX_AGENT_NAME_LENGTH = 200;
/** Longest agent description, in characters. */
export const MAX_AGENT_DESCRIPTION_LENGTH = 2_000;
/** Longest agent instructions, in characters. */
export const MAX_AGENT_INSTRUCTIONS_LENGTH = 65_536;
/** Longest preferred model name, in characters. */
export const MAX_AGENT_MODEL_LENGTH = 200;
/** Largest agent config, in bytes of JSON. */
export const MAX_AGENT_CONFIG_BYTES = 65_536;

/** GraphQL `RegisterAgentInput`. */
export interface RegisterAgentInput {
  readonly name: string;
  readonly description?: string | null | undefined;
  readonly instructions?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly config?: unknown;
}

const toAgent = rowMapper(AgentSchema);

/** Registers and reads agents of a tenant. */
export class AgentService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers an agent.
   * @throws {@link BadUserInputError} when a field is over its limit (named in `details.field`).
   */
  async register(tenantId: string, input: RegisterAgentInput): Promise<Agent> {
    assertLength('input.name', input.name, MAX_AGENT_NAME_LENGTH, 1);
    if (input.description) assertLength('input.description', input.description, MAX_AGENT_DESCRIPTION_LENGTH);
    if (input.instructions) assertLength('input.instructions', input.instructions, MAX_AGENT_INSTRUCTIONS_LENGTH);
    if (input.model) assertLength('input.model', input.model, MAX_AGENT_MODEL_LENGTH);
    assertJsonSize('input.config', input.config, MAX_AGENT_CONFIG_BYTES);
    const [row] = await queryRows(
      this.dataSource.manager,
      `INSERT INTO orchestration.agents (tenant_id, name, description, instructions, model, config)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING *`,
      [tenantId, input.name, input.description ?? null, input.instructions ?? null, input.model ?? null, jsonParam(input.config)],
    );
    return toAgent(row ?? {});
  }

  /** The tenant's agents with the given ids (non-UUIDs name none), in one statement; `null` where absent. */
  async byIds(tenantId: string, ids: readonly string[]): Promise<(Agent | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await queryRows(this.dataSource.manager, `SELECT * FROM orchestration.agents WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, valid])
      : [];
    const byId = new Map(rows.map((r) => [String(r['id']), toAgent(r)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }
}
