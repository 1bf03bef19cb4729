import type { DataSource } from 'typeorm';
import { FINAL_RUN_STATUSES } from '../entities/workflow-run.ts';
import { outboxCtes } from '../services/workflow-events.ts';
import { jsonParam, poolExecutor, queryRows, type PoolExecutorOptions, type SqlExecutor } from '../services/sql.ts';
import type { StepError } from './step-error.ts';

/**
 * The step transitions of the hot path, each ONE statement (a CTE doing the state change, the attempt record and the
 * event insert — see `outboxCtes`), sent in autocommit on the `pg` pool: no BEGIN/COMMIT round trips and no run-row
 * lock. Concurrency is handled by counters updated in place instead of "are all my siblings done?" reads:
 * - `step_runs.pending_deps`: a step's unfinished dependencies; the transition that takes it to 0 returns the step as
 *   ready (exactly one transition does, whatever the interleaving: row updates serialise on the row);
 * - `workflow_runs.pending_steps`: the run's unfinished sink steps (top-level steps no other step depends on: each
 *   step is an ancestor of a sink and ends before it, so all sinks done = all steps done; counting sinks only keeps
 *   parallel branches off the run row); the transition that takes it to 0 tells the caller to finalise the run ({@link StepTransitions.finalizeRun}, guarded by that counter and the run's status);
 * - `step_runs.pending_items`: a running `map` step's unfinished items.
 * Every transition is guarded by the expected status and attempt, so a late or duplicate job changes nothing.
 */

/** The error recorded on an attempt whose lease expired (by the claim that takes the step over, or the sweeper). */
export const LOST_ATTEMPT_ERROR = 'its worker stopped renewing the lease (crashed or stalled)';

/**
 * SQL of the outputs a step's expressions may read: `{ <ancestor step id>: output (null unless COMPLETED) }` of the
 * run `runIdSql`, for the ancestor ids in `ancestorsParam` (a `text[]` parameter), the tenant in `tenantParam`.
 */
function ancestorOutputsSql(tenantParam: string, runIdSql: string, ancestorsParam: string): string {
  return `(SELECT jsonb_object_agg(d.step_id, CASE WHEN d.status = 'COMPLETED' THEN d.output END)
            FROM orchestration.step_runs d WHERE d.tenant_id = ${tenantParam} AND d.run_id = ${runIdSql} AND d.step_id = ANY(${ancestorsParam}::text[]))`;
}

/** One attempt of one step run. */
export interface StepAttemptRef {
  readonly tenantId: string;
  readonly runId: string;
  readonly workflowId: string;
  /** The step run's row id. */
  readonly stepRunId: string;
  readonly stepId: string;
  readonly attempt: number;
  /** For an item of a `map` step: the map step's id. */
  readonly parentStepId: string | null;
}

/** A step claimed for an attempt, with what its expressions need. */
export interface ClaimedStep {
  readonly stepRunId: string;
  readonly runId: string;
  readonly stepId: string;
  /** This attempt's number (1 for the first). */
  readonly attempt: number;
  readonly parentStepId: string | null;
  readonly itemIndex: number | null;
  readonly runInput: unknown;
  readonly sessionId: string | null;
  /** Outputs of the requested ancestor steps, by step id (null for a skipped one). */
  readonly outputs: Record<string, unknown>;
  /** For an item of a `map` step: the map step's resolved config `{ items, concurrency }`. */
  readonly parentInput: { items?: unknown[]; concurrency?: number } | null;
}

/** A step that became ready (its dependencies done): enqueue it. */
export interface ReadyStep {
  readonly stepRunId: string;
  readonly stepId: string;
}

/** What a completion did. */
export interface CompletionResult {
  /** Whether the guard matched (false: a late duplicate, or the run ended meanwhile). */
  readonly applied: boolean;
  /** Steps this completion made ready. */
  readonly ready: readonly ReadyStep[];
  /** The run's unfinished sink steps after it (null unless the step is a top-level sink); 0 = finalise the run. */
  readonly runPending: number | null;
  /** For a map item: the map step's unfinished items after it; 0 = finalise the map step. */
  readonly parentPending: number | null;
}

