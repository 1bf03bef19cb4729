// A session as the session page holds it, and how one live event changes it: segments keyed by id (a draft's final
// replaces it in place), participants present now keyed by id, the bot's state.

/** A transcript segment (`TranscriptSegment`). */
export interface Segment {
  readonly id: string;
  readonly sequence: number;
  readonly speaker: string;
  readonly text: string;
  readonly final: boolean;
  readonly revision: number;
  readonly language: string | null;
  readonly startMs: number | null;
  readonly endMs: number | null;
}

/** A participant's presence (`Participant`). */
export interface Participant {
  readonly id: string;
  readonly role: string;
  readonly displayName: string | null;
  readonly externalId: string | null;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

/** A change of the bot's state (`BotStateChange`). */
export interface BotStateChange {
  readonly from: string | null;
  readonly to: string;
  readonly reason: string | null;
  readonly at: string;
}

/** A session event (`SessionEvent`) with what changed. */
export interface SessionEvent {
  readonly cursor: string;
  readonly type: string;
  readonly sessionId: string;
  readonly at: string;
  readonly payload: unknown;
  readonly segment: Segment | null;
  readonly participant: Participant | null;
  readonly botStateChange: BotStateChange | null;
  readonly run: { readonly id: string } | null;
}

/** The session page's state. */
export interface SessionState {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly title: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly botState: string | null;
  readonly botFailureReason: string | null;
  readonly botStateHistory: readonly BotStateChange[];
  readonly participants: readonly Participant[];
  readonly transcript: readonly Segment[];
  /** Runs started for the session, as RUN_STARTED events announced them (ids). */
  readonly startedRuns: readonly string[];
}

/** `segments` with `segment` in place of the one with its id (kept when newer), or added; in sequence order. */
export function upsertSegment(segments: readonly Segment[], segment: Segment): readonly Segment[] {
  const existing = segments.find((s) => s.id === segment.id);
  if (existing && existing.revision > segment.revision) return segments;
  const next = existing ? segments.map((s) => (s.id === segment.id ? segment : s)) : [...segments, segment];
  return [...next].sort((a, b) => a.sequence - b.sequence);
}

/** `state` with `event` applied; applying an event again changes nothing more. */
export function applySessionEvent(state: SessionState, event: SessionEvent): SessionState {
  if (event.segment && event.type.startsWith('SEGMENT_')) return { ...state, transcript: upsertSegment(state.transcript, event.segment) };
  if (event.segment && event.type === 'TRANSLATION_ADDED') return { ...state, transcript: upsertSegment(state.transcript, event.segment) };
  if (event.participant && event.type === 'PARTICIPANT_JOINED') {
    const joined = event.participant;
    return { ...state, participants: [...state.participants.filter((p) => p.id !== joined.id), joined] };
  }
  if (event.participant && event.type === 'PARTICIPANT_LEFT') {
    const left = event.participant;
    return { ...state, participants: state.participants.filter((p) => p.id !== left.id) };
  }
  if (event.botStateChange && event.type === 'BOT_STATE_CHANGED') {
    const change = event.botStateChange;
    return {
      ...state,
      botState: change.to,
      // Kept once: the history read with the session may hold it already (events are applied again over it).
      botStateHistory: state.botStateHistory.some((c) => c.at === change.at && c.to === change.to) ? state.botStateHistory : [...state.botStateHistory, change],
      botFailureReason: change.to === 'FAILED' ? change.reason : state.botFailureReason,
    };
  }
  if (event.type === 'SESSION_ENDED') return { ...state, status: 'ENDED', endedAt: state.endedAt ?? event.at };
  if (event.type === 'RUN_STARTED' && event.run) return { ...state, startedRuns: [...new Set([...state.startedRuns, event.run.id])] };
  return state;
}
