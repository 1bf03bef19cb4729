import type { DataSource } from 'typeorm';
import type { OrchestraConfig } from '../../../platform/config.ts';
import { BACKGROUND_SQL_MARK } from '../../../platform/database/background-statement.ts';
import type { Logger } from '../../../platform/logger.ts';
import { postGatewayOperation, signGatewayToken, type GatewayTokenOptions } from '../../../platform/subgraph/gateway-client.ts';
import { recordSessionEvents } from './session-events.ts';

/** Scopes of the token the dispatcher presents to the gateway (subject `session:<id>`). */
export const SESSION_END_TOKEN_SCOPES = ['workflows:write'] as const;
/** Lifetime of that token, in seconds. */
export const SESSION_END_TOKEN_TTL_SECONDS = 60;
/** Longest wait for the gateway's answer to one `startWorkflowRun`, in ms. */
export const SESSION_END_CALL_TIMEOUT_MS = 30_000;
/**
 * How long a claimed session stays out of other passes (of this instance or others) while its call is under way, in
 * ms: longer than {@link SESSION_END_CALL_TIMEOUT_MS}, so that a dispatcher that died mid-call is replaced after it.
 */
export const SESSION_END_LEASE_MS = 60_000;
/** Sessions claimed per statement. */
export const SESSION_END_BATCH_SIZE = 20;
/** Longest `endRunError` stored, in characters. */
export const MAX_END_RUN_ERROR_LENGTH = 1_000;
/** Most transcript segments an `includeTranscript` run's `messages` hold (the `memory.extract` step's limit). */
export const MAX_TRANSCRIPT_MESSAGES = 100;
/** Most bytes of UTF-8 JSON those `messages` take (the rest of a run's input stays for `onEnd.input`'s). */
export const MAX_TRANSCRIPT_BYTES = 196_608;
/** Largest input of a run `startWorkflowRun` accepts, in bytes of UTF-8 JSON (the orchestration subgraph's limit). */
export const MAX_RUN_INPUT_BYTES = 262_144;
/** The idempotency key of a session's end run: one run per session, however often it is dispatched. */
export const endRunIdempotencyKey = (sessionId: string): string => `session-end:${sessionId}`;

const START_RUN = `mutation SessionEndRun($input: StartWorkflowRunInput!) { startWorkflowRun(input: $input) { id } }`;

/** Options of {@link SessionEndDispatcher}. */
export interface SessionEndDispatcherOptions {
  /** The session subgraph's DataSource. */
  readonly dataSource: DataSource;
  /** The gateway's GraphQL URL (`config.endpoints.gatewayUrl`). */
  readonly gatewayUrl: string;
  /** How client JWTs are signed (`config.auth`). */
  readonly auth: GatewayTokenOptions;
  /** Poll interval, attempts and backoff (`config.sessionEnd`). */
  readonly settings: OrchestraConfig['sessionEnd'];
  readonly logger?: Logger | undefined;
}

/** One session claimed for dispatch. */
interface ClaimedSession {
  readonly id: string;
  readonly tenant_id: string;
  readonly end_workflow_id: string;
  readonly end_workflow_input: Record<string, unknown> | null;
  readonly end_workflow_transcript: boolean;
  readonly end_run_attempts: number;
}

/**
 * Starts each ended session's `onEnd` workflow through the gateway's `startWorkflowRun` (as subject `session:<id>` of
 * the session's tenant, with `sessionId`, input `{ ...onEnd.input, sessionId }` and idempotency key
 * `session-end:<id>`; with `includeTranscript`, the transcript as `messages` too), then, in one transaction, stores the run's id as the session's `endRun` and records
 * RUN_STARTED `{ runId, workflowId }`. Delivery is at least once (a session is claimed with `FOR UPDATE SKIP LOCKED`
 * and leased for {@link SESSION_END_LEASE_MS}; a crash mid-call leaves it to a later pass), and the idempotency key
 * makes that exactly one run. A failed call is retried with exponential backoff (`retryInitialMs` doubled per
 * failure, at most `retryMaxMs`); after `maxAttempts` the error is stored as `endRunError` and the session is given up.
 * Passes run every `pollIntervalMs` on an unref'd timer and on {@link SessionEndDispatcher.nudge}; they never overlap.
 */
