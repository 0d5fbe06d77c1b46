/**
 * The text facts of a span: checking its offsets against a document, and the quote and context
 * stored with it so it can be re-anchored and verified later. All offsets are UTF-16 code units.
 */
import { WorkbenchError } from '../../shared/api';
import { CONTEXT_LENGTH } from '../../shared/model';
import { splitsSurrogatePair } from '../../shared/offsets';

export interface SpanText {
  quote: string;
  prefix: string;
  suffix: string;
}

/**
 * Throws `invalid_argument` unless `[start, end)` is a non-empty range of whole UTF-16 offsets
 * inside `text` whose ends do not fall between the halves of a surrogate pair.
 */
export function checkSpan(docId: string, text: string, start: number, end: number): void {
  const span = `Span ${start}–${end} in document ${docId}`;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new WorkbenchError(
      'invalid_argument',
      `${span}: offsets must be whole numbers of UTF-16 code units.`,
    );
  }
  if (start < 0 || end > text.length) {
    throw new WorkbenchError(
      'invalid_argument',
      `${span} lies outside the text, which is ${text.length} UTF-16 code units long.`,
    );
  }
  if (start >= end) {
    throw new WorkbenchError(
      'invalid_argument',
      `${span} is empty or reversed: start must be less than end (text length ${text.length}).`,
    );
  }
  for (const offset of [start, end]) {
    if (splitsSurrogatePair(text, offset)) {
      throw new WorkbenchError(
        'invalid_argument',
        `${span} cuts a character in half: offset ${offset} falls between the two UTF-16 units ` +
          `of one character (an emoji or another character outside the Basic Multilingual Plane).`,
      );
    }
  }
}

/**
 * The quote and up to CONTEXT_LENGTH units of context on each side. A context edge that would
 * cut a surrogate pair moves one unit toward the span, so every stored string is well-formed.
 */
export function spanText(text: string, start: number, end: number): SpanText {
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--;
  return {
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
