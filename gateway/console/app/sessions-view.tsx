// The sessions list: `sessions(first, after)`, a page at a time.
import type { ReactNode } from 'react';
import { SESSIONS_QUERY } from '../console-operations.ts';
import { request } from './console-api.ts';
import { ErrorBanner, ListTable, ShortId, StatusChip, Time } from './elements.tsx';
import { usePagedList, type Connection } from './paging.tsx';
import type { SessionState } from './session-state.ts';

/** Sessions per page. */
const PAGE_SIZE = 20;

/** A session as the list shows it. */
type ListedSession = Pick<SessionState, 'id' | 'kind' | 'status' | 'title' | 'startedAt' | 'endedAt' | 'botState'>;

interface SessionsPage {
  readonly sessions: Connection<ListedSession>;
}

/** The sessions list. */
export function SessionsView(): ReactNode {
  const { page, error, pager, reload } = usePagedList(async (after) => (await request<SessionsPage>(SESSIONS_QUERY, { first: PAGE_SIZE, after })).sessions, '');
  return (
    <section className="view sessions-view">
      <header className="view-header">
        <h1>Sessions</h1>
        <div className="filters">
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </div>
      </header>
      <ErrorBanner error={error} />
      <ListTable
        headers={['Session', 'Title', 'Kind', 'Status', 'Bot', 'Started', 'Ended']}
        empty="No sessions yet."
        rows={page?.edges.map(({ node }) => (
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
      />
      {pager}
    </section>
  );
}