export class SessionEndDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private closed = false;

  constructor(private readonly options: SessionEndDispatcherOptions) {}

  /** Starts the poll (idempotent; a closed dispatcher stays closed) and runs a first pass. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.settings.pollIntervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  /** Asks for a pass now (after a session ended): one starts, or follows the running one. */
  nudge(): void {
    if (this.closed) return;
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  /**
   * Runs passes until no session is due, unless one is running (then waits for that one). Never rejects.
   * @returns how many runs were started (or found started) by the passes.
   */
  runOnce(): Promise<number> {
    this.running ??= (async () => {
      let started = 0;
      try {
        do {
          this.again = false;
          started += await this.pass();
        } while (this.again && !this.closed);
      } catch (error) {
        this.options.logger?.warn({ err: error }, 'session end dispatch failed');
      } finally {
        this.running = undefined;
      }
      return started;
    })();
    return this.running;
  }

  /** Stops the poll and waits for a running pass (idempotent). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Claims the due sessions batch by batch and dispatches each; returns how many runs were started. */
  private async pass(): Promise<number> {
    let started = 0;
    for (;;) {
      const claimed = await this.claim();
      for (const session of claimed) if (await this.dispatch(session)) started += 1;
      if (claimed.length < SESSION_END_BATCH_SIZE || this.closed) return started;
    }
  }

  /** Leases up to {@link SESSION_END_BATCH_SIZE} due sessions (skipping those another pass holds) in one statement. */
  private async claim(): Promise<ClaimedSession[]> {
    const rows: [ClaimedSession[], number] | ClaimedSession[] = await this.options.dataSource.query(
      `${BACKGROUND_SQL_MARK}UPDATE session.sessions s SET end_run_next_at = now() + make_interval(secs => $1::double precision / 1000)
       WHERE s.id IN (
         SELECT id FROM session.sessions
         WHERE status = 'ENDED' AND end_workflow_id IS NOT NULL AND end_run_id IS NULL AND end_run_error IS NULL
           AND (end_run_next_at IS NULL OR end_run_next_at <= now())
         ORDER BY end_run_next_at NULLS FIRST
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING s.id, s.tenant_id, s.end_workflow_id, s.end_workflow_input, s.end_workflow_transcript, s.end_run_attempts`,
      [SESSION_END_LEASE_MS, SESSION_END_BATCH_SIZE],
    );
    // TypeORM's postgres driver answers an UPDATE ... RETURNING with [rows, affected]; PGlite's with the rows.
    return Array.isArray(rows[0]) ? (rows[0] as ClaimedSession[]) : (rows as ClaimedSession[]);
  }

  /** Starts the run of one claimed session and records it, or records the failure; true when the run started. */
  private async dispatch(session: ClaimedSession): Promise<boolean> {
    const { gatewayUrl, auth } = this.options;
    try {
      const token = await signGatewayToken(
        auth,
        { tenantId: session.tenant_id, subject: `session:${session.id}`, scopes: SESSION_END_TOKEN_SCOPES },
        SESSION_END_TOKEN_TTL_SECONDS,
      );
      const base = { ...(session.end_workflow_input ?? {}), sessionId: session.id };
      const room = MAX_RUN_INPUT_BYTES - Buffer.byteLength(JSON.stringify({ ...base, messages: [] }), 'utf8');
      const input = {
        workflowId: session.end_workflow_id,
        input: session.end_workflow_transcript ? { ...base, messages: await this.transcriptMessages(session, Math.min(room, MAX_TRANSCRIPT_BYTES)) } : base,
        sessionId: session.id,
        idempotencyKey: endRunIdempotencyKey(session.id),
      };
      const data = await postGatewayOperation<{ startWorkflowRun: { id: string } }>(
        gatewayUrl,
        token,
        START_RUN,
        { input },
        AbortSignal.timeout(SESSION_END_CALL_TIMEOUT_MS),
      );
      await this.recordStarted(session, data.startWorkflowRun.id);
      return true;
    } catch (error) {
      await this.recordFailure(session, error);
      return false;
    }
  }

  /**
   * The session's final segments as `memory.extract` messages (`{ role: 'user', content: '<speaker>: <text>' }`), in
   * order: the latest {@link MAX_TRANSCRIPT_MESSAGES} whose JSON array fits in `maxBytes`.
   */
  private async transcriptMessages(session: ClaimedSession, maxBytes: number): Promise<{ role: 'user'; content: string }[]> {
    const rows: { speaker: string; text: string }[] = await this.options.dataSource.query(
      `${BACKGROUND_SQL_MARK}SELECT speaker, text FROM session.transcript_segments
       WHERE tenant_id = $1 AND session_id = $2 AND final
       ORDER BY sequence DESC
       LIMIT $3`,
      [session.tenant_id, session.id, MAX_TRANSCRIPT_MESSAGES],
    );
    const messages: { role: 'user'; content: string }[] = [];
    let bytes = 2;
    for (const row of rows) {
      const message = { role: 'user' as const, content: `${row.speaker}: ${row.text}` };
      bytes += Buffer.byteLength(JSON.stringify(message), 'utf8') + 1;
      if (bytes > maxBytes) break;
      messages.push(message);
    }
    return messages.reverse();
  }

  /** Stores the run as the session's `endRun` and records RUN_STARTED (once per run), in one transaction. */
  private async recordStarted(session: ClaimedSession, runId: string): Promise<void> {
    await this.options.dataSource.transaction(async (manager) => {
      await manager.query(
        `${BACKGROUND_SQL_MARK}UPDATE session.sessions SET end_run_id = $3, end_run_next_at = NULL WHERE tenant_id = $1 AND id = $2 AND end_run_id IS NULL`,
        [session.tenant_id, session.id, runId],
      );
      const recorded: unknown[] = await manager.query(
        `${BACKGROUND_SQL_MARK}SELECT 1 FROM session.session_events WHERE tenant_id = $1 AND session_id = $2 AND type = 'RUN_STARTED' AND payload->>'runId' = $3`,
        [session.tenant_id, session.id, runId],
      );
      if (recorded.length > 0) return;
      await recordSessionEvents(
        manager,
        session.tenant_id,
        [{ sessionId: session.id, type: 'RUN_STARTED', payload: { runId, workflowId: session.end_workflow_id } }],
        true,
      );
    });
    this.options.logger?.debug({ sessionId: session.id, runId }, 'session end run started');
  }

  /** Counts a failed attempt: schedules the next one after the backoff, or stores `endRunError` after the last. */
  private async recordFailure(session: ClaimedSession, error: unknown): Promise<void> {
    const { maxAttempts, retryInitialMs, retryMaxMs } = this.options.settings;
    const attempts = session.end_run_attempts + 1;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_END_RUN_ERROR_LENGTH);
    const giveUp = attempts >= maxAttempts;
    const delayMs = Math.min(retryInitialMs * 2 ** (attempts - 1), retryMaxMs);
    this.options.logger?.warn({ sessionId: session.id, attempts, giveUp, err: error }, 'session end run could not be started');
    try {
      await this.options.dataSource.query(
        `${BACKGROUND_SQL_MARK}UPDATE session.sessions
         SET end_run_attempts = $3,
             end_run_error = CASE WHEN $4::boolean THEN $5::text END,
             end_run_next_at = CASE WHEN $4::boolean THEN NULL ELSE now() + make_interval(secs => $6::double precision / 1000) END
         WHERE tenant_id = $1 AND id = $2 AND end_run_id IS NULL`,
        [session.tenant_id, session.id, attempts, giveUp, message, delayMs],
      );
    } catch (recordError) {
      // The lease runs out and a later pass tries again.
      this.options.logger?.warn({ sessionId: session.id, err: recordError }, 'session end failure could not be recorded');
    }
  }
}
