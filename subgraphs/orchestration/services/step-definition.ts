import { BadUserInputError } from '../../../platform/errors.ts';
import { STEP_ERROR_CODES } from '../engine/step-error.ts';
import { assertTemplatesParse, parseExpression } from './expressions.ts';
import {
  DEFAULT_MAP_CONCURRENCY,
  MAX_STEP_TIMEOUT_MS,
  MAX_WAIT_TIMEOUT_MS,
  isExecutableKind,
  parseStepConfig,
  type ExecutableStepKind,
  type MapDefinitionConfig,
} from './step-config-schemas.ts';

/** Every kind of the contract. */
export const STEP_KINDS = ['transform', 'http', 'llm', 'memory.store', 'memory.search', 'memory.extract', 'wait', 'map'] as const;
/** Kinds a `map` step's item step may not have (no nested maps; an item cannot wait for a signal). */
export const NON_ITEM_STEP_KINDS: readonly ExecutableStepKind[] = ['map', 'wait'];
/** Pattern of step ids: letters, digits, `_` and `-`, 1–64 characters. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Largest `retry.maxAttempts`. */
export const MAX_RETRY_ATTEMPTS = 20;
/** `retry.jitter` of a policy that gives none (each delay varies by ±20 %). */
export const DEFAULT_RETRY_JITTER = 0.2;

/** Retry policy of a step, with defaults applied (executed by the engine). */
export interface RetryPolicy {
  /** Attempts in all, including the first (1–20). @defaultValue 3 */
  maxAttempts: number;
  /** Delay before the second attempt, in ms (> 0). @defaultValue 1000 */
  initialIntervalMs: number;
  /** Factor applied to the delay after each attempt (≥ 1). @defaultValue 2 */
  backoffCoefficient: number;
  /** Largest delay, in ms (≥ initialIntervalMs). @defaultValue 100 × initialIntervalMs */
  maxIntervalMs: number;
  /**
   * Random spread of each delay, as a fraction (0–1): the delay is multiplied by a uniform factor in
   * [1 − jitter, 1 + jitter]. Absent in definitions stored before it existed (read as the default).
   * @defaultValue 0.2 ({@link DEFAULT_RETRY_JITTER})
   */
  jitter: number;
  /**
   * Step error codes (of `STEP_ERROR_CODES`) that are never retried. Definitions stored before the codes were
   * checked may hold other strings; they match no failure.
   * @defaultValue []
   */
  nonRetryableErrorCodes: string[];
}

/** A validated, normalised step (stored in `workflows.steps`). */
export interface StepDefinition {
  id: string;
  kind: ExecutableStepKind;
  /** Ids of the steps that must be done first (possibly empty). */
  dependsOn: string[];
  /** The kind's config, as given (templates unevaluated); for `map`, `{ items, concurrency }` (see `item`). */
  config: Record<string, unknown>;
  /** JSONata condition; the step is SKIPPED when it is falsy. */
  when: string | null;
  retry: RetryPolicy | null;
  /** Timeout of one attempt, in ms (1–3,600,000); null = the kind's default. */
  timeoutMs: number | null;
  /**
   * Only for `map`: the step each item runs (id `<mapId>-item`, no dependencies, no `when`); its templates see
   * `item` and `index` besides `input` and `steps`. The map's own `config` is then `{ items, concurrency }`.
   */
  item?: StepDefinition;
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
  readonly jitter?: number | null | undefined;
  readonly nonRetryableErrorCodes?: readonly string[] | null | undefined;
}

/**
 * Validates one step on its own (id, kind, config, `when`, retry, timeout; for `map`, its item step too); `field` is
 * its path, e.g. `steps[2]`. Graph checks (unique ids, dependencies, cycles) are in `validateWorkflowDefinition`.
 * @throws {@link BadUserInputError} with `details.field` naming the offending field.
 */
export function validateStep(step: StepInput, field: string): StepDefinition {
  if (!STEP_ID_PATTERN.test(step.id)) {
    fail(`${field}.id`, `must match ${STEP_ID_PATTERN.source} (letters, digits, "_" and "-", at most 64 characters)`);
  }
  return validateStepBody(step, field);
}

