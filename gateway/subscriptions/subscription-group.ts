import type { SpanContext } from '@opentelemetry/api';
import { execute, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { principalKey, type Principal } from '../../platform/auth/principal.ts';
import type { StreamedWorkflowEvent } from '../../platform/events/workflow-event-stream.ts';
import type { WorkflowEventStreamReader } from '../../platform/events/workflow-event-stream.ts';
import type { RunSelectionLoader } from './run-selection-loader.ts';
import { settleInOrder, SharedResult } from './shared-result.ts';
import { distinctLinks } from './subscription-spans.ts';
import type { WorkflowEventSubscription } from './workflow-event-subscription.ts';

/** Rendered results a group keeps for members that ask for the same events later (replays, slower chains). */
const RENDERED_KEPT = 1_000;

/** A subscriber in a group: takes the group's live events, each with its (shared) rendered result. */
export interface GroupMember {
  /** The group's next live events, in cursor order, with their results (`results[i]` is that of `events[i]`). */
  offer(events: readonly StreamedWorkflowEvent[], results: readonly SharedResult[]): void;
  /** Rendering the group's next live event failed (e.g. the run lookup was refused): the member ends with `error`. */
  fail(error: unknown): void;
  /** The member's subscribe span, when traced: the run lookups made for the group's live events link to it. */
  readonly link?: SpanContext | undefined;
}

/** Options of {@link SubscriptionGroup}. */
export interface SubscriptionGroupOptions {
  /** The operation, its variables and who subscribes: every member of the group has the same. */
  readonly subscription: WorkflowEventSubscription;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly principal: Principal;
  /** Key of the group (document, operation, variables, identity, schema); also batches run lookups with equal selections. */
  readonly key: string;
  /** The API schema the operation was validated against. */
  readonly schema: GraphQLSchema;
  readonly fanout: WorkflowEventStreamReader;
  readonly runs: RunSelectionLoader;
  /** Called when the last member left: the group stops following and must be forgotten. */
  readonly onEmpty: (group: SubscriptionGroup) => void;
}

/**
 * The subscribers of one (operation, variables, identity): they would all get the same payload for an event, so the
 * group follows the tenant's stream once, keeps the events its operation matches, and renders each event once —
 * its `run` selections fetched through the {@link RunSelectionLoader}, then the operation executed over it — and hands
 * the shared result to every member (each member still decides, by its own cursor, which events it takes).
 */
export class SubscriptionGroup {
  private readonly members = new Set<GroupMember>();
  /** Subscriptions being set up in the group (see {@link SubscriptionGroup.hold}). */
  private holds = 0;
  /** Results by cursor, oldest first (insertion order), at most {@link RENDERED_KEPT}. */
  private readonly rendered = new Map<string, Promise<SharedResult>>();
  /** Live events are handed to the members one burst after the other, each once its results are rendered. */
  private delivering: Promise<void> = Promise.resolve();
  private following: Promise<() => void> | undefined;
  private runStatusInFlight: Promise<string> | undefined;
  private readonly batchKey: string;

  constructor(private readonly o: SubscriptionGroupOptions) {
    this.batchKey = `${principalKey(o.principal)}\n${JSON.stringify(o.subscription.runQueryVariables)}\n${o.subscription.runQuery ?? ''}`;
  }

  get subscription(): WorkflowEventSubscription {
    return this.o.subscription;
  }

  get principal(): Principal {
    return this.o.principal;
  }

  /** Whether the group's operation asks for `event` (its run, or its workflow, or all of the tenant's). */
  matches(event: StreamedWorkflowEvent): boolean {
    const sub = this.o.subscription;
    return sub.field === 'workflowRunEvents' ? event.runId === sub.runId : sub.workflowId === null || event.workflowId === sub.workflowId;
  }

  /**
   * Adds a member; it is offered every matching event the tenant's stream gets once the returned promise resolves.
   * @throws when following the stream fails (Redis down); the member is then not added.
   */
  async join(member: GroupMember): Promise<void> {
    this.members.add(member);
    this.following ??= this.o.fanout.follow(this.o.principal.tenantId, (events) => this.onEvents(events));
    try {
      await this.following;
    } catch (error) {
      this.following = undefined;
      this.leave(member);
      throw error;
    }
  }

  /** Removes a member; the last one out (with no subscription being set up) stops the group's following. */
  leave(member: GroupMember): void {
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
   * The payloads of `events` (matching ones), in order: rendered once per group, then shared.
   * A rejected promise carries the error of the run lookup (e.g. FORBIDDEN).
   * @param links - the subscribe spans of the subscribers they are rendered for: the run lookups' spans link to them.
   */
  render(events: readonly StreamedWorkflowEvent[], links: readonly SpanContext[]): Promise<SharedResult>[] {
    const runQuery = this.o.subscription.runQuery;
    const runs = new Map<string, Promise<Readonly<Record<string, unknown>>>>();
    return events.map((event) => {
      let result = this.rendered.get(event.cursor);
      if (!result) {
        let run = runs.get(event.runId);
        if (!run && runQuery !== null) {
          run = this.o.runs.load({
            runId: event.runId,
            query: runQuery,
            variables: this.o.subscription.runQueryVariables,
            principal: this.o.principal,
            batchKey: this.batchKey,
            links,
          });
          runs.set(event.runId, run);
        }
        result = this.execute(event, run);
        // Marks the rejection handled here: members that await it still get it.
        result.catch(() => undefined);
        this.rendered.set(event.cursor, result);
        if (this.rendered.size > RENDERED_KEPT) this.rendered.delete(this.rendered.keys().next().value as string);
      }
      return result;
    });
  }

  /** The run's status, by `fetch`: members that subscribe at the same time share one call. */
  runStatus(fetch: () => Promise<string>): Promise<string> {
    this.runStatusInFlight ??= fetch().finally(() => {
      this.runStatusInFlight = undefined;
    });
    return this.runStatusInFlight;
  }

  /**
   * Renders the matching events, then hands them to the members of the moment they came (one await per event for the
   * whole group, none per member). A member gets the events rendered before a failed one, then the failure.
   */
  private onEvents(events: readonly StreamedWorkflowEvent[]): void {
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

  private async execute(event: StreamedWorkflowEvent, run: Promise<Readonly<Record<string, unknown>>> | undefined): Promise<SharedResult> {
    const source = run ? { ...event, ...(await run) } : event;
    const result = await execute({
      schema: this.o.schema,
      document: this.o.document,
      operationName: this.o.operationName,
      variableValues: this.o.variables,
      rootValue: { [this.o.subscription.responseKey]: source },
      fieldResolver: byResponseKey,
    });
    return new SharedResult({ ...result, extensions: { ...result.extensions, cursor: event.cursor } });
  }
}

/** Reads a field by its response key (the `run` selections were fetched under their aliases), else by its name. */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source === null || typeof source !== 'object') return undefined;
  const record = source as Record<string, unknown>;
  const key = String(info.path.key);
  return key in record ? record[key] : record[info.fieldName];
};
