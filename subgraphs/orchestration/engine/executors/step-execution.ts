import type { ExpressionContext } from '../../services/expressions.ts';

/** Everything an executor gets for one attempt of one step. */
export interface StepExecution<TConfig> {
  readonly tenantId: string;
  readonly runId: string;
  /** The run's session, if any (passed to routing and memory). */
  readonly sessionId: string | null;
  readonly stepId: string;
  /** The step's config with templates resolved and checked against the kind's schema. */
  readonly config: TConfig;
  /** What the step's expressions see (for `transform`). */
  readonly context: ExpressionContext;
  /** Aborts on run cancel, step timeout and shutdown; every call honours it. */
  readonly signal: AbortSignal;
}

/** What an attempt produced. */
export interface StepResult {
  /** The step's output (any JSON). */
  readonly output: unknown;
  /** For `llm` steps: the routing decision that chose the model. */
  readonly routingDecisionId?: string | undefined;
}
