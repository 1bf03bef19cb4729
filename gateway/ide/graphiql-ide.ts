import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import { createBrowserBundle } from '../browser-bundle.ts';

/** Express handlers of the in-browser IDE: {@link createGraphiqlIde}. */
export interface GraphiqlIde {
  /** `GET /graphql` with `Accept: text/html` (a browser navigating): the page; anything else goes on (`next()`). */
  readonly page: (req: Request, res: Response, next: NextFunction) => void;
  /** `GET /graphql/ide/<file>`: the bundled JS and CSS (immutable: their names carry their hashes), else 404. */
  readonly asset: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * The in-browser IDE: GraphiQL (with its header editor, for `Authorization: Bearer <token>`, and subscriptions over
 * graphql-ws on the same `/graphql` path), bundled from its npm packages (graphiql-entry.ts) on the first request and
 * kept in memory (about 3 MB; bundling takes ~1 s) by browser-bundle.ts. Needs no token: the page is static, its
 * requests carry the user's headers.
 * @throws (through `next`) when bundling fails (a missing package).
 */
export function createGraphiqlIde(): GraphiqlIde {
  // Relative URLs: the page lives at <base>/graphql, its files at <base>/graphql/ide/, whatever the base path.
  const bundle = createBrowserBundle({
    entry: fileURLToPath(new URL('./graphiql-entry.ts', import.meta.url)),
    name: 'graphiql',
    title: 'Orchestra GraphiQL',
    rootId: 'graphiql',
    assetPath: 'graphql/ide',
  });
  return {
    page: (req, res, next) => {
      // A browser's navigation asks for HTML; an operation (query string, JSON Accept) goes on to the API.
      if (req.method !== 'GET' || Object.keys(req.query).length > 0 || req.accepts(['application/json', 'text/html']) !== 'text/html') {
        next();
        return;
      }
      bundle.sendPage(res, next);
    },
    asset: bundle.asset,
  };
}
