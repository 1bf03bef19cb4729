import { BadUserInputError } from '../../../platform/errors.ts';
import { assertJsonSize, assertLength } from '../../../platform/validation.ts';
import type { ParticipantRole } from '../entities/participant.ts';
import type { SessionKind } from '../entities/session.ts';

/** Longest session title, in characters. */
export const MAX_TITLE_LENGTH = 200;
/** Largest session metadata, in bytes of UTF-8 JSON (16 KiB). */
export const MAX_METADATA_BYTES = 16_384;
/** Most participants of one session present at once (at start, and after each join). */
export const MAX_PARTICIPANTS = 50;
/** Longest participant id, external id, display name, or segment speaker, in characters. */
export const MAX_NAME_LENGTH = 200;
/** Most segments one `appendTranscript` call may append. */
export const MAX_SEGMENTS_PER_APPEND = 500;
/** Longest segment or translation text, in characters. */
export const MAX_TEXT_LENGTH = 10_000;
/** Longest segment key, in characters. */
export const MAX_SEGMENT_KEY_LENGTH = 200;
/** Longest language tag, in characters (BCP 47 recommends supporting at least 35). */
export const MAX_LANGUAGE_LENGTH = 35;

/** Largest `onEnd.input`, in bytes of UTF-8 JSON (256 KiB, as a run's input). */
export const MAX_END_WORKFLOW_INPUT_BYTES = 262_144;
/** Longest `onEnd.workflowId`, in characters. */
export const MAX_WORKFLOW_ID_LENGTH = 200;

/** A BCP 47-shaped tag: a 2–8 letter primary subtag, then alphanumeric subtags of 1–8 characters (`fr`, `pt-BR`). */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** Arguments of `startSession`, as GraphQL delivers them. */
export interface StartSessionArgs {
  /** @defaultValue `USER` */
  readonly kind?: SessionKind | undefined;
  readonly title?: string | null | undefined;
  readonly participants?: readonly ParticipantArgs[] | null | undefined;
  readonly metadata?: unknown;
  readonly onEnd?: SessionEndWorkflowArgs | null | undefined;
}

/** `StartSessionInput.onEnd`, as GraphQL delivers it. */
export interface SessionEndWorkflowArgs {
  readonly workflowId: string;
  readonly input?: unknown;
  /** @defaultValue false */
  readonly includeTranscript?: boolean | null | undefined;
}

/** An `onEnd` that passed validation: the input a JSON object (empty when absent). */
export interface ValidEndWorkflow {
  readonly workflowId: string;
  readonly input: Record<string, unknown>;
  readonly includeTranscript: boolean;
}

/** A participant of `startSession` or `joinSession`, as GraphQL delivers it. */
export interface ParticipantArgs {
  readonly id: string;
  readonly role: ParticipantRole;
  readonly displayName?: string | null | undefined;
  readonly externalId?: string | null | undefined;
}

/** A participant that passed validation, with absent fields as null. */
export interface ValidParticipant {
  readonly id: string;
  readonly role: ParticipantRole;
  readonly displayName: string | null;
  readonly externalId: string | null;
}

/** One segment of `appendTranscript`, as GraphQL delivers it. */
export interface SegmentArgs {
  readonly speaker: string;
  readonly text: string;
  readonly language?: string | null | undefined;
  readonly startMs?: number | null | undefined;
  readonly endMs?: number | null | undefined;
  readonly segmentKey?: string | null | undefined;
  /** @defaultValue true */
  readonly final?: boolean | null | undefined;
  readonly confidence?: number | null | undefined;
}

/** A segment that passed {@link validateSegments}, with absent fields as null. */
export interface ValidSegment {
  readonly speaker: string;
  readonly text: string;
  readonly language: string | null;
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly segmentKey: string | null;
  readonly final: boolean;
  readonly confidence: number | null;
}

/**
 * Validates `startSession`'s input and returns the participants to store (absent display names as null).
 * @throws {@link BadUserInputError} naming the first offending field (`input.title`, `input.participants[2].id`, ...).
 */
export function validateStartSession(input: StartSessionArgs): ValidParticipant[] {
  if (input.title !== null && input.title !== undefined) assertLength('input.title', input.title, MAX_TITLE_LENGTH);
  assertJsonSize('input.metadata', input.metadata, MAX_METADATA_BYTES);
  const participants = input.participants ?? [];
  if (participants.length > MAX_PARTICIPANTS) {
    throw new BadUserInputError(`"input.participants" may list at most ${MAX_PARTICIPANTS} participants`, {
      field: 'input.participants',
      max: MAX_PARTICIPANTS,
    });
  }
  const seen = new Set<string>();
  return participants.map((p, i) => {
    const field = `input.participants[${i}]`;
    const valid = validateParticipant(field, p);
    if (seen.has(p.id)) throw new BadUserInputError(`"${field}.id" repeats participant "${p.id}"`, { field: `${field}.id` });
    seen.add(p.id);
    return valid;
  });
}

/**
 * Validates `startSession`'s `onEnd`: a workflow id of 1–200 characters and an input that is a JSON object (the run's
 * input gets `sessionId` added to it) of at most {@link MAX_END_WORKFLOW_INPUT_BYTES}. Null when absent.
 * @throws {@link BadUserInputError} naming `input.onEnd.workflowId` or `input.onEnd.input`.
 */
