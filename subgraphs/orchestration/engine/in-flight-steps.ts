import type { AbortReason } from './step-error.ts';

/** One attempt executing in this process. */
interface InFlightAttempt {
  readonly runId: string;
  readonly stepRunId: string;
  readonly attempt: number;
  readonly controller: AbortController;
}

/**
 * The attempts executing in this process, with their abort controllers: cancelling or ending a run (from any process,
 * see `RunAborts`), losing a lease, or stopping the process aborts them, and the http and llm calls honour the signal.
 * Also the set of leases this worker renews.
 */
export class InFlightSteps {
  private readonly byStep = new Map<string, InFlightAttempt>();

  /** Registers an attempt; returns its controller and a function that unregisters it. */
  begin(runId: string, stepRunId: string, attempt: number): { controller: AbortController; end: () => void } {
    const entry: InFlightAttempt = { runId, stepRunId, attempt, controller: new AbortController() };
    this.byStep.set(stepRunId, entry);
    return {
      controller: entry.controller,
      end: () => {
        if (this.byStep.get(stepRunId) === entry) this.byStep.delete(stepRunId);
      },
    };
  }

  /** The attempt numbers of the step runs in flight, by step run id (for lease renewal). */
  leases(): Map<string, number> {
    return new Map([...this.byStep.values()].map((a) => [a.stepRunId, a.attempt]));
  }

  /** Aborts every attempt of run `runId` with `reason`. @returns how many were aborted. */
  abortRun(runId: string, reason: AbortReason): number {
    let aborted = 0;
    for (const entry of this.byStep.values()) {
      if (entry.runId !== runId) continue;
      entry.controller.abort(reason);
      aborted += 1;
    }
    return aborted;
  }

  /** Aborts the attempt of step run `stepRunId`, if it runs here. */
  abortStep(stepRunId: string, reason: AbortReason): void {
    this.byStep.get(stepRunId)?.controller.abort(reason);
  }

  /** Aborts every attempt with `reason`. */
  abortAll(reason: AbortReason): void {
    for (const entry of this.byStep.values()) entry.controller.abort(reason);
  }
}
