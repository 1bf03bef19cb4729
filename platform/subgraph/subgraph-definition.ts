import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { OrchestraConfig, SubgraphName } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Redis } from '../redis/redis-client.ts';

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
}

/** A subgraph built from its dependencies: resolvers, plus optional background work (e.g. workers). */
export interface SubgraphRuntime {
  /** Resolvers typed by the subgraph's generated `Resolvers` type (codegen), with `__resolveReference`s. */
  readonly resolvers: object;
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
  create(dependencies: SubgraphDependencies): Promise<SubgraphRuntime>;
}
