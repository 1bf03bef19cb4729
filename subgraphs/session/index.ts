import { onTransactionCommit } from '../../platform/database/commit-listener.ts';
import { OutboxRelay } from '../../platform/events/outbox-relay.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { createApiKeyRoutes } from './api-key-routes.ts';
import { ApiKeySchema } from './entities/api-key.ts';
import { ParticipantSchema } from './entities/participant.ts';
import { SessionSchema } from './entities/session.ts';
import { TranscriptSegmentSchema } from './entities/transcript-segment.ts';
import { TranslationSchema } from './entities/translation.ts';
import { CreateSession1795231904818 } from './migrations/1795231904818-CreateSession.ts';
import { SessionEntityChanges1796700000000 } from './migrations/1796700000000-EntityChanges.ts';
import { SessionEntityChangesPerTransaction1796800000000 } from './migrations/1796800000000-EntityChangesPerTransaction.ts';
import { CreateApiKeys1796900000000 } from './migrations/1796900000000-CreateApiKeys.ts';
import { CreateSessionEvents1797000000000 } from './migrations/1797000000000-CreateSessionEvents.ts';
import { CreateParticipants1797100000000 } from './migrations/1797100000000-CreateParticipants.ts';
import { SegmentRevisionsAndSearch1797200000000 } from './migrations/1797200000000-SegmentRevisionsAndSearch.ts';
import { SessionEndWorkflow1797300000000 } from './migrations/1797300000000-SessionEndWorkflow.ts';
import { DropSessionParticipantsJson1797400000000 } from './migrations/1797400000000-DropSessionParticipantsJson.ts';
import { SessionEventCursors1797500000000 } from './migrations/1797500000000-SessionEventCursors.ts';
import { createSessionResolvers } from './resolvers.ts';
import { ApiKeyService } from './services/api-key-service.ts';
import { BotStateService } from './services/bot-state-service.ts';
import { ParticipantService } from './services/participant-service.ts';
import { SessionAnalyticsService } from './services/session-analytics.ts';
import { SessionEndDispatcher } from './services/session-end-dispatcher.ts';
import { SESSION_EVENT_OUTBOX, SessionEventService } from './services/session-events.ts';
import { SessionService } from './services/session-service.ts';
import { TranscriptSearchService } from './services/transcript-search-service.ts';
import { TranscriptService } from './services/transcript-service.ts';

/**
 * The session subgraph (Postgres schema `session`): sessions, their participants and bot lifecycle, transcripts,
 * translations of segments, and partner API keys. `start()` begins the session-end dispatcher (the `onEnd` workflow of
 * ended sessions) and the relay of the session outbox (`session_events` to the `session-events` streams, for the
 * gateway's `sessionEvents` subscription); `close()` stops both.
 */
export const sessionSubgraph: SubgraphDefinition = {
  name: 'session',
  entities: [SessionSchema, TranscriptSegmentSchema, TranslationSchema, ApiKeySchema, ParticipantSchema],
  migrations: [
    CreateSession1795231904818,
    SessionEntityChanges1796700000000,
    SessionEntityChangesPerTransaction1796800000000,
    CreateApiKeys1796900000000,
    CreateSessionEvents1797000000000,
    CreateParticipants1797100000000,
    SegmentRevisionsAndSearch1797200000000,
    SessionEndWorkflow1797300000000,
    DropSessionParticipantsJson1797400000000,
    SessionEventCursors1797500000000,
  ],
  create({ config, dataSource, redis, logger, publishEntityChanges, eventStreams }) {
    const dispatcher = new SessionEndDispatcher({
      dataSource,
      gatewayUrl: config.endpoints.gatewayUrl,
      auth: config.auth,
      settings: config.sessionEnd,
      logger,
    });
    const nudge = (): void => dispatcher.nudge();
    // Session events reach subscribers through the outbox relay (Redis streams, or this process's gateway in memory);
    // every commit nudges it, as any may have recorded events.
    const relay = new OutboxRelay({
      outbox: SESSION_EVENT_OUTBOX,
      dataSource,
      redis: redis?.client,
      stream: eventStreams?.session,
      keyPrefix: config.redis.keyPrefix,
      intervalMs: config.events.relayIntervalMs,
      streamMaxLength: config.events.streamMaxLength,
      beforePublish: publishEntityChanges,
      logger,
    });
    const stopNudging = onTransactionCommit(dataSource, () => relay.nudge());
    const apiKeys = new ApiKeyService(dataSource, redis ? { client: redis.client, keyPrefix: config.redis.keyPrefix } : undefined);
    const services = {
      sessions: new SessionService(dataSource, nudge),
      transcripts: new TranscriptService(dataSource),
      participants: new ParticipantService(dataSource),
      bots: new BotStateService(dataSource, nudge),
      analytics: new SessionAnalyticsService(dataSource),
      transcriptSearch: new TranscriptSearchService(dataSource),
      events: new SessionEventService(dataSource),
      apiKeys,
    };
    return Promise.resolve({
      resolvers: createSessionResolvers(services),
      routes: createApiKeyRoutes(apiKeys),
      start: () => {
        dispatcher.start();
        relay.start();
        return Promise.resolve();
      },
      close: async () => {
        stopNudging();
        await dispatcher.close();
        await relay.close();
      },
    });
  },
};
