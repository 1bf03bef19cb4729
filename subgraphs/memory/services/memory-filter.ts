import { BadUserInputError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { MAX_KEY_CHARS, MAX_NAMESPACE_CHARS } from './memory-limits.ts';

/** Deepest nesting of `and`/`or`/`not`: the root filter is level 0, each `and`/`or` entry or `not` adds 1. */
export const MAX_FILTER_DEPTH = 5;
/** Most conditions in one filter, counted over all levels (see {@link compileMemoryFilter} for what counts as one). */
export const MAX_FILTER_CONDITIONS = 50;
/** Most values in one list of a filter (`tags.all`, `tags.any`, a metadata `in`). */
export const MAX_FILTER_LIST_VALUES = 100;
/** Largest value of a metadata condition (`eq`, `ne`, each `in` value, `contains`, a string `gt`…), in UTF-8 bytes of JSON (4 KiB). */
export const MAX_FILTER_VALUE_BYTES = 4_096;
/** Most segments of a metadata `path` (fewest: 1). */
export const MAX_METADATA_PATH_SEGMENTS = 8;
/** Longest segment of a metadata `path`, in characters (shortest: 1). */
export const MAX_METADATA_SEGMENT_CHARS = 100;
/** Longest tag in `tags.all` / `tags.any`, in characters (shortest: 1). */
export const MAX_TAG_CHARS = 100;
/** Longest `userId`, in characters (shortest: 1). */
export const MAX_USER_ID_CHARS = 200;
/** Alias of `memory.memory_items` when the caller gives none. */
export const DEFAULT_FILTER_ALIAS = 'm';
/** Root field name used in error paths when the caller gives none. */
export const DEFAULT_FILTER_FIELD = 'filter';

/** A time range: `from` inclusive, `to` exclusive; either may be absent. Strings are RFC 3339 (`2024-05-01T12:00:00Z`) or `YYYY-MM-DD` (UTC midnight). */
export interface TimeRangeInput {
  readonly from?: Date | string | null | undefined;
  readonly to?: Date | string | null | undefined;
}

/** Tags an item must carry: `all` of them (`tags @> …`) and/or `any` of them (`tags && …`). */
export interface TagsFilterInput {
  readonly all?: readonly string[] | null | undefined;
  readonly any?: readonly string[] | null | undefined;
}

/** One condition on the JSON value at `path` inside `metadata`; exactly one operator must be set (null = not set). */
export interface MetadataCondition {
  /** Object keys from the root of `metadata`, 1 to {@link MAX_METADATA_PATH_SEGMENTS} of them. */
  readonly path: readonly string[];
  readonly eq?: unknown;
  readonly ne?: unknown;
  readonly in?: readonly unknown[] | null | undefined;
  readonly gt?: unknown;
  readonly gte?: unknown;
  readonly lt?: unknown;
  readonly lte?: unknown;
  readonly exists?: unknown;
  readonly contains?: unknown;
}

/** The GraphQL `MemoryFilter` input as a plain object; every field given must hold; null = absent. */
export interface MemoryFilterInput {
  readonly and?: readonly MemoryFilterInput[] | null | undefined;
  readonly or?: readonly MemoryFilterInput[] | null | undefined;
  readonly not?: MemoryFilterInput | null | undefined;
  readonly namespace?: string | null | undefined;
  readonly keyPrefix?: string | null | undefined;
  readonly tags?: TagsFilterInput | null | undefined;
  readonly metadata?: readonly MetadataCondition[] | null | undefined;
  readonly createdAt?: TimeRangeInput | null | undefined;
  readonly updatedAt?: TimeRangeInput | null | undefined;
  readonly userId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  readonly sessionId?: string | null | undefined;
  readonly runId?: string | null | undefined;
}

/** Options of {@link compileMemoryFilter}. */
export interface MemoryFilterOptions {
  /** Alias of `memory.memory_items` in the caller's query; must match `/^[a-z_][a-z0-9_]*$/`. @defaultValue {@link DEFAULT_FILTER_ALIAS} */
  readonly alias?: string;
  /** Number of the first placeholder (`$n`) the filter may use; the caller's own parameters come before it. */
  readonly firstParameter: number;
  /** Name of the filter argument, the root of the `field` path in errors. @defaultValue {@link DEFAULT_FILTER_FIELD} */
  readonly field?: string;
}

/** A boolean SQL expression and the values of its placeholders `$firstParameter…`, in order. */
export interface CompiledFilter {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

type Present<T> = Exclude<T, null | undefined>;
type Operator = Exclude<keyof MetadataCondition, 'path'>;

const FILTER_KEYS = new Set<string>([
  'and',
  'or',
  'not',
  'namespace',
  'keyPrefix',
  'tags',
  'metadata',
  'createdAt',
  'updatedAt',
  'userId',
  'agentId',
  'sessionId',
  'runId',
]);
const OPERATORS: readonly Operator[] = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains'];
const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const SCOPES = { agentId: 'agent_id', sessionId: 'session_id', runId: 'run_id' } as const;
const ALIAS = /^[a-z_][a-z0-9_]*$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
/** `\u0000` in JSON text, i.e. not preceded by an odd number of backslashes. */
const JSON_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * Compiles a memory filter into a parameterised boolean SQL expression over `memory.memory_items` (aliased `alias`),
 * for a `WHERE` clause: `SELECT … FROM memory.memory_items m WHERE m.tenant_id = $1 AND ${sql}`. Values are only
 * ever placeholders (`$n::type`); the SQL text holds nothing from the input but the checked alias.
 *
 * Semantics: every field of one object must hold; `and` all, `or` any, `not` negates (an item the inner filter does
 * not match, including because a value is missing or NULL, matches `not`). `namespace` and `userId` are equalities;
 * `keyPrefix` is `key LIKE 'prefix%'` with `%`, `_`, `\` escaped (left-anchored, so a btree on key serves it under
 * the C collation or `text_pattern_ops`); `agentId`/`sessionId`/`runId` that are not UUIDs match nothing (`FALSE`).
 * Metadata operators on the JSON value at `path` (segments are object keys):
 * - `eq` — containment `metadata @> {"a":{"b":v}}` (a GIN index on metadata serves it); for an object or array `v`
 *   the value must also be exactly equal. JSON `null` cannot be written as `eq` (null = absent): use `in: [null]`.
 * - `ne` — NOT `eq`: matches items where the path is absent, NULL metadata, or a different value.
 * - `in` — any `eq` of the listed values.
 * - `gt`/`gte`/`lt`/`lte` — a number compares with JSON numbers only (as numeric), a string with JSON strings only
 *   (by code point, `COLLATE "C"`, so ISO-8601 timestamps order by time); values of another JSON type never match
 *   and never raise.
 * - `exists` — whether the path is present (a JSON `null` there counts as present).
 * - `contains` — `metadata #> path @> v`: an object `v` is contained in the object at path, an array `v` in the
 *   array at path (all its elements); a scalar `v` is wrapped as `[v]`, so it matches arrays holding it (not an
 *   equal scalar: use `eq` for that).
 *
 * Conditions counted against {@link MAX_FILTER_CONDITIONS}: `namespace`, `keyPrefix`, `tags.all`, `tags.any`, each
 * metadata condition, `createdAt`, `updatedAt`, `userId`, `agentId`, `sessionId`, `runId` (1 each).
 *
 * @param filter - the filter; absent, null or `{}` at the root compiles to `TRUE` (no parameters).
 * @returns the expression and its parameters, numbered from `options.firstParameter`.
 * @throws {@link BadUserInputError} with `details.field` naming the offending part (`filter.and[1].metadata[0].gt`):
 *   an empty object or list inside the filter, more than {@link MAX_FILTER_DEPTH} levels, more than
 *   {@link MAX_FILTER_CONDITIONS} conditions, a list over {@link MAX_FILTER_LIST_VALUES} values, a value over
 *   {@link MAX_FILTER_VALUE_BYTES}, a bad length, U+0000 in a string, an invalid date or a range with `from` after
 *   `to`, a metadata condition without exactly one operator, an unknown field.
 * @throws Error when `options.alias` is not a plain lower-case SQL identifier (a programming error, not user input).
 */
export function compileMemoryFilter(filter: MemoryFilterInput | null | undefined, options: MemoryFilterOptions): CompiledFilter {
  const alias = options.alias ?? DEFAULT_FILTER_ALIAS;
  if (!ALIAS.test(alias)) throw new Error(`compileMemoryFilter: alias ${JSON.stringify(alias)} is not a plain SQL identifier`);
  const state: CompileState = { alias, firstParameter: options.firstParameter, parameters: [], conditions: 0 };
  const field = options.field ?? DEFAULT_FILTER_FIELD;
  if (filter === null || filter === undefined || Object.values(filter).every((value) => value === null || value === undefined)) {
    return { sql: 'TRUE', parameters: [] };
  }
  const sql = compileObject(state, filter, field, 0);
  return { sql, parameters: Object.freeze(state.parameters) };
}

interface CompileState {
  readonly alias: string;
  readonly firstParameter: number;
  readonly parameters: unknown[];
  conditions: number;
}

function compileObject(state: CompileState, filter: MemoryFilterInput, field: string, depth: number): string {
  if (depth > MAX_FILTER_DEPTH) fail(field, `"${field}" nests deeper than ${MAX_FILTER_DEPTH} levels of and/or/not`, { max: MAX_FILTER_DEPTH });
  const parts: string[] = [];
  const col = (name: string): string => `${state.alias}.${name}`;
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (!FILTER_KEYS.has(key)) fail(`${field}.${key}`, `"${field}.${key}" is not a filter field`);
  }
  const { and, or, not, namespace, keyPrefix, tags, metadata, createdAt, updatedAt, userId } = filter;
  if (and != null) parts.push(junction(state, and, `${field}.and`, depth, ' AND '));
  if (or != null) parts.push(junction(state, or, `${field}.or`, depth, ' OR '));
  if (not != null) parts.push(`NOT COALESCE(${compileObject(state, not, `${field}.not`, depth + 1)}, FALSE)`);
  if (namespace != null) {
    count(state, `${field}.namespace`);
    checkText(`${field}.namespace`, namespace, 1, MAX_NAMESPACE_CHARS);
    parts.push(`${col('namespace')} = ${param(state, namespace, 'text')}`);
  }
  if (keyPrefix != null) {
    count(state, `${field}.keyPrefix`);
    checkText(`${field}.keyPrefix`, keyPrefix, 1, MAX_KEY_CHARS);
    parts.push(`${col('key')} LIKE ${param(state, `${keyPrefix.replace(/[\\%_]/g, '\\$&')}%`, 'text')} ESCAPE '\\'`);
  }
  if (tags != null) parts.push(...compileTags(state, tags, `${field}.tags`));
  if (metadata != null) {
    checkList(`${field}.metadata`, metadata);
    metadata.forEach((condition, i) => parts.push(compileMetadata(state, condition, `${field}.metadata[${i}]`)));
  }
  if (createdAt != null) parts.push(compileRange(state, createdAt, `${field}.createdAt`, col('created_at')));
  if (updatedAt != null) parts.push(compileRange(state, updatedAt, `${field}.updatedAt`, col('updated_at')));
  if (userId != null) {
    count(state, `${field}.userId`);
    checkText(`${field}.userId`, userId, 1, MAX_USER_ID_CHARS);
    parts.push(`${col('user_id')} = ${param(state, userId, 'text')}`);
  }
  for (const [key, column] of Object.entries(SCOPES) as [keyof typeof SCOPES, string][]) {
    const id = filter[key];
    if (id === null || id === undefined) continue;
    count(state, `${field}.${key}`);
    parts.push(isUuid(id) ? `${col(column)} = ${param(state, id.toLowerCase(), 'uuid')}` : 'FALSE');
  }
  if (parts.length === 0) fail(field, `"${field}" must set at least one condition`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

function junction(state: CompileState, filters: readonly MemoryFilterInput[], field: string, depth: number, separator: string): string {
  checkList(field, filters);
  const parts = filters.map((inner, i) => compileObject(state, inner, `${field}[${i}]`, depth + 1));
  return parts.length === 1 ? parts[0]! : `(${parts.join(separator)})`;
}

function compileTags(state: CompileState, tags: TagsFilterInput, field: string): string[] {
  const parts: string[] = [];
  for (const [key, operator] of [
    ['all', '@>'],
    ['any', '&&'],
  ] as const) {
    const list = tags[key];
    if (list === null || list === undefined) continue;
    count(state, `${field}.${key}`);
    checkList(`${field}.${key}`, list, MAX_FILTER_LIST_VALUES);
    list.forEach((tag, i) => checkText(`${field}.${key}[${i}]`, tag, 1, MAX_TAG_CHARS));
    parts.push(`${state.alias}.tags ${operator} ${param(state, [...list], 'text[]')}`);
  }
  if (parts.length === 0) fail(field, `"${field}" must set "all" or "any"`);
  return parts;
}

function compileRange(state: CompileState, range: TimeRangeInput, field: string, column: string): string {
  count(state, field);
  const from = range.from == null ? null : parseInstant(`${field}.from`, range.from);
  const to = range.to == null ? null : parseInstant(`${field}.to`, range.to);
  if (from === null && to === null) fail(field, `"${field}" must set "from" or "to"`);
  if (from !== null && to !== null && from.getTime() > to.getTime()) fail(field, `"${field}.from" must not be after "${field}.to"`);
  const parts: string[] = [];
  if (from !== null) parts.push(`${column} >= ${param(state, from.toISOString(), 'timestamptz')}`);
  if (to !== null) parts.push(`${column} < ${param(state, to.toISOString(), 'timestamptz')}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

function compileMetadata(state: CompileState, condition: MetadataCondition, field: string): string {
  count(state, field);
  for (const key of Object.keys(condition)) {
    if (key !== 'path' && !OPERATORS.includes(key as Operator)) fail(`${field}.${key}`, `"${field}.${key}" is not a metadata operator`);
  }
  const set = OPERATORS.filter((operator) => condition[operator] !== null && condition[operator] !== undefined);
  if (set.length !== 1) fail(field, `"${field}" must set exactly one operator of ${OPERATORS.join(', ')} (got ${set.length})`);
  const operator = set[0]!;
  const path = checkPath(`${field}.path`, condition.path);
  const value = condition[operator] as Present<MetadataCondition[Operator]>;
  const at = `${field}.${operator}`;
  const target = (): string => `${state.alias}.metadata #> ${param(state, path, 'text[]')}`;
  switch (operator) {
    case 'eq':
      return equality(state, path, checkJson(at, value));
    case 'ne':
      return `NOT COALESCE(${equality(state, path, checkJson(at, value))}, FALSE)`;
    case 'in': {
      const values = value as readonly unknown[];
      checkList(at, values, MAX_FILTER_LIST_VALUES);
      const parts = values.map((inner, i) => equality(state, path, checkJson(`${at}[${i}]`, inner ?? null)));
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sign = COMPARISONS[operator];
      const pathParameter = param(state, path, 'text[]');
      const typed = `jsonb_typeof(${state.alias}.metadata #> ${pathParameter})`;
      const text = `${state.alias}.metadata #>> ${pathParameter}`;
      if (typeof value === 'number' && Number.isFinite(value)) {
        return `CASE WHEN ${typed} = 'number' THEN (${text})::numeric ${sign} ${param(state, String(value), 'numeric')} END`;
      }
      if (typeof value === 'string') {
        checkJson(at, value);
        return `CASE WHEN ${typed} = 'string' THEN (${text}) COLLATE "C" ${sign} ${param(state, value, 'text')} END`;
      }
      return fail(at, `"${at}" must be a finite number or a string`);
    }
    case 'exists':
      if (typeof value !== 'boolean') fail(at, `"${at}" must be a boolean`);
      return `${target()} IS ${value ? 'NOT ' : ''}NULL`;
    case 'contains': {
      const json = checkJson(at, value);
      const wrapped = json !== null && typeof json === 'object' ? json : [json];
      return `${target()} @> ${param(state, JSON.stringify(wrapped), 'jsonb')}`;
    }
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}

/** Equality of the JSON at `path` with `value`: containment (GIN-friendly), exact for objects and arrays. */
function equality(state: CompileState, path: readonly string[], value: unknown): string {
  const nested = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const containment = `${state.alias}.metadata @> ${param(state, JSON.stringify(nested), 'jsonb')}`;
  if (value === null || typeof value !== 'object') return containment;
  return `(${containment} AND ${state.alias}.metadata #> ${param(state, [...path], 'text[]')} = ${param(state, JSON.stringify(value), 'jsonb')})`;
}

function param(state: CompileState, value: unknown, cast: string): string {
  state.parameters.push(value);
  return `$${state.firstParameter + state.parameters.length - 1}::${cast}`;
}

function count(state: CompileState, field: string): void {
  state.conditions += 1;
  if (state.conditions > MAX_FILTER_CONDITIONS) {
    fail(field, `the filter must hold at most ${MAX_FILTER_CONDITIONS} conditions ("${field}" is one more)`, { max: MAX_FILTER_CONDITIONS });
  }
}

function checkList(field: string, list: readonly unknown[], max?: number): void {
  if (list.length === 0) fail(field, `"${field}" must not be empty`);
  if (max !== undefined && list.length > max) fail(field, `"${field}" must hold at most ${max} values (got ${list.length})`, { max });
}

function checkText(field: string, value: string, min: number, max: number): void {
  if (typeof value !== 'string' || value.length < min || value.length > max) fail(field, `"${field}" must be ${min} to ${max} characters long`, { max });
  if (value.includes('\u0000')) fail(field, `"${field}" must not contain the NUL character (U+0000)`);
}

function checkPath(field: string, path: readonly string[]): string[] {
  if (!Array.isArray(path) || path.length < 1 || path.length > MAX_METADATA_PATH_SEGMENTS) {
    fail(field, `"${field}" must hold 1 to ${MAX_METADATA_PATH_SEGMENTS} segments`, { max: MAX_METADATA_PATH_SEGMENTS });
  }
  path.forEach((segment, i) => checkText(`${field}[${i}]`, segment, 1, MAX_METADATA_SEGMENT_CHARS));
  return [...path];
}

/** Returns `value` after checking that it is JSON of at most {@link MAX_FILTER_VALUE_BYTES} without U+0000. */
function checkJson(field: string, value: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) fail(field, `"${field}" must be a JSON value`);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_FILTER_VALUE_BYTES) {
    fail(field, `"${field}" must be at most ${MAX_FILTER_VALUE_BYTES} bytes of JSON (got ${bytes})`, { maxBytes: MAX_FILTER_VALUE_BYTES });
  }
  if (JSON_NUL.test(json)) fail(field, `"${field}" must not contain the NUL character (U+0000)`);
  return JSON.parse(json) as unknown;
}

/** Parses an instant: a valid `Date`, an RFC 3339 date-time with offset, or `YYYY-MM-DD` (UTC midnight). */
function parseInstant(field: string, value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(field, `"${field}" is not a valid date`);
    return value;
  }
  const match = DATE_TIME.exec(value);
  const date = new Date(value);
  if (!match || Number.isNaN(date.getTime())) fail(field, `"${field}" must be an RFC 3339 date-time (e.g. 2024-05-01T12:00:00Z)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) fail(field, `"${field}" is not a valid date`);
  return date;
}

function fail(field: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new BadUserInputError(message, { field, ...extra });
}
