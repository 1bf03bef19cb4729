import type { ExecutionResult } from 'graphql';

/**
 * One event's GraphQL result, shared by every subscriber it goes to (a {@link SubscriptionGroup} renders each event
 * once): serialised to JSON at most once, however many transports write it.
 */
export class SharedResult {
  private text: string | undefined;

  constructor(readonly value: ExecutionResult) {}

  /** The result as JSON text (GraphQL errors in their spec form, through `GraphQLError.toJSON`), computed once. */
  json(): string {
    this.text ??= JSON.stringify(this.value);
    return this.text;
  }
}

/**
 * Awaits `pending` results in order. @returns those rendered before the first failure, and that failure if any (the
 * rendering of later ones is not waited for).
 */
export async function settleInOrder(pending: readonly Promise<SharedResult>[]): Promise<{ results: SharedResult[]; failure: { readonly error: unknown } | undefined }> {
  const results: SharedResult[] = [];
  for (const result of pending) {
    try {
      results.push(await result);
    } catch (error) {
      return { results, failure: { error } };
    }
  }
  return { results, failure: undefined };
}