/** A successful (or skipped) end of a step. */
export interface StepCompletion {
  readonly status: 'COMPLETED' | 'SKIPPED';
  readonly output: unknown;
  readonly routingDecisionId?: string | null | undefined;
  /** The attempt's resolved config, kept as the step's `input`. */
  readonly input?: unknown;
  /** Extra fields of the event's payload. */
  readonly eventPayload?: Record<string, unknown>;
}

/** The hot-path step transitions; see the module comment. */
export class StepTransitions {
  private readonly pool: SqlExecutor;

  /** @param options - how statements are sent ({@link PoolExecutorOptions}; prepare them on a real Postgres). */
  constructor(dataSource: DataSource, options: PoolExecutorOptions = {}) {
    this.pool = poolExecutor(dataSource, options);
  }

  /**
   * Claims a step for a new attempt: QUEUED and ready (no pending dependency, backoff elapsed) — or RUNNING with an
   * expired lease (its worker died; that attempt is recorded LOST) — of a run still active. Sets it RUNNING with a
   * lease of `leaseMs`, records the attempt and STEP_STARTED, and returns the expression inputs, in one statement.
   * @param ancestors - ids of the steps whose outputs the step's expressions may read.
   * @returns the claimed step, or undefined when the guard did not match (the job is stale).
   */
  async claim(
    ref: Pick<StepAttemptRef, 'tenantId' | 'workflowId' | 'stepRunId'>,
    ancestors: readonly string[],
    workerId: string,
    leaseMs: number,
  ): Promise<ClaimedStep | undefined> {
    const [row] = await queryRows(
      this.pool,
      `WITH claimed AS (
         UPDATE orchestration.step_runs s SET status = 'RUNNING', attempt = s.attempt + 1, started_at = clock_timestamp(),
           lease_expires_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000), not_before = NULL
         WHERE s.tenant_id = $1 AND s.id = $2
           AND ((s.status = 'QUEUED' AND s.pending_deps = 0 AND (s.not_before IS NULL OR s.not_before <= clock_timestamp()))
             OR (s.status = 'RUNNING' AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())))
           AND EXISTS (SELECT 1 FROM orchestration.workflow_runs r WHERE r.tenant_id = $1 AND r.id = s.run_id AND r.status IN ('RUNNING', 'WAITING'))
         RETURNING s.id, s.run_id, s.step_id, s.attempt, s.parent_step_id, s.item_index),
       lost AS (
         UPDATE orchestration.step_attempts a SET status = 'LOST', finished_at = clock_timestamp(), error = $7
         FROM claimed c WHERE a.tenant_id = $1 AND a.step_run_id = c.id AND a.status = 'RUNNING' AND a.attempt < c.attempt
         RETURNING 1),
       att AS (
         INSERT INTO orchestration.step_attempts (tenant_id, step_run_id, run_id, attempt, status, worker_id, started_at)
         SELECT $1, c.id, c.run_id, c.attempt, 'RUNNING', $3, clock_timestamp() FROM claimed c
         ON CONFLICT DO NOTHING RETURNING 1),
       new_events AS (
         SELECT 1 AS seq, c.run_id, $6::uuid AS workflow_id, c.step_id, 'STEP_STARTED'::text AS type,
           jsonb_build_object('attempt', c.attempt, 'workerId', $3::text) AS payload
         FROM claimed c),
       ${outboxCtes('$1')}
       SELECT c.id, c.run_id, c.step_id, c.attempt, c.parent_step_id, c.item_index, r.input AS run_input, r.session_id,
         ${ancestorOutputsSql('$1', 'c.run_id', '$5')} AS outputs,
         p.input AS parent_input
       FROM claimed c
       JOIN orchestration.workflow_runs r ON r.tenant_id = $1 AND r.id = c.run_id
       LEFT JOIN orchestration.step_runs p ON c.parent_step_id IS NOT NULL AND p.tenant_id = $1 AND p.run_id = c.run_id AND p.step_id = c.parent_step_id`,
      [ref.tenantId, ref.stepRunId, workerId, leaseMs, [...ancestors], ref.workflowId, LOST_ATTEMPT_ERROR],
    );
    if (!row) return undefined;
    return {
      stepRunId: String(row['id']),
      runId: String(row['run_id']),
      stepId: String(row['step_id']),
      attempt: Number(row['attempt']),
      parentStepId: (row['parent_step_id'] as string | null) ?? null,
      itemIndex: row['item_index'] === null || row['item_index'] === undefined ? null : Number(row['item_index']),
      runInput: row['run_input'] ?? null,
      sessionId: (row['session_id'] as string | null) ?? null,
      outputs: (row['outputs'] as Record<string, unknown> | null) ?? {},
      parentInput: (row['parent_input'] as ClaimedStep['parentInput']) ?? null,
    };
  }

