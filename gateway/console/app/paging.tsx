// A list read a page at a time from a Relay-style connection (`edges`, `pageInfo`), with "Newer" / "Older" buttons.
import { useEffect, useState, type ReactNode } from 'react';

/** A page of a connection. */
export interface Connection<TNode> {
  readonly edges: readonly { readonly cursor: string; readonly node: TNode }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** The page shown, the error of its read, its pager and `reload()`. */
export interface PagedList<TNode> {
  readonly page: Connection<TNode> | undefined;
  readonly error: string | undefined;
  readonly pager: ReactNode;
  readonly reload: () => void;
}

/** Reads pages with `read(after)`; a new `key` (e.g. a changed filter) goes back to the first page. */
export function usePagedList<TNode>(read: (after: string | null) => Promise<Connection<TNode>>, key: string): PagedList<TNode> {
  // The cursors of the pages up to this one (the first page has none): "Newer" goes back one.
  const [pages, setPages] = useState<readonly (string | null)[]>([null]);
  const [page, setPage] = useState<Connection<TNode>>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const after = pages.at(-1) ?? null;
  useEffect(() => setPages([null]), [key]);
  useEffect(() => {
    let current = true;
    read(after).then(
      (connection) => current && (setPage(connection), setError(undefined)),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
    // `read` is a new function at each render; `key` says when what it reads changes.
  }, [key, after, reloads]);
  const pager = (
    <nav className="pager">
      <button type="button" disabled={pages.length <= 1} onClick={() => setPages((p) => p.slice(0, -1))}>
        ← Newer
      </button>
      <span className="muted">Page {pages.length}</span>
      <button type="button" disabled={!page?.pageInfo.hasNextPage} onClick={() => page?.pageInfo.endCursor && setPages((p) => [...p, page.pageInfo.endCursor])}>
        Older →
      </button>
    </nav>
  );
  return { page, error, pager, reload: () => setReloads((n) => n + 1) };
}
