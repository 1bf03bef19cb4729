import { BadUserInputError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID (any version). Ids of Orchestra rows are UUIDs; other strings name no row. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Asserts that a string is between `min` and `max` characters long.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertLength(field: string, value: string, max: number, min = 0): void {
  if (value.length < min || value.length > max) {
    throw new BadUserInputError(min > 0 ? `"${field}" must be ${min} to ${max} characters long` : `"${field}" must be at most ${max} characters long`, {
      field,
      max,
    });
  }
}

/**
 * Asserts that the JSON encoding of `value` is at most `maxBytes` UTF-8 bytes.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertJsonSize(field: string, value: unknown, maxBytes: number): void {
  if (value === undefined || value === null) return;
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > maxBytes) {
    throw new BadUserInputError(`"${field}" must be at most ${maxBytes} bytes of JSON (got ${bytes})`, { field, maxBytes });
  }
}

/**
 * Asserts that an optional id is a UUID.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertUuid(field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && !isUuid(value)) {
    throw new BadUserInputError(`"${field}" is not a valid id`, { field });
  }
}

/**
 * Asserts that a number is an integer in [min, max].
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertIntRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`"${field}" must be an integer from ${min} to ${max}`, { field, min, max });
  }
}
