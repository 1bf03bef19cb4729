import type { InProcessEventStreams } from '../events/in-process-event-stream.ts';
import type { Router } from 'express';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { OrchestraConfig, SubgraphName } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Redis } from '../redis/redis-client.ts';
import type { RowExpiry } from '../events/entity-change-relay.ts';

/** Redis connections a process shares with its subgraphs; absent in embedded mode. */
export interface RedisConnections {
  /** Commands (GET/SET/PUBLISH/...). */
  readonly client: Redis;
  /** A connection in subscriber mode, for pub/sub listeners. */
  readonly subscriber: Redis;
}

/** What a subgraph gets from the process that runs it. */
export interface SubgraphDependencies {
  readonly config: OrchestraConfig;
  /** The subgraph's own DataSource, migrated, on its own Postgres schema. */
  readonly dataSource: DataSource;
  readonly redis: RedisConnections | undefined;
  readonly logger: Logger;
  /**
   * Publishes the subgraph's committed entity changes now (its entity-change relay's flush,
   * platform/events/entity-change-relay.ts): what the orchestration subgraph awaits before it publishes workflow
   * events, so that a client that saw an event never gets a cached response older than the writes behind it.
   * @throws what the flush threw (the changes stay logged for the next pass).
   */
  readonly publishEntityChanges: () => Promise<void>;
  /**
   * Without Redis, when this process's gateway reads them (embedded mode): the in-process event streams the outbox
   * relays publish to (the orchestration subgraph's workflow events, the session subgraph's session events). Absent
   * otherwise.
   */
  readonly eventStreams?: InProcessEventStreams | undefined;
}

/**
 * Mounts a subgraph's own HTTP routes (besides `/graphql`, e.g. the routing subgraph's OpenAI-compatible `/v1/*`) on
 * `router`. Every request reaching them carries a verified internal token, exactly as `/graphql` does; a handler reads
 * the caller with `routeContextOf(res)` (subgraph-server.ts). The routes parse their own bodies and answer their own
 * errors (a request without a valid internal token never reaches them: HTTP 401 `UNAUTHENTICATED`).
 */
export type SubgraphRoutes = (router: Router) => void;

/** A subgraph built from its dependencies: resolvers, plus optional HTTP routes and background work (e.g. workers). */
export interface SubgraphRuntime {
  /** Resolvers typed by the subgraph's generated `Resolvers` type (codegen), with `__resolveReference`s. */
  readonly resolvers: object;
  /** HTTP routes served next to `/graphql`, behind the same internal-token authentication. @defaultValue none */
  readonly routes?: SubgraphRoutes;
  /** Starts background work after the server listens. */
  start?(): Promise<void>;
  /** Stops background work (idempotent); called before the DataSource closes. */
  close?(): Promise<void>;
}

/**
 * The static description of one subgraph: its name (= its Postgres schema and its SDL file `schema/<name>.graphql`),
 * its TypeORM entities and migrations, and a factory of its runtime.
 */
export interface SubgraphDefinition {
  readonly name: SubgraphName;
  readonly entities: MixedList<EntitySchema>;
  readonly migrations: MixedList<new () => unknown>;
  /**
   * Timestamp columns whose passing changes what the API returns without a write (a memory's expiry): the response
   * cache learns of them as of writes (platform/events/entity-change-relay.ts). @defaultValue none
   */
  readonly expiries?: readonly RowExpiry[];
  create(dependencies: SubgraphDependencies): Promise<SubgraphRuntime>;
}
