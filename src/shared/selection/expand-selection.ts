/**
 * Growing a selection (or a caret) to the unit around it: the word, the sentence, the quotation.
 * Each returns the new range, or null when there is no such unit there.
 *
 * Offsets are UTF-16 code units into `text`, half-open; a caret is `start === end`.
 */
import { isTitlePeriod } from './abbreviations';
import { findQuotations } from './quote-marks';
import { snapToWords } from './snap-to-words';
import { linesAround, segmentsAround, type TextRange, type TextSegment } from './text-segments';

/**
 * A caret: the word it is in, or the word it touches (just after its end); null between words.
 * A range: grown to whole words and trimmed, as `snapToWords` does.
 */
export function expandToWord(text: string, start: number, end: number): TextRange | null {
  if (start !== end) return snapToWords(text, start, end);
  const words = segmentsAround(text, start, start, 'word').filter((s) => s.isWordLike);
  const word =
    words.find((s) => s.start <= start && start < s.end) ?? words.find((s) => s.end === start);
  return word ? { start: word.start, end: word.end } : null;
}

/**
 * The sentence (Intl.Segmenter 'sentence', with no break after a title or initial such as
 * "Mr." or "U.S.") holding the caret, or the sentences the range touches, without the spaces
 * around them but with their final punctuation and closing quote. When the range already is
 * exactly those sentences, the next sentence of the paragraph is added, so pressing the key
 * again grows the selection sentence by sentence.
 */
export function expandToSentence(text: string, start: number, end: number): TextRange | null {
  const sentences = joinTitleBreaks(text, segmentsAround(text, start, end, 'sentence'));
  if (sentences.length === 0) return null;
  const at = (offset: number) => {
    const i = sentences.findIndex((s) => s.start <= offset && offset < s.end);
    return i >= 0 ? i : sentences.findIndex((s) => s.end === offset);
  };
  const first = at(start);
  const last = end > start ? at(end - 1) : first;
  if (first < 0 || last < 0) return null;
  const range = trimSpaces(text, sentences[first]!.start, sentences[last]!.end);
  if (range && range.start === start && range.end === end && last + 1 < sentences.length) {
    return trimSpaces(text, sentences[first]!.start, sentences[last + 1]!.end);
  }
  return range;
}

/**
 * The quotation (“…”, ‘…’, "…", '…', «…», ‹…›) around the caret or range, within its paragraph:
 * first its words without the marks; when that is already selected, with the marks; then the
 * quotation around that one. Quotations that run over several paragraphs are not found.
 */
export function expandToQuotation(text: string, start: number, end: number): TextRange | null {
  const lines = linesAround(text, start, end);
  let best: TextRange | null = null;
  for (const q of findQuotations(text, lines.start, lines.end)) {
    for (const candidate of [
      { start: q.open + 1, end: q.close },
      { start: q.open, end: q.close + 1 },
    ]) {
      const contains = candidate.start <= start && end <= candidate.end;
      const same = candidate.start === start && candidate.end === end;
      if (contains && !same && (!best || candidate.end - candidate.start < best.end - best.start)) {
        best = candidate;
      }
    }
  }
  return best;
}

/** Sentence segments with those that end in a title's period ("Dr.", "U.S.") joined to the next. */
function joinTitleBreaks(text: string, segments: TextSegment[]): TextRange[] {
  const joined: TextRange[] = [];
  let pending: TextRange | null = null;
  for (const segment of segments) {
    const current: TextRange = pending ? { start: pending.start, end: segment.end } : segment;
    const dot = text.slice(current.start, current.end).trimEnd().length + current.start - 1;
    if (text[dot] === '.' && isTitlePeriod(text, dot)) {
      pending = current;
    } else {
      joined.push(current);
      pending = null;
    }
  }
  if (pending) joined.push(pending);
  return joined;
}

function trimSpaces(text: string, from: number, to: number): TextRange | null {
  while (from < to && /\s/u.test(text[from]!)) from++;
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  return from < to ? { start: from, end: to } : null;
}
