// A run's page: its DAG and steps changing live over `workflowRunEvents`, each step's attempts, input, output, error,
// model calls and streamed answer, and the event log. On load it reads the run with every event so far, then
// subscribes after the last cursor read: a reload mid-run resumes there and misses nothing; events at or before the
// last cursor seen are ignored, so none is shown twice.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { RUN_EVENTS_SUBSCRIPTION, RUN_MODEL_CALLS_QUERY, RUN_QUERY, RUN_STATE_QUERY, WORKFLOW_VERSION_QUERY } from '../console-operations.ts';
import { request } from './console-api.ts';
import { DetailHeader, Duration, ErrorBanner, Json, LiveBadge, ShortId, StatusChip, Time, Usd } from './elements.tsx';
import { appendEvent } from './event-cursor.ts';
import { followEvents, type Following, type LiveState } from './live-events.ts';
import { RunDag } from './run-dag.tsx';
import { EventLog } from './event-log.tsx';
import {
  applyRunEvent,
  FINAL_RUN_STATUSES,
  streamedOutputs,
  type Run,
  type RunEvent,
  type StepDefinition,
  type StepRun,
  type StreamedOutput,
} from './run-state.ts';

/** A model call of the run (`ModelCall`). */
interface ModelCall {
  readonly id: string;
  readonly requestId: string;
  readonly attempt: number;
  readonly stepId: string | null;
  readonly model: string;
  readonly provider: string;
  readonly status: string;
  readonly errorClass: string | null;
  readonly error: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  readonly timeToFirstTokenMs: number | null;
  readonly streamed: boolean;
  readonly createdAt: string;
}

/** The run's model calls and their total cost, or why they could not be read. */
type ModelCalls = { readonly costUsd: number; readonly calls: readonly ModelCall[] } | { readonly error: string };

/** How long after the last event the run is read once more, in ms. */
const SETTLE_MS = 1000;

