// A session's page: its live transcript (a draft replaced by its final in place: segments keyed by id), who is present
// now, the bot's state, and the event log. On load it reads the session with its events, then subscribes to
// `sessionEvents` after the last cursor read; events at or before the last cursor seen are ignored.
import { useEffect, useState, type ReactNode } from 'react';
import { SESSION_EVENTS_PAGE, SESSION_EVENTS_QUERY, SESSION_EVENTS_SUBSCRIPTION, SESSION_QUERY, SESSION_RUNS_QUERY } from '../console-operations.ts';
import { request } from './console-api.ts';
import { DetailHeader, ErrorBanner, LiveBadge, ShortId, StatusChip, Time } from './elements.tsx';
import { appendEvent } from './event-cursor.ts';
import { followEvents, type Following, type LiveState } from './live-events.ts';
import { EventLog } from './event-log.tsx';
import { applySessionEvent, type SessionEvent, type SessionState } from './session-state.ts';

/** A run started for the session. */
interface SessionRun {
  readonly id: string;
  readonly workflowId: string;
  readonly status: string;
  readonly createdAt: string;
}

/** What an event is about, for the log. */
function subjectOf(event: SessionEvent): string | null {
  if (event.segment) return `#${event.segment.sequence} ${event.segment.speaker}`;
  if (event.participant) return event.participant.displayName ?? event.participant.id;
  if (event.botStateChange) return `${event.botStateChange.from ?? '—'} → ${event.botStateChange.to}`;
  if (event.run) return event.run.id.slice(0, 8);
  return null;
}

