import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:net';

/**
 * Ports are drawn below Linux's default ephemeral range (32768–60999), so that outgoing connections and servers on
 * port 0 — which the kernel numbers from that range — cannot take a port between its reservation and its use.
 */
const RANGE = { from: 20_000, to: 32_000 } as const;
const MAX_TRIES = 200;

/**
 * Reserves `count` distinct free loopback ports (bound together, then released) for servers started right after.
 * A port another test process picked at the same moment is possible but rare; callers retry on EADDRINUSE.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let tries = 0; ports.length < count; tries++) {
      if (tries > MAX_TRIES) throw new Error(`no ${count} free ports found in ${RANGE.from}–${RANGE.to}`);
      const port = randomInt(RANGE.from, RANGE.to);
      if (ports.includes(port)) continue;
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (!bound) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
