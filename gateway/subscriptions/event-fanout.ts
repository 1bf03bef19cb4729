import type { Logger } from '../../platform/logger.ts';
import type { Redis } from '../../platform/redis/redis-client.ts';
import {
  eventNotificationChannel,
  eventStreamKey,
  parseEventNotification,
  type EventListener,
  type EventStreamName,
  type EventStreamReader,
  type StreamedEvent,
  type StreamReplay,
} from '../../platform/events/event-stream.ts';

/** Default of {@link EventFanoutOptions.readBatchSize}. */
export const DEFAULT_READ_BATCH_SIZE = 1_000;
/** Default of {@link EventFanoutOptions.pollIntervalMs}. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;

/** Options of {@link EventFanout}. */
export interface EventFanoutOptions {
  /** Client for the stream reads (`XRANGE`, `XREVRANGE`); not closed by the fan-out. */
  readonly redis: Redis;
  /** A connection of its own for `SUBSCRIBE` (a subscribed connection can run nothing else); not closed either. */
  readonly subscriber: Redis;
  /** Prefix of every Redis key and channel (`config.redis.keyPrefix`), as the relay's. */
  readonly keyPrefix: string;
  /** Which kind of event stream it follows (`events`: workflow events, `session-events`: session events). */
  readonly stream: EventStreamName;
  /** Entries read per `XRANGE`, at most. @defaultValue {@link DEFAULT_READ_BATCH_SIZE} */
  readonly readBatchSize?: number;
  /**
   * Interval of the safety read of every followed stream, in ms: pub/sub loses the notifications sent while its
   * connection is down. @defaultValue {@link DEFAULT_POLL_INTERVAL_MS}
   */
  readonly pollIntervalMs?: number;
  readonly logger: Logger;
}

/** One followed stream: its listeners and how far this instance has read it. */
interface FollowedStream<E extends StreamedEvent> {
  readonly listeners: Set<EventListener<E>>;
  /** Entry id read up to (exclusive start of the next read). */
  lastId: string;
  /** The read in flight, if any; `again` asks it to read once more when done. */
  reading: Promise<void> | undefined;
  again: boolean;
}

/**
 * Fan-out of a relay's per-tenant Redis streams of one kind (`stream`) to the subscriptions of this gateway instance: each followed
 * stream is read once per instance, whatever its number of subscribers ("one Redis read per instance per stream"),
 * when the relay announces that it grew ({@link eventNotificationChannel}) and every `pollIntervalMs` as a safety net.
 * An announcement that carries the appended entries, when they continue where this instance is, is delivered as it
 * is, without a read.
 *
 * It only tails: a subscription that resumes from a cursor first calls {@link EventFanout.follow} (events arriving
 * from then on are delivered to it), then {@link EventFanout.replay} (events up to now, from the stream), then fills
 * what the stream lost from Postgres; it drops any event whose cursor it has already delivered. Nothing falls in
 * between: `follow` notes the stream's last entry before returning, and the replay reads after that.
 */
export class EventFanout<E extends StreamedEvent> implements EventStreamReader<E>, AsyncDisposable {
  private readonly streams = new Map<string, FollowedStream<E>>();
  private readonly readBatchSize: number;
  private readonly channel: string;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;

  private readonly onMessage = (channel: string, message: string): void => {
    if (channel !== this.channel) return;
    const notification = parseEventNotification<E>(message);
    if (!notification) return;
    for (const tenantId of notification.tenants) {
      if (!this.streams.has(tenantId)) continue;
      const appended = notification.appended.get(tenantId);
      if (appended) this.take(tenantId, appended);
      else this.read(tenantId);
    }
  };

  constructor(private readonly o: EventFanoutOptions) {
    this.readBatchSize = o.readBatchSize ?? DEFAULT_READ_BATCH_SIZE;
    this.channel = eventNotificationChannel(o.keyPrefix, o.stream);
  }

