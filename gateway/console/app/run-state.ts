// A run as the run page holds it, and how one live event changes it (before the next read of the run catches up).

/** An attempt of a step. */
export interface StepAttempt {
  readonly attempt: number;
  readonly status: string;
  readonly error: string | null;
  readonly errorCode: string | null;
  readonly workerId: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** A step run (`StepRun`). */
export interface StepRun {
  readonly id: string;
  readonly stepId: string;
  readonly kind: string;
  readonly status: string;
  readonly attempt: number;
  readonly itemIndex: number | null;
  readonly input?: unknown;
  readonly output: unknown;
  readonly error: string | null;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
  readonly durationMs?: number | null;
  readonly attempts?: readonly StepAttempt[];
  readonly items?: readonly StepRun[];
}

/** A run (`WorkflowRun`) without its events. */
export interface Run {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly status: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly error: string | null;
  readonly queue: string;
  readonly sessionId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly steps: readonly StepRun[];
}

/** A workflow event (`WorkflowEvent`). */
export interface RunEvent {
  readonly cursor: string;
  readonly type: string;
  readonly runId: string;
  readonly stepId: string | null;
  readonly at: string;
  readonly payload: unknown;
}

/** A step of the definition the run executes. */
export interface StepDefinition {
  readonly id: string;
  readonly kind: string;
  readonly dependsOn: readonly string[];
  readonly when: string | null;
}

/** The step status an event type means (`STEP_RETRYING`: queued again for its next attempt). */
const STEP_STATUS: Readonly<Record<string, string>> = {
  STEP_STARTED: 'RUNNING',
  STEP_COMPLETED: 'COMPLETED',
  STEP_FAILED: 'FAILED',
  STEP_SKIPPED: 'SKIPPED',
  STEP_RETRYING: 'QUEUED',
};

/** The run status an event type means. */
const RUN_STATUS: Readonly<Record<string, string>> = {
  RUN_STARTED: 'RUNNING',
  RUN_COMPLETED: 'COMPLETED',
  RUN_FAILED: 'FAILED',
  RUN_CANCELLED: 'CANCELLED',
  RUN_TIMED_OUT: 'TIMED_OUT',
};

/** Run statuses after which nothing changes. */
export const FINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

/** `run` with the status changes of `event` applied (its step's or the run's); unchanged for other events. */
export function applyRunEvent(run: Run, event: RunEvent): Run {
  const runStatus = RUN_STATUS[event.type];
  if (runStatus) return { ...run, status: runStatus };
  const stepStatus = STEP_STATUS[event.type];
  if (!stepStatus || !event.stepId) return run;
  return { ...run, steps: run.steps.map((step) => (step.stepId === event.stepId ? { ...step, status: stepStatus } : step)) };
}

/** The answer of an `llm` step so far, from its latest STEP_OUTPUT_DELTA (of its latest attempt). */
export interface StreamedOutput {
  readonly content: string;
  /** Characters before `content` that the event no longer carries (the answer was longer than it keeps). */
  readonly offset: number;
  readonly attempt: number;
  /** STEP_OUTPUT_DELTA events received for that attempt. */
  readonly deltas: number;
}

/** The streamed answer of each step that streamed one, from the run's events. */
export function streamedOutputs(events: readonly RunEvent[]): ReadonlyMap<string, StreamedOutput> {
  const outputs = new Map<string, StreamedOutput>();
  for (const event of events) {
    if (event.type !== 'STEP_OUTPUT_DELTA' || !event.stepId) continue;
    const payload = (event.payload ?? {}) as { content?: unknown; offset?: unknown; attempt?: unknown };
    const attempt = typeof payload.attempt === 'number' ? payload.attempt : 1;
    const previous = outputs.get(event.stepId);
    const deltas = previous && previous.attempt === attempt ? previous.deltas + 1 : 1;
    if (previous && previous.attempt > attempt) continue;
    outputs.set(event.stepId, {
      content: typeof payload.content === 'string' ? payload.content : '',
      offset: typeof payload.offset === 'number' ? payload.offset : 0,
      attempt,
      deltas,
    });
  }
  return outputs;
}

/** Dependency depth of each step: 0 without dependencies, else one more than its deepest dependency's. */
export function dependencyDepths(steps: readonly StepDefinition[]): ReadonlyMap<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const depths = new Map<string, number>();
  const depthOf = (id: string, seen: ReadonlySet<string>): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    // Unknown or cyclic dependencies (the API refuses both) count as depth 0 rather than looping.
    const deps = (step?.dependsOn ?? []).filter((d) => byId.has(d) && !seen.has(d));
    const depth = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depthOf(d, new Set([...seen, id]))));
    depths.set(id, depth);
    return depth;
  };
  for (const step of steps) depthOf(step.id, new Set([step.id]));
  return depths;
}
