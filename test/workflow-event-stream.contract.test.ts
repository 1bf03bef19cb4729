import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { EventFanout } from '../gateway/subscriptions/event-fanout.ts';
import { WORKFLOW_EVENT_STREAM } from '../platform/events/event-stream.ts';
import { InProcessEventStream } from '../platform/events/in-process-event-stream.ts';
import { RedisEventStreamWriter } from '../platform/events/redis-event-stream.ts';
import type { StreamedWorkflowEvent, WorkflowEventStreamReader, WorkflowEventStreamWriter } from '../platform/events/workflow-event-stream.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';
import { waitFor } from './kit/client.ts';

/**
 * One contract for both workflow event streams: the Redis one (the relay's Lua append, read by the gateway's
 * `EventFanout`) and the in-process one of embedded mode. Each case gets a fresh stream (a fresh key prefix in Redis).
 * The Redis implementation runs when REDIS_URL is set; the in-process one always.
 */
const redisUrl = process.env['REDIS_URL'];

interface StreamUnderTest {
  readonly writer: WorkflowEventStreamWriter;
  readonly reader: WorkflowEventStreamReader;
  /** Whether trimming keeps exactly `maxLength` (in-process) or about it (Redis `MAXLEN ~`, whole nodes). */
  readonly exactTrim: boolean;
}

const connections: Redis[] = [];
const prefixes: string[] = [];
afterAll(async () => {
  const [redis] = connections;
  for (const prefix of prefixes) {
    const keys = (await redis?.keys(`${prefix}*`)) ?? [];
    if (keys.length > 0) await redis?.del(...keys);
  }
  for (const connection of connections) await connection.quit();
});

const implementations: { name: string; enabled: boolean; create(maxLength: number): Promise<StreamUnderTest> }[] = [
  {
    name: 'in-process',
    enabled: true,
    create(maxLength) {
      const stream = new InProcessEventStream<StreamedWorkflowEvent>({ maxLength });
      return Promise.resolve({ writer: stream, reader: stream, exactTrim: true });
    },
  },
  {
    name: 'Redis',
    enabled: Boolean(redisUrl),
    async create(maxLength) {
      if (connections.length === 0) {
        connections.push(await createRedisClient({ url: redisUrl ?? '', connectionName: 'stream-contract' }));
      }
      const [redis] = connections as [Redis];
      const subscriber = await createRedisClient({ url: redisUrl ?? '', connectionName: 'stream-contract-subscriber' });
      connections.push(subscriber);
      const keyPrefix = `orchestra-test-${randomUUID()}:`;
      prefixes.push(keyPrefix);
      const fanout = new EventFanout<StreamedWorkflowEvent>({ redis, subscriber, keyPrefix, stream: WORKFLOW_EVENT_STREAM, logger: pino({ level: 'silent' }) });
      await fanout.start();
      return {
        writer: new RedisEventStreamWriter<StreamedWorkflowEvent>({ redis, keyPrefix, stream: WORKFLOW_EVENT_STREAM, maxLength }),
        reader: fanout,
        exactTrim: false,
      };
    },
  },
];

function event(cursor: number, runId = 'run-1'): StreamedWorkflowEvent {
  return { cursor: String(cursor), type: 'STEP_COMPLETED', runId, workflowId: 'wf-1', stepId: 'a', at: new Date(0).toISOString(), payload: { n: cursor } };
}

function range(from: number, to: number): StreamedWorkflowEvent[] {
  return Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
}

