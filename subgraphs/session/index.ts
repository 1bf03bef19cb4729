import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { SessionSchema } from './entities/session.ts';
import { TranscriptSegmentSchema } from './entities/transcript-segment.ts';
import { TranslationSchema } from './entities/translation.ts';
import { CreateSession1795231904818 } from './migrations/1795231904818-CreateSession.ts';
import { SessionEntityChanges1796700000000 } from './migrations/1796700000000-EntityChanges.ts';
import { SessionEntityChangesPerTransaction1796800000000 } from './migrations/1796800000000-EntityChangesPerTransaction.ts';
import { createSessionResolvers } from './resolvers.ts';
import { SessionService } from './services/session-service.ts';
import { TranscriptService } from './services/transcript-service.ts';

/** The session subgraph (Postgres schema `session`): sessions, their transcripts, and translations of segments. */
export const sessionSubgraph: SubgraphDefinition = {
  name: 'session',
  entities: [SessionSchema, TranscriptSegmentSchema, TranslationSchema],
  migrations: [CreateSession1795231904818, SessionEntityChanges1796700000000, SessionEntityChangesPerTransaction1796800000000],
  create({ dataSource }) {
    const services = { sessions: new SessionService(dataSource), transcripts: new TranscriptService(dataSource) };
    return Promise.resolve({ resolvers: createSessionResolvers(services) });
  },
};
