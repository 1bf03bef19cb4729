import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../platform/logger.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';
import { eventNotificationChannel, eventStreamKey, parseEventNotification } from '../platform/events/event-stream.ts';
import { OutboxRelay, relayLeaderKey, type OutboxRelayOptions } from '../platform/events/outbox-relay.ts';
import type { StreamedWorkflowEvent } from '../platform/events/workflow-event-stream.ts';
import { WORKFLOW_EVENT_OUTBOX } from '../subgraphs/orchestration/services/workflow-event-outbox.ts';
import { appendEvents } from '../subgraphs/orchestration/services/workflow-events.ts';
import { openScratchOrchestration, type ScratchOrchestration } from './kit/database.ts';

/**
 * The outbox relay over the real Redis, and the real Postgres when DATABASE_URL is set (else embedded PGlite). The
 * relay publishes every tenant of its database, so this file runs on a database of its own (other files' tenants and
 * relays would otherwise mix with these); each test has its own Redis key prefix and tenants.
 */
const redisUrl = process.env['REDIS_URL'];

describe.skipIf(!redisUrl)('OutboxRelay of workflow events', () => {
  let dataSource: DataSource;
  let redis: Redis;
  let scratch: ScratchOrchestration | undefined;
  const prefixes: string[] = [];

  beforeAll(async () => {
    scratch = await openScratchOrchestration('relay');
    dataSource = scratch.dataSource;
    redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'event-relay-test' });
  });
  afterAll(async () => {
    for (const prefix of redis ? prefixes : []) {
      for await (const keys of redis.scanStream({ match: `${prefix}*` }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.del(...keys);
      }
    }
    await redis?.quit();
    await scratch?.close();
  });

  /** A relay on key prefix `keyPrefix`, polling every 20 ms. */
  function relayOf(keyPrefix: string, options: Partial<OutboxRelayOptions<StreamedWorkflowEvent>> = {}): OutboxRelay<StreamedWorkflowEvent> {
    return new OutboxRelay({
      outbox: WORKFLOW_EVENT_OUTBOX,
      dataSource,
      redis,
      keyPrefix,
      intervalMs: 20,
      streamMaxLength: 100_000,
      logger: silentLogger(),
      ...options,
    });
  }
  /** A fresh Redis key prefix, its keys deleted after the file. */
  function newPrefix(): string {
    const prefix = `orchestra-test-${randomUUID()}:`;
    prefixes.push(prefix);
    return prefix;
  }

  /** Commits `transactions` transactions at once, each appending 1–4 events of `tenantId`; returns their number. */
  async function commitConcurrently(tenantId: string, transactions: number, onCommit: () => void = () => undefined): Promise<number> {
    const counts = await Promise.all(
      Array.from({ length: transactions }, async (_, i) => {
        const size = (i % 4) + 1;
        const runId = randomUUID();
        await dataSource.transaction((manager) =>
          appendEvents(
            manager,
            tenantId,
            Array.from({ length: size }, (_, j) => ({ runId, workflowId: WORKFLOW_ID, stepId: `s${j}`, type: 'STEP_STARTED' as const, payload: { i, j } })),
          ),
        );
        onCommit();
        return size;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** How many of `tenantIds` have committed events without a cursor, or past their position published under `prefix`. */
  async function tenantsBehind(prefix: string, tenantIds: readonly string[]): Promise<number> {
    const rows: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS t(tenant_id)
       WHERE EXISTS (SELECT 1 FROM orchestration.workflow_events e WHERE e.tenant_id = t.tenant_id AND e.cursor IS NULL)
          OR EXISTS (SELECT 1 FROM orchestration.event_cursors c
                     LEFT JOIN orchestration.event_relay_positions p ON p.tenant_id = c.tenant_id AND p.key_prefix = $2
                     WHERE c.tenant_id = t.tenant_id AND c.last_cursor > coalesce(p.published_cursor, 0))`,
      [tenantIds, prefix],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Runs passes until one publishes nothing: a relay of a new key prefix first publishes every tenant of the database
   * (the earlier tests' too), which would otherwise count in the next pass.
   */
  async function flush(relay: OutboxRelay<StreamedWorkflowEvent>): Promise<void> {
    while ((await relay.publishOnce()) > 0);
  }

  /** Runs passes until every tenant of `tenantIds` is published up to its last committed cursor. */
  async function drain(relay: OutboxRelay<StreamedWorkflowEvent>, prefix: string, tenantIds: readonly string[]): Promise<number> {
    let published = 0;
    for (let pass = 0; pass < 1000; pass++) {
      if ((await tenantsBehind(prefix, tenantIds)) === 0) return published;
      published += await relay.publishOnce();
    }
    throw new Error('relay did not catch up');
  }

  /** The tenant's stream entries: ids and decoded events, oldest first. */
  async function streamOf(prefix: string, tenantId: string): Promise<{ id: string; event: StreamedWorkflowEvent }[]> {
    const entries = await redis.xrange(eventStreamKey(prefix, tenantId), '-', '+');
    return entries.map(([id, fields]) => {
      expect(fields[0]).toBe('e');
      return { id, event: JSON.parse(fields[1] ?? 'null') as StreamedWorkflowEvent };
    });
  }

  /** The tenant's events in the database, as the relay streams them. */
  async function storedEvents(tenantId: string): Promise<StreamedWorkflowEvent[]> {
    const rows: {
      cursor: string;
      type: StreamedWorkflowEvent['type'];
      run_id: string;
      workflow_id: string;
      step_id: string | null;
      at: Date;
      payload: unknown;
    }[] = await dataSource.query(`SELECT * FROM orchestration.workflow_events WHERE tenant_id = $1 ORDER BY cursor`, [tenantId]);
    return rows.map((r) => ({
      cursor: r.cursor,
      type: r.type,
      runId: r.run_id,
      workflowId: r.workflow_id,
      stepId: r.step_id,
      at: r.at.toISOString(),
      payload: r.payload,
    }));
  }

  /** Asserts that the stream holds exactly the tenant's stored events, ids `<cursor>-0` strictly increasing. */
  async function expectStreamMatchesDatabase(prefix: string, tenantId: string, expectedCount: number): Promise<void> {
    const stream = await streamOf(prefix, tenantId);
    const stored = await storedEvents(tenantId);
    expect(stored).toHaveLength(expectedCount);
    expect(stream.map((s) => s.id)).toEqual(stored.map((e) => `${e.cursor}-0`));
    expect(stream.map((s) => s.event)).toEqual(stored);
  }

  it('publishes concurrently committed events of two tenants in cursor order, none missing, and announces them, entries included', async () => {
    const prefix = newPrefix();
    // Polling once an hour: what gets published promptly does because of the nudges (and batches beyond the first).
    await using relay = relayOf(prefix, { batchSize: 7, intervalMs: 3_600_000 });
    const [first, second] = [newTenant(), newTenant()];
    const announced = new Set<string>();
    /** Cursors carried by the notifications, per tenant, in the order received. */
    const carried = new Map<string, string[]>();
    const subscriber = await createRedisClient({ url: redisUrl ?? '', connectionName: 'event-relay-test-sub' });
    try {
      await subscriber.subscribe(eventNotificationChannel(prefix));
      const bothAnnounced = new Promise<void>((resolve) => {
        subscriber.on('message', (_channel: string, message: string) => {
          const notification = parseEventNotification<StreamedWorkflowEvent>(message);
          for (const tenantId of notification?.tenants ?? []) announced.add(tenantId);
          for (const [tenantId, events] of notification?.appended ?? [])
            carried.set(tenantId, [...(carried.get(tenantId) ?? []), ...events.map((e) => e.cursor)]);
          if (announced.has(first) && announced.has(second)) resolve();
        });
      });
      relay.start();
      const [firstCount, secondCount] = await Promise.all([
        commitConcurrently(first, 40, () => relay.nudge()),
        commitConcurrently(second, 40, () => relay.nudge()),
      ]);
      await waitUntil(async () => (await tenantsBehind(prefix, [first, second])) === 0);
      await expectStreamMatchesDatabase(prefix, first, firstCount);
      await expectStreamMatchesDatabase(prefix, second, secondCount);
      await bothAnnounced;
      expect([...announced].sort()).toEqual([first, second].sort());
      // Every batch is small: each notification carried its entries, so together they are each event once, in order.
      await waitUntil(async () => (carried.get(first)?.length ?? 0) >= firstCount && (carried.get(second)?.length ?? 0) >= secondCount);
      expect(carried.get(first)).toEqual(Array.from({ length: firstCount }, (_, i) => String(i + 1)));
      expect(carried.get(second)).toEqual(Array.from({ length: secondCount }, (_, i) => String(i + 1)));
    } finally {
      await subscriber.quit();
    }
  });

  it('two relays running at once publish every event exactly once', async () => {
    const prefix = newPrefix();
    await using one = relayOf(prefix, { batchSize: 5 });
    await using other = relayOf(prefix, { batchSize: 5 });
    const [first, second] = [newTenant(), newTenant()];
    let publishing = true;
    const passes = (relay: OutboxRelay<StreamedWorkflowEvent>) =>
      (async () => {
        let published = 0;
        while (publishing) published += await relay.publishOnce();
        return published;
      })();
    const counting = Promise.all([passes(one), passes(other)]);
    const [firstCount, secondCount] = await Promise.all([commitConcurrently(first, 30), commitConcurrently(second, 30)]);
    publishing = false;
    await counting;
    await Promise.all([drain(one, prefix, [first, second]), drain(other, prefix, [first, second])]);
    // Each event is in the streams exactly once, in cursor order.
    await expectStreamMatchesDatabase(prefix, first, firstCount);
    await expectStreamMatchesDatabase(prefix, second, secondCount);
  });

  it('one relay publishes while it leads; another takes over when it closes or its lease runs out', async () => {
    const prefix = newPrefix();
    const tenantId = newTenant();
    const leaderKey = relayLeaderKey(prefix, WORKFLOW_EVENT_OUTBOX.relayName);
    await using first = relayOf(prefix, { leaderLeaseMs: 60_000 });
    await using second = relayOf(prefix, { leaderLeaseMs: 60_000 });
    await flush(first);
    const count = await commitConcurrently(tenantId, 5);
    expect(await first.publishOnce()).toBe(count);
    const more = await commitConcurrently(tenantId, 5);
    // The follower does nothing while the leader's lease lasts, not even assign cursors.
    expect(await second.publishOnce()).toBe(0);
    expect(await tenantsBehind(prefix, [tenantId])).toBe(1);
    expect(await first.publishOnce()).toBe(more);
    await first.close();
    expect(await redis.exists(leaderKey)).toBe(0);
    const after = await commitConcurrently(tenantId, 3);
    expect(await second.publishOnce()).toBe(after);
    // A leader that stops passing without closing (a crash) is replaced once its lease runs out.
    await using third = relayOf(prefix, { leaderLeaseMs: 60_000 });
    const later = await commitConcurrently(tenantId, 3);
    expect(await third.publishOnce()).toBe(0);
    await redis.pexpire(leaderKey, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await third.publishOnce()).toBe(later);
    await expectStreamMatchesDatabase(prefix, tenantId, count + more + after + later);
  });

  it('a relay that passes less often than its lease hands the lead back after each pass', async () => {
    const prefix = newPrefix();
    const tenantId = newTenant();
    await using rare = relayOf(prefix, { intervalMs: 3_600_000, leaderLeaseMs: 10_000 });
    await using frequent = relayOf(prefix, { leaderLeaseMs: 10_000 });
    await flush(rare);
    const count = await commitConcurrently(tenantId, 3);
    expect(await rare.publishOnce()).toBe(count);
    expect(await redis.exists(relayLeaderKey(prefix, WORKFLOW_EVENT_OUTBOX.relayName))).toBe(0);
    const more = await commitConcurrently(tenantId, 3);
    expect(await frequent.publishOnce()).toBe(more);
    // The frequent one keeps the lead it took.
    expect(await redis.exists(relayLeaderKey(prefix, WORKFLOW_EVENT_OUTBOX.relayName))).toBe(1);
    await expectStreamMatchesDatabase(prefix, tenantId, count + more);
  });

  it('relays of two key prefixes on one database each publish every event to their own streams', async () => {
    const [onePrefix, otherPrefix] = [newPrefix(), newPrefix()];
    await using one = relayOf(onePrefix);
    await using other = relayOf(otherPrefix);
    const tenantId = newTenant();
    let total = 0;
    for (let round = 0; round < 3; round++) {
      total += await commitConcurrently(tenantId, 4);
      await (round % 2 === 0 ? one : other).publishOnce();
    }
    await drain(one, onePrefix, [tenantId]);
    await drain(other, otherPrefix, [tenantId]);
    await expectStreamMatchesDatabase(onePrefix, tenantId, total);
    await expectStreamMatchesDatabase(otherPrefix, tenantId, total);
  });

  it('a relay restarted after a crash between the append and the position update adds no duplicate', async () => {
    const prefix = newPrefix();
    const tenantId = newTenant();
    const before = await commitConcurrently(tenantId, 10);
    {
      await using crashed = relayOf(prefix);
      await drain(crashed, prefix, [tenantId]);
      await flush(crashed);
    }
    // The appends reached Redis, the position update did not: the position is back at the start, then mid-way.
    for (const position of ['0', '3']) {
      await dataSource.query(`UPDATE orchestration.event_relay_positions SET published_cursor = $2 WHERE tenant_id = $1 AND key_prefix = $3`, [
        tenantId,
        position,
        prefix,
      ]);
      await using restarted = relayOf(prefix);
      expect(await restarted.publishOnce()).toBe(0);
      await expectStreamMatchesDatabase(prefix, tenantId, before);
    }
    // Later events still follow.
    await using restarted = relayOf(prefix);
    const after = await commitConcurrently(tenantId, 5);
    expect(await restarted.publishOnce()).toBe(after);
    await expectStreamMatchesDatabase(prefix, tenantId, before + after);
  });

  it('trims each stream to about streamMaxLength entries, keeping the newest', async () => {
    const [, nodeEntries] = (await redis.config('GET', 'stream-node-max-entries')) as [string, string];
    const streamMaxLength = 10;
    const prefix = newPrefix();
    await using relay = relayOf(prefix, { streamMaxLength, batchSize: 50 });
    const tenantId = newTenant();
    let total = 0;
    for (let round = 0; round < 3; round++) total += await commitConcurrently(tenantId, 40);
    await drain(relay, prefix, [tenantId]);
    const stream = await streamOf(prefix, tenantId);
    const stored = await storedEvents(tenantId);
    expect(stored).toHaveLength(total);
    // `MAXLEN ~` trims whole nodes: at most one node beyond the bound is kept.
    expect(stream.length).toBeGreaterThanOrEqual(streamMaxLength);
    expect(stream.length).toBeLessThanOrEqual(streamMaxLength + Number(nodeEntries));
    expect(stream.length).toBeLessThan(total);
    expect(stream.map((s) => s.event)).toEqual(stored.slice(-stream.length));
  });

  it('goes on after a failed pass and stops for good when closed', async () => {
    const errors: unknown[] = [];
    let failures = 1;
    const failingOnce = new Proxy(dataSource, {
      get(target, property, receiver) {
        if (property !== 'manager') return Reflect.get(target, property, receiver);
        // The relay's reads go through `manager.query`: the first one fails.
        return new Proxy(target.manager, {
          get(manager, key, managerReceiver) {
            if (key !== 'query') return Reflect.get(manager, key, managerReceiver);
            return (sql: string, params?: unknown[]) => {
              if (failures-- > 0) return Promise.reject(new Error('connection reset'));
              return manager.query(sql, params);
            };
          },
        });
      },
    });
    const prefix = newPrefix();
    await using relay = relayOf(prefix, { dataSource: failingOnce, logger: capturingLogger(errors) });
    const tenantId = newTenant();
    const count = await commitConcurrently(tenantId, 3);
    relay.start();
    await waitUntil(async () => (await redis.xlen(eventStreamKey(prefix, tenantId))) === count);
    expect(errors).toEqual(['connection reset']);
    await expectStreamMatchesDatabase(prefix, tenantId, count);
    await relay.close();
    await relay.close();
    await expect(relay.publishOnce()).rejects.toThrow('closed');
  });
});

const WORKFLOW_ID = randomUUID();

function newTenant(): string {
  return `relay-tenant-${randomUUID()}`;
}

function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger that records the `err.message` of every error entry in `errors`. */
function capturingLogger(errors: unknown[]): Logger {
  return pino({ level: 'error' }, { write: (line: string) => errors.push((JSON.parse(line) as { err?: { message?: string } }).err?.message) });
}

/** Polls `condition` every 10 ms until it holds (the test's timeout bounds the wait). */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
