/**
 * Moving one boundary of a span by a word or by a character, for adjusting a span from the
 * keyboard. Word steps land on word edges (Intl.Segmenter 'word', word-like segments only, so
 * spaces and punctuation are stepped over); character steps move by a whole grapheme cluster,
 * so an emoji or an accented letter is never cut.
 *
 * Offsets are UTF-16 code units into `text`, half-open.
 */
import { WINDOW, linesAround, segmentsBetween, type TextRange } from './text-segments';

export type SpanEdge = 'start' | 'end';
export type NudgeUnit = 'word' | 'character';
/** +1 moves the boundary towards the end of the text, -1 towards its start. */
export type NudgeDirection = 1 | -1;

/**
 * The span with its `edge` moved one `unit` in `direction`; null when it cannot move (at the
 * edge of the text) or would leave the span empty.
 */
export function nudgeSpan(
  text: string,
  span: TextRange,
  edge: SpanEdge,
  direction: NudgeDirection,
  unit: NudgeUnit,
): TextRange | null {
  const at = edge === 'start' ? span.start : span.end;
  const moved =
    unit === 'character'
      ? graphemeStep(text, at, direction)
      : direction > 0
        ? wordEdgeAfter(text, at, edge)
        : wordEdgeBefore(text, at, edge);
  if (moved === null) return null;
  const next =
    edge === 'start' ? { start: moved, end: span.end } : { start: span.start, end: moved };
  return next.start < next.end ? next : null;
}

/** The first word edge (`side` of a word) after `at`, reading on over line breaks. */
function wordEdgeAfter(text: string, at: number, side: SpanEdge): number | null {
  for (let from = at; ;) {
    const lines = linesAround(text, from, from, WINDOW.word);
    for (const word of segmentsBetween(text, lines.start, lines.end, 'word')) {
      if (word.isWordLike && word[side] > at) return word[side];
    }
    if (lines.end >= text.length) return null;
    from = text[lines.end] === '\n' ? lines.end + 1 : lines.end;
  }
}

/** The last word edge (`side` of a word) before `at`, reading back over line breaks. */
function wordEdgeBefore(text: string, at: number, side: SpanEdge): number | null {
  for (let to = at; ;) {
    const lines = linesAround(text, to, to, WINDOW.word);
    const words = segmentsBetween(text, lines.start, lines.end, 'word');
    for (let i = words.length - 1; i >= 0; i--) {
      const word = words[i]!;
      if (word.isWordLike && word[side] < at) return word[side];
    }
    if (lines.start === 0) return null;
    to = text[lines.start - 1] === '\n' ? lines.start - 1 : lines.start;
  }
}

/** Grapheme clusters are far shorter than the window (an emoji ZWJ family is 8 units). */
function graphemeStep(text: string, at: number, direction: NudgeDirection): number | null {
  const from = Math.max(0, at - WINDOW.grapheme);
  const to = Math.min(text.length, at + WINDOW.grapheme);
  const clusters = segmentsBetween(text, from, to, 'grapheme');
  if (direction > 0) return clusters.find((c) => c.end > at)?.end ?? null;
  return clusters.findLast((c) => c.start < at)?.start ?? null;
}