  /**
   * Ends a step COMPLETED (from RUNNING or WAITING, for `ref.attempt`) or SKIPPED (from QUEUED, attempt ignored when
   * 0): records the attempt and the event, decrements its dependents' `pending_deps`, and the run's `pending_steps` if
   * it is a sink (no dependents) or, for a map item, the map step's `pending_items`, in one statement.
   * @param dependents - ids of the steps that depend on it (for a map item: the item it lets start, if any).
   * @param executor - a transaction's executor when called under the run lock (signals); the pool otherwise.
   */
  async complete(ref: StepAttemptRef, completion: StepCompletion, dependents: readonly string[], executor: SqlExecutor = this.pool): Promise<CompletionResult> {
    const skipped = completion.status === 'SKIPPED';
    const [row] = await queryRows(
      executor,
      `WITH done AS (
         UPDATE orchestration.step_runs s SET status = $5, output = $6::jsonb, routing_decision_id = COALESCE($7::uuid, s.routing_decision_id),
           input = COALESCE($11::jsonb, s.input), finished_at = clock_timestamp(), lease_expires_at = NULL
         WHERE s.tenant_id = $1 AND s.id = $2 AND s.status = ANY($4::text[]) AND ($3::int IS NULL OR s.attempt = $3::int)
         RETURNING s.id, s.run_id, s.step_id, s.attempt),
       att AS (
         UPDATE orchestration.step_attempts a SET status = 'COMPLETED', finished_at = clock_timestamp()
         FROM done d WHERE $5 = 'COMPLETED' AND a.tenant_id = $1 AND a.step_run_id = d.id AND a.attempt = d.attempt
           AND a.status IN ('RUNNING', 'LOST')
         RETURNING 1),
       deps AS (
         UPDATE orchestration.step_runs s SET pending_deps = s.pending_deps - 1,
           ready_at = CASE WHEN s.pending_deps = 1 THEN clock_timestamp() ELSE s.ready_at END
         FROM done d WHERE s.tenant_id = $1 AND s.run_id = d.run_id AND s.step_id = ANY($8::text[]) AND s.status = 'QUEUED'
         RETURNING s.id, s.step_id, s.pending_deps),
       parent AS (
         UPDATE orchestration.step_runs p SET pending_items = p.pending_items - 1
         FROM done d WHERE $9::text IS NOT NULL AND p.tenant_id = $1 AND p.run_id = d.run_id AND p.step_id = $9::text
         RETURNING p.pending_items),
       run AS (
         UPDATE orchestration.workflow_runs r SET pending_steps = r.pending_steps - 1
         FROM done d WHERE $9::text IS NULL AND cardinality($8::text[]) = 0 AND r.tenant_id = $1 AND r.id = d.run_id
         RETURNING r.pending_steps),
       new_events AS (
         SELECT 1 AS seq, d.run_id, $10::uuid AS workflow_id, d.step_id, $12::text AS type,
           jsonb_build_object('attempt', d.attempt) || COALESCE($13::jsonb, '{}'::jsonb) AS payload
         FROM done d),
       ${outboxCtes('$1')}
       SELECT (SELECT count(*) FROM done)::int AS applied,
         (SELECT coalesce(json_agg(json_build_object('stepRunId', id, 'stepId', step_id)), '[]'::json) FROM deps WHERE pending_deps = 0) AS ready,
         (SELECT pending_items FROM parent) AS parent_pending,
         (SELECT pending_steps FROM run) AS run_pending`,
      [
        ref.tenantId,
        ref.stepRunId,
        skipped ? null : ref.attempt,
        skipped ? ['QUEUED'] : ['RUNNING', 'WAITING'],
        completion.status,
        jsonParam(completion.output),
        completion.routingDecisionId ?? null,
        [...dependents],
        ref.parentStepId,
        ref.workflowId,
        jsonParam(completion.input),
        skipped ? 'STEP_SKIPPED' : 'STEP_COMPLETED',
        completion.eventPayload ? JSON.stringify(completion.eventPayload) : null,
      ],
    );
    const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return {
      applied: Number(row?.['applied'] ?? 0) > 0,
      ready: (row?.['ready'] as ReadyStep[] | undefined) ?? [],
      runPending: nullableInt(row?.['run_pending']),
      parentPending: nullableInt(row?.['parent_pending']),
    };
  }

