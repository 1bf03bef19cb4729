import type { Logger } from '../../../platform/logger.ts';
import type { RedisConnections } from '../../../platform/subgraph/subgraph-definition.ts';
import type { InFlightSteps } from './in-flight-steps.ts';
import type { AbortReason } from './step-error.ts';

/** What crosses the channel. */
interface AbortMessage {
  readonly runId: string;
  readonly reason: AbortReason;
}

/**
 * Aborts a run's attempts in flight in every process: when a run is cancelled, times out or fails, the process that
 * made the transition publishes the run id on the Redis channel `<keyPrefix>run-aborts`, and each worker process
 * aborts the attempts of that run it executes. A message lost (a worker reconnecting) is made up for by lease
 * renewal, which finds within a third of the lease that the attempt's step is no longer RUNNING. Without Redis
 * (embedded mode, one process) it aborts locally only.
 */
export class RunAborts {
  private readonly channel: string;
  private readonly listener = (channel: string, message: string): void => {
    if (channel !== this.channel) return;
    try {
      const parsed = JSON.parse(message) as AbortMessage;
      this.inFlight.abortRun(parsed.runId, parsed.reason);
    } catch (error) {
      this.logger.warn({ err: error }, 'malformed run-abort message');
    }
  };

  constructor(
    private readonly inFlight: InFlightSteps,
    private readonly redis: RedisConnections | undefined,
    keyPrefix: string,
    private readonly logger: Logger,
  ) {
    this.channel = `${keyPrefix}run-aborts`;
  }

  /** Starts listening (worker processes). */
  async listen(): Promise<void> {
    if (!this.redis) return;
    this.redis.subscriber.on('message', this.listener);
    await this.redis.subscriber.subscribe(this.channel);
  }

  /** Aborts run `runId`'s attempts here and, through Redis, everywhere. Never throws. */
  async abort(runId: string, reason: AbortReason): Promise<void> {
    this.inFlight.abortRun(runId, reason);
    if (!this.redis) return;
    try {
      await this.redis.client.publish(this.channel, JSON.stringify({ runId, reason } satisfies AbortMessage));
    } catch (error) {
      this.logger.warn({ err: error, runId }, 'could not publish a run abort; lease renewal will abort its attempts');
    }
  }

  /** Stops listening (idempotent). */
  async close(): Promise<void> {
    if (!this.redis) return;
    this.redis.subscriber.off('message', this.listener);
    await this.redis.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}
