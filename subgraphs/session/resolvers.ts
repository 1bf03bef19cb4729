import { requireScope } from '../../platform/auth/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { scalarResolvers } from '../../platform/scalars.ts';
import { entityReference } from '../../platform/subgraph/entity-reference.ts';
import type { ApiKeyService } from './services/api-key-service.ts';
import type { SessionEventService } from './services/session-events.ts';
import type { TranscriptSearchService } from './services/transcript-search-service.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import {
  analyticsBySession,
  botStateHistoryBySession,
  participantHistoryBySession,
  presenceOfEvent,
  presentParticipantsBySession,
  segmentById,
  sessionById,
  transcriptBySession,
  translationsBySegment,
  type SessionLoaderServices,
} from './loaders.ts';

/**
 * Resolvers of the session subgraph: scope checks and argument mapping only; the services own the logic.
 * Reads need `sessions:read`, writes `sessions:write`; API keys need only authentication (ApiKeyService decides).
 */
export function createSessionResolvers(
  services: SessionLoaderServices & {
    readonly apiKeys: ApiKeyService;
    readonly transcriptSearch: TranscriptSearchService;
    readonly events: SessionEventService;
  },
): Resolvers {
  return {
    ...scalarResolvers,
    Query: {
      apiKeys: (_parent, _args, ctx) => services.apiKeys.list(ctx.principal),
      session: (_parent, { id }, ctx) => {
        requireScope(ctx.principal, 'sessions:read');
        return services.sessions.find(ctx.principal.tenantId, id);
      },
      sessions: (_parent, { first, after }, ctx) => {
        requireScope(ctx.principal, 'sessions:read');
        return services.sessions.list(ctx.principal.tenantId, first, after);
      },
      searchTranscripts: (_parent, args, ctx) => {
        requireScope(ctx.principal, 'sessions:read');
        return services.transcriptSearch.search(ctx.principal.tenantId, args);
      },
    },
    Mutation: {
      createApiKey: (_parent, { input }, ctx) => services.apiKeys.create(ctx.principal, input),
      revokeApiKey: (_parent, { id }, ctx) => services.apiKeys.revoke(ctx.principal, id),
      startSession: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.sessions.start(ctx.principal.tenantId, input);
      },
      endSession: (_parent, { id }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.sessions.end(ctx.principal.tenantId, id);
      },
      appendTranscript: (_parent, { sessionId, segments }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.transcripts.append(ctx.principal.tenantId, sessionId, segments);
      },
      addTranslation: (_parent, { segmentId, language, text }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.transcripts.addTranslation(ctx.principal.tenantId, segmentId, language, text);
      },
      joinSession: (_parent, { sessionId, participant }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.participants.join(ctx.principal.tenantId, sessionId, participant);
      },
      leaveSession: (_parent, { sessionId, participantId }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.participants.leave(ctx.principal.tenantId, sessionId, participantId);
      },
      changeBotState: (_parent, { sessionId, state, reason }, ctx) => {
        requireScope(ctx.principal, 'sessions:write');
        return services.bots.change(ctx.principal.tenantId, sessionId, state, reason);
      },
    },
    Session: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'sessions:read');
        return sessionById(ctx, services).load(reference.id);
      },
      transcript: (session, _args, ctx) => transcriptBySession(ctx, services).load(session.id),
      participants: (session, _args, ctx) => presentParticipantsBySession(ctx, services).load(session.id),
      participantHistory: (session, _args, ctx) => participantHistoryBySession(ctx, services).load(session.id),
      botStateHistory: (session, _args, ctx) => (session.kind === 'BOT' ? botStateHistoryBySession(ctx, services).load(session.id) : []),
      analytics: (session, _args, ctx) => analyticsBySession(ctx, services).load(session.id),
      onEnd: (session) =>
        session.endWorkflowId === null
          ? null
          : { workflowId: session.endWorkflowId, input: session.endWorkflowInput ?? {}, includeTranscript: session.endWorkflowTranscript },
      endRun: (session) => entityReference('WorkflowRun', session.endRunId),
      endRunError: (session) => session.endRunError,
      events: (session, { after, first }, ctx) => services.events.eventsOf(ctx.principal.tenantId, session.id, after, first),
    },
    SessionEvent: {
      segment: (event, _args, ctx) => (event.segmentId === null ? null : segmentById(ctx, services).load(event.segmentId)),
      participant: (event, _args, ctx) =>
        event.participantId === null
          ? null
          : presenceOfEvent(ctx, services).load({
              presenceId: event.presenceId,
              sessionId: event.sessionId,
              participantKey: event.participantId,
              at: event.at,
            }),
      botStateChange: (event) => services.bots.changeOf(event),
      run: (event) => entityReference('WorkflowRun', services.events.runIdOf(event)),
      session: async (event, _args, ctx) => {
        const session = await sessionById(ctx, services).load(event.sessionId);
        if (!session) throw new NotFoundError(`Session ${event.sessionId} not found`, { id: event.sessionId });
        return session;
      },
    },
    Participant: {
      id: (participant) => participant.participantKey,
    },
    TranscriptSegment: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'sessions:read');
        return segmentById(ctx, services).load(reference.id);
      },
      translations: (segment, _args, ctx) => translationsBySegment(ctx, services).load(segment.id),
    },
  };
}