  /**
   * Completes a run whose steps are all done (`pending_steps`, its unfinished sinks, = 0) and that has not ended otherwise
   * (cancelled, failed, timed out): COMPLETED with `output` = `{ <sink step id>: its output (null if none) }` and
   * RUN_COMPLETED `{ output }`, in one statement. The UPDATE's row lock serialises it with a concurrent cancel or
   * timeout (whichever commits first wins; the other's guard no longer matches). Idempotent.
   * @param sinkStepIds - the steps no other step depends on (their outputs are the run's output).
   * @returns whether the run was completed by this call.
   */
  async finalizeRun(tenantId: string, runId: string, sinkStepIds: readonly string[]): Promise<boolean> {
    const [row] = await queryRows(
      this.pool,
      `WITH fin AS (
         UPDATE orchestration.workflow_runs r SET status = 'COMPLETED', finished_at = now(),
           output = (SELECT coalesce(jsonb_object_agg(k.step_id, s.output), '{}'::jsonb)
                     FROM unnest($3::text[]) AS k(step_id)
                     LEFT JOIN orchestration.step_runs s ON s.tenant_id = $1 AND s.run_id = $2 AND s.step_id = k.step_id)
         WHERE r.tenant_id = $1 AND r.id = $2 AND r.pending_steps = 0 AND r.status <> ALL($4::text[])
         RETURNING r.id, r.workflow_id, r.output),
       new_events AS (
         SELECT 1 AS seq, f.id AS run_id, f.workflow_id, NULL::text AS step_id, 'RUN_COMPLETED'::text AS type,
           jsonb_build_object('output', f.output) AS payload
         FROM fin f),
       ${outboxCtes('$1')}
       SELECT count(*)::int AS applied FROM fin`,
      [tenantId, runId, [...sinkStepIds], FINAL_RUN_STATUSES],
    );
    return Number(row?.['applied'] ?? 0) > 0;
  }

  /**
   * Schedules another attempt after a failed one: the step back to QUEUED with `not_before = now + delayMs`, the
   * attempt FAILED or TIMED_OUT with its error, and STEP_RETRYING, in one statement.
   * @returns whether the guard (RUNNING at `ref.attempt`) matched.
   */
  async retry(ref: StepAttemptRef, error: StepError, delayMs: number, input: unknown): Promise<boolean> {
    const [row] = await queryRows(
      this.pool,
      `WITH f AS (
         UPDATE orchestration.step_runs s SET status = 'QUEUED', lease_expires_at = NULL, error = $4, input = COALESCE($7::jsonb, s.input),
           not_before = clock_timestamp() + make_interval(secs => $5::double precision / 1000),
           ready_at = clock_timestamp() + make_interval(secs => $5::double precision / 1000)
         WHERE s.tenant_id = $1 AND s.id = $2 AND s.status = 'RUNNING' AND s.attempt = $3
         RETURNING s.id, s.run_id, s.step_id, s.attempt),
       att AS (
         UPDATE orchestration.step_attempts a SET status = $6, error = $4, error_code = $8, finished_at = clock_timestamp()
         FROM f WHERE a.tenant_id = $1 AND a.step_run_id = f.id AND a.attempt = f.attempt
         RETURNING 1),
       new_events AS (
         SELECT 1 AS seq, f.run_id, $9::uuid AS workflow_id, f.step_id, 'STEP_RETRYING'::text AS type,
           jsonb_build_object('attempt', f.attempt, 'error', $4::text, 'errorCode', $8::text, 'delayMs', $5::int) AS payload
         FROM f),
       ${outboxCtes('$1')}
       SELECT count(*)::int AS applied FROM f`,
      [
        ref.tenantId,
        ref.stepRunId,
        ref.attempt,
        error.message,
        delayMs,
        error.code === 'TIMEOUT' ? 'TIMED_OUT' : 'FAILED',
        jsonParam(input),
        error.code,
        ref.workflowId,
      ],
    );
    return Number(row?.['applied'] ?? 0) > 0;
  }

