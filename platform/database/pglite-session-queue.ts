import type { PGlite } from '@electric-sql/pglite';

/**
 * The query queue behind the embedded Postgres socket: many `pg` connections, one PGlite session.
 *
 * `@electric-sql/pglite-socket` hands each protocol message of each connection to this queue one at a time. Its own
 * queue only keeps a connection's messages together inside a transaction; between transactions it interleaves the
 * messages of an extended-query cycle (Parse, Bind, Describe, Execute … Sync — PostgreSQL protocol §55.2.3) with
 * other connections' messages, and a Bind then meets another connection's unnamed statement ("bind message supplies
 * 2 parameters, but prepared statement "" requires 6"). This queue gives the session to one connection from its first
 * message until the session is idle again: after a Sync or a simple Query ('S', 'Q') outside a transaction. Other
 * connections' messages wait, in arrival order.
 *
 * Implements the `queryQueue` option of `PGLiteSocketHandler` (its public options type).
 */
export class PGliteSessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  /** The connection that holds the session (mid extended-query cycle or in a transaction), if any. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  /** Queues one protocol message of connection `handlerId`; resolves with the bytes answered once it ran. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  /** Drops the queued messages of a closed connection. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i];
      if (item?.handlerId === handlerId) {
        this.queue.splice(i, 1);
        item.reject(new Error('connection closed'));
      }
    }
  }

  /** Releases the session held by a closed connection, rolling back its open transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.process();
  }

  /** Queued messages (for diagnostics). */
  getQueueLength(): number {
    return this.queue.length;
  }

  private next(): QueuedMessage | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        this.owner = this.db.isInTransaction() || !endsCycle(current.message) ? current.handlerId : null;
      }
    } finally {
      this.processing = false;
    }
  }
}

interface QueuedMessage {
  readonly handlerId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  readonly resolve: (bytes: number) => void;
  readonly reject: (error: unknown) => void;
}

/** Message types after which the session is idle unless a transaction is open: Sync, Query, Terminate. */
const CYCLE_END = new Set(['S', 'Q', 'X']);

/** Whether `message` ends a protocol cycle; the startup message (no type byte, starts with its length) does too. */
function endsCycle(message: Uint8Array): boolean {
  const first = message[0] ?? 0;
  return first === 0 || CYCLE_END.has(String.fromCharCode(first));
}
