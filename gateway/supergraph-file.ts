import { readFile, stat } from 'node:fs/promises';
import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../platform/logger.ts';

/** Options of {@link SupergraphFile}. */
export interface SupergraphFileOptions {
  /** The supergraph SDL file (`config.supergraphPath`). */
  readonly path: string;
  /**
   * How often the file is checked for a new supergraph, in ms (its modification time and size; read again only when
   * they change); 0 = never: the supergraph of the start is kept.
   */
  readonly pollIntervalMs: number;
  readonly logger: Logger;
}

/**
 * The gateway's supergraph, from a file, hot-reloaded (as Apollo Router's `--hot-reload` does) when `pollIntervalMs`
 * is set: a new file content is handed to the gateway, which plans new operations against it; operations in flight and
 * open subscriptions keep going. A content the gateway rejects (invalid SDL) is logged and the current one kept.
 * @throws at `initialize` when the file is missing or unreadable.
 */
export class SupergraphFile implements SupergraphManager {
  private timer: NodeJS.Timeout | undefined;
  private version = '';
  private current = '';

  constructor(private readonly o: SupergraphFileOptions) {}

  initialize: SupergraphSdlHook = async ({ update }) => {
    this.version = await this.fileVersion();
    this.current = await readFile(this.o.path, 'utf8');
    if (this.o.pollIntervalMs > 0) {
      let checking = false;
      this.timer = setInterval(() => {
        if (checking) return;
        checking = true;
        this.reload(update).finally(() => {
          checking = false;
        });
      }, this.o.pollIntervalMs);
      this.timer.unref();
    }
    return {
      supergraphSdl: this.current,
      cleanup: async () => {
        if (this.timer) clearInterval(this.timer);
      },
    };
  };

  private async reload(update: (sdl: string) => void): Promise<void> {
    try {
      const version = await this.fileVersion();
      if (version === this.version) return;
      this.version = version;
      const sdl = await readFile(this.o.path, 'utf8');
      if (sdl === this.current) return;
      update(sdl);
      this.current = sdl;
      this.o.logger.info({ supergraph: this.o.path }, 'supergraph reloaded');
    } catch (error) {
      this.o.logger.error({ err: error, supergraph: this.o.path }, 'supergraph reload failed; the current supergraph stays');
    }
  }

  private async fileVersion(): Promise<string> {
    const info = await stat(this.o.path);
    return `${info.mtimeMs}:${info.size}`;
  }
}
