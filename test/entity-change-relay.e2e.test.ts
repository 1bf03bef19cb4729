import type { MigrationInterface, QueryRunner, DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { createEntityChangeLogSql, logEntityChangesOncePerTransactionSql } from '../platform/database/entity-change-log.ts';
import { EntityChangeRelay } from '../platform/events/entity-change-relay.ts';
import { InProcessEntityVersions, type EntityVersions } from '../platform/events/entity-versions.ts';
import { createLogger } from '../platform/logger.ts';
import { loadConfig } from '../platform/config.ts';
import { createScratchDatabase } from './kit/database.ts';

/** A schema of one logged table, `scratch.things`, with an expiry column. */
class ScratchThings1700000000000 implements MigrationInterface {
  name = 'ScratchThings1700000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE scratch.things (id serial PRIMARY KEY, tenant_id text NOT NULL, name text, expires_at timestamptz)`);
    for (const statement of [...createEntityChangeLogSql('scratch', ['things']), ...logEntityChangesOncePerTransactionSql('scratch')]) {
      await queryRunner.query(statement);
    }
  }
  async down(): Promise<void> {}
}

const logger = createLogger(loadConfig({ LOG_LEVEL: 'silent' }), 'entity-change-relay-test');

describe('entity-change log and relay (over the real database, or an embedded one)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  beforeAll(async () => {
    scratch = await createScratchDatabase('entity_changes');
    dataSource = await createSubgraphDataSource({ url: scratch.url, schema: 'scratch', entities: [], migrations: [ScratchThings1700000000000], poolSize: 4 });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const logged = async (): Promise<string[]> =>
    ((await dataSource.query(`SELECT tenant_id FROM scratch.entity_changes ORDER BY id`)) as { tenant_id: string }[]).map((r) => r.tenant_id);
  const relayOver = (versions: EntityVersions) =>
    new EntityChangeRelay({ dataSource, subgraph: 'scratch', versions, intervalMs: 60_000, logger, expiries: [{ table: 'things', column: 'expires_at' }] });

  it('logs each committed statement once per tenant (a bulk write is one row), and nothing for a rolled-back one', async () => {
    await dataSource.query(`DELETE FROM scratch.entity_changes`);
    await dataSource.query(`INSERT INTO scratch.things (tenant_id, name) SELECT 't1', 'n' || g FROM generate_series(1, 50) g`);
    expect(await logged()).toEqual(['t1']);
    await dataSource.query(`UPDATE scratch.things SET name = 'x' WHERE tenant_id = 't1' AND id % 2 = 0`);
    await dataSource.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('t2', 'a'), ('t3', 'b')`);
    await dataSource.query(`DELETE FROM scratch.things WHERE tenant_id = 't2'`);
    expect((await logged()).sort()).toEqual(['t1', 't1', 't2', 't2', 't3']);
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('rolled-back', 'a')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await logged()).not.toContain('rolled-back');
  });

  it('logs a tenant once per transaction however many statements wrote for it, and a rolled-back savepoint takes its row with it', async () => {
    await dataSource.query(`DELETE FROM scratch.entity_changes`);
    await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('u1', 'a')`);
      await manager.query(`UPDATE scratch.things SET name = 'b' WHERE tenant_id = 'u1'`);
      await manager.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('u2', 'a'), ('u1', 'c')`);
      await manager.query(`DELETE FROM scratch.things WHERE tenant_id = 'u1' AND name = 'c'`);
    });
    expect((await logged()).sort()).toEqual(['u1', 'u2']);
    await dataSource.query(`DELETE FROM scratch.entity_changes`);
    await dataSource.transaction(async (manager) => {
      await manager.query(`SAVEPOINT s`);
      await manager.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('u3', 'a')`);
      await manager.query(`ROLLBACK TO SAVEPOINT s`);
      await manager.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('u3', 'b')`);
    });
    expect(await logged()).toEqual(['u3']);
  });

  it('raises each logged tenant’s version once per flush, empties the log, and keeps it when raising fails', async () => {
    await dataSource.query(`DELETE FROM scratch.entity_changes`);
    await dataSource.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ('a', '1'), ('b', '2')`);
    await dataSource.query(`UPDATE scratch.things SET name = '3' WHERE tenant_id = 'a'`);
    const failing: EntityVersions = { read: async () => [], raise: async () => Promise.reject(new Error('redis is down')) };
    const broken = relayOver(failing);
    await expect(broken.flush()).rejects.toThrow('redis is down');
    expect((await logged()).sort()).toEqual(['a', 'a', 'b']);
    await broken.close();

    const versions = new InProcessEntityVersions();
    const relay = relayOver(versions);
    await relay.flush();
    expect(await logged()).toEqual([]);
    expect(await versions.read('a', ['scratch', 'other'])).toEqual([1, 0]);
    expect(await versions.read('b', ['scratch'])).toEqual([1]);
    // Nothing new: nothing raised.
    await relay.flush();
    expect(await versions.read('a', ['scratch'])).toEqual([1]);
    await relay.close();
  });

  it('flushes that arrive together share passes, and every change committed before a flush is published when it resolves', async () => {
    const versions = new InProcessEntityVersions();
    const relay = relayOver(versions);
    await relay.flush();
    const writes = Array.from({ length: 20 }, (_, i) =>
      dataSource.query(`INSERT INTO scratch.things (tenant_id, name) VALUES ($1, 'x')`, [`c${i}`]).then(() => relay.flush()),
    );
    await Promise.all(writes);
    for (let i = 0; i < 20; i++) expect(await versions.read(`c${i}`, ['scratch'])).toEqual([1]);
    await relay.close();
  });

  it('raises a tenant’s version when one of its rows expires, though nothing was written then', async () => {
    const versions = new InProcessEntityVersions();
    const relay = relayOver(versions);
    await relay.flush();
    await dataSource.query(`INSERT INTO scratch.things (tenant_id, name, expires_at) VALUES ('expiring', 'x', now() + interval '300 milliseconds')`);
    await relay.flush();
    expect(await versions.read('expiring', ['scratch'])).toEqual([1]); // the insert
    await new Promise((resolve) => setTimeout(resolve, 400));
    await relay.flush();
    expect(await versions.read('expiring', ['scratch'])).toEqual([2]); // the expiry
    await relay.flush();
    expect(await versions.read('expiring', ['scratch'])).toEqual([2]); // once
    await relay.close();
  });
});
