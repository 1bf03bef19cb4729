/**
 * The V8 heap setting of every process that serves the gateway: its old generation is collected in full only once it
 * holds {@link GATEWAY_OLD_SPACE_FLOOR_MB} (`--initial-old-space-size`, which V8 keeps as the floor of the limit that
 * starts a full collection — the JVM's `-Xms`), not whenever it grew about 10 % past the last live size (V8's default).
 *
 * Why: a gateway's live heap is mostly its subscribers (about 12 KB each: 10,000 hold about 200 MB). With V8's default,
 * at 10,000 deliveries/s the old generation reaches its limit every 5–10 s, and each full collection marks the whole
 * live heap — about 400 ms of a core, on V8's helper threads and in steps on the main thread — during which, on a
 * 2-core machine, delivery latency rose from tens of ms to 150–400 ms (`npm run bench -- subscriptions`: p99 167–250
 * ms; with the floor, no full collection in the measured window). With the floor, the same load runs a full
 * collection every few minutes, each as long as before. The cost is memory: the gateway's RSS may reach the floor
 * plus what the allocator keeps before the first full collection frees it.
 *
 * The flag must be on the node command line (Node refuses it in `NODE_OPTIONS`, and V8 reads it once, when the heap is
 * created): the `start` and `serve` npm scripts and the Docker image's entrypoint pass it (to every service they start,
 * where it only matters for the gateway); `bin/orchestra.ts` warns when a process serves the gateway without it.
 */
export const GATEWAY_OLD_SPACE_FLOOR_MB = 512;

/** Node options that apply {@link GATEWAY_OLD_SPACE_FLOOR_MB}. */
export const GATEWAY_NODE_OPTIONS: readonly string[] = [`--initial-old-space-size=${GATEWAY_OLD_SPACE_FLOOR_MB}`];

/** Whether a process started with `execArgv` (default: this one's) sets the old-generation floor, to any size. */
export function setsOldSpaceFloor(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((option) => option.startsWith('--initial-old-space-size=') || option.startsWith('--initial_old_space_size='));
}
