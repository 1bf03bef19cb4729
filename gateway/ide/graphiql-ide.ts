import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { NextFunction, Request, Response } from 'express';

/**
 * CSP of the IDE's page and files, replacing the API's `default-src 'none'` (security-headers.ts) on those answers
 * only: scripts and styles from this origin's files (no inline script, no `eval`), requests to this origin (HTTP and
 * WebSocket), images and fonts from this origin or `data:` (GraphiQL's icons), never framed.
 */
export const IDE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One bundled file of the IDE: its name (content hash in it, so it can be cached forever), type and bytes. */
interface IdeAsset {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** The IDE's page and files, bundled once. */
interface IdeBundle {
  readonly page: string;
  readonly assets: ReadonlyMap<string, IdeAsset>;
}

/** Bundles graphiql-entry.ts (GraphiQL, React, graphql-ws from node_modules) with esbuild into one JS and one CSS file. */
async function bundle(): Promise<IdeBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./graphiql-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    outdir: 'ide',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const assets = new Map<string, IdeAsset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const ext = file.path.endsWith('.css') ? 'css' : 'js';
    const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    const name = `graphiql.${hash}.${ext}`;
    assets.set(name, { name, contentType: ext === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body: Buffer.from(file.contents) });
    if (ext === 'css') style = name;
    else script = name;
  }
  // Relative URLs: the page lives at <base>/graphql, its files at <base>/graphql/ide/, whatever the base path.
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Orchestra GraphiQL</title>
<link rel="stylesheet" href="graphql/ide/${style}">
<script type="module" src="graphql/ide/${script}"></script>
</head>
<body>
<div id="graphiql"></div>
</body>
</html>
`;
  return { page, assets };
}

/** Express handlers of the in-browser IDE: {@link createGraphiqlIde}. */
export interface GraphiqlIde {
  /** `GET /graphql` with `Accept: text/html` (a browser navigating): the page; anything else goes on (`next()`). */
  readonly page: (req: Request, res: Response, next: NextFunction) => void;
  /** `GET /graphql/ide/<file>`: the bundled JS and CSS (immutable: their names carry their hashes), else 404. */
  readonly asset: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * The in-browser IDE: GraphiQL (with its header editor, for `Authorization: Bearer <token>`, and subscriptions over
 * graphql-ws on the same `/graphql` path), bundled from its npm packages on the first request and kept in memory
 * (about 3 MB; bundling takes ~1 s). Needs no token: the page is static, its requests carry the user's headers.
 * @throws (through `next`) when bundling fails (a missing package).
 */
export function createGraphiqlIde(): GraphiqlIde {
  let bundled: Promise<IdeBundle> | undefined;
  const load = (): Promise<IdeBundle> => (bundled ??= bundle().catch((error: unknown) => ((bundled = undefined), Promise.reject(error))));
  return {
    page: (req, res, next) => {
      // A browser's navigation asks for HTML; an operation (query string, JSON Accept) goes on to the API.
      if (req.method !== 'GET' || Object.keys(req.query).length > 0 || req.accepts(['application/json', 'text/html']) !== 'text/html') {
        next();
        return;
      }
      load().then((ide) => {
        res.setHeader('content-security-policy', IDE_CONTENT_SECURITY_POLICY);
        res.setHeader('cache-control', 'no-cache');
        res.type('html').send(ide.page);
      }, next);
    },
    asset: (req, res, next) => {
      load().then((ide) => {
        const asset = ide.assets.get(String(req.params['file']));
        if (!asset) {
          next();
          return;
        }
        res.setHeader('content-security-policy', IDE_CONTENT_SECURITY_POLICY);
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        res.type(asset.contentType).send(asset.body);
      }, next);
    },
  };
}
