import { requireScope } from '../../platform/auth/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { pageSize } from '../../platform/pagination.ts';
import { scalarResolvers } from '../../platform/scalars.ts';
import { entityReference } from '../../platform/subgraph/entity-reference.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import { orchestrationLoaders, type LoaderServices } from './loaders.ts';
import { parseEventCursor } from '../../platform/events/outbox-cursors.ts';
import { eventsOfTenant } from './services/workflow-events.ts';
import { definitionConfig, type StepDefinition } from './services/step-definition.ts';
import type { WorkflowEngine } from './engine/workflow-engine.ts';

/** What the resolvers call. */
export interface ResolverServices extends LoaderServices {
  readonly engine: WorkflowEngine;
}

const read = (ctx: SubgraphContext): void => requireScope(ctx.principal, 'workflows:read');
const write = (ctx: SubgraphContext): void => requireScope(ctx.principal, 'workflows:write');

/** Resolvers of the orchestration subgraph: scope checks and argument mapping; the logic is in services and engine. */
export function createResolvers(s: ResolverServices): Resolvers {
  const loaders = (ctx: SubgraphContext) => orchestrationLoaders(ctx, s);
  return {
    ...scalarResolvers,
    Query: {
      agent: (_, { id }, ctx) => (read(ctx), loaders(ctx).agent().load(id)),
      workflow: (_, { id, version }, ctx) => {
        read(ctx);
        return version === null || version === undefined ? loaders(ctx).workflow().load(id) : s.workflows.byVersion(ctx.principal.tenantId, id, version);
      },
      workflowRun: (_, { id }, ctx) => (read(ctx), loaders(ctx).run().load(id)),
      workflowRuns: (_, { filter, first, after }, ctx) => (read(ctx), s.runs.list(ctx.principal.tenantId, filter, first, after)),
      workflowEvents: (_, { workflowId, after, first }, ctx) => (read(ctx), eventsOfTenant(s.dataSource, ctx.principal.tenantId, { workflowId, after, first })),
    },
    Mutation: {
      registerAgent: (_, { input }, ctx) => (write(ctx), s.agents.register(ctx.principal.tenantId, input)),
      createWorkflow: (_, { input }, ctx) => (write(ctx), s.workflows.create(ctx.principal.tenantId, input)),
      updateWorkflow: (_, { id, input }, ctx) => (write(ctx), s.workflows.update(ctx.principal.tenantId, id, input)),
      startWorkflowRun: (_, { input }, ctx) => (write(ctx), s.engine.start(ctx.principal.tenantId, input)),
      cancelWorkflowRun: (_, { id }, ctx) => (write(ctx), s.engine.cancel(ctx.principal.tenantId, id)),
      signalWorkflowRun: (_, { id, name, payload }, ctx) => (write(ctx), s.engine.signal(ctx.principal.tenantId, id, name, payload)),
    },
    Agent: {
      __resolveReference: (ref, ctx) => (read(ctx), loaders(ctx).agent().load(ref.id)),
    },
    Workflow: {
      __resolveReference: (ref, ctx) => (read(ctx), loaders(ctx).workflow().load(ref.id)),
      runs: (workflow, { first }, ctx) =>
        loaders(ctx)
          .runsOfWorkflow()
          .load({ parentId: workflow.id, first: pageSize(first) }),
    },
    WorkflowRun: {
      __resolveReference: (ref, ctx) => (read(ctx), loaders(ctx).run().load(ref.id)),
      workflow: async (run, _, ctx) => {
        const workflow = await loaders(ctx).workflow().load(run.workflowId);
        if (!workflow) throw new NotFoundError(`Workflow "${run.workflowId}" not found`);
        return workflow;
      },
      // An entity reference: the session subgraph resolves its fields.
      session: (run) => entityReference('Session', run.sessionId),
      steps: (run, _, ctx) => loaders(ctx).stepsOfRun().load(run.id),
      events: (run, { after }, ctx) =>
        loaders(ctx)
          .eventsOfRun()
          .load({ runId: run.id, after: parseEventCursor(after) }),
    },
    StepDefinition: {
      // The item step of a `map` is kept beside its config; shown where the definition gave it.
      config: (step) => definitionConfig(step as StepDefinition),
    },
    StepRun: {
      attempts: (step, _, ctx) => loaders(ctx).attemptsOfStep().load(step.id),
      items: (step, _, ctx) => (step.kind === 'map' ? loaders(ctx).itemsOfStep().load({ runId: step.runId, parentStepId: step.stepId }) : []),
      durationMs: (step) => (step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null),
      routingDecision: (step) => entityReference('RoutingDecision', step.routingDecisionId),
    },
    WorkflowEvent: {
      run: async (event, _, ctx) => {
        const run = await loaders(ctx).run().load(event.runId);
        if (!run) throw new NotFoundError(`Workflow run "${event.runId}" not found`);
        return run;
      },
    },
    Session: {
      runs: (session, { first }, ctx) => (
        read(ctx),
        loaders(ctx)
          .runsOfSession()
          .load({ parentId: session.id, first: pageSize(first) })
      ),
    },
  };
}
