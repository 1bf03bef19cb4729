import type { Logger } from '../../../platform/logger.ts';

/** How often expired memory items are deleted, in ms. Readers never see an expired item in between. */
export const PURGE_INTERVAL_MS = 60_000;

/** Options of {@link ExpiryPurger}. */
export interface ExpiryPurgerOptions {
  /** Deletes expired rows; resolves to how many it deleted. */
  readonly purge: () => Promise<number>;
  /** Time between two rounds, in ms. @defaultValue {@link PURGE_INTERVAL_MS} */
  readonly intervalMs?: number;
  readonly logger?: Logger | undefined;
}

/**
 * Runs `purge` every `intervalMs` on an unref'd timer (it never keeps the process alive). Rounds never overlap: a
 * tick that finds the previous round still running is skipped. A failed round is logged and the loop goes on.
 */
export class ExpiryPurger {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: ExpiryPurgerOptions) {}

  /** Starts the loop (idempotent; a closed purger stays closed). */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs ?? PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Runs one round now, unless one is running (then waits for that one). Never rejects. */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        const deleted = await this.options.purge();
        if (deleted > 0) this.options.logger?.debug({ deleted }, 'expired memory items purged');
      } catch (error) {
        this.options.logger?.warn({ err: error }, 'memory expiry purge failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Stops the loop and waits for a running round (idempotent). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
