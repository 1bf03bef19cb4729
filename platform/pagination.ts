import { BadUserInputError } from './errors.ts';

/** Page size when `first` is absent. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest accepted `first`. */
export const MAX_PAGE_SIZE = 100;

/** A keyset position: the sort timestamp and id of the last row of a page (newest-first order). */
export interface KeysetPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/**
 * Validates `first`: absent → `defaultSize`; outside 1..`max` → BAD_USER_INPUT.
 * @throws {@link BadUserInputError}
 */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE, defaultSize = DEFAULT_PAGE_SIZE): number {
  if (first === null || first === undefined) return defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`"first" must be between 1 and ${max}`, { field: 'first', max });
  }
  return first;
}

/** Encodes a keyset position as an opaque cursor (base64url of `<ISO time>|<id>`). */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}; `null`/`undefined` → `undefined`.
 * @throws {@link BadUserInputError} when the cursor is not one of ours.
 */
export function decodeCursor(cursor: string | null | undefined): KeysetPosition | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new BadUserInputError('"after" is not a valid cursor', { field: 'after' });
  }
  return { createdAt, id };
}
