import type { DataSource, EntitySubscriberInterface } from 'typeorm';

/**
 * Calls `listener` after every transaction of `dataSource` commits (`dataSource.transaction(...)`, or a QueryRunner's
 * `commitTransaction`) — a TypeORM subscriber's `afterTransactionCommit`. Single statements outside a transaction are
 * not seen. `listener` must be cheap and must not throw (e.g. an outbox relay's `nudge`).
 * @returns a function that stops the calls.
 */
export function onTransactionCommit(dataSource: DataSource, listener: () => void): () => void {
  const subscriber: EntitySubscriberInterface = { afterTransactionCommit: () => listener() };
  dataSource.subscribers.push(subscriber);
  return () => {
    const index = dataSource.subscribers.indexOf(subscriber);
    if (index >= 0) dataSource.subscribers.splice(index, 1);
  };
}
