import type { WebSocket, WebSocketServer } from 'ws';

/** Pause between two rounds of pings, at most, in ms (each round pings its share of the sockets). */
const MAX_ROUND_MS = 250;

/**
 * Keeps a WebSocket server's connections alive and drops dead ones: each socket is pinged once per `intervalMs`, and
 * one that has not answered its previous ping with a pong by then (RFC 6455 §5.5.2–5.5.3) is terminated. One timer
 * serves every socket and spreads the pings evenly over the interval — a round every `intervalMs / 10` (at most
 * {@link MAX_ROUND_MS}) pings the sockets whose turn it is — so that thousands of sockets opened at once are not
 * pinged, nor answer, in one burst, and a ping allocates no timer or listener of its own.
 */
export class WebSocketKeepAlive {
  /** Sockets in ping order (a Map keeps insertion order; deleting while iterating is safe), with "answered" flags. */
  private readonly answered = new Map<WebSocket, boolean>();
  private turn: Iterator<[WebSocket, boolean]> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly roundMs: number;
  /** Visits owed, fractional: each round adds its share, and the whole part is visited (so a few sockets are not pinged every round). */
  private owed = 0;

  /** @param intervalMs - ms between two pings of a socket (> 0). */
  constructor(
    server: WebSocketServer,
    private readonly intervalMs: number,
  ) {
    this.roundMs = Math.max(1, Math.min(MAX_ROUND_MS, intervalMs / 10));
    server.on('connection', (socket) => {
      this.answered.set(socket, true);
      socket.on('pong', () => this.answered.set(socket, true));
      socket.once('close', () => this.answered.delete(socket));
    });
    this.timer = setInterval(() => this.round(), this.roundMs);
    this.timer.unref();
  }

  /** Stops pinging. */
  close(): void {
    clearInterval(this.timer);
    this.answered.clear();
  }

  /** Pings the sockets whose turn it is: the share of one round, so that each socket comes once per interval. */
  private round(): void {
    this.owed = Math.min(this.owed + (this.answered.size * this.roundMs) / this.intervalMs, this.answered.size);
    for (; this.owed >= 1; this.owed--) {
      let next = this.turn?.next();
      if (!next || next.done) {
        this.turn = this.answered.entries();
        next = this.turn.next();
        if (next.done) return;
      }
      const [socket, answered] = next.value;
      if (!answered) {
        this.answered.delete(socket);
        socket.terminate();
        continue;
      }
      this.answered.set(socket, false);
      socket.ping();
    }
  }
}
