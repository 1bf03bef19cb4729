import type { ExpressionContext } from '../../services/expressions.ts';
import type { StepOutputDelta } from './output-delta.ts';

/** Everything an executor gets for one attempt of one step. */
export interface StepExecution<TConfig> {
  readonly tenantId: string;
  readonly runId: string;
  /** The run's session, if any (passed to routing and memory). */
  readonly sessionId: string | null;
  readonly stepId: string;
  /** This attempt's number (1 for the first). */
  readonly attempt: number;
  /** The step's config with templates resolved and checked against the kind's schema. */
  readonly config: TConfig;
  /** What the step's expressions see (for `transform`). */
  readonly context: ExpressionContext;
  /** Aborts on run cancel, step timeout and shutdown; every call honours it. */
  readonly signal: AbortSignal;
  /**
   * Publishes a partial answer as a STEP_OUTPUT_DELTA event, through the outbox (so cursors and replay work as for
   * every event), while the attempt is still the step's running one (a late call writes nothing). Never rejects: a
   * failed write is logged and dropped (the next delta, and the final output, carry the answer so far). The executor
   * throttles its calls (see `OutputDeltaCoalescer`).
   */
  emitOutputDelta(delta: StepOutputDelta): Promise<void>;
}

/** What an attempt produced. */
export interface StepResult {
  /** The step's output (any JSON). */
  readonly output: unknown;
  /** For `llm` steps: the routing decision that chose the model. */
  readonly routingDecisionId?: string | undefined;
}
