import type { AbortReason } from './step-error.ts';

/**
 * The abort controllers of the step attempts executing in this process, by run: cancelling a run (or stopping the
 * process) aborts them, and the http and llm calls honour the signal.
 */
export class InFlightSteps {
  private readonly byRun = new Map<string, Set<AbortController>>();

  /** Registers a new attempt of run `runId`; returns its controller and a function that unregisters it. */
  begin(runId: string): { controller: AbortController; end: () => void } {
    const controller = new AbortController();
    let set = this.byRun.get(runId);
    if (!set) this.byRun.set(runId, (set = new Set()));
    set.add(controller);
    return {
      controller,
      end: () => {
        set.delete(controller);
        if (set.size === 0 && this.byRun.get(runId) === set) this.byRun.delete(runId);
      },
    };
  }

  /** Aborts every attempt of run `runId` with `reason`. */
  abortRun(runId: string, reason: AbortReason): void {
    for (const controller of this.byRun.get(runId) ?? []) controller.abort(reason);
  }

  /** Aborts every attempt with `reason`. */
  abortAll(reason: AbortReason): void {
    for (const runId of this.byRun.keys()) this.abortRun(runId, reason);
  }
}
