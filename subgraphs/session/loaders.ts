import type DataLoader from 'dataloader';
import { groupByKeys, pickByKeys } from '../../platform/loaders.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { Participant } from './entities/participant.ts';
import type { Session } from './entities/session.ts';
import type { TranscriptSegment } from './entities/transcript-segment.ts';
import type { Translation } from './entities/translation.ts';
import type { BotStateChange, BotStateService } from './services/bot-state-service.ts';
import type { ParticipantService, PresenceRequest } from './services/participant-service.ts';
import { emptyAnalytics, type SessionAnalytics, type SessionAnalyticsService } from './services/session-analytics.ts';
import type { SessionService } from './services/session-service.ts';
import type { TranscriptService } from './services/transcript-service.ts';

/** The services the session loaders read through. */
export interface SessionLoaderServices {
  readonly sessions: SessionService;
  readonly transcripts: TranscriptService;
  readonly participants: ParticipantService;
  readonly bots: BotStateService;
  readonly analytics: SessionAnalyticsService;
}

/**
 * The request's loader of sessions by id (for `__resolveReference`): one statement per batch, null for ids that are
 * not sessions of the caller's tenant.
 */
export function sessionById(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, Session | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.byId:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(ids, await services.sessions.findMany(tenantId, ids), (s) => s.id),
  );
}

/** The request's loader of transcript segments by id (for `__resolveReference`), null for ids that are not the tenant's. */
export function segmentById(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, TranscriptSegment | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.segmentById:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(ids, await services.transcripts.findSegments(tenantId, ids), (s) => s.id),
  );
}

/** The request's loader of a session's transcript (segments in sequence order), by session id. */
export function transcriptBySession(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, TranscriptSegment[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.transcript:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.transcripts.segmentsOf(tenantId, ids), (s) => s.sessionId),
  );
}

/** The request's loader of a segment's translations (by language), by segment id. */
export function translationsBySegment(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, Translation[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.translations:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.transcripts.translationsOf(tenantId, ids), (t) => t.segmentId),
  );
}

/** The request's loader of the participants present in a session now, in join order, by session id. */
export function presentParticipantsBySession(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, Participant[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.participants:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.participants.participantsOf(tenantId, ids, true), (p) => p.sessionId),
  );
}

/** The request's loader of a session's participant history (every join, with its leave), in join order, by session id. */
export function participantHistoryBySession(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, Participant[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.participantHistory:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.participants.participantsOf(tenantId, ids, false), (p) => p.sessionId),
  );
}

/** The request's loader of a session's bot state changes, oldest first, by session id. */
export function botStateHistoryBySession(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, BotStateChange[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.botStateHistory:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.bots.historyOf(tenantId, ids), (c) => c.sessionId),
  );
}

/** The request's loader of a session's transcript analytics, by session id (zeros for a session without segments). */
export function analyticsBySession(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<string, SessionAnalytics> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.analytics:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(ids, await services.analytics.analyticsOf(tenantId, ids), (a) => a.sessionId).map((a, i) => a ?? emptyAnalytics(ids[i] ?? '')),
  );
}

/**
 * The request's loader of the presences participant events are about (see `ParticipantService.presencesOf`), by
 * request: null for events whose presence is not the tenant's.
 */
export function presenceOfEvent(ctx: SubgraphContext, services: SessionLoaderServices): DataLoader<PresenceRequest, Participant | null, string> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`session.presence:${tenantId}`, (requests: readonly PresenceRequest[]) => services.participants.presencesOf(tenantId, requests), {
    cacheKeyFn: (r: PresenceRequest) => `${r.presenceId ?? ''}|${r.sessionId}|${r.participantKey}|${r.at.toISOString()}`,
  });
}