/** A time within the session, from ms: `m:ss`. */
function offset(ms: number | null): string {
  if (ms === null) return '';
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The page of session `sessionId`. */
export function SessionView({ sessionId }: { readonly sessionId: string }): ReactNode {
  const [session, setSession] = useState<SessionState>();
  const [events, setEvents] = useState<readonly SessionEvent[]>([]);
  const [runs, setRuns] = useState<readonly SessionRun[]>();
  const [error, setError] = useState<string>();
  const [live, setLive] = useState<{ state: LiveState; detail?: string | undefined }>({ state: 'connecting' });

  useEffect(() => {
    let active = true;
    let following: Following | undefined;
    const readRuns = (): void => {
      request<{ session: { runs: SessionRun[] } | null }>(SESSION_RUNS_QUERY, { id: sessionId }).then(
        (data) => active && setRuns(data.session?.runs ?? []),
        () => active && setRuns(undefined),
      );
    };
    const onEvent = (event: SessionEvent): void => {
      setEvents((list) => appendEvent(list, event));
      setSession((current) => current && applySessionEvent(current, event));
      if (event.type === 'RUN_STARTED') readRuns();
    };
    (async () => {
      const data = await request<{ session: (Omit<SessionState, 'startedRuns'> & { events: SessionEvent[] }) | null }>(SESSION_QUERY, {
        id: sessionId,
        first: SESSION_EVENTS_PAGE,
      });
      if (!active) return;
      if (!data.session) {
        setError(`Session ${sessionId} not found (or not of this token's tenant)`);
        return;
      }
      const { events: firstPage, ...state } = data.session;
      const read = [...firstPage];
      // Page on until a short page: the subscription then resumes after the very last event.
      for (let page = firstPage; page.length === SESSION_EVENTS_PAGE;) {
        const more = await request<{ session: { events: SessionEvent[] } | null }>(SESSION_EVENTS_QUERY, {
          id: sessionId,
          after: read.at(-1)?.cursor,
          first: SESSION_EVENTS_PAGE,
        });
        page = more.session?.events ?? [];
        read.push(...page);
      }
      if (!active) return;
      // Events read after the session's state (a later page) may be newer than it: apply them, idempotently.
      let current: SessionState = { ...state, startedRuns: [] };
      for (const event of read) current = applySessionEvent(current, event);
      setSession(current);
      setEvents(read);
      readRuns();
      following = followEvents<SessionEvent>({
        query: SESSION_EVENTS_SUBSCRIPTION,
        field: 'sessionEvents',
        variables: (after) => ({ sessionId, after }),
        after: read.at(-1)?.cursor,
        onEvent,
        onLive: (state, detail) => setLive({ state, detail }),
      });
    })().catch((e: Error) => active && setError(e.message));
    return () => {
      active = false;
      following?.stop();
    };
  }, [sessionId]);

  // The runs as read (with `workflows:read`), else as RUN_STARTED events announced them.
  const listedRuns = runs ?? session?.startedRuns.map((id) => ({ id, workflowId: '', status: '', createdAt: '' })) ?? [];
  return (
    <section className="view session-view" data-session-id={sessionId}>
      <DetailHeader
        back="#/sessions"
        backLabel="Sessions"
        title={
          <>
            {session?.title ?? 'Session'} <ShortId id={sessionId} /> <StatusChip status={session?.status} />{' '}
            <LiveBadge state={live.state} detail={live.detail} />
          </>
        }
        facts={
          session ? (
            <>
              <span>Kind {session.kind}</span>
              <span>
                Started <Time at={session.startedAt} />
              </span>
              <span>
                Ended <Time at={session.endedAt} />
              </span>
            </>
          ) : null
        }
      />
      <ErrorBanner error={error} />
      <div className="session-columns">
        <div className="panel transcript">
          <h2>
            Transcript <span className="muted">({session?.transcript.length ?? 0} segments)</span>
          </h2>
          {session?.transcript.length === 0 ? <p className="muted">Nothing said yet.</p> : null}
          {session?.transcript.map((segment) => (
            <div
              key={segment.id}
              className={`segment ${segment.final ? 'final' : 'draft'}`}
              data-segment-id={segment.id}
              data-final={String(segment.final)}
              data-revision={segment.revision}
            >
              <div className="segment-meta">
                <span className="speaker">{segment.speaker}</span>
                <span className="muted mono">{offset(segment.startMs)}</span>
                {segment.language ? <span className="muted">{segment.language}</span> : null}
                {segment.final ? null : <span className="chip status-DRAFT">draft r{segment.revision}</span>}
              </div>
              <p className="segment-text">{segment.text}</p>
            </div>
          ))}
        </div>
        <div className="side">
          <div className="panel participants">
            <h2>
              Present <span className="muted">({session?.participants.length ?? 0})</span>
            </h2>
            <ul>
              {session?.participants.map((p) => (
                <li key={p.id} data-participant-id={p.id}>
                  <strong>{p.displayName ?? p.id}</strong> <span className="muted">{p.role.toLowerCase()}</span>
                  <br />
                  <span className="muted">
                    since <Time at={p.joinedAt} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
          {session?.kind === 'BOT' ? (
            <div className="panel bot" data-bot-state={session.botState ?? ''}>
              <h2>
                Bot <StatusChip status={session.botState} />
              </h2>
              {session.botFailureReason ? <div className="error-banner">{session.botFailureReason}</div> : null}
              <ol className="bot-history">
                {session.botStateHistory.map((change) => (
                  <li key={`${change.at}-${change.to}`}>
                    {change.from ?? '—'} → <strong>{change.to}</strong> <Time at={change.at} />
                    {change.reason ? <span className="muted"> ({change.reason})</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          <div className="panel">
            <h2>Runs</h2>
            {listedRuns.length === 0 ? <p className="muted">None started for it yet.</p> : null}
            <ul>
              {listedRuns.map((run) => (
                <li key={run.id}>
                  <a href={`#/runs/${run.id}`}>
                    <ShortId id={run.id} />
                  </a>{' '}
                  {run.status ? <StatusChip status={run.status} /> : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      <EventLog events={events.map((e) => ({ cursor: e.cursor, type: e.type, at: e.at, subject: subjectOf(e), payload: e.payload }))} subjectLabel="About" />
    </section>
  );
}
