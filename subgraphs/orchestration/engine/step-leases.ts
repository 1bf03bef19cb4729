import type { DataSource } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import { queryRows } from '../services/sql.ts';
import { STEP_LEASE_SECONDS } from './locked-run.ts';

/** How often a worker renews the leases of its running steps and sweeps expired ones, in ms. */
export const LEASE_RENEW_INTERVAL_MS = (STEP_LEASE_SECONDS * 1000) / 3;

/** A run whose steps a sweep re-queued. */
export interface RequeuedRun {
  readonly tenantId: string;
  readonly runId: string;
}

/**
 * The leases of the steps this worker executes. A claim sets `lease_expires_at` (see `LockedRun.moveStep`); while the
 * attempt runs the worker renews it every {@link LEASE_RENEW_INTERVAL_MS}; a RUNNING step whose lease expired belongs
 * to a dead process, and {@link StepLeases.sweep} puts it back to QUEUED so it runs again (attempt + 1). Several
 * worker processes can share a database: none takes a step another live one holds.
 */
export class StepLeases {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    /** Called with the runs a periodic sweep re-queued steps of (to enqueue them). */
    private readonly onRequeued: (runs: readonly RequeuedRun[]) => Promise<void>,
  ) {}

  /** Marks step run `stepRunId` as executing here; returns the function that stops renewing it. */
  hold(stepRunId: string): () => void {
    this.held.add(stepRunId);
    return () => this.held.delete(stepRunId);
  }

  /** Starts the periodic renewal and sweep. */
  start(): void {
    this.timer ??= setInterval(() => {
      this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'step lease renewal failed'));
    }, LEASE_RENEW_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer (idempotent). Leases of steps still held expire on their own. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Re-queues every RUNNING step of an active run whose lease expired (or was never set), across tenants.
   * @returns the runs concerned, each once.
   */
  async sweep(): Promise<RequeuedRun[]> {
    const rows = await queryRows<{ tenant_id: string; run_id: string }>(
      this.dataSource.manager,
      `UPDATE orchestration.step_runs s SET status = 'QUEUED', lease_expires_at = NULL
       FROM orchestration.workflow_runs r
       WHERE r.id = s.run_id AND r.tenant_id = s.tenant_id AND r.status IN ('RUNNING', 'WAITING')
         AND s.status = 'RUNNING' AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())
       RETURNING s.tenant_id, s.run_id`,
    );
    const unique = new Map(rows.map((r) => [r.run_id, { tenantId: r.tenant_id, runId: r.run_id }]));
    return [...unique.values()];
  }

  private async tick(): Promise<void> {
    if (this.held.size > 0) {
      await this.dataSource.query(
        `UPDATE orchestration.step_runs SET lease_expires_at = now() + make_interval(secs => $2)
         WHERE id = ANY($1::uuid[]) AND status = 'RUNNING'`,
        [[...this.held], STEP_LEASE_SECONDS],
      );
    }
    const requeued = await this.sweep();
    if (requeued.length > 0) await this.onRequeued(requeued);
  }
}
