/**
 * Finding the mentions of a name in a text, for "annotate all occurrences": every place where
 * one of the given strings (a tagged span's text, an entity's name and aliases) occurs as whole
 * words. Pure and DOM-free, so the service runs it over a corpus and tests pin it down.
 *
 * What counts as a mention:
 * - It starts and ends at a word boundary as `Intl.Segmenter` (granularity 'word', UAX #29)
 *   finds them: "Comey" is found in "Comey," “Comey” and "anti-Comey", not in "Comeyism".
 * - One English exception: a name may be followed by "'s" / "’s" ("Comey’s testimony"), which
 *   UAX #29 makes one word with the name; the match still ends before the apostrophe.
 * - Any run of horizontal whitespace in a needle matches any run of horizontal whitespace in the
 *   text, so "James Comey" finds "James\u00a0Comey" (news text keeps its non-breaking spaces);
 *   a line break never does. A straight apostrophe matches a curly one and vice versa.
 * - Case-sensitive unless asked otherwise; case-insensitive matching uses Unicode simple case
 *   folding (the `iu` flags), which never changes a match's length.
 * - Where mentions of different needles overlap ("James Comey" and "Comey"), the longest wins.
 *
 * Offsets are UTF-16 code units into `text`, half-open, like every offset in the app.
 */

/** At most this many suggestions are listed for one search: nobody reviews more one by one. */
export const MAX_SUGGESTIONS = 2000;

export interface Occurrence {
  /** UTF-16 offsets, half-open. */
  readonly start: number;
  readonly end: number;
  /** The needle (as given, trimmed) that matched here. */
  readonly needle: string;
}

export interface OccurrenceOptions {
  /** Exact case unless false. */
  readonly caseSensitive?: boolean;
}

/** A range already tagged: a mention inside one of the same label is not suggested again. */
export interface TaggedRange {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Every whole-word occurrence of any needle in `text`, in text order, never overlapping. */
export function findWholeWordOccurrences(
  text: string,
  needles: readonly string[],
  options: OccurrenceOptions = {},
): Occurrence[] {
  const boundaries = new LineWordBoundaries(text);
  const candidates: Occurrence[] = [];
  for (const needle of distinctNeedles(needles)) {
    const pattern = needlePattern(needle, options.caseSensitive ?? true);
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (boundaries.isBoundary(start) && endsWord(text, end, boundaries)) {
        candidates.push({ start, end, needle });
      }
      // Step one character, not past the match: a needle may recur overlapping itself.
      pattern.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
    }
  }
  return longestFirst(candidates);
}

/**
 * The occurrences not already tagged with `label`: one lying within a span of that label
 * (the same range, or a longer span such as "FBI director James Comey" around "James Comey")
 * is dropped. Spans of other labels do not count: a Claim around a name is not an Actor tag.
 */
export function untaggedOccurrences(
  occurrences: readonly Occurrence[],
  tagged: readonly TaggedRange[],
  label: string,
): Occurrence[] {
  const same = tagged.filter((t) => t.label === label);
  return occurrences.filter((o) => !same.some((t) => t.start <= o.start && o.end <= t.end));
}

/** Trimmed, non-empty, each once, in the order given. */
function distinctNeedles(needles: readonly string[]): string[] {
  return [...new Set(needles.map((n) => n.trim()).filter((n) => n.length > 0))];
}

/** Horizontal whitespace: JavaScript's `\s` without the line feed. */
const SPACE_RUN = '[^\\S\\n]+';
const APOSTROPHES = /['\u2019]/;

function needlePattern(needle: string, caseSensitive: boolean): RegExp {
  const words = needle
    .split(/\s+/)
    .map((word) =>
      [...word]
        .map((char) => (APOSTROPHES.test(char) ? "['\u2019]" : escapeForRegExp(char)))
        .join(''),
    );
  return new RegExp(words.join(SPACE_RUN), caseSensitive ? 'gu' : 'giu');
}

/** Escapes the syntax characters, the only ones a `u`-flag pattern allows to be escaped. */
function escapeForRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** A word boundary at `end`, or an English possessive "'s" followed by one. */
function endsWord(text: string, end: number, boundaries: LineWordBoundaries): boolean {
  if (boundaries.isBoundary(end)) return true;
  return (
    APOSTROPHES.test(text.charAt(end)) &&
    (text.charAt(end + 1) === 's' || text.charAt(end + 1) === 'S') &&
    boundaries.isBoundary(end + 2)
  );
}

/** Keeps the longest of overlapping occurrences (the earlier one on a tie), in text order. */
function longestFirst(candidates: Occurrence[]): Occurrence[] {
  const byLength = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Occurrence[] = [];
  for (const candidate of byLength) {
    if (!kept.some((k) => k.start < candidate.end && candidate.start < k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Word boundaries of `text`, segmented one line at a time and only where asked. A line feed is
 * a boundary on both sides whatever surrounds it (UAX #29, WB3a/WB3b), so a line's boundaries
 * are the same as in the whole text, and a document is segmented only where a needle matched —
 * the segmenter costs about 1 µs per segment, too much to spend on every line of a corpus.
 */
class LineWordBoundaries {
  /** Line start (UTF-16) → every boundary in that line, absolute offsets. */
  private readonly lines = new Map<number, Set<number>>();

  constructor(private readonly text: string) {}

  isBoundary(offset: number): boolean {
    if (offset <= 0 || offset >= this.text.length) return true;
    if (this.text.charAt(offset) === '\n' || this.text.charAt(offset - 1) === '\n') return true;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    let line = this.lines.get(lineStart);
    if (!line) {
      line = this.segment(lineStart);
      this.lines.set(lineStart, line);
    }
    return line.has(offset);
  }

  private segment(lineStart: number): Set<number> {
    const newline = this.text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? this.text.length : newline;
    wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
    const found = new Set<number>([lineEnd]);
    for (const { index } of wordSegmenter.segment(this.text.slice(lineStart, lineEnd))) {
      found.add(lineStart + index);
    }
    return found;
  }
}