/** The page of run `runId`. */
export function RunView({ runId }: { readonly runId: string }): ReactNode {
  const [run, setRun] = useState<Run>();
  const [workflowName, setWorkflowName] = useState<string>();
  const [definition, setDefinition] = useState<readonly StepDefinition[]>();
  const [events, setEvents] = useState<readonly RunEvent[]>([]);
  const [modelCalls, setModelCalls] = useState<ModelCalls>();
  const [error, setError] = useState<string>();
  const [live, setLive] = useState<{ state: LiveState; detail?: string | undefined }>({ state: 'connecting' });
  const [selected, setSelected] = useState<string>();
  const cards = useRef(new Map<string, HTMLElement>());

  useEffect(() => {
    let active = true;
    let following: Following | undefined;
    let final = false;
    // The cursor of the last event that changed a state (not a STEP_OUTPUT_DELTA, which changes none).
    let stateCursor: string | undefined;
    // Re-reads of the run after events: one at a time; a result is kept only if no state-changing event arrived
    // meanwhile (another read follows then), so that an older state never overwrites what a newer event showed.
    let reading = false;
    let readWanted = false;
    const readState = async (): Promise<void> => {
      readWanted = true;
      if (reading) return;
      reading = true;
      try {
        while (readWanted && active) {
          readWanted = false;
          const asOf = stateCursor;
          const data = await request<{ workflowRun: Run | null }>(RUN_STATE_QUERY, { id: runId });
          if (active && data.workflowRun && asOf === stateCursor) setRun(data.workflowRun);
        }
      } catch (e) {
        if (active) setError((e as Error).message);
      } finally {
        reading = false;
      }
    };
    // Some changes have no event (a `wait` step, and its run, turning WAITING): read once more when events pause.
    let settle: ReturnType<typeof setTimeout> | undefined;
    const readWhenSettled = (): void => {
      clearTimeout(settle);
      settle = setTimeout(() => void readState(), SETTLE_MS);
    };
    const readModelCalls = (): void => {
      request<{ workflowRun: { costUsd: number; modelCalls: ModelCall[] } | null }>(RUN_MODEL_CALLS_QUERY, { id: runId }).then(
        (data) => active && setModelCalls({ costUsd: data.workflowRun?.costUsd ?? 0, calls: data.workflowRun?.modelCalls ?? [] }),
        (e: Error) => active && setModelCalls({ error: e.message }),
      );
    };
    const onEvent = (event: RunEvent): void => {
      setEvents((list) => appendEvent(list, event));
      setRun((current) => current && applyRunEvent(current, event));
      if (event.type === 'STEP_OUTPUT_DELTA') return;
      stateCursor = event.cursor;
      void readState();
      readWhenSettled();
      if (event.type === 'STEP_COMPLETED' || event.type === 'STEP_FAILED' || event.type.startsWith('RUN_')) readModelCalls();
      if (event.type.startsWith('RUN_') && event.type !== 'RUN_STARTED') final = true;
    };
    (async () => {
      const data = await request<{ workflowRun: (Run & { events: RunEvent[] }) | null }>(RUN_QUERY, { id: runId });
      if (!active) return;
      if (!data.workflowRun) {
        setError(`Run ${runId} not found (or not of this token's tenant)`);
        return;
      }
      const { events: read, ...state } = data.workflowRun;
      setRun(state);
      setEvents(read);
      final = FINAL_RUN_STATUSES.has(state.status);
      request<{ workflow: { name: string; steps: StepDefinition[] } | null }>(WORKFLOW_VERSION_QUERY, {
        id: state.workflowId,
        version: state.workflowVersion,
      }).then(
        (w) => active && (setDefinition(w.workflow?.steps ?? []), setWorkflowName(w.workflow?.name)),
        (e: Error) =>
          active && (setDefinition(state.steps.map((step) => ({ id: step.stepId, kind: step.kind, dependsOn: [], when: null }))), setError(e.message)),
      );
      readModelCalls();
      if (final) {
        setLive({ state: 'ended' });
        return;
      }
      following = followEvents<RunEvent>({
        query: RUN_EVENTS_SUBSCRIPTION,
        field: 'workflowRunEvents',
        variables: (after) => ({ runId, after }),
        after: read.at(-1)?.cursor,
        onEvent,
        onLive: (state, detail) => setLive({ state, detail }),
        done: () => final,
      });
    })().catch((e: Error) => active && setError(e.message));
    return () => {
      active = false;
      clearTimeout(settle);
      following?.stop();
    };
  }, [runId]);

  const streamed = streamedOutputs(events);
  const calls = modelCalls && 'calls' in modelCalls ? modelCalls.calls : [];
  const select = (stepId: string): void => {
    setSelected(stepId);
    cards.current.get(stepId)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  };
  return (
    <section className="view run-view" data-run-id={runId}>
      <DetailHeader
        back="#/runs"
        backLabel="Runs"
        title={
          <>
            Run <ShortId id={runId} /> <StatusChip status={run?.status} /> <LiveBadge state={live.state} detail={live.detail} />
          </>
        }
        facts={
          run ? (
            <>
              <span>
                Workflow <a href={`#/runs?workflow=${encodeURIComponent(run.workflowId)}`}>{workflowName ?? run.workflowId}</a> v{run.workflowVersion}
              </span>
              <span>
                Created <Time at={run.createdAt} />
              </span>
              <span>
                Duration <Duration from={run.startedAt} to={run.finishedAt} />
              </span>
              <span>Queue {run.queue}</span>
              {run.sessionId ? (
                <span>
                  Session <a href={`#/sessions/${run.sessionId}`}>{run.sessionId.slice(0, 8)}…</a>
                </span>
              ) : null}
              <span>
                Cost <Usd value={modelCalls && 'costUsd' in modelCalls ? modelCalls.costUsd : undefined} />
              </span>
            </>
          ) : null
        }
      />
      <ErrorBanner error={error} />
      {run?.error ? <div className="error-banner">{run.error}</div> : null}
      <div className="panel dag-panel">
        {run && definition ? (
          <RunDag definition={definition} steps={run.steps} selected={selected} onSelect={select} />
        ) : (
          <span className="muted">Loading…</span>
        )}
      </div>
      <div className="run-columns">
        <div className="steps">
          {run?.steps.map((step) => (
            <StepCard
              key={step.id}
              step={step}
              selected={selected === step.stepId}
              calls={calls.filter((c) => c.stepId === step.stepId)}
              callsError={modelCalls && 'error' in modelCalls ? modelCalls.error : undefined}
              streamed={streamed.get(step.stepId)}
              register={(element) => (element ? cards.current.set(step.stepId, element) : cards.current.delete(step.stepId))}
            />
          ))}
          {run ? (
            <div className="panel">
              <h3>Run input</h3>
              <Json value={run.input} />
              <h3>Run output</h3>
              <Json value={run.output} />
            </div>
          ) : null}
        </div>
        <EventLog events={events.map((e) => ({ cursor: e.cursor, type: e.type, at: e.at, subject: e.stepId, payload: e.payload }))} subjectLabel="Step" />
      </div>
    </section>
  );
}

