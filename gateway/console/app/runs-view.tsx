// The runs list: `workflowRuns(filter, first, after)`, filtered by status and workflow, a page at a time.
import { useEffect, useState, type ReactNode } from 'react';
import { RUNS_QUERY } from '../console-operations.ts';
import { request } from './console-api.ts';
import { Duration, ErrorBanner, ListTable, ShortId, StatusChip, Time } from './elements.tsx';
import { usePagedList, type Connection } from './paging.tsx';

/** Runs per page. */
const PAGE_SIZE = 20;

/** The statuses a run can have (`WorkflowRunStatus`; the console does not introspect). */
export const RUN_STATUSES = ['QUEUED', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;

/** A run as the list shows it. */
interface ListedRun {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly workflow: { readonly id: string; readonly name: string } | null;
  readonly status: string;
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly sessionId: string | null;
}

interface RunsPage {
  readonly workflowRuns: Connection<ListedRun>;
}

/** `#/runs?status=…&workflow=…`, the filter in the address so that a reload (or a link) keeps it. */
function runsHash(status: string, workflowId: string): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (workflowId) params.set('workflow', workflowId);
  const query = params.toString();
  return `#/runs${query ? `?${query}` : ''}`;
}

/** The runs list, with its filter from the address (`status`, `workflow`). */
export function RunsView({ params }: { readonly params: URLSearchParams }): ReactNode {
  const status = params.get('status') ?? '';
  const workflowId = params.get('workflow') ?? '';
  const [workflowInput, setWorkflowInput] = useState(workflowId);
  useEffect(() => setWorkflowInput(workflowId), [workflowId]);
  const filter = { ...(status ? { status } : {}), ...(workflowId ? { workflowId } : {}) };
  const { page, error, pager, reload } = usePagedList(
    async (after) => (await request<RunsPage>(RUNS_QUERY, { filter, first: PAGE_SIZE, after })).workflowRuns,
    JSON.stringify(filter),
  );
  return (
    <section className="view runs-view">
      <header className="view-header">
        <h1>Runs</h1>
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            window.location.hash = runsHash(status, workflowInput.trim());
          }}
        >
          <label>
            Status{' '}
            <select id="runs-status" value={status} onChange={(event) => (window.location.hash = runsHash(event.target.value, workflowId))}>
              <option value="">any</option>
              {RUN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Workflow <input id="runs-workflow" placeholder="workflow id" value={workflowInput} onChange={(event) => setWorkflowInput(event.target.value)} />
          </label>
          <button type="submit">Filter</button>
          {status || workflowId ? (
            <a className="button-link" href="#/runs">
              Clear
            </a>
          ) : null}
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </form>
      </header>
      <ErrorBanner error={error} />
      <ListTable
        className="runs-table"
        headers={['Run', 'Workflow', 'Status', 'Created', 'Duration', 'Error']}
        empty={`No runs${status || workflowId ? ' match this filter' : ' yet'}.`}
        rows={page?.edges.map(({ node }) => (
          <tr key={node.id} className="run-row" data-run-id={node.id} data-status={node.status}>
            <td>
              <a href={`#/runs/${node.id}`}>
                <ShortId id={node.id} />
              </a>
            </td>
            <td>
              <a href={runsHash(status, node.workflowId)} title="Show this workflow's runs only">
                {node.workflow?.name ?? node.workflowId}
              </a>{' '}
              <span className="muted">v{node.workflowVersion}</span>
            </td>
            <td>
              <StatusChip status={node.status} />
            </td>
            <td>
              <Time at={node.createdAt} />
            </td>
            <td>
              <Duration from={node.startedAt} to={node.finishedAt} />
            </td>
            <td className="error-cell">{node.error ?? ''}</td>
          </tr>
        ))}
      />
      {pager}
    </section>
  );
}
