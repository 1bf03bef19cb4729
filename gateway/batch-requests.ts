import type { NextFunction, Request, Response } from 'express';
import { BatchingNotEnabledError, BatchLimitExceededError } from '../platform/errors.ts';

/** Options of {@link createBatchRequests}. */
export interface BatchRequestsOptions {
  /** Whether batches are served (`GATEWAY_BATCHING`; Apollo Server's `allowBatchedHttpRequests` must match). */
  readonly enabled: boolean;
  /** Most operations in one batch (`MAX_BATCH_OPERATIONS`). */
  readonly maxOperations: number;
  /** Counts one refused batch (the `batch` limit of the refusal metric). @defaultValue none */
  readonly onRefused?: (() => void) | undefined;
}

/**
 * The `/graphql` route's check of batched requests — a `POST` whose JSON body is an array of operations, which Apollo
 * Server executes each on its own and answers with an array — after body parsing and before anything reads the
 * operations: with batching off, a batch is refused with BATCHING_NOT_ENABLED (400); on, one of more than
 * `maxOperations` with BATCH_LIMIT_EXCEEDED (400, `extensions.limit`), none executed. Every operation of an admitted
 * batch still meets the operation limits. A batch is never answered from the response cache (it holds single
 * operations: its hit path and middleware let an array body through).
 */
export function createBatchRequests(options: BatchRequestsOptions) {
  const { enabled, maxOperations, onRefused } = options;
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (req.method !== 'POST' || !Array.isArray(body)) return next();
    if (!enabled) {
      onRefused?.();
      return next(new BatchingNotEnabledError('Batched requests are not enabled on this gateway: send one operation per request'));
    }
    if (body.length > maxOperations) {
      onRefused?.();
      return next(
        new BatchLimitExceededError(`Batch limit of ${maxOperations} operations exceeded, found ${body.length}: split the batch`, {
          limit: { name: 'batch', max: maxOperations },
        }),
      );
    }
    next();
  };
}
