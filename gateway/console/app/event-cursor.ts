// Events applied once each, in cursor order: the console reads a list of events, then subscribes after the last
// cursor read; anything at or before the last cursor seen (a replay, a reconnection's repeat) is ignored.

/** Something with an event cursor (a decimal integer as a string). */
export interface Cursored {
  readonly cursor: string;
}

/** Whether cursor `a` comes after cursor `b` (undefined `b`: nothing seen yet). */
export function isAfter(a: string, b: string | undefined): boolean {
  return b === undefined || BigInt(a) > BigInt(b);
}

/** `events` with `event` appended when it is newer than the last of them; the same array otherwise. */
export function appendEvent<T extends Cursored>(events: readonly T[], event: T): readonly T[] {
  return isAfter(event.cursor, events.at(-1)?.cursor) ? [...events, event] : events;
}
