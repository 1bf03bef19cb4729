import { createHash } from 'node:crypto';
import type { Redis } from '../redis/redis-client.ts';
import {
  eventNotificationChannel,
  eventStreamKey,
  MAX_NOTIFIED_EVENTS_BYTES,
  type EventStreamName,
  type EventStreamWriter,
  type StreamedEvent,
} from './event-stream.ts';

/**
 * Appends entries to stream KEYS[1], trimmed to about ARGV[1] entries, skipping every entry whose id is not greater
 * than the stream's last generated id (which trimming does not lower); if it added any, publishes on channel ARGV[2]
 * the readers' notification (`EventNotification`, in the same round trip): `[ARGV[3], {"tenant":ARGV[3],"events":[…]}]`
 * with the entries added when their JSON takes at most ARGV[4] bytes, else `[ARGV[3]]` (ARGV[3] is the tenant id as a
 * JSON string). ARGV[5], ARGV[6], … are pairs of entry id (`<cursor>-0`, cursors ascending) and field `e`. Ids are
 * compared as decimal strings: cursors exceed Lua's exact integers. Returns the number of entries added.
 */
const APPEND_NEWER = `local top = '0'
if redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then top = string.match(info[i + 1], '^(%d+)') end
  end
end
local added = {}
local bytes = 0
for i = 5, #ARGV, 2 do
  local ms = string.match(ARGV[i], '^(%d+)')
  if #ms > #top or (#ms == #top and ms > top) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], ARGV[i], 'e', ARGV[i + 1])
    top = ms
    added[#added + 1] = ARGV[i + 1]
    bytes = bytes + #ARGV[i + 1]
  end
end
if #added > 0 then
  if bytes <= tonumber(ARGV[4]) then
    redis.call('PUBLISH', ARGV[2], '[' .. ARGV[3] .. ',{"tenant":' .. ARGV[3] .. ',"events":[' .. table.concat(added, ',') .. ']}]')
  else
    redis.call('PUBLISH', ARGV[2], '[' .. ARGV[3] .. ']')
  end
end
return #added`;
const APPEND_NEWER_SHA = createHash('sha1').update(APPEND_NEWER).digest('hex');

/** Options of {@link RedisEventStreamWriter}. */
export interface RedisEventStreamWriterOptions {
  /** Client the streams are written to; not closed by the writer. */
  readonly redis: Redis;
  /** Which kind of event stream (`events`: workflow events, `session-events`: session events). */
  readonly stream: EventStreamName;
  /** Prefix of every Redis key and channel (`config.redis.keyPrefix`). */
  readonly keyPrefix: string;
  /** Entries kept per tenant stream, approximately (`XADD MAXLEN ~`; `config.events.streamMaxLength`). */
  readonly maxLength: number;
}

/**
 * The Redis stream's writer: appends to `<keyPrefix><stream>:<tenantId>` (entry id `<cursor>-0`, field `e`) and
 * announces on {@link eventNotificationChannel} in the same round trip (one Lua script, so concurrent relays neither
 * duplicate nor reorder entries). Read by the gateway's `EventFanout`.
 */
export class RedisEventStreamWriter<E extends StreamedEvent> implements EventStreamWriter<E> {
  constructor(private readonly o: RedisEventStreamWriterOptions) {}

  async append(tenantId: string, events: readonly E[]): Promise<number> {
    if (events.length === 0) return 0;
    const args: (string | number)[] = [
      this.o.maxLength,
      eventNotificationChannel(this.o.keyPrefix, this.o.stream),
      JSON.stringify(tenantId),
      MAX_NOTIFIED_EVENTS_BYTES,
    ];
    for (const event of events) args.push(`${event.cursor}-0`, JSON.stringify(event));
    const key = eventStreamKey(this.o.keyPrefix, tenantId, this.o.stream);
    try {
      return Number(await this.o.redis.evalsha(APPEND_NEWER_SHA, 1, key, ...args));
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return Number(await this.o.redis.eval(APPEND_NEWER, 1, key, ...args));
    }
  }
}
