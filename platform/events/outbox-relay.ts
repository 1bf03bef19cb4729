import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BACKGROUND_SQL_MARK } from '../database/background-statement.ts';
import type { Logger } from '../logger.ts';
import type { Redis } from '../redis/redis-client.ts';
import type { EventStreamName, EventStreamWriter, StreamedEvent } from './event-stream.ts';
import { assignOutboxCursors, DEFAULT_CURSOR_BATCH_SIZE } from './outbox-cursors.ts';
import { RedisEventStreamWriter } from './redis-event-stream.ts';

/** Default of {@link EventRelayOptions.batchSize}. */
export const DEFAULT_RELAY_BATCH_SIZE = 500;
/** Longest wait of a pass for {@link EventRelayOptions.beforePublish}, in ms. */
export const MAX_BEFORE_PUBLISH_WAIT_MS = 1_000;
/** Default of {@link EventRelayOptions.minPassIntervalMs}: at most 100 passes/s. */
export const DEFAULT_MIN_PASS_INTERVAL_MS = 10;

/**
 * One outbox: a table of events written in the transactions of the changes they report, with per-tenant cursors
 * assigned after commit, and the SQL functions a relay pass calls in its Postgres schema:
 * - `<schema>.assign_event_cursors(batch_limit, wait_for_lock)` (see `assignOutboxCursors`);
 * - `<schema>.relay_pending_events(relay_key_prefix, batch_limit, cursor_batch_limit)`: assigns cursors, then returns
 *   every tenant's events past the relay's position in `<schema>.event_relay_positions` (key prefix, tenant) up to its
 *   counter, at most `batch_limit` per tenant, ordered by tenant and cursor, each row with `tenant_id`, `cursor`,
 *   `last_cursor` (the tenant's counter), `assigned` (events this call assigned) and the event's own columns; one row
 *   with only `assigned` when nothing is pending but some were assigned.
 * Orchestration's `workflow_events` (migrations AssignEventCursorsFunction, RelayPendingEventsFunction) and session's
 * `session_events` (migration SessionEventCursors) are the two.
 */
export interface OutboxDefinition<E extends StreamedEvent> {
  /** The Postgres schema of the outbox's table and functions: a constant of the subgraph, never input. */
  readonly schema: string;
  /** The event stream its events are published to. */
  readonly stream: EventStreamName;
  /** Names the relay in Redis (its lead: `<keyPrefix><relayName>:leader`) and in logs, e.g. `event-relay`. */
  readonly relayName: string;
  /** The streamed event of a `relay_pending_events` row (snake_case columns; `cursor` a string, `at` a Date). */
  readonly toStreamed: (row: Record<string, unknown>) => E;
}

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions<E extends StreamedEvent> {
  /** Which outbox: its schema, stream and row mapping. */
  readonly outbox: OutboxDefinition<E>;
  /** The owning subgraph's DataSource (assigns cursors and reads the outbox, writes `event_relay_positions`). */
  readonly dataSource: DataSource;
  /**
   * Redis client the streams are written to (`RedisEventStreamWriter`) and the lead is kept in; not closed by the
   * relay. Absent (embedded mode): the relay writes to `stream`, and leads alone.
   */
  readonly redis: Redis | undefined;
  /**
   * Without `redis`: the stream the events are published to (embedded mode: the process's `InProcessEventStream` of
   * the outbox's kind, read by its gateway). Absent too: the relay only assigns cursors, so that readers rarely have
   * to. @defaultValue none
   */
  readonly stream?: EventStreamWriter<E> | undefined;
  /** Prefix of every Redis key and channel (`config.redis.keyPrefix`). */
  readonly keyPrefix: string;
  /** Pause between passes when nothing nudges the relay, in ms (`config.events.relayIntervalMs`). */
  readonly intervalMs: number;
  /** Entries kept per tenant stream, approximately (`XADD MAXLEN ~`; `config.events.streamMaxLength`). */
  readonly streamMaxLength: number;
  /** Events published per tenant per pass, at most. @defaultValue {@link DEFAULT_RELAY_BATCH_SIZE} */
  readonly batchSize?: number;
  /** Events given cursors per pass, at most (all tenants). @defaultValue {@link DEFAULT_CURSOR_BATCH_SIZE} */
  readonly cursorBatchSize?: number;
  /**
   * How long the leadership of a relay that stopped passing lasts before another relay takes over, in ms.
   * @defaultValue 20 × `intervalMs`, within 1000–10000 (a relay that passes rarely then keeps no one else waiting)
   */
  readonly leaderLeaseMs?: number;
  /**
   * Least time between the starts of two passes of the loop, in ms (at most `intervalMs`): bounds the passes that a
   * stream of nudges causes. @defaultValue {@link DEFAULT_MIN_PASS_INTERVAL_MS}
   */
  readonly minPassIntervalMs?: number;
  /**
   * Awaited after a pass has read events to publish and before it publishes them (the entity-change relay's flush):
   * a reader that has an event then never gets a cached response older than the writes behind it. Awaited at most
   * {@link MAX_BEFORE_PUBLISH_WAIT_MS}; a failure is logged and the events are published anyway. @defaultValue none
   */
  readonly beforePublish?: (() => Promise<void>) | undefined;
  readonly logger: Logger;
}