export function validateEndWorkflow(onEnd: SessionEndWorkflowArgs | null | undefined): ValidEndWorkflow | null {
  if (onEnd === null || onEnd === undefined) return null;
  assertLength('input.onEnd.workflowId', onEnd.workflowId, MAX_WORKFLOW_ID_LENGTH, 1);
  const input = onEnd.input ?? {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new BadUserInputError('"input.onEnd.input" must be a JSON object (the run\'s input, to which `sessionId` is added)', { field: 'input.onEnd.input' });
  }
  assertJsonSize('input.onEnd.input', input, MAX_END_WORKFLOW_INPUT_BYTES);
  return { workflowId: onEnd.workflowId, input: input as Record<string, unknown>, includeTranscript: onEnd.includeTranscript ?? false };
}

/**
 * Validates one participant: an id of 1–200 characters, and a display name and external id of at most 200.
 * @throws {@link BadUserInputError} naming `<field>.id`, `<field>.displayName` or `<field>.externalId`.
 */
export function validateParticipant(field: string, p: ParticipantArgs): ValidParticipant {
  assertLength(`${field}.id`, p.id, MAX_NAME_LENGTH, 1);
  const displayName = p.displayName ?? null;
  if (displayName !== null) assertLength(`${field}.displayName`, displayName, MAX_NAME_LENGTH);
  const externalId = p.externalId ?? null;
  if (externalId !== null) assertLength(`${field}.externalId`, externalId, MAX_NAME_LENGTH);
  return { id: p.id, role: p.role, displayName, externalId };
}

/**
 * Validates `appendTranscript`'s segments: 1 to {@link MAX_SEGMENTS_PER_APPEND} of them, each with a speaker of
 * 1–200 characters, a text of 1–10,000 characters, an optional BCP 47 language, non-negative offsets with
 * `endMs ≥ startMs`, an optional segment key of 1–200 characters that no other segment of the call repeats, and an
 * optional confidence from 0 to 1. `final` defaults to true; a draft (`final` false) needs a key.
 * @throws {@link BadUserInputError} naming the first offending field (`segments[3].text`, ...).
 */
export function validateSegments(segments: readonly SegmentArgs[]): ValidSegment[] {
  if (segments.length < 1 || segments.length > MAX_SEGMENTS_PER_APPEND) {
    throw new BadUserInputError(`"segments" must hold 1 to ${MAX_SEGMENTS_PER_APPEND} segments`, {
      field: 'segments',
      max: MAX_SEGMENTS_PER_APPEND,
    });
  }
  const keys = new Map<string, number>();
  return segments.map((s, i) => {
    const field = `segments[${i}]`;
    assertLength(`${field}.speaker`, s.speaker, MAX_NAME_LENGTH, 1);
    assertLength(`${field}.text`, s.text, MAX_TEXT_LENGTH, 1);
    const language = s.language ?? null;
    if (language !== null) assertLanguage(`${field}.language`, language);
    const startMs = s.startMs ?? null;
    const endMs = s.endMs ?? null;
    if (startMs !== null) assertOffset(`${field}.startMs`, startMs);
    if (endMs !== null) assertOffset(`${field}.endMs`, endMs);
    if (startMs !== null && endMs !== null && endMs < startMs) {
      throw new BadUserInputError(`"${field}.endMs" must not be before "startMs"`, { field: `${field}.endMs` });
    }
    const segmentKey = s.segmentKey ?? null;
    if (segmentKey !== null) {
      assertLength(`${field}.segmentKey`, segmentKey, MAX_SEGMENT_KEY_LENGTH, 1);
      const earlier = keys.get(segmentKey);
      if (earlier !== undefined) {
        throw new BadUserInputError(`"${field}.segmentKey" repeats the key of segments[${earlier}]: send one segment per key and call`, {
          field: `${field}.segmentKey`,
        });
      }
      keys.set(segmentKey, i);
    }
    const final = s.final ?? true;
    if (!final && segmentKey === null) {
      throw new BadUserInputError(`"${field}.final" is false without a "segmentKey": a draft needs a key to be replaced by`, { field: `${field}.final` });
    }
    const confidence = s.confidence ?? null;
    if (confidence !== null && !(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1)) {
      throw new BadUserInputError(`"${field}.confidence" must be a number from 0 to 1`, { field: `${field}.confidence` });
    }
    return { speaker: s.speaker, text: s.text, language, startMs, endMs, segmentKey, final, confidence };
  });
}

/**
 * Validates `addTranslation`'s language and text.
 * @throws {@link BadUserInputError} naming `language` or `text`.
 */
export function validateTranslation(language: string, text: string): void {
  assertLanguage('language', language);
  assertLength('text', text, MAX_TEXT_LENGTH, 1);
}

/**
 * Asserts that `value` is a BCP 47-shaped language tag of at most {@link MAX_LANGUAGE_LENGTH} characters.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertLanguage(field: string, value: string): void {
  if (value.length > MAX_LANGUAGE_LENGTH || !LANGUAGE_TAG.test(value)) {
    throw new BadUserInputError(`"${field}" must be a BCP 47 language tag such as "fr" or "pt-BR"`, { field });
  }
}

function assertOffset(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new BadUserInputError(`"${field}" must be a non-negative integer (ms)`, { field });
  }
}