  /** Subscribes to the relay's notifications and starts the safety reads (idempotent). */
  async start(): Promise<void> {
    if (this.started || this.closed) return;
    this.started = true;
    this.o.subscriber.on('message', this.onMessage);
    await this.o.subscriber.subscribe(this.channel);
    this.timer = setInterval(() => {
      for (const tenantId of this.streams.keys()) this.read(tenantId);
    }, this.o.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * Delivers the tenant's events appended from now on to `listener`, until the returned function is called.
   * @throws when Redis fails, or after {@link EventFanout.close}.
   */
  async follow(tenantId: string, listener: EventListener<E>): Promise<() => void> {
    if (this.closed) throw new Error('EventFanout is closed');
    let stream = this.streams.get(tenantId);
    if (!stream) {
      const [last] = (await this.o.redis.xrevrange(eventStreamKey(this.o.keyPrefix, tenantId, this.o.stream), '+', '-', 'COUNT', 1)) as [string, string[]][];
      // Another follower of the tenant may have come in during the await.
      stream = this.streams.get(tenantId) ?? { listeners: new Set(), lastId: last?.[0] ?? '0-0', reading: undefined, again: false };
      this.streams.set(tenantId, stream);
    }
    stream.listeners.add(listener);
    const followed = stream;
    return () => {
      followed.listeners.delete(listener);
      if (followed.listeners.size === 0 && this.streams.get(tenantId) === followed) this.streams.delete(tenantId);
    };
  }

  /**
   * The tenant's events after `afterCursor` that the stream still holds (at most `limit`), and whether they start
   * right after it (see {@link StreamReplay.complete}).
   * @param afterCursor - a decimal event cursor; `'0'` = from the first event.
   * @throws when Redis fails.
   */
  async replay(tenantId: string, afterCursor: string, limit: number): Promise<StreamReplay<E>> {
    const entries = (await this.o.redis.xrange(eventStreamKey(this.o.keyPrefix, tenantId, this.o.stream), `(${afterCursor}-0`, '+', 'COUNT', limit)) as [
      string,
      string[],
    ][];
    const events = entries.map((entry) => toEvent<E>(entry));
    const first = events[0];
    return { events, complete: first === undefined ? true : BigInt(first.cursor) === BigInt(afterCursor) + 1n };
  }

  /** Stops reading and forgets every listener (idempotent). Closes neither Redis connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.o.subscriber.off('message', this.onMessage);
    const reads = [...this.streams.values()].map((s) => s.reading);
    this.streams.clear();
    if (this.started) await this.o.subscriber.unsubscribe(this.channel).catch(() => undefined);
    await Promise.all(reads);
  }

  /** Same as {@link EventFanout.close} (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Delivers the entries a notification carried when they continue the stream right where this instance is (no read in
   * flight, first cursor = last read + 1): the common case costs no read. Otherwise — this instance missed something,
   * or is reading — the stream is read instead, which delivers them in order with whatever came before.
   */
  private take(tenantId: string, events: readonly E[]): void {
    const stream = this.streams.get(tenantId);
    if (!stream) return;
    const first = events[0];
    const last = events.at(-1);
    if (stream.reading || !first || !last || !isNextCursor(stream.lastId, first.cursor)) {
      this.read(tenantId);
      return;
    }
    stream.lastId = `${last.cursor}-0`;
    for (const listener of stream.listeners) listener(events);
  }

  /** Reads the tenant's stream from where this instance is, once at a time; a read asked for meanwhile runs after. */
  private read(tenantId: string): void {
    const stream = this.streams.get(tenantId);
    if (!stream) return;
    if (stream.reading) {
      stream.again = true;
      return;
    }
    stream.reading = (async () => {
      do {
        stream.again = false;
        try {
          await this.readAll(tenantId, stream);
        } catch (error) {
          this.o.logger.warn({ err: error, tenantId, stream: this.o.stream }, 'reading an event stream failed; the next notification or poll retries');
        }
      } while (stream.again && !this.closed);
      stream.reading = undefined;
    })();
  }

  private async readAll(tenantId: string, stream: FollowedStream<E>): Promise<void> {
    const key = eventStreamKey(this.o.keyPrefix, tenantId, this.o.stream);
    for (;;) {
      const entries = (await this.o.redis.xrange(key, `(${stream.lastId}`, '+', 'COUNT', this.readBatchSize)) as [string, string[]][];
      const last = entries.at(-1);
      if (!last) return;
      stream.lastId = last[0];
      const events = entries.map((entry) => toEvent<E>(entry));
      for (const listener of stream.listeners) listener(events);
      if (entries.length < this.readBatchSize) return;
    }
  }
}

/** Whether `cursor` comes right after the stream entry `lastId` (`<cursor>-0`; `0-0` = nothing read). */
function isNextCursor(lastId: string, cursor: string): boolean {
  const lastCursor = /^(\d+)-/.exec(lastId)?.[1];
  if (lastCursor === undefined || !/^\d+$/.test(cursor)) return false;
  return BigInt(cursor) === BigInt(lastCursor) + 1n;
}

/** Decodes a stream entry (`[id, ['e', json]]`). */
function toEvent<E extends StreamedEvent>([, fields]: [string, string[]]): E {
  const index = fields.indexOf('e');
  return JSON.parse(fields[index + 1] ?? 'null') as E;
}