/** {@link validateStep} without the id check (an item step's id is derived from its map's). */
function validateStepBody(step: StepInput, field: string): StepDefinition {
  if (!isExecutableKind(step.kind)) fail(`${field}.kind`, `unknown kind "${step.kind}"; use one of ${STEP_KINDS.join(', ')}`);
  const kind = step.kind;
  const parsed = parseStepConfig(kind, step.config, 'definition');
  if (!parsed.ok) fail(`${field}.config${parsed.issue.path ? `.${parsed.issue.path}` : ''}`, parsed.issue.message);
  const { config, item } = kind === 'map' ? mapParts(step.id, parsed.config as MapDefinitionConfig, `${field}.config`) : { config: parsed.config };
  checkExpressions(kind, config, `${field}.config`);
  const when = step.when ?? null;
  if (when !== null) checkExpression(when, `${field}.when`);
  const timeoutMs = step.timeoutMs ?? null;
  const maxTimeoutMs = kind === 'wait' ? MAX_WAIT_TIMEOUT_MS : MAX_STEP_TIMEOUT_MS;
  if (timeoutMs !== null && (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs)) {
    fail(`${field}.timeoutMs`, `must be an integer from 1 to ${maxTimeoutMs}`);
  }
  return {
    id: step.id,
    kind,
    dependsOn: [...new Set(step.dependsOn ?? [])],
    config,
    when,
    retry: step.retry ? normaliseRetry(step.retry, `${field}.retry`) : null,
    timeoutMs,
    ...(item && { item }),
  };
}

/**
 * Splits a `map` step's definition config into its stored config (`{ items, concurrency }`, concurrency defaulted)
 * and its validated item step (at `<field>.step`, id `<mapId>-item`).
 * @throws {@link BadUserInputError} naming the field.
 */
function mapParts(mapId: string, config: MapDefinitionConfig, field: string): { config: Record<string, unknown>; item: StepDefinition } {
  const { items, concurrency = DEFAULT_MAP_CONCURRENCY, step } = config;
  if ((NON_ITEM_STEP_KINDS as readonly string[]).includes(step.kind)) {
    fail(`${field}.step.kind`, `the item step of a map cannot be of kind "${step.kind}"`);
  }
  return { config: { items, concurrency }, item: validateStepBody({ ...step, id: `${mapId}-item` }, `${field}.step`) };
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
  const jitter = input.jitter ?? DEFAULT_RETRY_JITTER;
  if (!Number.isFinite(jitter) || jitter < 0 || jitter > 1) fail(`${field}.jitter`, 'must be a number from 0 to 1');
  const codes = input.nonRetryableErrorCodes ?? [];
  codes.forEach((code, i) => {
    if (!(STEP_ERROR_CODES as readonly string[]).includes(code)) {
      fail(`${field}.nonRetryableErrorCodes[${i}]`, `unknown step error code "${code}"; use one of ${STEP_ERROR_CODES.join(', ')}`);
    }
  });
  return { maxAttempts, initialIntervalMs, backoffCoefficient, maxIntervalMs, jitter, nonRetryableErrorCodes: [...new Set(codes)] };
}

/**
 * A stored step's config as a definition gives it: for `map`, `{ items, concurrency, step }` with the item step
 * (`kind`, `config`, `retry`, `timeoutMs`) under `step`; for other kinds, the config itself.
 */
export function definitionConfig(step: StepDefinition): Record<string, unknown> {
  if (!step.item) return step.config;
  const { kind, retry, timeoutMs } = step.item;
  return { ...step.config, step: { kind, config: definitionConfig(step.item), retry, timeoutMs } };
}

/**
 * A step as stored by any earlier version, with the defaults of fields added since applied (`retry.jitter`); the
 * readers of stored definitions (engine, GraphQL) see every field.
 */
export function withStoredDefaults(step: StepDefinition): StepDefinition {
  const retry = step.retry && { ...step.retry, jitter: (step.retry.jitter as number | undefined) ?? DEFAULT_RETRY_JITTER };
  return { ...step, retry, ...(step.item && { item: withStoredDefaults(step.item) }) };
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
