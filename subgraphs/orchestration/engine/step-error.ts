import { STEP_ERROR_CODES, type StepErrorCode } from '../../../platform/error-codes.ts';

/** Codes of step failures (usable in `retry.nonRetryableErrorCodes`): the registry's (platform/error-codes.ts). */
export { STEP_ERROR_CODES, type StepErrorCode };

/**
 * Codes that are never retried whatever the policy says: the same input would fail the same way (or the run is
 * being cancelled / the process stopping, which the engine handles itself).
 */
export const ALWAYS_FINAL_ERROR_CODES: readonly StepErrorCode[] = [
  'CANCELLED',
  'SHUTDOWN',
  'EXPRESSION',
  'INVALID_CONFIG',
  'OUTPUT_TOO_LARGE',
  'EGRESS_DENIED',
  'BUDGET_EXCEEDED',
  'CONTEXT_LENGTH_EXCEEDED',
  'CONTENT_FILTERED',
  'PROVIDER_AUTH_FAILED',
  'BAD_REQUEST',
];

/** Why an abort signal fired: the run was cancelled, or the process is stopping. */
export type AbortReason = 'CANCELLED' | 'SHUTDOWN';

/** The typed failure of a step attempt; its message becomes the step's `error`. */
export class StepError extends Error {
  override readonly name = 'StepError';
  /** For `llm` steps that failed after routing: the decision, kept on the step run. */
  routingDecisionId: string | undefined;
  constructor(
    readonly code: StepErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Wraps anything thrown by an executor: StepErrors as they are, anything else as `UPSTREAM`. */
  static from(error: unknown): StepError {
    if (error instanceof StepError) return error;
    return new StepError('UPSTREAM', error instanceof Error ? error.message : String(error), { cause: error });
  }

  /**
   * Maps a failed `fetch` (or body read) to a StepError: an abort becomes `TIMEOUT` or the signal's
   * {@link AbortReason}, anything else `UPSTREAM` naming `target`.
   */
  static fromFetch(error: unknown, signal: AbortSignal, target: string): StepError {
    if (signal.aborted) return StepError.aborted(signal);
    const message = error instanceof Error ? error.message : String(error);
    return new StepError('UPSTREAM', `${target}: ${message}`, { cause: error });
  }

  /** The StepError of an aborted signal: its reason when it is an {@link AbortReason}, else a timeout. */
  static aborted(signal: AbortSignal): StepError {
    const reason: unknown = signal.reason;
    if (reason === 'CANCELLED') return new StepError('CANCELLED', 'the run was cancelled');
    if (reason === 'SHUTDOWN') return new StepError('SHUTDOWN', 'the worker stopped');
    if (reason instanceof StepError) return reason;
    return new StepError('TIMEOUT', 'timed out');
  }
}
