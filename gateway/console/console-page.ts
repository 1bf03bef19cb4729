import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import { createBrowserBundle } from '../browser-bundle.ts';

/** Express handlers of the web console: {@link createWebConsole}. */
export interface WebConsole {
  /** `GET /console`: the page (`/console/` is redirected there, so that the page's relative URLs hold). */
  readonly page: (req: Request, res: Response, next: NextFunction) => void;
  /** `GET /console/assets/<file>`: the bundled JS and CSS (immutable: their names carry their hashes), else 404. */
  readonly asset: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * The web console (issue 17 part 7): runs, a run's DAG and events live, sessions with their live transcript. A React
 * page (app/console-entry.tsx) bundled on the first request by browser-bundle.ts and served under its strict CSP. It
 * is static and needs no token: in the browser it asks for one (a JWT or API key, kept in `localStorage`) and talks to
 * the public API only — `POST <base>/graphql` and graphql-ws on `<base>/graphql` — with the documents of
 * console-operations.ts, never introspection.
 * @throws (through `next`) when bundling fails (a missing package).
 */
export function createWebConsole(): WebConsole {
  // Relative URLs: the page lives at <base>/console, its files at <base>/console/assets/, whatever the base path.
  const bundle = createBrowserBundle({
    entry: fileURLToPath(new URL('./app/console-entry.tsx', import.meta.url)),
    name: 'console',
    title: 'Orchestra console',
    rootId: 'console',
    assetPath: 'console/assets',
  });
  return {
    page: (req, res, next) => {
      if (req.path.endsWith('/')) {
        res.redirect(301, '../console');
        return;
      }
      bundle.sendPage(res, next);
    },
    asset: bundle.asset,
  };
}
