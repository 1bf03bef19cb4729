import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFanout } from '../gateway/subscriptions/event-fanout.ts';
import { eventNotificationChannel, eventStreamKey, WORKFLOW_EVENT_STREAM } from '../platform/events/event-stream.ts';
import type { StreamedWorkflowEvent } from '../platform/events/workflow-event-stream.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';

/**
 * The gateway's fan-out of the relay's streams, over the real Redis. Entries are written here as the relay writes
 * them (entry id `<cursor>-0`, field `e`, then a notification), each test under a key prefix of its own.
 */
const redisUrl = process.env['REDIS_URL'];

describe.skipIf(!redisUrl)('EventFanout', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const opened: Redis[] = [];

  beforeAll(async () => {
    redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'event-fanout-test' });
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    for (const connection of opened) connection.disconnect();
    await redis?.quit();
  });

  /** A fan-out under a fresh prefix; `reads` counts its stream reads (XRANGE), per key. */
  async function fanoutOf(options: { pollIntervalMs?: number; readBatchSize?: number } = {}) {
    const prefix = `orchestra-test-${randomUUID()}:`;
    prefixes.push(prefix);
    const subscriber = await createRedisClient({ url: redisUrl ?? '', connectionName: 'event-fanout-test-sub' });
    opened.push(subscriber);
    const reads = new Map<string, number>();
    const counted = new Proxy(redis, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'xrange' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return (key: string, ...rest: unknown[]) => {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return (value as (...args: unknown[]) => unknown).call(target, key, ...rest);
        };
      },
    });
    const fanout = new EventFanout<StreamedWorkflowEvent>({
      redis: counted,
      subscriber,
      keyPrefix: prefix,
      stream: WORKFLOW_EVENT_STREAM,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      ...options,
    });
    await fanout.start();
    return { fanout, prefix, reads };
  }

  /** Appends events with cursors `from`..`to` to the tenant's stream, as the relay does; announces them unless told not to. */
  async function append(prefix: string, tenantId: string, from: number, to: number, announce = true): Promise<void> {
    const args: string[] = [];
    for (let cursor = from; cursor <= to; cursor++) args.push(`${cursor}-0`, JSON.stringify(eventOf(cursor)));
    const pipeline = redis.pipeline();
    for (let i = 0; i < args.length; i += 2) pipeline.xadd(eventStreamKey(prefix, tenantId), args[i] ?? '', 'e', args[i + 1] ?? '');
    await pipeline.exec();
    if (announce) await redis.publish(eventNotificationChannel(prefix), JSON.stringify([tenantId]));
  }

  /** Publishes the notification the relay's script sends for `cursors` appended to the tenant's stream, entries included. */
  async function notify(prefix: string, tenantId: string, cursors: readonly number[]): Promise<void> {
    await redis.publish(eventNotificationChannel(prefix), JSON.stringify([tenantId, { tenant: tenantId, events: cursors.map(eventOf) }]));
  }

  it('delivers each new event once, in order, to every follower of the tenant, reading the stream once per notification', async () => {
    const { fanout, prefix, reads } = await fanoutOf();
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    const first: string[] = [];
    const second: string[] = [];
    await fanout.follow(tenantId, (events) => first.push(...events.map((e) => e.cursor)));
    await fanout.follow(tenantId, (events) => second.push(...events.map((e) => e.cursor)));
    await append(prefix, tenantId, 1, 5);
    await until(() => first.length === 5 && second.length === 5);
    expect(first).toEqual(['1', '2', '3', '4', '5']);
    expect(second).toEqual(first);
    // Two followers, one notification: one read of the stream.
    expect(reads.get(eventStreamKey(prefix, tenantId))).toBe(1);
    expect(eventOf(1)).toEqual(expect.objectContaining({ cursor: '1', type: 'STEP_STARTED' }));
  });

  it('stops delivering to a listener that stopped following; other tenants are not read at all', async () => {
    const { fanout, prefix, reads } = await fanoutOf();
    await using _ = fanout;
    const [tenantId, other] = [`t-${randomUUID()}`, `t-${randomUUID()}`];
    const got: string[] = [];
    const unfollow = await fanout.follow(tenantId, (events) => got.push(...events.map((e) => e.cursor)));
    await append(prefix, tenantId, 1, 2);
    await until(() => got.length === 2);
    unfollow();
    await append(prefix, tenantId, 3, 4);
    await append(prefix, other, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got).toEqual(['1', '2']);
    expect(reads.get(eventStreamKey(prefix, other))).toBeUndefined();
  });

  it('delivers the entries a notification carries without reading the stream, when they continue where it is', async () => {
    const { fanout, prefix, reads } = await fanoutOf();
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    const got: string[] = [];
    await fanout.follow(tenantId, (events) => got.push(...events.map((e) => e.cursor)));
    // Published as the relay's script does, and not written to the stream at all: only the message can deliver them.
    await notify(prefix, tenantId, [1, 2]);
    await notify(prefix, tenantId, [3]);
    await until(() => got.length === 3);
    expect(got).toEqual(['1', '2', '3']);
    expect(reads.get(eventStreamKey(prefix, tenantId))).toBeUndefined();
  });

  it('reads the stream instead when the entries a notification carries do not continue where it is', async () => {
    const { fanout, prefix, reads } = await fanoutOf();
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    const got: string[] = [];
    await fanout.follow(tenantId, (events) => got.push(...events.map((e) => e.cursor)));
    // 1 and 2 were appended unannounced (a lost message): the message carrying 3 must not skip them.
    await append(prefix, tenantId, 1, 3, false);
    await notify(prefix, tenantId, [3]);
    await until(() => got.length === 3);
    expect(got).toEqual(['1', '2', '3']);
    expect(reads.get(eventStreamKey(prefix, tenantId))).toBe(1);
  });

  it('picks up events whose notification was lost, at the next poll', async () => {
    const { fanout, prefix } = await fanoutOf({ pollIntervalMs: 50 });
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    const got: string[] = [];
    await fanout.follow(tenantId, (events) => got.push(...events.map((e) => e.cursor)));
    await append(prefix, tenantId, 1, 3, false);
    await until(() => got.length === 3);
    expect(got).toEqual(['1', '2', '3']);
  });

  it('reads a burst larger than one batch in order, in several reads', async () => {
    const { fanout, prefix, reads } = await fanoutOf({ readBatchSize: 10 });
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    const got: string[] = [];
    await fanout.follow(tenantId, (events) => got.push(...events.map((e) => e.cursor)));
    await append(prefix, tenantId, 1, 35);
    await until(() => got.length === 35);
    expect(got).toEqual(Array.from({ length: 35 }, (_, i) => String(i + 1)));
    expect(reads.get(eventStreamKey(prefix, tenantId))).toBe(4);
  });

  it('replays from a cursor, and says when the stream no longer holds the next event', async () => {
    const { fanout, prefix } = await fanoutOf();
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    await append(prefix, tenantId, 1, 10, false);
    expect(await fanout.replay(tenantId, '4', 100)).toEqual({ events: [5, 6, 7, 8, 9, 10].map(eventOf), complete: true });
    expect(await fanout.replay(tenantId, '10', 100)).toEqual({ events: [], complete: true });
    expect((await fanout.replay(tenantId, '0', 3)).events.map((e) => e.cursor)).toEqual(['1', '2', '3']);
    await redis.xtrim(eventStreamKey(prefix, tenantId), 'MINID', '7-0');
    expect(await fanout.replay(tenantId, '4', 100)).toEqual({ events: [7, 8, 9, 10].map(eventOf), complete: false });
  });

  it('follow, then replay: every event appended meanwhile arrives by one or the other', async () => {
    const { fanout, prefix } = await fanoutOf({ pollIntervalMs: 20 });
    await using _ = fanout;
    const tenantId = `t-${randomUUID()}`;
    await append(prefix, tenantId, 1, 20);
    let next = 21;
    const writing = (async () => {
      for (; next <= 120; next += 5) await append(prefix, tenantId, next, next + 4);
    })();
    const delivered = new Set<string>();
    await fanout.follow(tenantId, (events) => events.forEach((e) => delivered.add(e.cursor)));
    const replayed = await fanout.replay(tenantId, '10', 10_000);
    for (const e of replayed.events) delivered.add(e.cursor);
    await writing;
    await until(() => delivered.size === 110);
    expect([...delivered].map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 110 }, (_, i) => i + 11));
  });
});

/** The event of cursor `cursor`, as the tests write it. */
function eventOf(cursor: number): StreamedWorkflowEvent {
  return {
    cursor: String(cursor),
    type: 'STEP_STARTED',
    runId: 'r',
    workflowId: 'w',
    stepId: `s${cursor}`,
    at: new Date(0).toISOString(),
    payload: { cursor },
  };
}

/** Polls `condition` every 10 ms until it holds (the test's timeout bounds the wait). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
