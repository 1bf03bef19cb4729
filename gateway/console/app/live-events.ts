// Following a subscription of events from a cursor: each event applied once, in cursor order (a replay's or a
// reconnection's repeats ignored), and after a failure a new subscription from the last cursor seen.
import { subscribe } from './console-api.ts';
import { isAfter, type Cursored } from './event-cursor.ts';

/** The state of a page's live connection. */
export type LiveState = 'connecting' | 'live' | 'ended' | 'error';

/** Delay before subscribing again after the subscription failed, in ms. */
const RESUBSCRIBE_DELAY_MS = 2000;

/** What {@link followEvents} subscribes to and whom it tells. */
export interface FollowOptions<TEvent extends Cursored> {
  /** The subscription document; its data has the event under `field`. */
  readonly query: string;
  readonly field: string;
  /** Its variables, resuming after cursor `after` (`'0'`: from the first event). */
  readonly variables: (after: string) => Record<string, unknown>;
  /** The last cursor already read (undefined: none). */
  readonly after: string | undefined;
  /** Called once per event newer than every event before it. */
  readonly onEvent: (event: TEvent) => void;
  readonly onLive: (state: LiveState, detail?: string) => void;
  /** When it holds, a failed subscription is not renewed (e.g. the run has ended). @defaultValue never */
  readonly done?: () => boolean;
}

/** A followed subscription: the last cursor seen, and `stop()`. */
export interface Following {
  readonly lastCursor: () => string | undefined;
  readonly stop: () => void;
}

/** Subscribes after `options.after` and keeps following until `stop()`. */
export function followEvents<TEvent extends Cursored>(options: FollowOptions<TEvent>): Following {
  let lastCursor = options.after;
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const listen = (): void => {
    options.onLive('connecting');
    unsubscribe = subscribe<Record<string, TEvent>>(options.query, options.variables(lastCursor ?? '0'), {
      next: (data) => {
        const event = data[options.field];
        if (stopped || !event) return;
        options.onLive('live');
        if (!isAfter(event.cursor, lastCursor)) return;
        lastCursor = event.cursor;
        options.onEvent(event);
      },
      error: (error) => {
        if (stopped) return;
        options.onLive('error', error.message);
        if (!options.done?.()) retry = setTimeout(listen, RESUBSCRIBE_DELAY_MS);
      },
      complete: () => !stopped && options.onLive('ended'),
    });
    // The subscription gives no sign before its first event (a waiting run sends none for a while).
    options.onLive('live');
  };
  listen();
  return {
    lastCursor: () => lastCursor,
    stop: () => {
      stopped = true;
      clearTimeout(retry);
      unsubscribe?.();
    },
  };
}