/**
 * The key naming the relay of an outbox that currently publishes (its instance id, with an expiry):
 * `<keyPrefix><relayName>:leader` (workflow events: `<keyPrefix>event-relay:leader`).
 */
export function relayLeaderKey(keyPrefix: string, relayName: string): string {
  return `${keyPrefix}${relayName}:leader`;
}

/**
 * Takes or keeps KEYS[1] for ARGV[1] (an instance id) for ARGV[2] ms: set when free, extended when already ours.
 * Returns 1 when the caller holds it, else 0.
 */
const LEAD = `local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

/** Deletes KEYS[1] if it still holds ARGV[1]. */
const RESIGN = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Lifecycle of the relay's loop. */
type RelayState =
  { readonly kind: 'idle' } | { readonly kind: 'running'; readonly loop: Promise<void> } | { readonly kind: 'closed'; readonly closing: Promise<void> };

/** Outcome of one pass. */
interface PassResult {
  /** Events this relay appended to streams. */
  readonly published: number;
  /** Whether a tenant had more events than one batch (the loop then runs again without waiting). */
  readonly more: boolean;
}

/** A row of `<schema>.relay_pending_events`: an event, its tenant's counter, and the events the call assigned. */
type RelayRow = Record<string, unknown> & { tenant_id: string | null; cursor: string; last_cursor: string; assigned: number };

/**
 * The outbox relay: gives an outbox's committed events (workflow events, session events: {@link OutboxDefinition})
 * their cursors (`assignOutboxCursors`), then publishes them to one Redis stream per tenant (`eventStreamKey` of the
 * outbox's stream), in cursor order, and records per key prefix and tenant how far it got
 * (`<schema>.event_relay_positions`): relays of other key prefixes on the same database publish to their own streams
 * and keep their own positions.
 *
 * With Redis, one relay at a time does the work: the leader, whose instance id is in {@link relayLeaderKey} for
 * `leaderLeaseMs`, extended by its passes once half of it has run; the others' passes only check that key, and the
 * first of them to find it expired takes over (a leader that closes resigns at once, and one whose `intervalMs` is not
 * shorter than the lease resigns after each pass, so that a relay passing rarely never delays the others' events).
 * Leadership only saves work: two leaders at once (one stalled past its lease) stay correct, as below.
 *
 * A pass first assigns cursors (unless another process is doing so), then reads every tenant whose counter
 * (`event_cursors.last_cursor`) is past its published position, and its events in (published, last] — all assigned,
 * as an assignment writes the counter with the cursors — both in one round trip (`relay_pending_events`). Each
 * tenant's batch is appended by one Lua script that skips entries not newer than the stream's last id, so several
 * relays at once, or a relay that crashed between the append and the position update, neither duplicate nor reorder
 * entries. If a stream key is deleted, it restarts at the tenant's recorded position. Without Redis (embedded mode) the
 * relay publishes the same way to its `stream` (the process's in-process stream; no lead: one process), or, without one,
 * only assigns cursors.
 */
export class OutboxRelay<E extends StreamedEvent> implements AsyncDisposable {
  private readonly batchSize: number;
  private readonly cursorBatchSize: number;
  private readonly leaderLeaseMs: number;
  private readonly minPassIntervalMs: number;
  /** Where events are published: Redis's stream, or `stream`; none = cursors only. */
  private readonly writer: EventStreamWriter<E> | undefined;
  private readonly leaderKey: string;
  /** This relay's id in {@link relayLeaderKey}. */
  private readonly instanceId = randomUUID();
  /** Until when (`performance.now()`, ms) the lead this relay last took or extended lasts; 0 = not leading. */
  private leadUntilMs = 0;
  private state: RelayState = { kind: 'idle' };
  /** The pass in flight (or the last one): passes run one at a time. */
  private pass: Promise<unknown> = Promise.resolve();
  /** Set by {@link OutboxRelay.nudge}; cleared when a pass starts. */
  private nudged = false;
  /** Ends the loop's current wait; `nudgeable` says whether a nudge may end it. */
  private wait: { readonly wake: () => void; readonly nudgeable: boolean } | undefined;

  constructor(private readonly o: OutboxRelayOptions<E>) {
    this.batchSize = o.batchSize ?? DEFAULT_RELAY_BATCH_SIZE;
    this.writer = o.redis
      ? new RedisEventStreamWriter<E>({ redis: o.redis, keyPrefix: o.keyPrefix, stream: o.outbox.stream, maxLength: o.streamMaxLength })
      : o.stream;
    this.leaderKey = relayLeaderKey(o.keyPrefix, o.outbox.relayName);
    this.cursorBatchSize = o.cursorBatchSize ?? DEFAULT_CURSOR_BATCH_SIZE;
    this.leaderLeaseMs = o.leaderLeaseMs ?? Math.min(10_000, Math.max(1_000, 20 * o.intervalMs));
    this.minPassIntervalMs = Math.min(o.minPassIntervalMs ?? DEFAULT_MIN_PASS_INTERVAL_MS, o.intervalMs);
    if (!Number.isInteger(this.cursorBatchSize) || this.cursorBatchSize < 1)
      throw new Error(`OutboxRelay cursorBatchSize must be a positive integer, got ${this.cursorBatchSize}`);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`OutboxRelay batchSize must be a positive integer, got ${this.batchSize}`);
  }

  /**
   * Runs one pass now (after the pass in flight, if any): as the leader (taking the lead if free), publishes every
   * tenant's unpublished committed events, up to `batchSize` per tenant, announcing each tenant whose stream grew on
   * `eventNotificationChannel` as it appends; else does nothing.
   * @returns the number of events this relay appended (entries another relay appended first are not counted).
   * @throws when Postgres or Redis fails (positions of the tenants already appended are still recorded), or after
   *   {@link OutboxRelay.close}.
   */
  async publishOnce(): Promise<number> {
    return (await this.runPass()).published;
  }

  /**
   * Starts the loop (idempotent): a pass, then a wait of `intervalMs` or until {@link OutboxRelay.nudge}; no wait when
   * a tenant had more than one batch. A failed pass is logged and followed by a full `intervalMs` wait.
   */
  start(): void {
    if (this.state.kind !== 'idle') return;
    // The loop begins after a microtask, once the state says running.
    this.state = { kind: 'running', loop: Promise.resolve().then(() => this.loop()) };
  }

  /** Tells the relay that this process committed events: the loop starts its next pass without waiting. */
  nudge(): void {
    this.nudged = true;
    if (this.wait?.nudgeable) this.wait.wake();
  }

  /**
   * Stops the loop, waits for the pass in flight and resigns the lead if it has it (idempotent). Closes neither Redis
   * nor the DataSource.
   */
  close(): Promise<void> {
    if (this.state.kind === 'closed') return this.state.closing;
    const loop = this.state.kind === 'running' ? this.state.loop : Promise.resolve();
    const closing = (async () => {
      this.wait?.wake();
      await loop;
      await this.pass.catch(() => undefined);
      if (this.o.redis) await this.resign(this.o.redis).catch(() => undefined);
    })();
    this.state = { kind: 'closed', closing };
    return closing;
  }

  /** Same as {@link OutboxRelay.close} (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async loop(): Promise<void> {
    let lastPassMs = Number.NEGATIVE_INFINITY;
    while (this.isRunning()) {
      // Nudges come as often as commits: passes start at least minPassIntervalMs apart, each taking every event
      // committed by then, so a busy process costs a bounded number of passes.
      const sinceLastPassMs = performance.now() - lastPassMs;
      if (sinceLastPassMs < this.minPassIntervalMs) await this.sleep(this.minPassIntervalMs - sinceLastPassMs, false);
      if (!this.isRunning()) return;
      lastPassMs = performance.now();
      let waitMs = this.o.intervalMs;
      let nudgeable = true;
      try {
        if ((await this.runPass()).more) waitMs = 0;
      } catch (error) {
        if (!this.isRunning()) return;
        this.o.logger.error({ err: error, relay: this.o.outbox.relayName }, 'outbox relay pass failed');
        nudgeable = false;
      }
      if (!this.isRunning()) return;
      if (waitMs > 0 && !(nudgeable && this.nudged)) await this.sleep(waitMs, nudgeable);
    }
  }

  /** Whether the loop should go on (re-read after every await: close() may have run meanwhile). */
  private isRunning(): boolean {
    return this.state.kind === 'running';
  }

  /** Waits `ms`, or less when woken by close (or by a nudge if `nudgeable`). */
  private sleep(ms: number, nudgeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wait = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.wait = { wake, nudgeable };
    });
  }

  /** Queues a pass behind the one in flight. */
  private runPass(): Promise<PassResult> {
    if (this.state.kind === 'closed') return Promise.reject(new Error('OutboxRelay is closed'));
    const next = this.pass
      .catch(() => undefined)
      .then(() => {
        this.nudged = false;
        return this.publishPending();
      });
    this.pass = next;
    return next;
  }

  private async publishPending(): Promise<PassResult> {
    const redis = this.o.redis;
    if (redis && !(await this.lead(redis))) return { published: 0, more: false };
    const writer = this.writer;
    if (!writer) {
      const assigned = await assignOutboxCursors(this.o.dataSource, this.o.outbox.schema, { limit: this.cursorBatchSize, mark: BACKGROUND_SQL_MARK });
      return { published: 0, more: assigned === this.cursorBatchSize };
    }
    // One round trip: assigns cursors (unless another process is), then reads what is past this key prefix's positions
    // (migration RelayPendingEventsFunction).
    const rows = (await this.o.dataSource.manager.query(`${BACKGROUND_SQL_MARK} SELECT * FROM ${this.o.outbox.schema}.relay_pending_events($1, $2, $3)`, [
      this.o.keyPrefix,
      this.batchSize,
      this.cursorBatchSize,
    ])) as RelayRow[];
    const assigned = Number(rows[0]?.assigned ?? 0);
    const batches = new Map<string, { events: E[]; lastCursor: string }>();
    for (const row of rows) {
      if (row.tenant_id === null) continue;
      const batch = batches.get(row.tenant_id) ?? { events: [], lastCursor: String(row.last_cursor) };
      batch.events.push(this.o.outbox.toStreamed(row));
      batches.set(row.tenant_id, batch);
    }
    if (batches.size > 0 && this.o.beforePublish) await this.beforePublishing(this.o.beforePublish);
    const outcomes = await Promise.allSettled([...batches].map(async ([tenantId, { events }]) => ({ tenantId, added: await writer.append(tenantId, events) })));

    const positions: { tenantId: string; cursor: string }[] = [];
    let published = 0;
    let more = false;
    let failure: unknown;
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        failure ??= outcome.reason;
        continue;
      }
      const { tenantId, added } = outcome.value;
      const batch = batches.get(tenantId);
      const last = batch?.events.at(-1);
      if (!batch || !last) continue;
      positions.push({ tenantId, cursor: last.cursor });
      if (BigInt(last.cursor) < BigInt(batch.lastCursor)) more = true;
      published += added;
    }
    await this.recordPositions(positions);
    // A relay that passes less often than its lease lasts (a long interval, passing when nudged) would keep the others
    // waiting for the lease to run out: it hands the lead back after each pass.
    if (redis && this.o.intervalMs >= this.leaderLeaseMs) await this.resign(redis);
    if (failure !== undefined) throw failure;
    return { published, more: more || assigned === this.cursorBatchSize };
  }

  /**
   * Awaits `beforePublish` for at most {@link MAX_BEFORE_PUBLISH_WAIT_MS}; a failure or a longer wait is logged and the
   * events are published anyway: subscribers must never wait on the response cache (which then learns of the writes
   * at its relay's next pass).
   */
  private async beforePublishing(beforePublish: () => Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), MAX_BEFORE_PUBLISH_WAIT_MS);
    });
    try {
      const outcome = await Promise.race([beforePublish().then(() => 'done' as const), late]);
      if (outcome === 'late')
        this.o.logger.warn({ waitedMs: MAX_BEFORE_PUBLISH_WAIT_MS }, 'outbox relay: publishing events before the entity changes behind them');
    } catch (error) {
      this.o.logger.warn({ err: error }, 'outbox relay: the entity changes behind these events could not be published first');
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Whether this relay leads: takes or extends the lead in Redis, except while more than half of the lease it last
   * took is left (by the monotonic clock, so a stalled process checks again), which spares a round trip per pass.
   */
  private async lead(redis: Redis): Promise<boolean> {
    const now = performance.now();
    if (now < this.leadUntilMs - this.leaderLeaseMs / 2) return true;
    const leads = Number(await redis.eval(LEAD, 1, this.leaderKey, this.instanceId, this.leaderLeaseMs)) === 1;
    this.leadUntilMs = leads ? now + this.leaderLeaseMs : 0;
    return leads;
  }

  /** Hands the lead back, if this relay still has it. */
  private async resign(redis: Redis): Promise<void> {
    this.leadUntilMs = 0;
    await redis.eval(RESIGN, 1, this.leaderKey, this.instanceId);
  }

  /** Moves the tenants' positions forward (never back: another relay may have gone further). One statement. */
  private async recordPositions(positions: readonly { tenantId: string; cursor: string }[]): Promise<void> {
    if (positions.length === 0) return;
    // Sorted by tenant, so that relays upserting the same tenants at once lock rows in one order (no deadlock).
    const sorted = [...positions].sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
    await this.o.dataSource.query(
      `${BACKGROUND_SQL_MARK} INSERT INTO ${this.o.outbox.schema}.event_relay_positions AS p (key_prefix, tenant_id, published_cursor)
       SELECT $3, t.tenant_id, t.cursor FROM unnest($1::text[], $2::bigint[]) AS t(tenant_id, cursor)
       ON CONFLICT (key_prefix, tenant_id) DO UPDATE SET published_cursor = GREATEST(p.published_cursor, EXCLUDED.published_cursor)`,
      [sorted.map((p) => p.tenantId), sorted.map((p) => p.cursor), this.o.keyPrefix],
    );
  }
}
