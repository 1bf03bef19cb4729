import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../../platform/errors.ts';
import type { TranscriptSegment } from '../entities/transcript-segment.ts';
import type { ValidSegment } from './session-limits.ts';

/**
 * What an append does with one input segment: insert it as a new segment, replace the stored draft of its key in place,
 * or leave the stored segment of its key as it is (the input repeats it exactly, i.e. a retried request).
 */
export type SegmentRevision =
  | { readonly kind: 'insert'; readonly row: TranscriptSegment }
  | { readonly kind: 'replace'; readonly row: TranscriptSegment }
  | { readonly kind: 'unchanged'; readonly row: TranscriptSegment };

/** Where {@link planSegmentRevisions} writes: the session, the last sequence number in use, and the time of the write. */
export interface SegmentRevisionTarget {
  readonly tenantId: string;
  readonly sessionId: string;
  /** The session's highest `sequence` (0 for an empty transcript); new segments are numbered on from it, in input order. */
  readonly lastSequence: number;
  readonly now: Date;
}

/**
 * Decides, for each of `segments` (validated: no key twice), what the append does, given `stored`, the session's
 * segments whose keys the input names: no key or an unknown key → a new segment; the key of a draft → the draft
 * replaced (same id, sequence and `createdAt`, `revision` + 1) unless the input repeats it exactly; the key of a final
 * segment → that segment unchanged when the input repeats it exactly, else a conflict.
 * @throws {@link ConflictError} naming the first input segment that would change a final segment (`details.field`).
 */
export function planSegmentRevisions(
  target: SegmentRevisionTarget,
  segments: readonly ValidSegment[],
  stored: ReadonlyMap<string, TranscriptSegment>,
): SegmentRevision[] {
  let sequence = target.lastSequence;
  return segments.map((segment, i): SegmentRevision => {
    const existing = segment.segmentKey === null ? undefined : stored.get(segment.segmentKey);
    if (!existing) {
      sequence += 1;
      const row = { id: randomUUID(), tenantId: target.tenantId, sessionId: target.sessionId, sequence, ...segment, revision: 1 };
      return { kind: 'insert', row: { ...row, createdAt: target.now, updatedAt: target.now } };
    }
    if (sameContent(existing, segment)) return { kind: 'unchanged', row: existing };
    if (existing.final) {
      throw new ConflictError(
        `"segments[${i}]" would change the final segment with key "${existing.segmentKey ?? ''}": final segments are immutable (resend it unchanged or use a new key)`,
        { field: `segments[${i}]`, id: existing.id },
      );
    }
    return { kind: 'replace', row: { ...existing, ...segment, revision: existing.revision + 1, updatedAt: target.now } };
  });
}

function sameContent(stored: TranscriptSegment, input: ValidSegment): boolean {
  return (
    stored.final === input.final &&
    stored.speaker === input.speaker &&
    stored.text === input.text &&
    stored.language === input.language &&
    stored.startMs === input.startMs &&
    stored.endMs === input.endMs &&
    stored.confidence === input.confidence
  );
}
