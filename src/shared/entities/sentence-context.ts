/**
 * The sentence around a range of a text, for showing a suggested mention in context. Sentences
 * are `Intl.Segmenter`'s (granularity 'sentence', UAX #29), looked for only within the range's
 * line: a line feed always ends a sentence (SB4), so this is what segmenting the whole text
 * would give, at the cost of one paragraph.
 *
 * Offsets are UTF-16 code units, half-open.
 */
import { splitsSurrogatePair } from '../offsets';

export interface SentenceContext {
  /** Text of the sentence before the range (shortened at its start with "…" when long). */
  readonly before: string;
  /** Text of the sentence after the range (shortened at its end with "…" when long). */
  readonly after: string;
}

/** How much of a very long line is segmented around the range, on each side (UTF-16 units). */
const LINE_WINDOW = 2000;

let sentenceSegmenter: Intl.Segmenter | undefined;

/**
 * The rest of the sentence (or sentences, if the range crosses a sentence break) around
 * `[start, end)`, at most `maxSide` UTF-16 units on each side.
 */
export function sentenceAround(
  text: string,
  start: number,
  end: number,
  maxSide = 160,
): SentenceContext {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - LINE_WINDOW);
  const newline = text.indexOf('\n', end);
  const lineEnd = Math.min(newline < 0 ? text.length : newline, end + LINE_WINDOW);
  sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  let from = lineStart;
  let to = lineEnd;
  for (const { index, segment } of sentenceSegmenter.segment(text.slice(lineStart, lineEnd))) {
    const segStart = lineStart + index;
    const segEnd = segStart + segment.length;
    if (segEnd <= start) from = segEnd;
    if (segStart >= end && segStart < to) to = segStart;
  }
  return {
    before: shortenStart(text, Math.max(from, start - maxSide), from, start),
    after: shortenEnd(text, end, Math.min(to, end + maxSide), to).trimEnd(),
  };
}

function shortenStart(text: string, cut: number, from: number, start: number): string {
  if (splitsSurrogatePair(text, cut)) cut++;
  return (cut > from ? '…' : '') + text.slice(cut, start);
}

function shortenEnd(text: string, end: number, cut: number, to: number): string {
  if (splitsSurrogatePair(text, cut)) cut--;
  return text.slice(end, cut) + (cut < to ? '…' : '');
}
