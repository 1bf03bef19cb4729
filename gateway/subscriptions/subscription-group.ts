import type { SpanContext } from '@opentelemetry/api';
import type { Principal } from '../../platform/auth/principal.ts';
import type { StreamedEvent } from '../../platform/events/event-stream.ts';
import type { EventFeed, FeedOperation, FeedSubscription } from './event-feed.ts';
import { settleInOrder, type SharedResult } from './shared-result.ts';
import { distinctLinks } from './subscription-spans.ts';

/** Rendered results a group keeps for members that ask for the same events later (replays, slower chains). */
const RENDERED_KEPT = 1_000;

/** A subscriber in a group: takes the group's live events, each with its (shared) rendered result. */
export interface GroupMember<E extends StreamedEvent> {
  /** The group's next live events, in cursor order, with their results (`results[i]` is that of `events[i]`). */
  offer(events: readonly E[], results: readonly SharedResult[]): void;
  /** Rendering the group's next live event failed (e.g. the run lookup was refused): the member ends with `error`. */
  fail(error: unknown): void;
  /** The member's subscribe span, when traced: the run lookups made for the group's live events link to it. */
  readonly link?: SpanContext | undefined;
}

/** Options of {@link SubscriptionGroup}. */
export interface SubscriptionGroupOptions<E extends StreamedEvent, S extends FeedSubscription> extends FeedOperation<S> {
  /** The feed of the operation's root field: its stream, which events match, how they render. */
  readonly feed: EventFeed<E, S>;
  /** Called when the last member left: the group stops following and must be forgotten. */
  readonly onEmpty: (group: SubscriptionGroup<E, S>) => void;
}

/**
 * The subscribers of one (operation, variables, identity): they would all get the same payload for an event, so the
 * group follows the tenant's stream once, keeps the events its operation matches, and renders each event once (by
 * its feed: `EventFeed.render`) and hands the shared result to every member (each member still decides, by its own
 * cursor, which events it takes).
 */
export class SubscriptionGroup<E extends StreamedEvent, S extends FeedSubscription> {
  private readonly members = new Set<GroupMember<E>>();
  /** Subscriptions being set up in the group (see {@link SubscriptionGroup.hold}). */
  private holds = 0;
  /** Results by cursor, oldest first (insertion order), at most {@link RENDERED_KEPT}. */
  private readonly rendered = new Map<string, Promise<SharedResult>>();
  /** Live events are handed to the members one burst after the other, each once its results are rendered. */
  private delivering: Promise<void> = Promise.resolve();
  private following: Promise<() => void> | undefined;
  private openInFlight: Promise<'open' | 'ended'> | undefined;

  constructor(private readonly o: SubscriptionGroupOptions<E, S>) {}

  get subscription(): S {
    return this.o.subscription;
  }

  get principal(): Principal {
    return this.o.principal;
  }

  get feed(): EventFeed<E, S> {
    return this.o.feed;
  }

  /** Whether the group's operation asks for `event` (`EventFeed.matches`). */
  matches(event: E): boolean {
    return this.o.feed.matches(this.o.subscription, event);
  }

  /**
   * Adds a member; it is offered every matching event the tenant's stream gets once the returned promise resolves.
   * @throws when following the stream fails (Redis down); the member is then not added.
   */
  async join(member: GroupMember<E>): Promise<void> {
    this.members.add(member);
    this.following ??= this.o.feed.reader.follow(this.o.principal.tenantId, (events) => this.onEvents(events));
    try {
      await this.following;
    } catch (error) {
      this.following = undefined;
      this.leave(member);
      throw error;
    }
  }

  /** Removes a member; the last one out (with no subscription being set up) stops the group's following. */
  leave(member: GroupMember<E>): void {
    if (this.members.delete(member)) this.closeIfEmpty();
  }

  /**
   * Keeps the group while a subscription is being set up in it (checks, replay), until the returned function is
   * called: a group that no member joins is then forgotten.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.closeIfEmpty();
    };
  }

  private closeIfEmpty(): void {
    if (this.members.size > 0 || this.holds > 0) return;
    const following = this.following;
    this.following = undefined;
    void following?.then(
      (unfollow) => unfollow(),
      () => undefined,
    );
    this.o.onEmpty(this);
  }

  /**
   * The payloads of `events` (matching ones, in order; see `EventFeed.render`): rendered once per group, then shared.
   * A rejected promise carries the error of the rendering (e.g. FORBIDDEN of a lookup).
   * @param links - the subscribe spans of the subscribers they are rendered for: the lookups' spans link to them.
   */
  render(events: readonly E[], links: readonly SpanContext[]): Promise<SharedResult>[] {
    const results = new Map<string, Promise<SharedResult>>();
    for (const event of events) {
      const rendered = this.rendered.get(event.cursor);
      if (rendered) results.set(event.cursor, rendered);
    }
    const firstMissing = events.findIndex((event) => !results.has(event.cursor));
    if (firstMissing >= 0) {
      let lastMissing = events.length - 1;
      while (results.has((events[lastMissing] as E).cursor)) lastMissing--;
      // The feed gets a contiguous run of the matching events (those rendered already in between included), as it expects.
      const span = events.slice(firstMissing, lastMissing + 1);
      const fresh = this.o.feed.render(this.o, span, links);
      span.forEach((event, i) => {
        const result = fresh[i] as Promise<SharedResult>;
        // Marks the rejection handled here: members that await it still get it.
        result.catch(() => undefined);
        if (results.has(event.cursor)) return;
        results.set(event.cursor, result);
        this.rendered.set(event.cursor, result);
        if (this.rendered.size > RENDERED_KEPT) this.rendered.delete(this.rendered.keys().next().value as string);
      });
    }
    return events.map((event) => results.get(event.cursor) as Promise<SharedResult>);
  }

  /** Whether anything will come (`EventFeed.open`): members that subscribe at the same time share one call. */
  open(): Promise<'open' | 'ended'> {
    this.openInFlight ??= this.o.feed.open(this.o.subscription, this.o.principal).finally(() => {
      this.openInFlight = undefined;
    });
    return this.openInFlight;
  }

  /**
   * Renders the matching events, then hands them to the members of the moment they came (one await per event for the
   * whole group, none per member). A member gets the events rendered before a failed one, then the failure.
   */
  private onEvents(events: readonly E[]): void {
    const matching = events.filter((e) => this.matches(e));
    if (matching.length === 0 || this.members.size === 0) return;
    const members = [...this.members];
    const pending = this.render(matching, distinctLinks(members.map((m) => m.link)));
    this.delivering = this.delivering.then(async () => {
      const { items, results, failure } = await settleInOrder(matching, pending);
      for (const member of members) {
        try {
          if (results.length > 0) member.offer(items, results);
          if (failure) member.fail(failure.error);
        } catch (error) {
          member.fail(error);
        }
      }
    });
  }
}