describe.each(implementations)('workflow event stream contract: $name', ({ enabled, create }) => {
  it.runIf(enabled)('delivers a tenant’s appended events to a follower in cursor order, and only that tenant’s', async () => {
    const { writer, reader } = await create(100);
    const got: string[] = [];
    const stop = await reader.follow('t1', (events) => got.push(...events.map((e) => e.cursor)));
    await writer.append('t2', range(1, 3));
    await writer.append('t1', range(1, 3));
    await writer.append('t1', range(4, 5));
    await waitFor('the events', () => Promise.resolve(got.length >= 5 || undefined));
    expect(got).toEqual(['1', '2', '3', '4', '5']);
    stop();
    await reader.close();
  });

  it.runIf(enabled)('skips events not newer than the last appended (a relay re-publishing neither duplicates nor reorders)', async () => {
    const { writer, reader } = await create(100);
    expect(await writer.append('t', range(1, 3))).toBe(3);
    expect(await writer.append('t', range(2, 5))).toBe(2);
    expect(await writer.append('t', range(1, 5))).toBe(0);
    const replay = await reader.replay('t', '0', 100);
    expect(replay.events.map((e) => e.cursor)).toEqual(['1', '2', '3', '4', '5']);
    expect(replay.complete).toBe(true);
    expect(replay.events[4]).toEqual(event(5));
    await reader.close();
  });

  it.runIf(enabled)('fans out to every follower, each getting every event once, and stops for one that left', async () => {
    const { writer, reader } = await create(100);
    const followers = Array.from({ length: 20 }, () => [] as string[]);
    const stops = await Promise.all(followers.map((got) => reader.follow('t', (events) => got.push(...events.map((e) => e.cursor)))));
    await writer.append('t', range(1, 4));
    await waitFor('the events', () => Promise.resolve(followers.every((got) => got.length >= 4) || undefined));
    stops[0]?.();
    await writer.append('t', range(5, 6));
    await waitFor('the events', () => Promise.resolve(followers.slice(1).every((got) => got.length >= 6) || undefined));
    expect(followers[0]).toEqual(['1', '2', '3', '4']);
    for (const got of followers.slice(1)) expect(got).toEqual(['1', '2', '3', '4', '5', '6']);
    await reader.close();
  });

  it.runIf(enabled)('replays after a cursor, at most `limit` events, complete when they start right after it', async () => {
    const { writer, reader } = await create(100);
    await writer.append('t', range(1, 10));
    const page = await reader.replay('t', '3', 4);
    expect(page.events.map((e) => e.cursor)).toEqual(['4', '5', '6', '7']);
    expect(page.complete).toBe(true);
    expect((await reader.replay('t', '10', 4)).events).toEqual([]);
    expect((await reader.replay('unknown', '0', 4)).complete).toBe(true);
    await reader.close();
  });

  it.runIf(enabled)('trims to a bounded length: a replay from a trimmed cursor is incomplete (the rest is in Postgres)', async () => {
    const { writer, reader, exactTrim } = await create(10);
    for (let from = 1; from <= 1000; from += 100) await writer.append('t', range(from, from + 99));
    const replay = await reader.replay('t', '0', 10_000);
    expect(replay.complete).toBe(false);
    expect(replay.events.at(-1)?.cursor).toBe('1000');
    if (exactTrim) expect(replay.events.length).toBe(10);
    else expect(replay.events.length).toBeLessThan(1000);
    const cursors = replay.events.map((e) => Number(e.cursor));
    expect(cursors).toEqual(range(cursors[0] ?? 0, 1000).map((e) => Number(e.cursor)));
    await reader.close();
  });

  it.runIf(enabled)('follow then replay covers the live/replay boundary: every event once, when deduplicated by cursor', async () => {
    const { writer, reader } = await create(100);
    await writer.append('t', range(1, 5));
    const live: string[] = [];
    const stop = await reader.follow('t', (events) => live.push(...events.map((e) => e.cursor)));
    await writer.append('t', range(6, 8));
    const replayed = (await reader.replay('t', '2', 100)).events.map((e) => e.cursor);
    await waitFor('the events', () => Promise.resolve(live.length >= 3 || undefined));
    const delivered = [...new Set([...replayed, ...live])];
    expect(delivered).toEqual(['3', '4', '5', '6', '7', '8']);
    expect(live).toEqual(['6', '7', '8']);
    stop();
    await reader.close();
  });

  it.runIf(enabled)('refuses to follow after close', async () => {
    const { reader } = await create(100);
    await reader.close();
    await expect(reader.follow('t', () => undefined)).rejects.toThrow();
  });
});