  /**
   * Appends a STEP_OUTPUT_DELTA event (payload `{ stepId, attempt, ...delta }`) while `ref.attempt` is the step's
   * RUNNING attempt, in one statement: through the outbox like every event (cursor after commit, relay, replay), and
   * never after the step moved on (completed, failed, retried, taken over), so no partial answer follows the final one.
   * @returns whether the event was written.
   */
  async outputDelta(ref: StepAttemptRef, delta: Readonly<Record<string, unknown>>): Promise<boolean> {
    const [row] = await queryRows(
      this.pool,
      `WITH running AS (
         SELECT s.run_id, s.step_id, s.attempt FROM orchestration.step_runs s
         WHERE s.tenant_id = $1 AND s.id = $2 AND s.status = 'RUNNING' AND s.attempt = $3),
       new_events AS (
         SELECT 1 AS seq, r.run_id, $4::uuid AS workflow_id, r.step_id, 'STEP_OUTPUT_DELTA'::text AS type,
           jsonb_build_object('stepId', r.step_id, 'attempt', r.attempt) || $5::jsonb AS payload
         FROM running r),
       ${outboxCtes('$1')}
       SELECT (SELECT count(*) FROM running)::int AS applied`,
      [ref.tenantId, ref.stepRunId, ref.attempt, ref.workflowId, JSON.stringify(delta)],
    );
    return Number(row?.['applied'] ?? 0) > 0;
  }

  /**
   * Gives a step back when its worker stops mid-attempt: QUEUED again (ready now), the attempt CANCELLED with
   * "worker stopped". @returns whether the guard matched (then enqueue attempt + 1).
   */
  async release(ref: StepAttemptRef): Promise<boolean> {
    const [row] = await queryRows(
      this.pool,
      `WITH r AS (
         UPDATE orchestration.step_runs s SET status = 'QUEUED', lease_expires_at = NULL, ready_at = clock_timestamp()
         WHERE s.tenant_id = $1 AND s.id = $2 AND s.status = 'RUNNING' AND s.attempt = $3 RETURNING s.id, s.attempt),
       att AS (
         UPDATE orchestration.step_attempts a SET status = 'CANCELLED', error = 'the worker stopped; the step runs again', error_code = 'SHUTDOWN',
           finished_at = clock_timestamp()
         FROM r WHERE a.tenant_id = $1 AND a.step_run_id = r.id AND a.attempt = r.attempt RETURNING 1)
       SELECT count(*)::int AS applied FROM r`,
      [ref.tenantId, ref.stepRunId, ref.attempt],
    );
    return Number(row?.['applied'] ?? 0) > 0;
  }

  /**
   * Records that an attempt's result was dropped because the step had moved on (another attempt took over, or the
   * run ended): the attempt becomes DISCARDED with `reason`.
   */
  async discard(ref: StepAttemptRef, reason: string): Promise<void> {
    await queryRows(
      this.pool,
      `UPDATE orchestration.step_attempts SET status = 'DISCARDED', error = $4, finished_at = COALESCE(finished_at, clock_timestamp())
       WHERE tenant_id = $1 AND step_run_id = $2 AND attempt = $3 AND status IN ('RUNNING', 'LOST')`,
      [ref.tenantId, ref.stepRunId, ref.attempt, reason],
    );
  }

  /**
   * Starts the items of a claimed `map` step: stores its resolved config, sets `pending_items`, parks the step
   * RUNNING without lease expiry (its items hold leases, not it) and inserts one QUEUED step run per item
   * (`<map>[<i>]`), the first `concurrency` ready and each later one waiting for the item `concurrency` before it.
   * @returns the items made ready (empty when the guard did not match).
   */
  async expandMap(ref: StepAttemptRef, config: { items: unknown[]; concurrency: number }, itemKind: string): Promise<ReadyStep[]> {
    const rows = await queryRows<{ stepRunId: string; stepId: string }>(
      this.pool,
      `WITH parent AS (
         UPDATE orchestration.step_runs s SET input = $4::jsonb, pending_items = $5, lease_expires_at = 'infinity'
         WHERE s.tenant_id = $1 AND s.id = $2 AND s.status = 'RUNNING' AND s.attempt = $3
         RETURNING s.run_id, s.step_id, s.position),
       items AS (
         INSERT INTO orchestration.step_runs (tenant_id, run_id, step_id, position, kind, status, pending_deps, ready_at, parent_step_id, item_index)
         SELECT $1, p.run_id, p.step_id || '[' || i || ']', p.position, $6, 'QUEUED', CASE WHEN i < $7 THEN 0 ELSE 1 END,
           CASE WHEN i < $7 THEN clock_timestamp() END, p.step_id, i
         FROM parent p, generate_series(0, $5 - 1) AS i
         RETURNING id, step_id, pending_deps, item_index)
       SELECT id AS "stepRunId", step_id AS "stepId" FROM items WHERE pending_deps = 0 ORDER BY item_index`,
      [ref.tenantId, ref.stepRunId, ref.attempt, JSON.stringify(config), config.items.length, itemKind, config.concurrency],
    );
    return rows;
  }

