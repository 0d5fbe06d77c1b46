/**
 * Word and sentence segments (Intl.Segmenter, UAX #29) near an offset, without segmenting the
 * whole text: a line feed always ends a word (WB3a/WB3b) and a sentence (SB4), so segmenting the
 * lines that hold a range gives what segmenting the whole text would. A longer line is cut at a
 * window around the range (WINDOW), where a segment may come out shorter than it is: far enough
 * away that the segments near the range are right.
 *
 * The locale is fixed ('en') so that segments are the same on every machine.
 * Offsets are UTF-16 code units, half-open.
 */

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface TextSegment extends TextRange {
  /** A word, number or other letter run (Intl.Segmenter's `isWordLike`); never true for sentences. */
  readonly isWordLike: boolean;
}

export type Granularity = 'word' | 'sentence' | 'grapheme';

/**
 * How far from the range a long line is segmented, on each side (UTF-16 code units): a word is
 * decided by a few characters around it, a sentence may run for a paragraph.
 */
export const WINDOW: Readonly<Record<Granularity, number>> = {
  grapheme: 64,
  word: 256,
  sentence: 2000,
};

const segmenters = new Map<Granularity, Intl.Segmenter>();

function segmenter(granularity: Granularity): Intl.Segmenter {
  let found = segmenters.get(granularity);
  if (!found) {
    found = new Intl.Segmenter('en', { granularity });
    segmenters.set(granularity, found);
  }
  return found;
}

/** The bounds of the lines holding `[from, to]`, at most `window` beyond the range. */
export function linesAround(
  text: string,
  from: number,
  to: number,
  window = WINDOW.sentence,
): TextRange {
  const start = Math.max(text.lastIndexOf('\n', from - 1) + 1, from - window, 0);
  const newline = text.indexOf('\n', to);
  const end = Math.min(newline < 0 ? text.length : newline, to + window);
  return { start, end: Math.max(start, end) };
}

/** The segments of `text` between `from` and `to` (both segment boundaries), in order. */
export function segmentsBetween(
  text: string,
  from: number,
  to: number,
  granularity: Granularity,
): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const s of segmenter(granularity).segment(text.slice(from, to))) {
    const start = from + s.index;
    segments.push({ start, end: start + s.segment.length, isWordLike: s.isWordLike === true });
  }
  return segments;
}

/** The segments of the lines that hold `[from, to]`. */
export function segmentsAround(
  text: string,
  from: number,
  to: number,
  granularity: Granularity,
): TextSegment[] {
  const lines = linesAround(text, from, to, WINDOW[granularity]);
  return segmentsBetween(text, lines.start, lines.end, granularity);
}
