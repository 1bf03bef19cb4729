/** Shortest time between two published partial answers of one step, in ms. */
export const OUTPUT_DELTA_INTERVAL_MS = 100;

/** The time and timers a coalescer runs on (injected in tests). */
export interface CoalescerClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The system clock: `performance.now()` and unref'd timers (a pending delta never keeps the process up). */
export const SYSTEM_CLOCK: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Options of {@link OutputDeltaCoalescer}. */
export interface OutputDeltaCoalescerOptions {
  /**
   * Publishes the answer so far; `sequence` counts the publications (1, 2, ...). Never called again before the
   * previous call settled. A rejection is passed to `onError` and does not stop later publications.
   */
  readonly publish: (content: string, sequence: number) => Promise<void>;
  /** Shortest time between two publications, in ms. @defaultValue {@link OUTPUT_DELTA_INTERVAL_MS} */
  readonly intervalMs?: number;
  /** @defaultValue {@link SYSTEM_CLOCK} */
  readonly clock?: CoalescerClock;
  /** Receives a failed publication's error. @defaultValue ignore it (the next publication carries the answer so far) */
  readonly onError?: (error: unknown) => void;
}

/**
 * Turns a stream of "the answer so far" updates into at most one publication per interval: the first update is
 * published at once (leading edge); updates within the interval after a publication are coalesced into one, of the
 * latest answer, published when the interval ends (trailing edge). While a publication is in flight, nothing else
 * starts: updates meanwhile are coalesced and published when it settles (or when the interval ends, if later), so a
 * slow publisher never builds a backlog and publications happen in update order. {@link OutputDeltaCoalescer.close}
 * drops what is pending — the caller publishes the complete answer itself — and waits for the publication in flight.
 */
export class OutputDeltaCoalescer {
  private readonly intervalMs: number;
  private readonly clock: CoalescerClock;
  /** The latest answer not yet published, if any. */
  private pending: string | undefined;
  private lastPublishedAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private sequence = 0;
  private closed = false;

  constructor(private readonly options: OutputDeltaCoalescerOptions) {
    this.intervalMs = options.intervalMs ?? OUTPUT_DELTA_INTERVAL_MS;
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** How many publications have started. */
  get published(): number {
    return this.sequence;
  }

  /** Takes the answer so far; publishes it now or later (see the class comment). Ignored once closed. */
  update(content: string): void {
    if (this.closed) return;
    this.pending = content;
    this.schedule();
  }

  /** Drops the pending answer and timer, and waits for the publication in flight (idempotent; never rejects). */
  async close(): Promise<void> {
    this.closed = true;
    this.pending = undefined;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Publishes the pending answer now if the interval has passed and nothing is in flight, else arms the timer. */
  private schedule(): void {
    if (this.pending === undefined || this.closed || this.inFlight || this.timer !== undefined) return;
    const waitMs = this.lastPublishedAt + this.intervalMs - this.clock.now();
    if (waitMs > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, waitMs);
      return;
    }
    const content = this.pending;
    this.pending = undefined;
    this.lastPublishedAt = this.clock.now();
    this.sequence += 1;
    this.inFlight = this.publishOnce(content, this.sequence);
  }

  private async publishOnce(content: string, sequence: number): Promise<void> {
    try {
      await this.options.publish(content, sequence);
    } catch (error) {
      try {
        this.options.onError?.(error);
      } catch {
        // A failing error listener must not break the stream.
      }
    }
    this.inFlight = undefined;
    this.schedule();
  }
}
