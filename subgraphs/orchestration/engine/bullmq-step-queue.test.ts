import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { createRedisClient, type Redis } from '../../../platform/redis/redis-client.ts';
import { createBullmqStepQueue } from './bullmq-step-queue.ts';
import { describeStepQueueContract } from './step-queue.contract.ts';

/**
 * The StepQueue contract on BullMQ, against the real Redis (REDIS_URL; CI sets it). Each queue gets its own key
 * prefix and task queue name, and its keys are deleted after the test.
 */
const redisUrl = process.env['REDIS_URL'];

describe.skipIf(!redisUrl)('BullMQ step queue', () => {
  let redis: Redis;
  const keyPrefixes: string[] = [];

  beforeAll(async () => {
    redis = await createRedisClient({ url: redisUrl as string, connectionName: 'step-queue-test' });
  });

  // Runs after the contract's own afterEach, which closes the queues.
  afterEach(async () => {
    for (const keyPrefix of keyPrefixes.splice(0)) {
      for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
        if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
      }
    }
  });

  afterAll(async () => {
    await redis?.quit();
  });

  describeStepQueueContract('BullMQ', (concurrency) => {
    const keyPrefix = `orchestra-test:${randomUUID()}:`;
    keyPrefixes.push(keyPrefix);
    return createBullmqStepQueue({
      redis,
      keyPrefix,
      queue: `queue-${randomUUID()}`,
      concurrency,
      globalConcurrency: undefined,
      lockDurationMs: 5_000,
    });
  });
});
