import { readFile } from 'node:fs/promises';
import WebSocket from 'ws';

/** Kernel clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;
/** Longest wait for the inspector's answer, in ms. */
const INSPECTOR_TIMEOUT_MS = 30_000;

/** Resident set size of process `pid` (`VmRSS` of `/proc/<pid>/status`), in KB. */
export async function residentSetKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** CPU time (user + system) process `pid` has used so far, from `/proc/<pid>/stat`, in seconds. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** CPU time the whole machine has spent busy (all CPUs; `/proc/stat` minus idle and iowait), in seconds. */
export async function machineBusySeconds(): Promise<number> {
  const stat = await readFile('/proc/stat', 'utf8');
  const fields = (/^cpu\s+(.*)$/m.exec(stat)?.[1] ?? '').split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (fields[i] ?? 0), 0);
  return busy / CLOCK_TICKS_PER_SECOND;
}

/** Most files process `pid` may have open (soft limit, "Max open files" of `/proc/<pid>/limits`). */
export async function openFileLimit(pid: number | 'self'): Promise<number> {
  const limits = await readFile(`/proc/${pid}/limits`, 'utf8');
  const match = /^Max open files\s+(\S+)/m.exec(limits);
  return match?.[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match?.[1] ?? Number.NaN);
}

/** A Chrome DevTools Protocol session with a Node process's inspector. */
export interface InspectorSession {
  /** Sends `method` with `params`; @returns its result. @throws its error, or when no answer came in time. */
  call<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

/**
 * Opens a session with the inspector of the Node process listening on `127.0.0.1:<inspectPort>` (started with
 * `--inspect=127.0.0.1:<inspectPort>`), over its first target's WebSocket.
 */
export async function openInspector(inspectPort: number): Promise<InspectorSession> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl?: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectPort}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => resolve());
  });
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (message: Buffer) => {
    const answer = JSON.parse(message.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    const call = answer.id === undefined ? undefined : pending.get(answer.id);
    if (!call || answer.id === undefined) return;
    pending.delete(answer.id);
    if (answer.error) call.reject(new Error(`inspector: ${answer.error.message}`));
    else call.resolve(answer.result);
  });
  let nextId = 1;
  return {
    call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the inspector did not answer ${method}`));
        }, INSPECTOR_TIMEOUT_MS);
        pending.set(id, {
          resolve: (result) => {
            clearTimeout(timer);
            resolve(result as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close() {
      socket.close();
    },
  };
}

/**
 * Runs a full garbage collection in the Node process whose inspector listens on `127.0.0.1:<inspectPort>`: Chrome
 * DevTools Protocol `HeapProfiler.collectGarbage`, over a session opened for it and closed after.
 */
export async function collectGarbage(inspectPort: number): Promise<void> {
  const session = await openInspector(inspectPort);
  try {
    await session.call('HeapProfiler.collectGarbage');
  } finally {
    session.close();
  }
}
