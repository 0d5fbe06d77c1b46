/**
 * Snapping a selection to whole words, so that a quick mouse drag tags what the person meant.
 *
 * 1. An edge inside a segment (Intl.Segmenter 'word': a word, a number, an emoji sequence, a run
 *    of spaces) moves out to that segment's edge: "mes Com" becomes "James Comey", and an end
 *    right before an abbreviation's period takes the period ("U.S" becomes "U.S."). Hyphens
 *    separate words (UAX #29), so "Obama" can still be taken from "Obama-era"; "U.S", "Obama’s",
 *    "don't" and "1,000.5" are single words.
 * 2. The edges are then trimmed, again and again until nothing changes:
 *    - whitespace of every kind (spaces, NBSP, line feeds), at both ends;
 *    - separating punctuation (, . ; : ! ? … and hyphens and dashes), at both ends, except a
 *      period at the end that belongs to the word before it ("U.S.", "George W.", "Apple Inc.");
 *    - a quotation mark or bracket: kept at the start when its closing partner is inside the
 *      range, kept at the end when its opening partner is inside, otherwise trimmed. So
 *      `said “no.”` keeps its closing quote, `no.”` loses both the quote and the period.
 *    Everything else is kept: symbols ($ % € # @), emoji, apostrophes inside words.
 * 3. If nothing is left (only spaces and punctuation were selected), the result is null.
 *
 * Offsets are UTF-16 code units into `text`, half-open.
 */
import { isAbbreviationPeriod } from './abbreviations';
import { closerOf, openerOf } from './quote-marks';
import { segmentsAround, type TextRange } from './text-segments';

const SEPARATORS = new Set([
  ',',
  '.',
  ';',
  ':',
  '!',
  '?',
  '\u2026', // …
  '-',
  '\u2010', // hyphen
  '\u2011', // non-breaking hyphen
  '\u2012', // figure dash
  '\u2013', // –
  '\u2014', // —
  '\u2015', // horizontal bar
]);

const isSpace = (ch: string) => /[\s\u200b]/u.test(ch);

/** `[start, end)` grown to whole words and trimmed as above; null when no word is in it. */
export function snapToWords(text: string, start: number, end: number): TextRange | null {
  const from = clamp(Math.min(start, end), text.length);
  const to = clamp(Math.max(start, end), text.length);
  if (from === to) return null;
  let grown = segmentEdge(text, to, 'end');
  // Word segments end before an abbreviation's last period ("U.S" of "U.S."): take it along.
  if (text[grown] === '.' && isAbbreviationPeriod(text, grown)) grown++;
  return trimEdges(text, segmentEdge(text, from, 'start'), grown);
}

/** The edge of the segment that `offset` lies strictly inside, or `offset` itself. */
function segmentEdge(text: string, offset: number, side: 'start' | 'end'): number {
  for (const segment of segmentsAround(text, offset, offset, 'word')) {
    if (segment.start < offset && offset < segment.end) return segment[side];
  }
  return offset;
}

/** Step 2 above on `[from, to)`; null when nothing is left. */
export function trimEdges(text: string, from: number, to: number): TextRange | null {
  for (let changed = true; changed && from < to;) {
    changed = false;
    const first = text[from]!;
    if (isSpace(first) || SEPARATORS.has(first) || strayOpening(text, from, to)) {
      from++;
      changed = true;
      if (from === to) break;
    }
    const last = text[to - 1]!;
    if (
      isSpace(last) ||
      (SEPARATORS.has(last) && !(last === '.' && isAbbreviationPeriod(text, to - 1))) ||
      strayClosing(text, from, to)
    ) {
      to--;
      changed = true;
    }
  }
  return from < to ? { start: from, end: to } : null;
}

/** A mark at `from` that does not open a pair closed inside `[from, to)`. */
function strayOpening(text: string, from: number, to: number): boolean {
  const mark = text[from]!;
  const closer = closerOf(mark);
  if (closer !== undefined) {
    const at = text.indexOf(closer, from + 1);
    return at < 0 || at >= to;
  }
  return openerOf(mark) !== undefined; // a closing mark at the start closes nothing here
}

/** A mark at `to - 1` that does not close a pair opened inside `[from, to)`. */
function strayClosing(text: string, from: number, to: number): boolean {
  const mark = text[to - 1]!;
  const opener = openerOf(mark);
  if (opener !== undefined) {
    return to - 2 < from || text.lastIndexOf(opener, to - 2) < from;
  }
  return closerOf(mark) !== undefined; // an opening mark at the end opens nothing here
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(offset)));
}
