// The sessions list: `sessions(first, after)`, a page at a time.
import { useEffect, useState, type ReactNode } from 'react';
import { SESSIONS_QUERY } from '../console-operations.ts';
import { request } from './console-api.ts';
import { ErrorBanner, ShortId, StatusChip, Time } from './elements.tsx';

/** Sessions per page. */
const PAGE_SIZE = 20;

/** A session as the list shows it. */
interface ListedSession {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly title: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly botState: string | null;
}

interface SessionsPage {
  readonly sessions: {
    readonly edges: readonly { readonly cursor: string; readonly node: ListedSession }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

/** The sessions list. */
export function SessionsView(): ReactNode {
  const [pages, setPages] = useState<readonly (string | null)[]>([null]);
  const [page, setPage] = useState<SessionsPage['sessions']>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const after = pages.at(-1) ?? null;
  useEffect(() => {
    let current = true;
    request<SessionsPage>(SESSIONS_QUERY, { first: PAGE_SIZE, after }).then(
      (data) => current && (setPage(data.sessions), setError(undefined)),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [after, reloads]);
  return (
    <section className="view sessions-view">
      <header className="view-header">
        <h1>Sessions</h1>
        <div className="filters">
          <button type="button" onClick={() => setReloads((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </header>
      <ErrorBanner error={error} />
      <table className="table">
        <thead>
          <tr>
            <th>Session</th>
            <th>Title</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Bot</th>
            <th>Started</th>
            <th>Ended</th>
          </tr>
        </thead>
        <tbody>
          {page?.edges.map(({ node }) => (
            <tr key={node.id} className="session-row" data-session-id={node.id}>
              <td>
                <a href={`#/sessions/${node.id}`}>
                  <ShortId id={node.id} />
                </a>
              </td>
              <td>{node.title ?? <span className="muted">untitled</span>}</td>
              <td>{node.kind}</td>
              <td>
                <StatusChip status={node.status} />
              </td>
              <td>{node.botState ? <StatusChip status={node.botState} /> : <span className="muted">—</span>}</td>
              <td>
                <Time at={node.startedAt} />
              </td>
              <td>
                <Time at={node.endedAt} />
              </td>
            </tr>
          ))}
          {page && page.edges.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted empty">
                No sessions yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav className="pager">
        <button type="button" disabled={pages.length <= 1} onClick={() => setPages((p) => p.slice(0, -1))}>
          ← Newer
        </button>
        <span className="muted">Page {pages.length}</span>
        <button
          type="button"
          disabled={!page?.pageInfo.hasNextPage}
          onClick={() => page?.pageInfo.endCursor && setPages((p) => [...p, page.pageInfo.endCursor])}
        >
          Older →
        </button>
      </nav>
    </section>
  );
}
