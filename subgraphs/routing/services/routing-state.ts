import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { DEFAULT_GROUP_STRATEGY, ModelGroupSchema, type ModelGroupStrategy } from '../entities/model-group.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { RouterSettings } from '../entities/router-settings.ts';
import type { ModelService } from './model-service.ts';
import type { QualityEvidence } from './quality-bandit.ts';
import type { RouterSettingsService } from './router-settings-service.ts';
import type { RoutingStateVersions } from './routing-state-version.ts';
import { TaskQualityStore } from './task-quality-store.ts';

/**
 * What the router reads of one tenant to route a call, as of one version (routing-state-version.ts): loaded from
 * Postgres once, then shared by the tenant's calls until it changes or ages out.
 */
export interface RoutingState {
  readonly tenantId: string;
  /** Its fallbacks, limits and budgets (defaults when it saved none). */
  readonly settings: RouterSettings;
  /** Its enabled models, by name. Their `latencyMs` and `successRate` may be up to {@link RoutingStateOptions.maxAgeMs} old. */
  readonly models: readonly ModelProfile[];
  /** The strategy of group `name` ({@link DEFAULT_GROUP_STRATEGY} when none is stored). */
  strategyOf(groupName: string): ModelGroupStrategy;
  /** The quality evidence of task type key `taskType` (quality-bandit.ts `taskTypeKey`) by model id; loaded once per state. */
  evidence(taskType: string): Promise<ReadonlyMap<string, QualityEvidence>>;
}

/** Options of {@link RoutingStateCache}. */
export interface RoutingStateOptions {
  /**
   * Longest a state is used, in ms, even when its version did not move: the bound on how old the deployments'
   * latency and success rate (moved by every call's outcome, which does not change the version) may be.
   * @defaultValue 1000
   */
  readonly maxAgeMs?: number;
  /** Most tenants whose state is kept (least recently used ones go first). @defaultValue 10000 */
  readonly maxTenants?: number;
  /** The clock, in ms. @defaultValue performance.now */
  readonly now?: () => number;
}

/** A loaded state and what it was loaded as. */
interface Entry {
  readonly version: string;
  readonly loadedAtMs: number;
  readonly state: Promise<RoutingState>;
}

/**
 * The router's per-tenant state in memory, so a completion reads Postgres zero times instead of five (settings,
 * enabled models twice, a group's strategy, quality evidence). Each read asks the tenant's version (one Redis `GET`
 * with Redis); a state is reused while its version holds and it is younger than `maxAgeMs`. Every change of what it
 * holds — `upsertModel`, `upsertModelGroup`, `updateRouterSettings`, `recordRoutingOutcome` — bumps the version
 * after it commits, so the next call on any instance sees it (LiteLLM instead re-reads its model list every few
 * seconds and routes on stale deployments meanwhile). Concurrent reads of one version share one load.
 */
export class RoutingStateCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly taskQuality: TaskQualityStore;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: RoutingStateVersions,
    private readonly models: Pick<ModelService, 'listEnabled'>,
    private readonly settings: Pick<RouterSettingsService, 'get'>,
    options: RoutingStateOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.maxTenants ?? 10_000 });
    this.taskQuality = new TaskQualityStore(dataSource);
    this.maxAgeMs = options.maxAgeMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The tenant's current state. @throws what Postgres or Redis throw while loading it (nothing is kept then). */
  async get(tenantId: string): Promise<RoutingState> {
    const version = await this.versions.current(tenantId);
    const now = this.now();
    const entry = this.entries.get(tenantId);
    if (entry && entry.version === version && now - entry.loadedAtMs < this.maxAgeMs) return entry.state;
    const state = this.load(tenantId);
    const loaded: Entry = { version, loadedAtMs: now, state };
    this.entries.set(tenantId, loaded);
    state.catch(() => {
      if (this.entries.peek(tenantId) === loaded) this.entries.delete(tenantId);
    });
    return state;
  }

  private async load(tenantId: string): Promise<RoutingState> {
    const [settings, models, groups] = await Promise.all([
      this.settings.get(tenantId),
      this.models.listEnabled(tenantId),
      this.dataSource.getRepository(ModelGroupSchema).findBy({ tenantId }),
    ]);
    const strategies = new Map(groups.map((g) => [g.name, g.strategy]));
    const modelIds = models.map((m) => m.id);
    const evidence = new Map<string, Promise<ReadonlyMap<string, QualityEvidence>>>();
    return {
      tenantId,
      settings,
      models,
      strategyOf: (groupName) => strategies.get(groupName) ?? DEFAULT_GROUP_STRATEGY,
      evidence: (taskType) => {
        let loaded = evidence.get(taskType);
        if (!loaded) {
          loaded = this.taskQuality.evidence(tenantId, taskType, modelIds);
          evidence.set(taskType, loaded);
          loaded.catch(() => evidence.delete(taskType));
        }
        return loaded;
      },
    };
  }
}
