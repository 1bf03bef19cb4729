import { BadUserInputError } from '../../../platform/errors.ts';
import { assertTemplatesParse, parseExpression } from './expressions.ts';
import { MAX_STEP_TIMEOUT_MS, isExecutableKind, parseStepConfig, type ExecutableStepKind } from './step-config-schemas.ts';

/** Every kind of the contract (`map` is accepted by the contract but executes only with the durable engine). */
export const STEP_KINDS = ['transform', 'http', 'llm', 'memory.store', 'memory.search', 'wait', 'map'] as const;
/** Pattern of step ids: letters, digits, `_` and `-`, 1–64 characters. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Largest `retry.maxAttempts`. */
export const MAX_RETRY_ATTEMPTS = 20;

/** Retry policy of a step, with defaults applied (stored; executed by the durable engine). */
export interface RetryPolicy {
  /** Attempts in all, including the first (1–20). @defaultValue 3 */
  maxAttempts: number;
  /** Delay before the second attempt, in ms (> 0). @defaultValue 1000 */
  initialIntervalMs: number;
  /** Factor applied to the delay after each attempt (≥ 1). @defaultValue 2 */
  backoffCoefficient: number;
  /** Largest delay, in ms (≥ initialIntervalMs). @defaultValue 100 × initialIntervalMs */
  maxIntervalMs: number;
  /** Step error codes that are never retried. @defaultValue [] */
  nonRetryableErrorCodes: string[];
}

/** A validated, normalised step (stored in `workflows.steps`). */
export interface StepDefinition {
  id: string;
  kind: ExecutableStepKind;
  /** Ids of the steps that must be done first (possibly empty). */
  dependsOn: string[];
  /** The kind's config, as given (templates unevaluated). */
  config: Record<string, unknown>;
  /** JSONata condition; the step is SKIPPED when it is falsy. */
  when: string | null;
  retry: RetryPolicy | null;
  /** Timeout of one attempt, in ms (1–3,600,000); null = the kind's default. */
  timeoutMs: number | null;
}

/** A step as `createWorkflow` receives it (GraphQL `StepInput`). */
export interface StepInput {
  readonly id: string;
  readonly kind: string;
  readonly dependsOn?: readonly string[] | null | undefined;
  readonly config?: unknown;
  readonly when?: string | null | undefined;
  readonly retry?: RetryPolicyInput | null | undefined;
  readonly timeoutMs?: number | null | undefined;
}

/** GraphQL `RetryPolicyInput`. */
export interface RetryPolicyInput {
  readonly maxAttempts?: number | null | undefined;
  readonly initialIntervalMs?: number | null | undefined;
  readonly backoffCoefficient?: number | null | undefined;
  readonly maxIntervalMs?: number | null | undefined;
  readonly nonRetryableErrorCodes?: readonly string[] | null | undefined;
}

/**
 * Validates one step on its own (id, kind, config, `when`, retry, timeout); `field` is its path, e.g. `steps[2]`.
 * Graph checks (unique ids, dependencies, cycles) are in `validateWorkflowDefinition`.
 * @throws {@link BadUserInputError} with `details.field` naming the offending field.
 */
export function validateStep(step: StepInput, field: string): StepDefinition {
  if (!STEP_ID_PATTERN.test(step.id)) {
    fail(`${field}.id`, `must match ${STEP_ID_PATTERN.source} (letters, digits, "_" and "-", at most 64 characters)`);
  }
  if (step.kind === 'map') {
    fail(`${field}.kind`, 'kind "map" is part of the contract but only runs on the durable engine, which is not enabled yet');
  }
  if (!isExecutableKind(step.kind)) fail(`${field}.kind`, `unknown kind "${step.kind}"; use one of ${STEP_KINDS.join(', ')}`);
  const kind = step.kind;
  const parsed = parseStepConfig(kind, step.config, 'definition');
  if (!parsed.ok) fail(`${field}.config${parsed.issue.path ? `.${parsed.issue.path}` : ''}`, parsed.issue.message);
  checkExpressions(kind, parsed.config, `${field}.config`);
  const when = step.when ?? null;
  if (when !== null) checkExpression(when, `${field}.when`);
  const timeoutMs = step.timeoutMs ?? null;
  if (timeoutMs !== null && (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_STEP_TIMEOUT_MS)) {
    fail(`${field}.timeoutMs`, `must be an integer from 1 to ${MAX_STEP_TIMEOUT_MS}`);
  }
  return {
    id: step.id,
    kind,
    dependsOn: [...new Set(step.dependsOn ?? [])],
    config: parsed.config,
    when,
    retry: step.retry ? normaliseRetry(step.retry, `${field}.retry`) : null,
    timeoutMs,
  };
}

/**
 * Applies the defaults of {@link RetryPolicy} and checks the bounds.
 * @throws {@link BadUserInputError} naming the field.
 */
export function normaliseRetry(input: RetryPolicyInput, field: string): RetryPolicy {
  const maxAttempts = input.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_RETRY_ATTEMPTS) {
    fail(`${field}.maxAttempts`, `must be an integer from 1 to ${MAX_RETRY_ATTEMPTS}`);
  }
  const initialIntervalMs = input.initialIntervalMs ?? 1_000;
  if (!Number.isInteger(initialIntervalMs) || initialIntervalMs <= 0) fail(`${field}.initialIntervalMs`, 'must be a positive integer');
  const backoffCoefficient = input.backoffCoefficient ?? 2;
  if (!Number.isFinite(backoffCoefficient) || backoffCoefficient < 1) fail(`${field}.backoffCoefficient`, 'must be at least 1');
  const maxIntervalMs = input.maxIntervalMs ?? 100 * initialIntervalMs;
  if (!Number.isInteger(maxIntervalMs) || maxIntervalMs <= 0) fail(`${field}.maxIntervalMs`, 'must be a positive integer');
  if (maxIntervalMs < initialIntervalMs) fail(`${field}.maxIntervalMs`, 'must be at least initialIntervalMs');
  const codes = input.nonRetryableErrorCodes ?? [];
  codes.forEach((code, i) => {
    if (code.length < 1 || code.length > 100) fail(`${field}.nonRetryableErrorCodes[${i}]`, 'must be 1 to 100 characters');
  });
  return { maxAttempts, initialIntervalMs, backoffCoefficient, maxIntervalMs, nonRetryableErrorCodes: [...codes] };
}

function checkExpressions(kind: ExecutableStepKind, config: Record<string, unknown>, field: string): void {
  if (kind === 'transform') {
    checkExpression(String(config['expression']), `${field}.expression`);
    return;
  }
  walkStrings(config, field, (text, path) => {
    try {
      assertTemplatesParse(text);
    } catch (error) {
      fail(path, (error as Error).message);
    }
  });
}

function checkExpression(source: string, field: string): void {
  try {
    parseExpression(source);
  } catch (error) {
    fail(field, `does not parse as JSONata: ${(error as Error).message}`);
  }
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
  }
}

function fail(field: string, message: string): never {
  throw new BadUserInputError(`${field}: ${message}`, { field });
}
