// The event log of a run or session page: every event applied, in cursor order, one row each.
import type { ReactNode } from 'react';

/** One row of the log. */
export interface LoggedEvent {
  readonly cursor: string;
  readonly type: string;
  readonly at: string;
  /** What the event is about (a step id, a participant, a segment), if anything. */
  readonly subject: string | null;
  readonly payload: unknown;
}

/** A payload in one line, cut at 120 characters. */
function summary(payload: unknown): string {
  if (payload === null || payload === undefined) return '';
  const text = JSON.stringify(payload);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** The log, newest at the bottom; `data-cursor` on each row and the count in `data-count`. */
export function EventLog({ events, subjectLabel }: { readonly events: readonly LoggedEvent[]; readonly subjectLabel: string }): ReactNode {
  return (
    <aside className="panel event-log" data-count={events.length}>
      <h2>
        Events <span className="muted">({events.length})</span>
      </h2>
      <div className="event-log-scroll">
        <table className="table compact">
          <thead>
            <tr>
              <th>Cursor</th>
              <th>Time</th>
              <th>Type</th>
              <th>{subjectLabel}</th>
              <th>Payload</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.cursor} className="event" data-cursor={e.cursor} data-type={e.type}>
                <td className="mono">{e.cursor}</td>
                <td className="mono">{new Date(e.at).toLocaleTimeString(undefined, { hour12: false })}</td>
                <td>
                  <span className={`event-type type-${e.type}`}>{e.type}</span>
                </td>
                <td className="mono">{e.subject ?? ''}</td>
                <td className="mono payload">{summary(e.payload)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
