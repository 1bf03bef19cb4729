/**
 * Expressions of workflow definitions: JSONata (https://docs.jsonata.org), evaluated over the
 * {@link ExpressionContext} `{ input, steps: { <stepId>: <output> }, run: { id } }`.
 *
 * - `transform` steps: `config.expression` is one JSONata expression; its value is the step's output.
 * - `when` (any step): a JSONata condition; the step is SKIPPED when its value is falsy by JSONata's `$boolean`
 *   rules (false, null, no match, 0, "", empty array or object).
 * - Templates: in other kinds' config, any string may contain `{{ expr }}`. A string that is exactly one template
 *   takes the expression's value (any JSON type: `"{{ input.count }}"` → `3`); otherwise each template's value is
 *   interpolated as text (strings as is, no match/null as "", other values as JSON).
 *
 * Only the outputs of a step's (direct or transitive) dependencies are guaranteed to be in `steps`; a skipped
 * dependency's output is `null`. Evaluation is bounded by {@link MAX_EXPRESSION_DEPTH} and
 * {@link EXPRESSION_TIMEOUT_MS}. See docs/workflow-expressions.md.
 */
import jsonata from 'jsonata';

/** What expressions are evaluated over. */
export interface ExpressionContext {
  /** The run's input (null when absent). */
  readonly input: unknown;
  /** Outputs of the step's dependencies, by step id. */
  readonly steps: Readonly<Record<string, unknown>>;
  readonly run: { readonly id: string };
  /** For an item of a `map` step: the item. */
  readonly item?: unknown;
  /** For an item of a `map` step: its index in the list (0-based). */
  readonly index?: number;
}

/** Deepest nesting of evaluation frames one expression may reach (stops runaway recursion). */
export const MAX_EXPRESSION_DEPTH = 500;
/** Longest time one expression may evaluate, in ms. */
export const EXPRESSION_TIMEOUT_MS = 1_000;

/** An expression that does not parse or fails to evaluate; `position` is the character offset, when known. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly position: number | undefined;
  constructor(message: string, position?: number) {
    super(message);
    this.position = position;
  }
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;
const WHOLE_TEMPLATE = /^\{\{([\s\S]*?)\}\}$/;

/**
 * Parses a JSONata expression.
 * @throws {@link ExpressionError} with the parser's message and position.
 */
export function parseExpression(source: string): jsonata.Expression {
  try {
    return jsonata(source);
  } catch (error) {
    throw toExpressionError(error);
  }
}

/** The sources of the `{{ expr }}` templates in `text`, in order. */
export function templatesOf(text: string): string[] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1] ?? '');
}

/**
 * Checks that every template in `text` parses.
 * @throws {@link ExpressionError} naming the template that does not.
 */
export function assertTemplatesParse(text: string): void {
  for (const source of templatesOf(text)) {
    if (source.trim() === '') throw new ExpressionError('empty template "{{ }}"');
    try {
      parseExpression(source);
    } catch (error) {
      throw new ExpressionError(`template "{{${source}}}": ${(error as Error).message}`);
    }
  }
}

/**
 * Evaluates a JSONata expression over `context`; "no match" becomes `null` and JSONata sequences plain arrays.
 * @throws {@link ExpressionError} when it does not parse, fails, or exceeds the depth or time bound.
 */
export async function evaluateExpression(source: string, context: ExpressionContext): Promise<unknown> {
  const expression = parseExpression(source);
  const deadline = Date.now() + EXPRESSION_TIMEOUT_MS;
  let depth = 0;
  expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
    depth += 1;
    if (depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(`expression nests deeper than ${MAX_EXPRESSION_DEPTH} frames`);
    if (Date.now() > deadline) throw new ExpressionError(`expression ran longer than ${EXPRESSION_TIMEOUT_MS} ms`);
  });
  expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, () => {
    depth -= 1;
  });
  try {
    return toJson(await expression.evaluate(context));
  } catch (error) {
    throw toExpressionError(error);
  }
}

/**
 * Evaluates a `when` condition with JSONata's `$boolean` rules.
 * @throws {@link ExpressionError}
 */
export async function evaluateCondition(source: string, context: ExpressionContext): Promise<boolean> {
  return jsonataBoolean(await evaluateExpression(source, context));
}

/**
 * Resolves every `{{ expr }}` template in the strings of `value` (deeply, through arrays and objects).
 * @throws {@link ExpressionError} naming the template that fails.
 */
export async function resolveTemplates(value: unknown, context: ExpressionContext): Promise<unknown> {
  if (typeof value === 'string') return resolveString(value, context);
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveTemplates(v, context)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveTemplates(v, context)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

async function resolveString(text: string, context: ExpressionContext): Promise<unknown> {
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole && templatesOf(text).length === 1) return evaluateTemplate(whole[1] ?? '', context);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(TEMPLATE)) {
    result += text.slice(last, match.index);
    result += asText(await evaluateTemplate(match[1] ?? '', context));
    last = match.index + match[0].length;
  }
  return result + text.slice(last);
}

async function evaluateTemplate(source: string, context: ExpressionContext): Promise<unknown> {
  try {
    return await evaluateExpression(source, context);
  } catch (error) {
    throw new ExpressionError(`template "{{${source}}}": ${(error as Error).message}`);
  }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** JSONata's `$boolean` casting rules, applied to an evaluated value. */
export function jsonataBoolean(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => jsonataBoolean(v));
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'string':
      return value.length > 0;
    case 'object':
      return Object.keys(value).length > 0;
    default:
      return false;
  }
}

/** Normalises a JSONata result to plain JSON (undefined → null, sequences → arrays, functions dropped). */
function toJson(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function toExpressionError(error: unknown): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const e = error as { message?: unknown; position?: unknown; code?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'invalid expression';
  return new ExpressionError(message, typeof e.position === 'number' ? e.position : undefined);
}
