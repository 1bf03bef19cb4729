/**
 * Most characters (UTF-16 code units) of the answer a STEP_OUTPUT_DELTA event carries: a longer answer is sent as its
 * last this many (`offset` says where they start), so an event stays well under the relay's notification size and a
 * long answer does not rewrite its whole text into the outbox ten times a second. The complete answer is in the
 * step's output (STEP_COMPLETED).
 */
export const MAX_OUTPUT_DELTA_CHARS = 16_384;

/**
 * A partial answer of a running step, as an executor hands it to the engine; the engine adds the step id and
 * attempt and writes it as a STEP_OUTPUT_DELTA event (payload `{ stepId, attempt, content, offset, length, sequence }`).
 */
export interface StepOutputDelta {
  /** The answer so far, from character `offset` on. */
  readonly content: string;
  /** Where `content` starts in the answer: 0 unless the answer is longer than {@link MAX_OUTPUT_DELTA_CHARS}. */
  readonly offset: number;
  /** Length of the answer so far, in UTF-16 code units (`offset + content.length`). */
  readonly length: number;
  /** The event's number within the attempt: 1, 2, ... */
  readonly sequence: number;
}

/**
 * The delta of `answer` (the whole answer so far): all of it up to {@link MAX_OUTPUT_DELTA_CHARS}, else its tail of
 * that length, never starting inside a surrogate pair.
 */
export function outputDeltaOf(answer: string, sequence: number, maxChars: number = MAX_OUTPUT_DELTA_CHARS): StepOutputDelta {
  let offset = Math.max(0, answer.length - maxChars);
  const code = answer.charCodeAt(offset);
  if (offset > 0 && code >= 0xdc00 && code <= 0xdfff) offset += 1;
  return { content: answer.slice(offset), offset, length: answer.length, sequence };
}