/** One step run: state, attempts, input, output, error, model calls and the answer streamed so far. */
function StepCard({
  step,
  selected,
  calls,
  callsError,
  streamed,
  register,
}: {
  readonly step: StepRun;
  readonly selected: boolean;
  readonly calls: readonly ModelCall[];
  readonly callsError: string | undefined;
  readonly streamed: StreamedOutput | undefined;
  readonly register: (element: HTMLElement | null) => void;
}): ReactNode {
  const content = (step.output as { content?: unknown } | null)?.content;
  return (
    <article ref={register} className={`panel step-card${selected ? ' selected' : ''}`} data-step-card={step.stepId} data-status={step.status}>
      <header className="step-header">
        <h2>{step.stepId}</h2>
        <span className="muted">{step.kind}</span>
        <StatusChip status={step.status} />
        <span className="muted">
          attempt {step.attempt} · <Duration from={step.startedAt} to={step.finishedAt} />
        </span>
      </header>
      {step.error ? <div className="error-banner step-error">{step.error}</div> : null}
      {streamed || typeof content === 'string' ? (
        <div className="streamed" data-streamed-step={step.stepId} data-deltas={streamed?.deltas ?? 0}>
          <h3>
            Model output{' '}
            <span className="muted">
              {step.status === 'RUNNING' ? 'streaming…' : 'final'}
              {streamed ? ` · ${streamed.deltas} streamed update${streamed.deltas === 1 ? '' : 's'}` : ''}
            </span>
          </h3>
          <p className="stream-text" data-stream-text={step.stepId}>
            {typeof content === 'string' && step.status === 'COMPLETED' ? content : `${streamed && streamed.offset > 0 ? '…' : ''}${streamed?.content ?? ''}`}
          </p>
        </div>
      ) : null}
      <div className="io">
        <div>
          <h3>Input</h3>
          <Json value={step.input} />
        </div>
        <div>
          <h3>Output</h3>
          <Json value={step.output} />
        </div>
      </div>
      {step.attempts && step.attempts.length > 0 ? (
        <>
          <h3>Attempts</h3>
          <table className="table compact attempts">
            <thead>
              <tr>
                <th>#</th>
                <th>Status</th>
                <th>Started</th>
                <th>Took</th>
                <th>Worker</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {step.attempts.map((a) => (
                <tr key={a.attempt} data-attempt={a.attempt}>
                  <td>{a.attempt}</td>
                  <td>
                    <StatusChip status={a.status} />
                  </td>
                  <td>
                    <Time at={a.startedAt} />
                  </td>
                  <td>
                    <Duration from={a.startedAt} to={a.finishedAt} />
                  </td>
                  <td className="mono">{a.workerId ?? '—'}</td>
                  <td className="error-cell">{a.error ? `${a.errorCode ? `${a.errorCode}: ` : ''}${a.error}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {step.items && step.items.length > 0 ? (
        <>
          <h3>Items</h3>
          <div className="items">
            {step.items.map((item) => (
              <span key={item.id} title={item.error ?? undefined}>
                [{item.itemIndex}] <StatusChip status={item.status} />
              </span>
            ))}
          </div>
        </>
      ) : null}
      {calls.length > 0 ? (
        <>
          <h3>Model calls</h3>
          <table className="table compact model-calls" data-model-calls={step.stepId}>
            <thead>
              <tr>
                <th>Model</th>
                <th>Status</th>
                <th>Input tokens</th>
                <th>Output tokens</th>
                <th>Cost</th>
                <th>Latency</th>
                <th>First token</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} className="model-call" data-model-call={c.id}>
                  <td>
                    {c.model} <span className="muted">({c.provider})</span>
                  </td>
                  <td>
                    <StatusChip status={c.status} />
                  </td>
                  <td className="num" data-input-tokens={c.inputTokens}>
                    {c.inputTokens}
                  </td>
                  <td className="num" data-output-tokens={c.outputTokens}>
                    {c.outputTokens}
                  </td>
                  <td className="num" data-cost-usd={c.costUsd}>
                    <Usd value={c.costUsd} />
                  </td>
                  <td className="num">{Math.round(c.latencyMs)} ms</td>
                  <td className="num">{c.timeToFirstTokenMs === null ? '—' : `${Math.round(c.timeToFirstTokenMs)} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : step.kind === 'llm' && callsError ? (
        <p className="muted">Model calls: {callsError}</p>
      ) : null}
    </article>
  );
}
