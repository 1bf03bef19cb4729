import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { BadUserInputError } from '../../../platform/errors.ts';
import { pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { entityInsert } from '../../../platform/database/entity-insert.ts';
import { ModelCallSchema, type ModelCall } from '../entities/model-call.ts';
import { RoutingDecisionSchema, type RoutingDecision } from '../entities/routing-decision.ts';
import { observeModelCall } from './model-call-metrics.ts';
import type { Observation } from './outcome-service.ts';

/** GraphQL `ModelCallFilter`: a call matches when it matches every field given (absent or null = any). */
export interface ModelCallFilter {
  /** A session id; a non-UUID matches nothing. */
  readonly sessionId?: string | null | undefined;
  /** A workflow run id; a non-UUID matches nothing. */
  readonly runId?: string | null | undefined;
  readonly stepId?: string | null | undefined;
  /** A deployment (model profile) name, as it was at the time of the call. */
  readonly model?: string | null | undefined;
  readonly taskType?: string | null | undefined;
  readonly status?: ModelCall['status'] | null | undefined;
  /** Calls made at or after this time. */
  readonly from?: Date | string | null | undefined;
  /** Calls made before this time. */
  readonly to?: Date | string | null | undefined;
}

/** Paging arguments of {@link ModelCallLog.list}. */
export interface ModelCallPageArgs {
  /** Page size, 1 to 100. @defaultValue 20 */
  readonly first?: number | null | undefined;
  /** The `cursor` of the last call of the previous page. */
  readonly after?: string | null | undefined;
}

/** One page of calls, newest first (GraphQL `ModelCallConnection`). */
export interface ModelCallPage {
  edges: { cursor: string; node: ModelCall }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What {@link ModelCallLog.spend} groups by: deployment name, UTC day, or task type. */
export type SpendGrouping = 'MODEL' | 'DAY' | 'TASK_TYPE';

/** The calls of one group (GraphQL `SpendRow`). */
export interface SpendRow {
  /** The deployment name, the UTC day (`YYYY-MM-DD`) or the task type ({@link NO_TASK_TYPE_KEY} without one). */
  key: string;
  calls: number;
  failedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Most rows {@link ModelCallLog.spend} returns. */
export const MAX_SPEND_ROWS = 1000;
/** Most calls {@link ModelCallLog.forSessions} and {@link ModelCallLog.forRuns} return per session or run. */
export const MAX_CALLS_PER_PARENT = 1000;
/** The `TASK_TYPE` spend key of calls without a task type (task types cannot contain parentheses). */
export const NO_TASK_TYPE_KEY = '(none)';

/** The SQL of each spend grouping's key, over the alias `c`. */
const SPEND_KEYS: Readonly<Record<SpendGrouping, string>> = {
  MODEL: 'c.model_name',
  DAY: `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  TASK_TYPE: `coalesce(c.task_type, '${NO_TASK_TYPE_KEY}')`,
};

/** A call's `created_at` in UTC with its microseconds: the cursor keeps Postgres' precision, not JavaScript's ms. */
const CURSOR_TIME = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A decoded list cursor: the last call's `created_at` (ISO text, up to µs) and id. */
interface CallPosition {
  readonly createdAt: string;
  readonly id: string;
}

/** The ISO time of a filter bound. @throws {@link BadUserInputError} naming `filter.<field>` when it is not a time. */
function filterTime(field: 'from' | 'to', value: Date | string): Date {
  const time = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(time.getTime())) throw new BadUserInputError(`"filter.${field}" is not a date-time`, { field: `filter.${field}` });
  return time;
}

/** The opaque cursor of a call: base64url of `<created_at, µs>|<id>` (the format of platform/pagination.ts). */
function encodeCallCursor(position: CallPosition): string {
  return Buffer.from(`${position.createdAt}|${position.id}`).toString('base64url');
}

/** Decodes {@link encodeCallCursor}'s cursor. @throws {@link BadUserInputError} (field `after`) when it is not one. */
function decodeCallCursor(cursor: string | null | undefined): CallPosition | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const [createdAt = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !CURSOR_TIME_PATTERN.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) {
    throw new BadUserInputError('"after" is not a valid cursor', { field: 'after' });
  }
  return { createdAt, id };
}

/** Distinct lower-cased UUIDs among `ids` (others name no row). */
function uuidsOf(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

/** Whether a filter field was given (null and undefined mean "any"). */
function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/**
 * Writes and reads `routing.model_calls`: one row per attempt of a model call, always within one tenant. Reads are
 * one statement each, on the table's indexes (`(tenant_id, created_at DESC, id DESC)`, and per session and run).
 */
export class ModelCallLog {
  private readonly calls: Repository<ModelCall>;

  /**
   * @param observe - told of every recorded call (the Prometheus metrics of model-call-metrics.ts by default); it
   * must not throw.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly observe: (call: ModelCall) => void = observeModelCall,
  ) {
    this.calls = dataSource.getRepository(ModelCallSchema);
  }

  /** Records one attempt (one INSERT), then counts it in the metrics. */
  async record(call: ModelCall): Promise<void> {
    await this.calls.insert(call as QueryDeepPartialEntity<ModelCall>);
    this.observe(call);
  }

  /**
   * Records one attempt of a completion in ONE statement (data-modifying CTEs), then counts it in the metrics: the
   * routing decision it made (made with `persist: false`; with the router's `observation` as its outcome when given),
   * the call's row, and — with an observation — the deployment's latency (when the outcome has one) and success rate
   * moved by one EWMA step computed from the row's current values, and its outcome count. One round trip on the hot
   * path instead of three, no row locked across statements, and an asynchronous commit (below): a crash of the
   * database server may lose the records of the last few hundred ms of calls, as it may lose a budget's last calls
   * in LiteLLM's batched spend log.
   */
  async recordAttempt(decision: RoutingDecision, call: ModelCall, observation?: Observation): Promise<void> {
    const stored: RoutingDecision = observation ? { ...decision, outcome: observation.outcome, costUsd: observation.outcome.costUsd } : decision;
    const decisionInsert = entityInsert(this.dataSource, RoutingDecisionSchema, stored);
    const callInsert = entityInsert(this.dataSource, ModelCallSchema, call, decisionInsert.parameters.length + 1);
    const parameters: unknown[] = [...decisionInsert.parameters, ...callInsert.parameters];
    let profile = '';
    if (observation) {
      const n = parameters.length;
      parameters.push(decision.tenantId, decision.modelId, observation.outcome.latencyMs, observation.outcome.success ? 1 : 0, observation.alpha);
      profile = `, profile AS (UPDATE routing.model_profiles m SET
         latency_ms = CASE WHEN $${n + 3}::double precision IS NULL THEN m.latency_ms
                           ELSE $${n + 5}::double precision * $${n + 3} + (1 - $${n + 5}) * m.latency_ms END,
         success_rate = $${n + 5} * $${n + 4}::double precision + (1 - $${n + 5}) * m.success_rate,
         outcome_count = m.outcome_count + 1, updated_at = now()
       WHERE m.tenant_id = $${n + 1} AND m.id = $${n + 2})`;
    }
    // Committed asynchronously (the transaction's own `synchronous_commit = off`): visible to every reader at once,
    // durable a moment later (PostgreSQL manual §30.4, "Asynchronous Commit": a server crash may lose the last
    // commits of up to 3 × wal_writer_delay, 600 ms by default, and never leaves them partial). The caller does not
    // wait for a WAL flush per call, which is most of the statement's time.
    await this.dataSource.query(
      `WITH decision AS (${decisionInsert.sql}), call AS (${callInsert.sql})${profile} SELECT set_config('synchronous_commit', 'off', true)`,
      parameters,
    );
    this.observe(call);
  }

  /** The tenant's call `id`, or null (also for non-UUIDs). */
  async find(tenantId: string, id: string): Promise<ModelCall | null> {
    if (!isUuid(id)) return null;
    return this.calls.findOneBy({ tenantId, id });
  }

  /** The tenant's calls among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<ModelCall[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.calls.findBy({ tenantId, id: In(valid) });
  }

  /**
   * The tenant's calls matching `filter`, newest first (`created_at` then `id`, both descending, so calls of equal
   * times keep one order), by keyset pagination; each edge's cursor is opaque. A `sessionId` or `runId` that is not a
   * UUID matches nothing (as `workflowRuns` does).
   * @throws {@link BadUserInputError} for `first` outside 1–100 (field `first`), a cursor not made by this list
   * (field `after`), or a `from`/`to` that is not a time.
   */
  async list(tenantId: string, filter: ModelCallFilter | null | undefined, page: ModelCallPageArgs = {}): Promise<ModelCallPage> {
    const size = pageSize(page.first);
    const position = decodeCallCursor(page.after);
    const query = this.filtered(tenantId, filter);
    if (!query) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    if (position) {
      query.andWhere('(c.created_at, c.id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))', {
        afterTime: position.createdAt,
        afterId: position.id,
      });
    }
    const { entities, raw } = await query
      .addSelect(CURSOR_TIME, 'cursor_time')
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(size + 1)
      .getRawAndEntities<{ c_id: string; cursor_time: string }>();
    const timeOf = new Map(raw.map((row) => [row.c_id, row.cursor_time]));
    const edges = entities
      .slice(0, size)
      .map((node) => ({ cursor: encodeCallCursor({ createdAt: timeOf.get(node.id) ?? node.createdAt.toISOString(), id: node.id }), node }));
    return { edges, pageInfo: { hasNextPage: entities.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * The tenant's calls matching `filter`, rolled up by deployment name, UTC day (`YYYY-MM-DD`) or task type
   * (`(none)` without one): calls, failed calls, tokens in and out and cost in USD per group, largest cost first
   * (then by key), at most {@link MAX_SPEND_ROWS} rows, in one statement.
   * @throws {@link BadUserInputError} for a `from`/`to` that is not a time.
   */
  async spend(tenantId: string, groupBy: SpendGrouping, filter: ModelCallFilter | null | undefined): Promise<SpendRow[]> {
    const query = this.filtered(tenantId, filter);
    if (!query) return [];
    const key = SPEND_KEYS[groupBy];
    const rows = await query
      .select(key, 'spend_key')
      .addSelect('count(*)', 'call_count')
      .addSelect(`count(*) FILTER (WHERE c.status = 'FAILED')`, 'failed_count')
      .addSelect('coalesce(sum(c.input_tokens), 0)', 'tokens_in')
      .addSelect('coalesce(sum(c.output_tokens), 0)', 'tokens_out')
      .addSelect('coalesce(sum(c.cost_usd), 0)::float8', 'total_usd')
      .groupBy(key)
      .orderBy('total_usd', 'DESC')
      .addOrderBy('spend_key', 'ASC')
      .limit(MAX_SPEND_ROWS)
      .getRawMany<{ spend_key: string; call_count: string; failed_count: string; tokens_in: string; tokens_out: string; total_usd: number }>();
    return rows.map((row) => ({
      key: row.spend_key,
      calls: Number(row.call_count),
      failedCalls: Number(row.failed_count),
      inputTokens: Number(row.tokens_in),
      outputTokens: Number(row.tokens_out),
      costUsd: Number(row.total_usd),
    }));
  }

  /**
   * What each session's model calls cost, in USD (`Session.costUsd`): the session's calls, plus the recorded outcome
   * costs of its `route` decisions (decisions without a completion request, `request_id IS NULL`: calls made outside
   * Orchestra; a completion's own decision is not counted again). One statement; sessions without any are absent,
   * keys are lower-case.
   */
  async costsOfSessions(tenantId: string, sessionIds: readonly string[]): Promise<Map<string, number>> {
    const valid = uuidsOf(sessionIds);
    if (valid.length === 0) return new Map();
    const rows: { session_id: string; cost_usd: number }[] = await this.dataSource.query(
      `SELECT session_id, sum(cost_usd)::float8 AS cost_usd FROM (
         SELECT session_id, cost_usd FROM routing.model_calls WHERE tenant_id = $1 AND session_id = ANY($2::uuid[])
         UNION ALL
         SELECT session_id, cost_usd FROM routing.routing_decisions
         WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) AND request_id IS NULL AND cost_usd IS NOT NULL
       ) costs GROUP BY session_id`,
      [tenantId, valid],
    );
    return new Map(rows.map((r) => [r.session_id, Number(r.cost_usd)]));
  }

  /** What each run's model calls cost, in USD, in one statement; runs without calls are absent, keys lower-case. */
  async costsOfRuns(tenantId: string, runIds: readonly string[]): Promise<Map<string, number>> {
    const valid = uuidsOf(runIds);
    if (valid.length === 0) return new Map();
    const rows = await this.calls
      .createQueryBuilder('c')
      .select('c.run_id', 'run_id')
      .addSelect('sum(c.cost_usd)::float8', 'cost_usd')
      .where('c.tenant_id = :tenantId AND c.run_id = ANY(:runIds)', { tenantId, runIds: valid })
      .groupBy('c.run_id')
      .getRawMany<{ run_id: string; cost_usd: number }>();
    return new Map(rows.map((r) => [r.run_id, Number(r.cost_usd)]));
  }

  /** The calls of the sessions `sessionIds`, newest first, at most {@link MAX_CALLS_PER_PARENT} each, in one statement. */
  async forSessions(tenantId: string, sessionIds: readonly string[]): Promise<ModelCall[]> {
    return this.forParents(tenantId, 'session_id', sessionIds, 'DESC');
  }

  /** The calls of the runs `runIds`, oldest first, at most {@link MAX_CALLS_PER_PARENT} each, in one statement. */
  async forRuns(tenantId: string, runIds: readonly string[]): Promise<ModelCall[]> {
    return this.forParents(tenantId, 'run_id', runIds, 'ASC');
  }

  private async forParents(tenantId: string, column: 'session_id' | 'run_id', ids: readonly string[], order: 'ASC' | 'DESC'): Promise<ModelCall[]> {
    const valid = uuidsOf(ids);
    if (valid.length === 0) return [];
    // The first MAX_CALLS_PER_PARENT of each parent, in the list's order, found on the parent's partial index.
    const ranked = `SELECT ranked.id FROM (
        SELECT id, row_number() OVER (PARTITION BY ${column} ORDER BY created_at ${order}, id ${order}) AS n
        FROM routing.model_calls WHERE tenant_id = :tenantId AND ${column} = ANY(:parentIds)
      ) ranked WHERE ranked.n <= :perParent`;
    return this.calls
      .createQueryBuilder('c')
      .where(`c.tenant_id = :tenantId AND c.id IN (${ranked})`, { tenantId, parentIds: valid, perParent: MAX_CALLS_PER_PARENT })
      .orderBy('c.createdAt', order)
      .addOrderBy('c.id', order)
      .getMany();
  }

  /**
   * The tenant's calls matching `filter` (alias `c`), or undefined when the filter can match nothing (a non-UUID id).
   * @throws {@link BadUserInputError} for a `from`/`to` that is not a time.
   */
  private filtered(tenantId: string, filter: ModelCallFilter | null | undefined): SelectQueryBuilder<ModelCall> | undefined {
    const query = this.calls.createQueryBuilder('c').where('c.tenant_id = :tenantId', { tenantId });
    if (!filter) return query;
    if ((given(filter.sessionId) && !isUuid(filter.sessionId)) || (given(filter.runId) && !isUuid(filter.runId))) return undefined;
    if (given(filter.sessionId)) query.andWhere('c.session_id = :sessionId', { sessionId: filter.sessionId });
    if (given(filter.runId)) query.andWhere('c.run_id = :runId', { runId: filter.runId });
    if (given(filter.stepId)) query.andWhere('c.step_id = :stepId', { stepId: filter.stepId });
    if (given(filter.model)) query.andWhere('c.model_name = :modelName', { modelName: filter.model });
    if (given(filter.taskType)) query.andWhere('c.task_type = :taskType', { taskType: filter.taskType });
    if (given(filter.status)) query.andWhere('c.status = :status', { status: filter.status });
    if (given(filter.from)) query.andWhere('c.created_at >= :fromTime', { fromTime: filterTime('from', filter.from) });
    if (given(filter.to)) query.andWhere('c.created_at < :toTime', { toTime: filterTime('to', filter.to) });
    return query;
  }

  /** What the tenant's model calls since `since` (inclusive) cost, in USD; 0 without any (one statement). */
  async spentSinceUsd(tenantId: string, since: Date): Promise<number> {
    const rows: { spent: number | string }[] = await this.calls.query(
      `SELECT coalesce(sum(cost_usd), 0)::float8 AS spent FROM routing.model_calls WHERE tenant_id = $1 AND created_at >= $2`,
      [tenantId, since],
    );
    return Number(rows[0]?.spent ?? 0);
  }
}
