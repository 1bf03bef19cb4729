import type { ExecutionResult } from 'graphql';

/**
 * One event's GraphQL result, shared by every subscriber it goes to (a {@link SubscriptionGroup} renders each event
 * once): serialised to JSON, and encoded to UTF-8, at most once, however many transports write it.
 */
export class SharedResult {
  private text: string | undefined;
  private bytes: Buffer | undefined;

  constructor(readonly value: ExecutionResult) {}

  /** The result as JSON text (GraphQL errors in their spec form, through `GraphQLError.toJSON`), computed once. */
  json(): string {
    this.text ??= JSON.stringify(this.value);
    return this.text;
  }

  /** {@link SharedResult.json} encoded as UTF-8, computed once: what a transport copies into its frames. */
  utf8(): Buffer {
    this.bytes ??= Buffer.from(this.json());
    return this.bytes;
  }
}

/** What {@link settleInOrder} gives: the items rendered before the first failure, their results, and that failure. */
export interface Settled<T> {
  /** The first items of those given, as many as `results`. */
  readonly items: readonly T[];
  readonly results: readonly SharedResult[];
  readonly failure: { readonly error: unknown } | undefined;
}

/**
 * Awaits the results of `items` (`pending[i]` is that of `items[i]`) in order, up to the first failure (the rendering
 * of later ones is not waited for).
 */
export async function settleInOrder<T>(items: readonly T[], pending: readonly Promise<SharedResult>[]): Promise<Settled<T>> {
  const results: SharedResult[] = [];
  for (const result of pending) {
    try {
      results.push(await result);
    } catch (error) {
      return { items: items.slice(0, results.length), results, failure: { error } };
    }
  }
  return { items, results, failure: undefined };
}
