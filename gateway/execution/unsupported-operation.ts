/**
 * Why an operation cannot take the compiled execution path. The compiled gateway never shows this error to a client: it
 * hands such an operation to Apollo's own executor instead (see compiled-gateway.ts), so behaviour never regresses.
 */
export type UnsupportedReason =
  'introspection' | 'subscription' | 'defer-or-stream' | 'defer-in-plan' | 'context-rewrites' | 'reserved-response-name' | 'planning-failed';

/**
 * Thrown while compiling an operation that the compiled path does not execute (introspection fields `__schema` /
 * `__type`, subscriptions, `@defer` / `@stream`, a plan with a `DeferNode`, `@fromContext` rewrites, a `__proto__`
 * alias). Internal: the caller falls back to Apollo's executor; `reason` goes to the logs and metrics only.
 */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperationError';
  constructor(
    readonly reason: UnsupportedReason,
    message: string,
  ) {
    super(message);
  }
}
