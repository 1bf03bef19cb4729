// Small pieces every view of the console uses: status chips, JSON blocks, times, error banners, links.
import type { ReactNode } from 'react';
import type { LiveState } from './live-events.ts';

/** A status (run, step, attempt, session, bot, model call) as a coloured chip; its colour comes from console.css. */
export function StatusChip({ status }: { readonly status: string | null | undefined }): ReactNode {
  const value = status ?? 'NONE';
  return (
    <span className={`chip status-${value}`} data-status={value}>
      {value.replace(/_/g, ' ')}
    </span>
  );
}

/** A JSON value, pretty-printed in monospace (`null` and absent values shown as a dash). */
export function Json({ value }: { readonly value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

/** An ISO time as the browser's local date and time (a dash when absent). */
export function Time({ at }: { readonly at: string | null | undefined }): ReactNode {
  if (!at) return <span className="muted">—</span>;
  const date = new Date(at);
  return <time dateTime={at}>{date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })}</time>;
}

/** Milliseconds between two ISO times (or to now, while `to` is absent), shown as s or ms; a dash without `from`. */
export function Duration({ from, to }: { readonly from: string | null | undefined; readonly to: string | null | undefined }): ReactNode {
  if (!from) return <span className="muted">—</span>;
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  return <span>{ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`}</span>;
}

/** A USD amount with enough digits for the fractions of a cent that model calls cost. */
export function Usd({ value }: { readonly value: number | null | undefined }): ReactNode {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <span className="mono">${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)}</span>;
}

/** An error message in a red banner, or nothing. */
export function ErrorBanner({ error }: { readonly error: string | undefined }): ReactNode {
  return error ? (
    <div className="error-banner" role="alert">
      {error}
    </div>
  ) : null;
}

/** An id shortened for tables (the first 8 characters), the whole id as its title. */
export function ShortId({ id }: { readonly id: string }): ReactNode {
  return (
    <span className="mono" title={id}>
      {id.length > 12 ? `${id.slice(0, 8)}…` : id}
    </span>
  );
}

/** Whether the live connection of a view is up, ended, or failed (with the reason). */
export function LiveBadge({ state, detail }: { readonly state: LiveState; readonly detail?: string | undefined }): ReactNode {
  return (
    <span className={`live live-${state}`} data-live={state} title={detail}>
      {state === 'live' ? '● live' : state === 'connecting' ? '○ connecting' : state === 'ended' ? '■ ended' : '✕ disconnected'}
    </span>
  );
}

/** A table of a list: its column headers, its rows, and `empty` in one row when there are none (undefined: loading). */
export function ListTable({
  headers,
  rows,
  empty,
  className,
}: {
  readonly headers: readonly string[];
  readonly rows: readonly ReactNode[] | undefined;
  readonly empty: string;
  readonly className?: string;
}): ReactNode {
  return (
    <table className={`table ${className ?? ''}`}>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows}
        {rows && rows.length === 0 ? (
          <tr>
            <td colSpan={headers.length} className="muted empty">
              {empty}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** The header of a detail page: a link back to its list, the title line, and a line of facts. */
export function DetailHeader({
  back,
  backLabel,
  title,
  facts,
}: {
  readonly back: string;
  readonly backLabel: string;
  readonly title: ReactNode;
  readonly facts: ReactNode;
}): ReactNode {
  return (
    <header className="view-header">
      <div>
        <a href={back} className="back">
          ← {backLabel}
        </a>
        <h1>{title}</h1>
        {facts ? <div className="facts">{facts}</div> : null}
      </div>
    </header>
  );
}
