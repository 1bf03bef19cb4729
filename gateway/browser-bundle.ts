import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import type { NextFunction, Request, Response } from 'express';

/**
 * CSP of the gateway's browser pages (the IDE, the console) and their files, replacing the API's `default-src 'none'`
 * (security-headers.ts) on those answers only: scripts and styles from this origin's files (no inline script, no
 * `eval`), requests to this origin (HTTP and WebSocket), images and fonts from this origin or `data:` (GraphiQL's
 * icons), never framed.
 */
export const BROWSER_PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** What {@link createBrowserBundle} bundles and how its page names the files. */
export interface BrowserBundleOptions {
  /** Absolute path of the browser entry (TypeScript or TSX; its CSS imports are bundled into one CSS file). */
  readonly entry: string;
  /** Prefix of the bundled files' names, e.g. `graphiql` → `graphiql.<hash>.js`. */
  readonly name: string;
  /** The page's `<title>`. */
  readonly title: string;
  /** Id of the page's one `<div>`, where the entry renders. */
  readonly rootId: string;
  /**
   * URL of the files' folder relative to the page, without a trailing slash (e.g. `graphql/ide` for a page at
   * `<base>/graphql` whose files are under `<base>/graphql/ide/`): relative, so any base path works.
   */
  readonly assetPath: string;
}

/** One bundled file: its name (content hash in it, so it can be cached forever), type and bytes. */
interface BundledAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The page and its files, bundled once. */
interface Bundled {
  readonly page: string;
  readonly assets: ReadonlyMap<string, BundledAsset>;
}

/** A page bundled from its npm packages: {@link createBrowserBundle}. */
export interface BrowserBundle {
  /** Sends the page (HTML, `cache-control: no-cache`, the CSP); bundling errors go to `next`. */
  readonly sendPage: (res: Response, next: NextFunction) => void;
  /** Express handler of `GET <assetPath>/:file`: the JS or CSS file (immutable: its name carries its hash), else `next()`. */
  readonly asset: (req: Request, res: Response, next: NextFunction) => void;
}

/** Bundles `options.entry` with esbuild (minified ESM, production React) into one JS and one CSS file, named by hash. */
async function bundle(options: BrowserBundleOptions): Promise<Bundled> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    outdir: options.name,
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const assets = new Map<string, BundledAsset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const ext = file.path.endsWith('.css') ? 'css' : 'js';
    const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    const name = `${options.name}.${hash}.${ext}`;
    assets.set(name, { contentType: ext === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body: Buffer.from(file.contents) });
    if (ext === 'css') style = name;
    else script = name;
  }
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${style ? `<link rel="stylesheet" href="${options.assetPath}/${style}">\n` : ''}<script type="module" src="${options.assetPath}/${script}"></script>
</head>
<body>
<div id="${options.rootId}"></div>
</body>
</html>
`;
  return { page, assets };
}

/**
 * A browser page whose script and style are bundled from npm packages on the first request (about a second) and kept
 * in memory, served under {@link BROWSER_PAGE_CONTENT_SECURITY_POLICY}. The page is static and needs no token: its
 * requests carry the user's. A failed bundling (a missing package) is retried on the next request.
 */
export function createBrowserBundle(options: BrowserBundleOptions): BrowserBundle {
  let bundled: Promise<Bundled> | undefined;
  const load = (): Promise<Bundled> => (bundled ??= bundle(options).catch((error: unknown) => ((bundled = undefined), Promise.reject(error))));
  return {
    sendPage: (res, next) => {
      load().then((loaded) => {
        res.setHeader('content-security-policy', BROWSER_PAGE_CONTENT_SECURITY_POLICY);
        res.setHeader('cache-control', 'no-cache');
        res.type('html').send(loaded.page);
      }, next);
    },
    asset: (req, res, next) => {
      load().then((loaded) => {
        const asset = loaded.assets.get(String(req.params['file']));
        if (!asset) {
          next();
          return;
        }
        res.setHeader('content-security-policy', BROWSER_PAGE_CONTENT_SECURITY_POLICY);
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        res.type(asset.contentType).send(asset.body);
      }, next);
    },
  };
}