  /**
   * A RUNNING map step whose items all completed: its row id, attempt and the items' outputs in item order;
   * undefined while an item is unfinished or when the map step is no longer RUNNING.
   */
  async completedMap(tenantId: string, runId: string, mapStepId: string): Promise<{ stepRunId: string; attempt: number; outputs: unknown[] } | undefined> {
    const [row] = await queryRows(
      this.pool,
      `SELECT p.id, p.attempt,
         (SELECT count(*) FROM orchestration.step_runs i WHERE i.tenant_id = $1 AND i.run_id = $2 AND i.parent_step_id = $3 AND i.status <> 'COMPLETED')::int AS unfinished,
         (SELECT coalesce(jsonb_agg(i.output ORDER BY i.item_index), '[]'::jsonb) FROM orchestration.step_runs i
            WHERE i.tenant_id = $1 AND i.run_id = $2 AND i.parent_step_id = $3) AS outputs
       FROM orchestration.step_runs p WHERE p.tenant_id = $1 AND p.run_id = $2 AND p.step_id = $3 AND p.status = 'RUNNING'`,
      [tenantId, runId, mapStepId],
    );
    if (!row || Number(row['unfinished']) > 0) return undefined;
    return { stepRunId: String(row['id']), attempt: Number(row['attempt']), outputs: (row['outputs'] as unknown[] | null) ?? [] };
  }

  /**
   * What a step's `when` is evaluated over, read before claiming it: its status, the run's input and the outputs of
   * `ancestors`. @returns undefined for an unknown step.
   */
  async readContext(
    tenantId: string,
    stepRunId: string,
    ancestors: readonly string[],
  ): Promise<{ status: string; runId: string; runInput: unknown; outputs: Record<string, unknown> } | undefined> {
    const [row] = await queryRows(
      this.pool,
      `SELECT s.status, s.run_id, r.input AS run_input,
         ${ancestorOutputsSql('$1', 's.run_id', '$3')} AS outputs
       FROM orchestration.step_runs s JOIN orchestration.workflow_runs r ON r.tenant_id = $1 AND r.id = s.run_id
       WHERE s.tenant_id = $1 AND s.id = $2`,
      [tenantId, stepRunId, [...ancestors]],
    );
    if (!row) return undefined;
    return {
      status: String(row['status']),
      runId: String(row['run_id']),
      runInput: row['run_input'] ?? null,
      outputs: (row['outputs'] as Record<string, unknown> | null) ?? {},
    };
  }

  /**
   * Renews the leases of the attempts this worker executes, in one statement.
   * @returns the step run ids whose attempt is no longer RUNNING here (cancelled, timed out, taken over): abort them.
   */
  async renewLeases(held: ReadonlyMap<string, number>, leaseMs: number): Promise<string[]> {
    if (held.size === 0) return [];
    const ids = [...held.keys()];
    const rows = await queryRows<{ id: string }>(
      this.pool,
      `UPDATE orchestration.step_runs s SET lease_expires_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
       FROM unnest($1::uuid[], $2::int[]) AS h(id, attempt)
       WHERE s.id = h.id AND s.attempt = h.attempt AND s.status = 'RUNNING'
       RETURNING s.id`,
      [ids, ids.map((id) => held.get(id)), leaseMs],
    );
    const alive = new Set(rows.map((r) => String(r.id)));
    return ids.filter((id) => !alive.has(id));
  }
}
