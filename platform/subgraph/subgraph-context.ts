import type { Principal } from '../auth/principal.ts';
import type { LoaderRegistry } from '../loaders.ts';
import type { Logger } from '../logger.ts';

/** The context every subgraph resolver receives: the verified caller, the request's DataLoaders, a request logger. */
export interface SubgraphContext {
  readonly principal: Principal;
  readonly loaders: LoaderRegistry;
  readonly requestId: string;
  readonly logger: Logger;
}
